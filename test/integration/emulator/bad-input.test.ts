/**
 * Bad input gets AWS's codes, statuses and message shapes — and the process never crashes nor leaks
 * a stack trace, whatever arrives (a fast-check stream of hostile requests).
 */
import { AttachRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const auth = (service: string, region = 'us-east-1') => `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=abc`;

describe('bad input', () => {
  let emu: RunningEmulator;
  const logs: string[] = [];
  beforeAll(async () => {
    emu = await emulator({ maxBodyBytes: 1024 * 1024, log: (m) => logs.push(m) });
  });
  afterAll(async () => emu.stop());

  const post = (body: string, headers: Record<string, string>) => fetch(`${emu.url}/`, { method: 'POST', headers, body });

  it('query: missing Action, unknown action, missing and mistyped parameters', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('iam') };
    const noAction = await post('Version=2010-05-08', form);
    expect(noAction.status).toBe(400);
    expect(await noAction.text()).toMatch(/<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>MissingAction<\/Code>/);
    const unknown = await post('Action=MakeMeAdmin&Version=2010-05-08', form);
    expect(await unknown.text()).toContain('<Message>Could not find operation MakeMeAdmin for version 2010-05-08</Message>');
    const missing = await post('Action=CreateRole&Version=2010-05-08&RoleName=x', form);
    expect(missing.status).toBe(400);
    const missingText = await missing.text();
    expect(missingText).toContain('<Code>ValidationError</Code>');
    expect(missingText).toContain("Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null");
    const mistyped = await post('Action=ListRoles&Version=2010-05-08&MaxItems=lots', form);
    expect(await mistyped.text()).toContain("Value 'lots' at 'maxItems' failed to satisfy constraint: Member must be a number");
  });

  it('invalid ARNs answer as AWS does', async () => {
    const iam = new IAMClient(clientConfig(emu.url));
    const attach = await awsError(() => iam.send(new AttachRolePolicyCommand({ RoleName: 'x', PolicyArn: 'not-an-arn' })));
    expect(attach.name).toBe('NoSuchEntityException');
    const sts = new STSClient(clientConfig(emu.url));
    const assume = await awsError(() => sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:s3:::not-a-role-bucket', RoleSessionName: 'abc' })));
    expect(assume.name).toBe('ValidationError');
    expect(assume.message).toBe('arn:aws:s3:::not-a-role-bucket is invalid');
  });

  it('S3: malformed XML, unknown subresources and HEAD errors', async () => {
    const s3 = { authorization: auth('s3') };
    await fetch(`${emu.url}/bad-input-bucket`, { method: 'PUT', headers: s3 });
    const xml = await fetch(`${emu.url}/bad-input-bucket?versioning`, { method: 'PUT', headers: s3, body: '<VersioningConfiguration><Status>Enabled</Status>' });
    expect(xml.status).toBe(400);
    expect(await xml.text()).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><Error><Code>MalformedXML<\/Code><Message>[^<]+<\/Message><RequestId>[^<]+<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/);
    const wrongRoot = await fetch(`${emu.url}/bad-input-bucket?versioning`, { method: 'PUT', headers: s3, body: '<Foo><Status>Enabled</Status></Foo>' });
    expect((await wrongRoot.text())).toContain('MalformedXML');
    const status = await fetch(`${emu.url}/bad-input-bucket?versioning`, { method: 'PUT', headers: s3, body: '<VersioningConfiguration><Status>Sometimes</Status></VersioningConfiguration>' });
    expect(status.status).toBe(400);
    const method = await fetch(`${emu.url}/bad-input-bucket?policy`, { method: 'POST', headers: s3 });
    expect(method.status).toBe(405);
    const head = await fetch(`${emu.url}/missing-bucket-x/key`, { method: 'HEAD', headers: s3 });
    expect(head.status).toBe(404);
    expect(await head.text()).toBe('');
    const dtd = await fetch(`${emu.url}/bad-input-bucket?tagging`, { method: 'PUT', headers: s3, body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><Tagging><TagSet/></Tagging>' });
    expect(await dtd.text()).toContain('MalformedXML');
  });

  it('JSON: requests for a service that is not emulated and unknown targets', async () => {
    // Amazon Comprehend: a JSON service nobody emulates here (KMS, the earlier example, now is).
    const comprehend = await post('{}', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Comprehend_20171127.DetectSentiment' });
    expect(comprehend.status).toBe(501);
    expect(await comprehend.json()).toEqual({ __type: 'InternalFailure', message: expect.stringContaining("Service 'Comprehend_20171127' is not emulated") });
  });

  it('oversized bodies: S3 EntityTooLarge; the connection stays usable', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 1);
    const res = await fetch(`${emu.url}/bad-input-bucket/big.bin`, { method: 'PUT', headers: { authorization: auth('s3') }, body: big });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>EntityTooLarge</Code>');
    expect((await fetch(`${emu.url}/_localstack/health`)).status).toBe(200);
  });

  it('survives a stream of hostile requests without a 500 or a stack trace', async () => {
    const services = ['s3', 'iam', 'sts', 'kms', 'ec2', 'nosuch', ''];
    const request = fc.record({
      method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH'),
      path: fc.oneof(fc.constantFrom('/', '/b', '/bad-input-bucket', '/bad-input-bucket/k', '/bad-input-bucket/a%2Fb', '/v20180820/configuration/publicAccessBlock', '/%E0%A4%A', '/_mlsec/nope', '/bad-input-bucket/%'), fc.webPath()),
      query: fc.oneof(fc.constant(''), fc.constantFrom('acl', 'policy', 'tagging', 'versioning', 'list-type=2', 'uploads', 'x-id=GetObject', 'versionId=zzz', 'max-keys=-1', 'Action=CreateRole', 'Action=AssumeRole&RoleArn=x'), fc.webQueryParameters()),
      service: fc.constantFrom(...services),
      contentType: fc.constantFrom('application/x-www-form-urlencoded', 'application/x-amz-json-1.1', 'application/xml', 'text/plain', ''),
      target: fc.option(fc.constantFrom('TrentService.ListKeys', 'secretsmanager.ListSecrets', 'x', '.'), { nil: undefined }),
      body: fc.oneof(fc.constant(''), fc.string({ maxLength: 300 }), fc.json({ maxDepth: 3 }), fc.constantFrom('Action=CreateRole&RoleName=x&AssumeRolePolicyDocument=%7B', '<a><b>', '<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>', 'c\r\nhello\r\n0\r\n\r\n')),
      chunked: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = {};
        if (r.service) headers.authorization = auth(r.service);
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.target) headers['x-amz-target'] = r.target;
        if (r.chunked) headers['x-amz-content-sha256'] = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
        const url = `${emu.url}${r.path.startsWith('/') ? r.path : `/${r.path}`}${r.query ? `?${r.query.replace(/^\?/, '')}` : ''}`;
        const res = await fetch(url, { method: r.method, headers, body: r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body });
        const text = await res.text();
        expect(res.status, `${r.method} ${url}`).toBeGreaterThanOrEqual(200);
        expect(res.status, `${r.method} ${url} → ${text}`).not.toBe(500);
        expect(text).not.toMatch(/\n\s+at |\.ts:\d+/);
      }),
      { numRuns: 400 },
    );
    expect((await fetch(`${emu.url}/_localstack/health`)).status).toBe(200);
    expect(logs.filter((l) => l.includes('internal error'))).toEqual([]);
  });
});
