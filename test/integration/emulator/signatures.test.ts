/**
 * Strict mode (MLSEC_EMULATOR_VERIFY_SIGNATURES=1): only issued keys, and every SigV4 form is
 * verified — header signatures (all protocols), S3's UNSIGNED-PAYLOAD and streaming uploads as the
 * SDK sends them, signed aws-chunked chunks, and presigned URLs.
 */
import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsServiceError, defineService, type RootCredentials, type RunningEmulator } from '../../../src/emulator/index.ts';
import { BUILTIN_SERVICES } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const objects = new Map<string, Buffer>();
const miniS3 = defineService({
  id: 's3',
  title: 'S3 (test provider)',
  signingName: 's3',
  protocol: 'restXml',
  restXml: { s3Addressing: true },
  wire: { apiVersion: '2006-03-01', xmlNamespace: 'http://s3.amazonaws.com/doc/2006-03-01/' },
  loadModel: () => import('@aws-sdk/client-s3') as Promise<Record<string, unknown>>,
  handlers: {
    PutObject: (input: any) => {
      objects.set(`${input.Bucket}/${input.Key}`, input.Body);
      return {};
    },
    GetObject: (input: any) => {
      const body = objects.get(`${input.Bucket}/${input.Key}`);
      if (!body) throw new AwsServiceError('NoSuchKey', 'The specified key does not exist.');
      return { Body: body, ContentLength: body.length };
    },
  },
});

describe('SigV4 verification (strict mode)', () => {
  let emu: RunningEmulator;
  let root: RootCredentials;
  beforeAll(async () => {
    emu = await emulator({ verifySignatures: true, services: [...BUILTIN_SERVICES, miniS3] });
    root = emu.createAccount('123456789012');
  });
  afterAll(async () => emu.stop());

  const keys = () => ({ accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey });

  it('accepts correctly signed requests from issued keys', async () => {
    const who = await new STSClient(clientConfig(emu.url, keys())).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' });
  });

  it('refuses a wrong secret, an unknown key and an unsigned request', async () => {
    const wrong = await awsError(() => new STSClient(clientConfig(emu.url, { ...keys(), secretAccessKey: 'not-the-secret' })).send(new GetCallerIdentityCommand({})));
    expect(wrong.name).toBe('SignatureDoesNotMatch');
    expect(wrong.$metadata.httpStatusCode).toBe(403);
    const unknown = await awsError(() => new STSClient(clientConfig(emu.url, { accessKeyId: '123456789012', secretAccessKey: 'x' })).send(new GetCallerIdentityCommand({})));
    expect(unknown.name).toBe('InvalidClientTokenId');
    expect(unknown.$metadata.httpStatusCode).toBe(403);
    const s3 = await awsError(() => new S3Client({ ...clientConfig(emu.url, { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }), forcePathStyle: true }).send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })));
    expect(s3.name).toBe('InvalidAccessKeyId');
    const unsigned = await fetch(`${emu.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('verifies temporary credentials together with their session token', async () => {
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' }] });
    await new IAMClient(clientConfig(emu.url, keys())).send(new CreateRoleCommand({ RoleName: 'R', AssumeRolePolicyDocument: trust }));
    const { Credentials: c } = await new STSClient(clientConfig(emu.url, keys())).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/R', RoleSessionName: 'strict' }));
    const good = await new STSClient(clientConfig(emu.url, { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! })).send(new GetCallerIdentityCommand({}));
    expect(good.Arn).toBe('arn:aws:sts::123456789012:assumed-role/R/strict');
    const noToken = await awsError(() => new STSClient(clientConfig(emu.url, { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey! })).send(new GetCallerIdentityCommand({})));
    expect(noToken.name).toBe('InvalidClientTokenId');
  });

  it('verifies S3 uploads with signed payloads and with streaming, unsigned-trailer payloads', async () => {
    const s3 = new S3Client({ ...clientConfig(emu.url, keys()), forcePathStyle: true });
    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'signed.txt', Body: 'signed body' }));
    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'streamed.txt', Body: Readable.from([Buffer.from('streamed '), Buffer.from('body')]), ContentLength: 13 }));
    expect(objects.get('b/signed.txt')?.toString()).toBe('signed body');
    expect(objects.get('b/streamed.txt')?.toString()).toBe('streamed body');
  });

  it('verifies every chunk signature of STREAMING-AWS4-HMAC-SHA256-PAYLOAD uploads', async () => {
    const upload = async (tamper: boolean) => {
      const chunks = [Buffer.from('a'.repeat(70)), Buffer.from('tail')];
      const decodedLength = chunks.reduce((n, c) => n + c.length, 0);
      const host = new URL(emu.url).host;
      const request = new HttpRequest({
        method: 'PUT', protocol: 'http:', hostname: '127.0.0.1', port: emu.port, path: '/b/chunked.txt',
        headers: { host, 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(decodedLength) },
      });
      const signer = new SignatureV4({ credentials: keys(), region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });
      const signed = await signer.sign(request);
      const seed = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization!)![1]!;
      const amzDate = signed.headers['x-amz-date']!;
      const scope = `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`;
      const kDate = createHmac('sha256', `AWS4${root.secretAccessKey}`).update(amzDate.slice(0, 8)).digest();
      const key = createHmac('sha256', createHmac('sha256', createHmac('sha256', kDate).update('us-east-1').digest()).update('s3').digest()).update('aws4_request').digest();
      const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
      let previous = seed;
      const parts: Buffer[] = [];
      for (const data of [...chunks, Buffer.alloc(0)]) {
        const sig = createHmac('sha256', key).update(`AWS4-HMAC-SHA256-PAYLOAD\n${amzDate}\n${scope}\n${previous}\n${sha('')}\n${sha(data)}`).digest('hex');
        previous = sig;
        const sent = tamper && data.length === 4 ? Buffer.from('TAIL') : data;
        parts.push(Buffer.from(`${data.length.toString(16)};chunk-signature=${sig}\r\n`), sent, Buffer.from('\r\n'));
      }
      const body = Buffer.concat(parts);
      return fetch(`${emu.url}/b/chunked.txt`, { method: 'PUT', headers: { ...signed.headers, 'content-length': String(body.length) }, body });
    };
    const ok = await upload(false);
    expect(ok.status).toBe(200);
    expect(objects.get('b/chunked.txt')?.toString()).toBe(`${'a'.repeat(70)}tail`);
    const bad = await upload(true);
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('verifies presigned URLs and refuses tampered or expired ones', async () => {
    objects.set('b/shared.txt', Buffer.from('presigned content'));
    const signer = new SignatureV4({ credentials: keys(), region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });
    const presign = (expiresIn: number, signingDate?: Date) =>
      signer.presign(new HttpRequest({ method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port: emu.port, path: '/b/shared.txt', headers: { host: new URL(emu.url).host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }), { expiresIn, signingDate, unsignableHeaders: new Set(['x-amz-content-sha256']) });
    const url = (r: { path: string; query?: Record<string, unknown> }) => `${emu.url}${r.path}?${new URLSearchParams(r.query as Record<string, string>).toString().replace(/\+/g, '%20')}`;
    const good = await fetch(url(await presign(300)));
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('presigned content');
    const tampered = await presign(300);
    tampered.path = '/b/other.txt';
    expect((await fetch(url(tampered))).status).toBe(403);
    const expired = await fetch(url(await presign(60, new Date(Date.now() - 3_600_000))));
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });
});
