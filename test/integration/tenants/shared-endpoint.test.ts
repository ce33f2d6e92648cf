/**
 * Tenants on LocalStack-like endpoints (MLSEC_TARGET=endpoint/localstack): one 12-digit account id
 * per learner, used as the access key. On the embedded emulator seen as a plain endpoint (which,
 * like LocalStack, takes such a key as the account) learners' state is apart — and, as
 * docs/workshops.md says plainly, nothing stops a learner who uses another's account id as a key.
 * moto_server (where installed; skipped visibly otherwise) keeps one account whatever the key, so
 * the provider must refuse it rather than let learners share an account.
 */
import { CreateBucketCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { CreateRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, SharedEndpointTenantProvider, targetSettingsFromEnv, TenantError, tenantProviderFor, type Tenant } from '../../../src/aws/index.ts';
import { embeddedServer, motoServer, type LabServer } from '../../support/lab-servers.ts';

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

for (const kind of [embeddedServer]) {
  describe(`tenants by account id on ${kind.name}`, { timeout: 60_000 }, () => {
    let server: LabServer;
    let provider: SharedEndpointTenantProvider;
    beforeAll(async () => {
      server = await kind.start();
      const env = { MLSEC_TARGET: 'endpoint', MLSEC_ENDPOINT: server.endpoint };
      provider = tenantProviderFor(targetSettingsFromEnv(env), env) as SharedEndpointTenantProvider;
    });
    afterAll(async () => server?.stop());

    it('gives each learner an account id of their own, whose state the other does not see', async () => {
      expect(provider).toBeInstanceOf(SharedEndpointTenantProvider);
      const a = await provider.provision({ workshopId: 'w', learnerId: 'a' });
      const b = await provider.provision({ workshopId: 'w', learnerId: 'b', inUse: [a] });
      expect(a.accountId).not.toBe(b.accountId);
      expect(a.label).toContain('isolated by convention');
      const clients = async (t: Tenant) => createAwsClients(await provider.openTarget(t));
      const [ca, cb] = [await clients(a), await clients(b)];
      try {
        expect((await ca.identity()).accountId).toBe(a.accountId);
        expect((await cb.identity()).accountId).toBe(b.accountId);
        await (await ca.client('iam')).send(new CreateRoleCommand({ RoleName: 'alpha-role', AssumeRolePolicyDocument: trust }));
        await (await ca.client('s3')).send(new CreateBucketCommand({ Bucket: `alpha-${a.accountId}` }));
        const rolesOfB = (await (await cb.client('iam')).send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName) ?? [];
        expect(rolesOfB).not.toContain('alpha-role');
        const bucketsOfB = (await (await cb.client('s3')).send(new ListBucketsCommand({}))).Buckets?.map((x) => x.Name) ?? [];
        expect(bucketsOfB).not.toContain(`alpha-${a.accountId}`);
        expect(await provider.release(a)).toEqual({ removed: [] });
      } finally {
        ca.destroy();
        cb.destroy();
      }
    });
  });
}

if (!motoServer.available) console.warn(motoServer.skipMessage('shared-endpoint tenants on moto_server'));

describe.skipIf(!motoServer.available)('tenants by account id on moto_server', { timeout: 60_000 }, () => {
  let server: LabServer;
  beforeAll(async () => { server = await motoServer.start(); });
  afterAll(async () => server?.stop());

  it('refuses to provision: moto ignores the account id in the key, so learners would share an account', async () => {
    const env = { MLSEC_TARGET: 'endpoint', MLSEC_ENDPOINT: server.endpoint };
    const error = await tenantProviderFor(targetSettingsFromEnv(env), env).provision({ workshopId: 'w', learnerId: 'a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantError);
    expect((error as TenantError).code).toBe('IsolationUnsupported');
    expect((error as Error).message).toMatch(/does not take a 12-digit access key as the account id \(key \d{12} acted as account 123456789012\)/);
  });
});
