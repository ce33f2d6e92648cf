/**
 * The embedded tenant provider against a real emulator over HTTP, guarded by an admin token:
 * provision → a strict account of the learner's own → clients through src/aws act there (and the
 * sandbox guard confirms the account) → release removes the account and reports what was in it.
 */
import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, targetSettingsFromEnv, TenantError, tenantProviderFor, type TenantProvider } from '../../../src/aws/index.ts';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';

const TOKEN = 'tenant-test-admin-token';

describe('EmbeddedTenantProvider', () => {
  let emu: RunningEmulator;
  let provider: TenantProvider;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, warmUp: false, log: () => {}, adminToken: TOKEN });
    const env = { MLSEC_TARGET: 'embedded', MLSEC_EMBEDDED: 'attach', MLSEC_ENDPOINT: emu.url, MLSEC_EMULATOR_ADMIN_TOKEN: TOKEN };
    provider = tenantProviderFor(targetSettingsFromEnv(env), env);
  });
  afterAll(async () => {
    await provider.close();
    await emu.stop();
  });

  it('provisions a strict account per learner, opens a target acting there, and releases it', async () => {
    const tenant = await provider.provision({ workshopId: 'w1', learnerId: 'l1' });
    expect(provider.kind).toBe('embedded');
    expect(tenant.accountId).toMatch(/^\d{12}$/);
    expect(tenant.id).toBe(tenant.accountId);
    expect(tenant.label).toBe(`embedded account ${tenant.accountId}`);
    expect(JSON.parse(JSON.stringify(tenant))).toEqual(tenant);
    expect(emu.listTenants().map((t) => t.accountId)).toContain(tenant.accountId);

    const target = await provider.openTarget(tenant);
    expect(target.enforcesIam).toBe(true);
    expect(target.tls?.endpoint).toBe(emu.httpsUrl);
    const aws = createAwsClients(target);
    try {
      expect((await aws.identity()).accountId).toBe(tenant.accountId);
      const s3 = await aws.client('s3');
      await s3.send(new CreateBucketCommand({ Bucket: `tenant-${tenant.accountId}` }));
      await s3.send(new PutObjectCommand({ Bucket: `tenant-${tenant.accountId}`, Key: 'k', Body: 'v' }));
      expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual([`tenant-${tenant.accountId}`]);
    } finally {
      aws.destroy();
    }

    const released = await provider.release(tenant);
    expect(released.removed).toContain(`s3 buckets (1): tenant-${tenant.accountId}`);
    expect(emu.listTenants().map((t) => t.accountId)).not.toContain(tenant.accountId);
    // Releasing twice is harmless.
    expect(await provider.release(tenant)).toEqual({ removed: [] });
  });

  it('says clearly when the admin token is wrong', async () => {
    const env = { MLSEC_TARGET: 'embedded', MLSEC_EMBEDDED: 'attach', MLSEC_ENDPOINT: emu.url, MLSEC_EMULATOR_ADMIN_TOKEN: 'wrong' };
    const wrong = tenantProviderFor(targetSettingsFromEnv(env), env);
    const error = await wrong.provision({ workshopId: 'w1', learnerId: 'l2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantError);
    expect((error as TenantError).code).toBe('EmulatorRefused');
    expect((error as Error).message).toContain('MLSEC_EMULATOR_ADMIN_TOKEN');
  });
});
