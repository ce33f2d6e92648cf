/**
 * Lab requirements beyond services (`requires: ['scp-enforcement']`), probed in preflight on each
 * kind of target through the real SDK over HTTP: only an embedded emulator with IAM enforcement on
 * meets it; an embedded emulator without enforcement, LocalStack, any other endpoint and a real AWS
 * account are unavailable, each with a reason that says what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, openTarget, probeCapabilities, targetSettingsFromEnv, type Target } from '../../src/aws/index.ts';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';

const needs = { services: ['organizations', 'sagemaker'], operations: ['organizations:ListRoots'], requires: ['scp-enforcement'] as const };

async function reportOn(target: Target) {
  const aws = createAwsClients(target);
  try {
    return await probeCapabilities(aws, needs);
  } finally {
    aws.destroy();
    await target.close();
  }
}

describe('lab requirements: scp-enforcement', { timeout: 60_000 }, () => {
  let enforcing: RunningEmulator;
  let open: RunningEmulator;
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'testing';
    process.env.AWS_SECRET_ACCESS_KEY = 'testing';
    [enforcing, open] = await Promise.all([
      startEmulator({ port: 0, host: '127.0.0.1', warmUp: false, log: () => {}, enforceIam: true }),
      startEmulator({ port: 0, host: '127.0.0.1', warmUp: false, log: () => {} }),
    ]);
  });
  afterAll(async () => {
    for (const [k, v] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await Promise.all([enforcing?.stop(), open?.stop()]);
  });
  const url = (emu: RunningEmulator) => emu.url.replace(/\/$/, '');
  const embedded = (emu: RunningEmulator) => openTarget(targetSettingsFromEnv({ MLSEC_TARGET: 'embedded', MLSEC_EMBEDDED: 'attach', MLSEC_ENDPOINT: url(emu) }));

  it('is met by an embedded emulator with enforcement on', async () => {
    const report = await reportOn(await embedded(enforcing));
    expect(report).toMatchObject({ available: true, missing: [] });
  });

  it('is not met by an embedded emulator without enforcement, and says how to turn it on', async () => {
    const report = await reportOn(await embedded(open));
    expect(report.available).toBe(false);
    expect(report.missing).toHaveLength(1);
    expect(report.missing[0]!.need).toBe('scp-enforcement');
    expect(report.missing[0]!.reason).toMatch(/does not enforce IAM policies and SCPs; start the emulator with MLSEC_EMULATOR_ENFORCE_IAM=1/);
  });

  it('is not met by an in-process embedded emulator unless it is started with enforceIam', async () => {
    const settings = targetSettingsFromEnv({ MLSEC_TARGET: 'embedded', MLSEC_EMBEDDED: 'in-process' });
    expect((await reportOn(await openTarget(settings))).available).toBe(false);
    expect((await reportOn(await openTarget(settings, { enforceIam: true }))).available).toBe(true);
  });

  it('is not met by LocalStack or any other endpoint, even one that enforces (they are not known to)', async () => {
    for (const kind of ['localstack', 'endpoint']) {
      const report = await reportOn(await openTarget(targetSettingsFromEnv({ MLSEC_TARGET: kind, MLSEC_ENDPOINT: url(enforcing) })));
      expect(report.available).toBe(false);
      expect(report.missing.map((m) => m.need)).toEqual(['scp-enforcement']);
      expect(report.missing[0]!.reason).toMatch(/does not enforce service control policies/);
    }
  });

  it('is not met by a real AWS account: the lab would create an organization and an account', async () => {
    const target = await openTarget(targetSettingsFromEnv({ MLSEC_TARGET: 'aws', AWS_ENDPOINT_URL: url(enforcing), AWS_REGION: 'us-east-1', MLSEC_ALLOWED_ACCOUNTS: '111122223333', MLSEC_ALLOWED_REGIONS: 'us-east-1' }));
    const report = await reportOn(target);
    expect(report.available).toBe(false);
    expect(report.method).toBe('assumed');
    expect(report.missing[0]!.reason).toMatch(/creates an AWS Organizations organization, an OU and a member account/);
  });
});
