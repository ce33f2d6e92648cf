/**
 * The learners' explanation route (GET /_mlsec/explain) and aws:SecureTransport over the HTTPS the
 * edge serves on the same port: a TLS-only bucket policy lets HTTPS calls through and denies plain
 * HTTP, as on AWS — and the explanation names the statement that decided.
 */
import { Agent } from 'node:https';
import { CreateBucketCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { ACCOUNT_A, as, denied, doc, enforcing, rootOf, userWith, type Credentials } from './enforcement-support.ts';
import { emulator } from './support.ts';

const BUCKET = 'tls-only-training-data';

interface ExplainJson {
  enforcement: 'on' | 'off';
  message?: string;
  error?: string;
  decisions: {
    requestId: string;
    operation: string;
    secure: boolean;
    decision: string;
    principal: { arn: string; accessKeyId?: string };
    evaluations: { action: string; resource: string; decision: string; decidedBy: string; message?: string; matchedStatements: { policyType: string; policyName: string; sid?: string; effect: string }[]; context: Record<string, unknown> }[];
  }[];
}

describe('IAM enforcement: /_mlsec/explain and aws:SecureTransport over HTTPS', () => {
  let emu: RunningEmulator;
  let scientist: Credentials;
  let overHttps: S3Client;
  let overHttp: S3Client;

  const explain = async (query: string, accept = 'application/json') => {
    const response = await fetch(`${emu.url}/_mlsec/explain?${query}`, { headers: { accept } });
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
  };

  beforeAll(async () => {
    emu = await enforcing();
    const owner = new S3Client(as(emu, rootOf(ACCOUNT_A)));
    await owner.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'train.csv', Body: 'label,f1\n1,0.5\n' }));
    await owner.send(new PutBucketPolicyCommand({
      Bucket: BUCKET,
      Policy: doc({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    }));
    scientist = await userWith(emu, ACCOUNT_A, 'data-scientist', { ReadTrainingData: doc({ Sid: 'ReadTrainingData', Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }) });
    const httpsHandler = new NodeHttpHandler({ httpsAgent: new Agent({ ca: emu.caCertificate }) });
    overHttps = new S3Client({ ...as(emu, scientist), endpoint: emu.httpsUrl, requestHandler: httpsHandler });
    overHttp = new S3Client(as(emu, scientist));
  });
  afterAll(() => emu.stop());

  it('serves HTTPS on the same port, with a certificate from the emulator’s CA', () => {
    expect(emu.httpsUrl).toBe(emu.url.replace('http://', 'https://'));
    expect(emu.caCertificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('reports enforcement and HTTPS among the health report’s features, for clients that need them', async () => {
    const health = (await (await fetch(`${emu.url}/_localstack/health`)).json()) as { features: Record<string, string> };
    expect(health.features).toEqual({ iamEnforcement: 'enabled', scpEnforcement: 'enabled', persistence: 'disabled', https: 'enabled' });
  });

  it('allows the read over HTTPS and denies it over plain HTTP, naming the resource-based policy', async () => {
    const object = await overHttps.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' }));
    expect(await object.Body!.transformToString()).toBe('label,f1\n1,0.5\n');
    const error = await denied(() => overHttp.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' })));
    expect(error.name).toBe('AccessDenied');
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toBe(`User: arn:aws:iam::${ACCOUNT_A}:user/data-scientist is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::${BUCKET}/train.csv" with an explicit deny in a resource-based policy`);
  });

  it('explains one call by its request id: decision, the statement that decided, and the request context', async () => {
    const error = await denied(() => overHttp.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' })));
    const requestId = error.$metadata.requestId!;
    expect(requestId).toBeTruthy();
    const answer = await explain(`requestId=${encodeURIComponent(requestId)}`);
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as ExplainJson;
    expect(body.enforcement).toBe('on');
    const [record] = body.decisions;
    expect(record).toMatchObject({ requestId, operation: 'GetObject', secure: false, decision: 'explicitDeny', principal: { arn: `arn:aws:iam::${ACCOUNT_A}:user/data-scientist`, accessKeyId: scientist.accessKeyId } });
    const evaluation = record!.evaluations[0]!;
    expect(evaluation).toMatchObject({ action: 's3:GetObject', resource: `arn:aws:s3:::${BUCKET}/train.csv`, decision: 'explicitDeny', decidedBy: 'resource-based policy', message: error.message });
    expect(evaluation.context['aws:SecureTransport']).toBe(false);
    expect(evaluation.matchedStatements).toEqual(expect.arrayContaining([
      expect.objectContaining({ policyType: 'resource', sid: 'DenyInsecureTransport', effect: 'Deny' }),
      expect.objectContaining({ policyType: 'identity', policyName: 'ReadTrainingData', sid: 'ReadTrainingData', effect: 'Allow' }),
    ]));

    const text = await explain(`requestId=${encodeURIComponent(requestId)}&format=text`);
    expect(text.type).toMatch(/^text\/plain/);
    expect(text.body).toContain(`s3 GetObject by arn:aws:iam::${ACCOUNT_A}:user/data-scientist (access key ${scientist.accessKeyId})`);
    expect(text.body).toContain('over plain HTTP');
    expect(text.body).toContain('DENIED (explicit deny)');
    expect(text.body).toMatch(/Deny\s+resource-based policy: .*statement "DenyInsecureTransport" \(#0\)/);
  });

  it('lists recent decisions by access key, denials only on request, newest first', async () => {
    await overHttps.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' }));
    await denied(() => overHttps.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'planted.csv', Body: 'x' })));
    const all = JSON.parse((await explain(`accessKeyId=${scientist.accessKeyId}&limit=2`)).body) as ExplainJson;
    expect(all.decisions.map((d) => [d.operation, d.decision, d.secure])).toEqual([['PutObject', 'implicitDeny', true], ['GetObject', 'allowed', true]]);
    expect(all.decisions[0]!.evaluations[0]!.message).toBe(`User: arn:aws:iam::${ACCOUNT_A}:user/data-scientist is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${BUCKET}/planted.csv" because no identity-based policy allows the s3:PutObject action`);
    const deniedOnly = JSON.parse((await explain(`account=${ACCOUNT_A}&denied=1&limit=50`)).body) as ExplainJson;
    expect(deniedOnly.decisions.length).toBeGreaterThanOrEqual(3);
    expect(deniedOnly.decisions.every((d) => d.decision !== 'allowed')).toBe(true);
  });

  it('refuses bad parameters and unknown request ids with a reason', async () => {
    expect(await explain('account=12345')).toMatchObject({ status: 400, body: expect.stringContaining('not a 12-digit AWS account id') });
    expect(await explain('limit=0')).toMatchObject({ status: 400, body: expect.stringContaining('whole number from 1 to 500') });
    expect(await explain('requestId=no-such-request')).toMatchObject({ status: 404, body: expect.stringContaining('No decision is recorded for request no-such-request') });
    const post = await fetch(`${emu.url}/_mlsec/explain`, { method: 'POST' });
    expect(post.status).toBe(405);
    await post.text();
  });

  it('says how to turn enforcement on when it is off', async () => {
    const open = await emulator();
    try {
      await new STSClient(as(open, rootOf(ACCOUNT_A))).send(new GetCallerIdentityCommand({}));
      const response = await fetch(`${open.url}/_mlsec/explain`);
      const body = (await response.json()) as ExplainJson;
      expect(body).toMatchObject({ enforcement: 'off', decisions: [] });
      expect(body.message).toContain('MLSEC_EMULATOR_ENFORCE_IAM=1');
      const health = (await (await fetch(`${open.url}/_localstack/health`)).json()) as { features: Record<string, string> };
      expect(health.features).toMatchObject({ iamEnforcement: 'disabled', scpEnforcement: 'disabled' });
    } finally {
      await open.stop();
    }
  });
});
