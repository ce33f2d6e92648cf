/**
 * The default target: the embedded emulator, started inside the test process on a free port
 * (through `src/aws/targets/embedded.ts`, the only product file allowed to load it). The lab
 * engine runs its first lab's selftest there, and the sandbox guard is exercised through the
 * `aws` target pointed at the emulator with AWS_ENDPOINT_URL.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { CreateBucketCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, openTarget, probeCapabilities, SandboxRefusedError, targetSettingsFromEnv, type Target } from '../../src/aws/index.ts';
import { findLab, selftestLab } from '../../src/labs/index.ts';

const emulatorPresent = existsSync(resolve(import.meta.dirname, '../../src/emulator/index.ts'));
if (!emulatorPresent) console.warn('[skipped] embedded target: src/emulator is not part of this build yet.');

describe.skipIf(!emulatorPresent)('embedded target (in-process emulator)', { timeout: 180_000 }, () => {
  let target: Target;
  beforeAll(async () => {
    target = await openTarget(targetSettingsFromEnv({ MLSEC_EMBEDDED: 'in-process' }));
  });
  afterAll(async () => {
    await target?.close();
  });

  it('starts on a free port and answers as an AWS account', async () => {
    expect(target.kind).toBe('embedded');
    expect(target.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(target.endpoint).not.toBe('http://127.0.0.1:4566');
    const aws = createAwsClients(target);
    expect((await aws.identity()).accountId).toMatch(/^\d{12}$/);
    const report = await probeCapabilities(aws, { services: ['s3', 'sts'], operations: ['s3:GetBucketPolicy'] });
    expect(report).toMatchObject({ available: true, method: 'health' });
    aws.destroy();
  });

  it('runs the first lab end to end: every service it needs (S3, S3 Control, KMS) is there', async () => {
    const lab = await findLab('exposed-training-data-bucket');
    const report = await selftestLab(lab, { openTarget: async () => ({ ...target, close: async () => {} }) });
    expect(report.unavailable).toBeUndefined();
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect(report.steps.map((s) => s.name)).toEqual(
      expect.arrayContaining(['setup', 'every task fails as designed', 'reference solution passes every task', 'teardown', 'no lab resource left (listing by run tag and prefix)']),
    );
    expect(report.ok).toBe(true);
  });

  it('attaches to an emulator that answers, and never starts a second one next to something else listening there', async () => {
    const attached = await openTarget(targetSettingsFromEnv({ MLSEC_ENDPOINT: target.endpoint!, MLSEC_EMBEDDED: 'auto' }));
    expect(attached.description.label).toBe(`embedded emulator at ${target.endpoint}`);
    await attached.close();
    const foreign = createServer((_req, res) => res.writeHead(404).end('not an emulator'));
    await new Promise<void>((ok) => foreign.listen(0, '127.0.0.1', () => ok()));
    const url = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
    try {
      await expect(openTarget(targetSettingsFromEnv({ MLSEC_ENDPOINT: url, MLSEC_EMBEDDED: 'auto' }))).rejects.toThrow(
        new RegExp(`Something listens at ${url.replace(/\./g, '\\.')} but does not answer as an emulator`),
      );
    } finally {
      foreign.close();
    }
  });

  it('guards the aws target when AWS_ENDPOINT_URL points at the emulator', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    try {
      const env = { MLSEC_TARGET: 'aws', AWS_ENDPOINT_URL: target.endpoint!, AWS_REGION: 'us-east-1', MLSEC_ALLOWED_REGIONS: 'us-east-1' };
      const refused = createAwsClients(await openTarget(targetSettingsFromEnv({ ...env, MLSEC_ALLOWED_ACCOUNTS: '111122223333' })));
      const error = await (await refused.client('s3')).send(new CreateBucketCommand({ Bucket: 'mlsec-embedded-guard' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SandboxRefusedError);
      refused.destroy();
      const local = createAwsClients(target);
      const account = (await local.identity()).accountId;
      expect(((await (await local.client('s3')).send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name)).not.toContain('mlsec-embedded-guard');
      const allowed = createAwsClients(await openTarget(targetSettingsFromEnv({ ...env, MLSEC_ALLOWED_ACCOUNTS: account })));
      expect((await allowed.identity()).accountId).toBe(account);
      allowed.destroy();
      local.destroy();
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });
});
