/** The edge: LocalStack health, CORS for browser SDKs, unknown services, body limits, admin routes. */
import { CreateRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { startEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('edge', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await emulator({ maxBodyBytes: 4096, bodyIdleTimeoutMs: 300 }); });
  afterAll(async () => emu.stop());

  it('answers GET and HEAD /_localstack/health in LocalStack format', async () => {
    const res = await fetch(`${emu.url}/_localstack/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ edition: 'mlsec-sim', version: expect.any(String) });
    expect(body.services.sts).toMatch(/^(available|running)$/);
    expect(body.services.iam).toMatch(/^(available|running)$/);
    await new STSClient(clientConfig(emu.url)).send(new GetCallerIdentityCommand({}));
    expect((await (await fetch(`${emu.url}/_localstack/health`)).json()).services.sts).toBe('running');
    const head = await fetch(`${emu.url}/_localstack/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('answers CORS preflights and exposes AWS headers', async () => {
    const pre = await fetch(`${emu.url}/`, { method: 'OPTIONS', headers: { origin: 'http://localhost:4321', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-amz-date,content-type' } });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:4321');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization,x-amz-date,content-type');
    const res = await fetch(`${emu.url}/_localstack/health`, { headers: { origin: 'http://localhost:4321' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:4321');
    expect(res.headers.get('access-control-expose-headers')).toContain('x-amzn-requestid');
  });

  it('answers a service it does not emulate with a clear 501', async () => {
    // Amazon Comprehend: a JSON service signed for its own name, which the emulator does not serve.
    const res = await fetch(`${emu.url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Comprehend_20171127.DetectSentiment',
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/comprehend/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: '{"Text":"great model","LanguageCode":"en"}',
    });
    expect(res.status).toBe(501);
    expect(await res.text()).toContain("Service 'comprehend' is not emulated");
  });

  it('refuses oversized bodies with the protocol error and keeps serving', async () => {
    const iam = new IAMClient(clientConfig(emu.url));
    const error = await awsError(() => iam.send(new CreateRoleCommand({ RoleName: 'big', AssumeRolePolicyDocument: trust, Description: 'x'.repeat(8000) })));
    expect(error.$metadata.httpStatusCode).toBe(413);
    expect(error.name).toBe('RequestEntityTooLarge');
    expect((await iam.send(new ListRolesCommand({}))).Roles).toBeDefined();
  });

  it('answers a body that stops short of its Content-Length with RequestTimeout and closes the connection', async () => {
    /** Sends a request over a raw socket that declares 100 bytes and sends 10; resolves with all the server wrote before closing. */
    const stall = (head: string) => new Promise<string>((resolve, reject) => {
      const { port } = new URL(emu.url);
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(`${head}\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789`));
      let text = '';
      socket.on('data', (chunk) => { text += chunk.toString(); });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      setTimeout(() => { socket.destroy(); reject(new Error(`no answer and the connection stayed open; got: ${text}`)); }, 10_000).unref();
    });
    const s3 = await stall('PUT /stalled-bucket/key HTTP/1.1\r\nAuthorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00');
    expect(s3).toMatch(/^HTTP\/1\.1 400 /);
    expect(s3.toLowerCase()).toContain('connection: close');
    expect(s3).toContain('<Code>RequestTimeout</Code><Message>Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.</Message>');
    const kms = await stall('POST / HTTP/1.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: TrentService.ListKeys\r\nAuthorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=00');
    expect(kms).toMatch(/^HTTP\/1\.1 408 /);
    expect(kms).toContain('"__type":"RequestTimeoutException"');
    expect(kms).toContain('stopped after 10 of the 100 bytes');
    expect((await new STSClient(clientConfig(emu.url)).send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
  });

  it('resets one account or all over POST /_mlsec/reset', async () => {
    const a = new IAMClient(clientConfig(emu.url, { accessKeyId: '123456789012', secretAccessKey: 'x' }));
    const b = new IAMClient(clientConfig(emu.url, { accessKeyId: '210987654321', secretAccessKey: 'x' }));
    await a.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await b.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    const res = await fetch(`${emu.url}/_mlsec/reset?account=123456789012`, { method: 'POST' });
    expect(await res.json()).toEqual({ reset: ['123456789012'] });
    expect((await a.send(new ListRolesCommand({}))).Roles).toEqual([]);
    expect((await b.send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName)).toEqual(['r']);
    const bad = await fetch(`${emu.url}/_mlsec/reset?account=abc`, { method: 'POST' });
    expect(bad.status).toBe(400);
    await fetch(`${emu.url}/_mlsec/reset`, { method: 'POST' });
    expect((await b.send(new ListRolesCommand({}))).Roles).toEqual([]);
  });

  it('requires the admin token on /_mlsec routes when one is configured', async () => {
    const guarded = await startEmulator({ port: 0, warmUp: false, log: () => {}, adminToken: 's3cret' });
    try {
      expect((await fetch(`${guarded.url}/_mlsec/reset`, { method: 'POST' })).status).toBe(401);
      expect((await fetch(`${guarded.url}/_mlsec/reset`, { method: 'POST', headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
      expect((await fetch(`${guarded.url}/_localstack/health`)).status).toBe(200);
    } finally {
      await guarded.stop();
    }
  });

  it('reports a clear error when the port is taken', async () => {
    await expect(startEmulator({ port: emu.port, warmUp: false, log: () => {} })).rejects.toThrow(/already in use/);
  });
});
