/**
 * Framework seams CloudTrail brought: a service's `attach(host)` (record hooks that see every call,
 * an attachment its handlers reach with ctx.attachment(), flush/reset/status driven by the
 * emulator), X-Amz-Target prefix aliases, the Host header on calls, and `@sensitive` traits that
 * sit on wrapped simple shapes.
 */
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceModel } from '../../../src/emulator/schema/service-model.ts';
import { BUILTIN_SERVICES, type Call, defineService, type RunningEmulator } from '../../../src/emulator/index.ts';
import type { ServiceHost } from '../../../src/emulator/services/service-host.ts';
import { clientConfig, emulator } from './support.ts';

const calls: Call[] = [];
const lifecycle: string[] = [];
let host: ServiceHost | undefined;

const watcher = defineService({
  id: 'secretsmanager',
  title: 'Secrets Manager (test provider with an attachment)',
  signingName: 'secretsmanager',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2017-10-17', targetPrefix: 'secretsmanager', targetPrefixAliases: ['legacy.secretsmanager'] },
  loadModel: () => import('@aws-sdk/client-secrets-manager') as Promise<Record<string, unknown>>,
  handlers: {
    GetSecretValue(input: { SecretId?: string }, ctx) {
      const seen = ctx.attachment<{ count(): number }>()!.count();
      return { Name: input.SecretId, SecretString: `calls seen before this one: ${seen}` };
    },
  },
  attach(h) {
    host = h;
    h.addRecorder((call) => calls.push(call as Call));
    return {
      api: { count: () => calls.length },
      flush: async () => void lifecycle.push('flush'),
      reset: (accountId) => void lifecycle.push(`reset:${accountId ?? 'all'}`),
      status: () => ({ seen: calls.length }),
    };
  },
});

describe('service attachments', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulator({ services: [BUILTIN_SERVICES.find((s) => s.id === 'sts')!, watcher], serviceSettings: { secretsmanager: { answer: 42 } } });
  });
  afterAll(async () => emu.stop());

  it('sees every call with its outcome and gives handlers the attachment', async () => {
    await new STSClient(clientConfig(emu.url)).send(new GetCallerIdentityCommand({}));
    const secret = await new SecretsManagerClient(clientConfig(emu.url)).send(new GetSecretValueCommand({ SecretId: 'db' }));
    expect(secret.SecretString).toBe('calls seen before this one: 1');
    expect(calls.map((c) => `${c.service}:${c.operation}:${c.status}`)).toEqual(['sts:GetCallerIdentity:200', 'secretsmanager:GetSecretValue:200']);
    expect(calls[1]!.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(host!.settings).toEqual({ answer: 42 });
    expect(host!.service('sts')?.api?.has('GetCallerIdentity')).toBe(true);
  });

  it('routes X-Amz-Target prefix aliases to the same service', async () => {
    const response = await fetch(emu.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'legacy.secretsmanager.GetSecretValue', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0' },
      body: JSON.stringify({ SecretId: 'alias' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { Name: string }).Name).toBe('alias');
    const wrong = await fetch(emu.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'other.GetSecretValue', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0' }, body: '{}' });
    expect(wrong.status).toBe(400);
  });

  it('is flushed, reset and reported by the emulator', async () => {
    lifecycle.length = 0;
    await emu.flush();
    await emu.reset('123456789012');
    await emu.reset();
    expect(lifecycle).toEqual(['flush', 'reset:123456789012', 'reset:all']);
    const status = (await (await fetch(`${emu.url}/_mlsec/status`)).json()) as { extensions: Record<string, unknown> };
    expect(status.extensions.secretsmanager).toEqual({ seen: calls.length });
  });

  it('serves CloudTrail to both of its client spellings', async () => {
    const full = await emulator();
    try {
      // The JavaScript SDK sends `CloudTrail_20131101.<Operation>` …
      expect((await new CloudTrailClient(clientConfig(full.url)).send(new DescribeTrailsCommand({}))).trailList).toEqual([]);
      // … botocore (the AWS CLI, boto3) the namespaced `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.<Operation>`.
      const response = await fetch(full.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/cloudtrail/aws4_request, SignedHeaders=host, Signature=0' },
        body: '{}',
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ trailList: [] });
    } finally {
      await full.stop();
    }
  });
});

describe('sensitive traits', () => {
  it('marks members whose type is a sensitive wrapped shape', async () => {
    const model = new ServiceModel((await import('@aws-sdk/client-secrets-manager')) as Record<string, unknown>);
    const create = model.operation('CreateSecret').input;
    expect(create.byName.SecretString!.traits.sensitive).toBe(true);
    expect(create.byName.SecretBinary!.traits.sensitive).toBe(true);
    expect(create.byName.Name!.traits.sensitive).toBeUndefined();
    expect(create.byName.SecretString!.shape.type).toBe('string');
    const iam = new ServiceModel((await import('@aws-sdk/client-iam')) as Record<string, unknown>);
    const key = iam.operation('CreateAccessKey').output.byName.AccessKey!.shape;
    expect(key.type === 'structure' && key.byName.SecretAccessKey!.traits.sensitive).toBe(true);
  });
});
