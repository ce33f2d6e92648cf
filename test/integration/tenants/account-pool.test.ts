/**
 * The account-pool provider (MLSEC_TARGET=aws): configuration it refuses, leasing from what the
 * caller says is in use, exhaustion, session names — and real AssumeRole per learner against the
 * embedded emulator standing in for AWS, where the pool accounts are strict tenants whose role
 * trust policies are enforced, and the sandbox guard confirms each learner acts in its leased account.
 */
import { CreateRoleCommand, ListRolesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountPoolTenantProvider,
  createAwsClients,
  learnerSessionName,
  TargetConfigError,
  targetSettingsFromEnv,
  TenantError,
  tenantProviderFor,
  type Tenant,
} from '../../../src/aws/index.ts';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { clientsAs, keysOf, tenantEmulator, type TenantKeys } from './tenant-support.ts';

const POOL = ['111111111111', '222222222222'];
const BROKER = { accessKeyId: '999999999999', secretAccessKey: 'broker' };
const roleArn = (account: string, name = 'mlsec-workshop') => `arn:aws:iam::${account}:role/${name}`;

function awsEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { MLSEC_TARGET: 'aws', MLSEC_ALLOWED_ACCOUNTS: POOL.join(','), MLSEC_ALLOWED_REGIONS: 'us-east-1', MLSEC_WORKSHOP_ACCOUNT_ROLES: POOL.map((a) => roleArn(a)).join(','), ...extra };
}

describe('account pool: configuration', () => {
  it('is the provider for MLSEC_TARGET=aws', () => {
    const env = awsEnv();
    const provider = tenantProviderFor(targetSettingsFromEnv(env), env);
    expect(provider.kind).toBe('account-pool');
    expect((provider as AccountPoolTenantProvider).roles.map((r) => r.accountId)).toEqual(POOL);
  });

  it('refuses a role whose account is not in MLSEC_ALLOWED_ACCOUNTS, naming both variables', () => {
    const env = awsEnv({ MLSEC_WORKSHOP_ACCOUNT_ROLES: `${roleArn(POOL[0]!)},${roleArn('333333333333')}` });
    expect(() => tenantProviderFor(targetSettingsFromEnv(env), env)).toThrow(TargetConfigError);
    expect(() => tenantProviderFor(targetSettingsFromEnv(env), env)).toThrow(/MLSEC_WORKSHOP_ACCOUNT_ROLES names role arn:aws:iam::333333333333:role\/mlsec-workshop in account 333333333333, which is not in MLSEC_ALLOWED_ACCOUNTS/);
  });

  it('refuses a missing variable, something that is not a role ARN, and two roles in one account', () => {
    const settings = targetSettingsFromEnv(awsEnv());
    expect(() => new AccountPoolTenantProvider(settings, { ...awsEnv(), MLSEC_WORKSHOP_ACCOUNT_ROLES: '' })).toThrow(/need MLSEC_WORKSHOP_ACCOUNT_ROLES/);
    expect(() => new AccountPoolTenantProvider(settings, awsEnv({ MLSEC_WORKSHOP_ACCOUNT_ROLES: 'arn:aws:iam::111111111111:user/alice' }))).toThrow(/is not an IAM role ARN/);
    expect(() => new AccountPoolTenantProvider(settings, awsEnv({ MLSEC_WORKSHOP_ACCOUNT_ROLES: `${roleArn(POOL[0]!)},${roleArn(POOL[0]!, 'other')}` }))).toThrow(/two roles in account 111111111111/);
  });

  it('makes valid, distinct session names of at most 64 characters', () => {
    expect(learnerSessionName('w1', 'l1')).toBe('mlsec-w1-l1');
    expect(learnerSessionName('spring workshop/1', 'léa')).toBe('mlsec-spring-workshop-1-l-a');
    const long1 = learnerSessionName('ws-0123456789abcdef0123456789abcdef', 'learner-0123456789abcdef0123456789abcdef-1');
    const long2 = learnerSessionName('ws-0123456789abcdef0123456789abcdef', 'learner-0123456789abcdef0123456789abcdef-2');
    for (const name of [long1, long2]) {
      expect(name.length).toBe(64);
      expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
    }
    expect(long1).not.toBe(long2);
  });
});

describe('account pool: leases and AssumeRole (embedded emulator as AWS)', { timeout: 60_000 }, () => {
  let emu: RunningEmulator;
  let provider: AccountPoolTenantProvider;
  const owners = new Map<string, TenantKeys>();

  beforeAll(async () => {
    emu = await tenantEmulator();
    // The pool accounts are strict, so their trust policies decide who may assume the workshop role.
    for (const accountId of POOL) {
      const owner = emu.createTenant({ accountId, label: 'pool account' });
      owners.set(accountId, owner);
      const iam = clientsAs(emu.url, keysOf(owner)).iam;
      await iam.send(new CreateRoleCommand({
        RoleName: 'mlsec-workshop',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${BROKER.accessKeyId}:root` }, Action: 'sts:AssumeRole' }] }),
      }));
      await iam.send(new PutRolePolicyCommand({ RoleName: 'mlsec-workshop', PolicyName: 's3-only', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) }));
    }
    const env = awsEnv({ AWS_ENDPOINT_URL: emu.url });
    provider = new AccountPoolTenantProvider(targetSettingsFromEnv(env), env, { baseCredentials: BROKER });
  });
  afterAll(async () => emu.stop());

  it('leases a free account per learner from what is in use, and says when the pool is exhausted', async () => {
    const first = await provider.provision({ workshopId: 'w1', learnerId: 'l1', inUse: [] });
    expect(first).toMatchObject({ id: 'pool:111111111111', accountId: '111111111111', label: 'pool account 111111111111 via role mlsec-workshop' });
    expect(first.data).toMatchObject({ roleArn: roleArn('111111111111'), sessionName: 'mlsec-w1-l1' });
    expect(JSON.stringify(first.data)).not.toMatch(/secret|AKIA|ASIA/i);
    const second = await provider.provision({ workshopId: 'w1', learnerId: 'l2', inUse: [first] });
    expect(second.accountId).toBe('222222222222');
    const exhausted = await provider.provision({ workshopId: 'w2', learnerId: 'l3', inUse: [first, second] }).catch((e: unknown) => e);
    expect(exhausted).toBeInstanceOf(TenantError);
    expect((exhausted as TenantError).code).toBe('PoolExhausted');
    expect((exhausted as Error).message).toContain('All 2 accounts of MLSEC_WORKSHOP_ACCOUNT_ROLES are in use');
    // Released (no longer in use): the account is leased again.
    expect(await provider.release(first)).toEqual({ removed: [] });
    expect((await provider.provision({ workshopId: 'w2', learnerId: 'l3', inUse: [second] })).accountId).toBe('111111111111');
  });

  it('acts as the learner session in the leased account only, behind the sandbox guard', async () => {
    const lease = await provider.provision({ workshopId: 'w1', learnerId: 'l2', inUse: [{ id: 'pool:111111111111', accountId: '111111111111', label: '', data: {} }] });
    const target = await provider.openTarget(lease);
    expect(target.guard.allowedAccounts).toEqual(['222222222222']);
    expect(target.learnerEnvironment()).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
    const aws = createAwsClients(target);
    try {
      const who = await aws.identity();
      expect(who).toMatchObject({ accountId: '222222222222', arn: 'arn:aws:sts::222222222222:assumed-role/mlsec-workshop/mlsec-w1-l2' });
      const s3 = await aws.client('s3');
      await s3.send(new CreateBucketCommand({ Bucket: 'pool-learner-bucket' }));
      expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['pool-learner-bucket']);
      // The bucket is the leased account's; the role's policy (S3 only) is what the learner may do there.
      expect((await clientsAs(emu.url, keysOf(owners.get('222222222222')!)).s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['pool-learner-bucket']);
      const iam = await aws.client('iam');
      expect(String((await iam.send(new ListRolesCommand({})).catch((e: unknown) => e) as Error).message)).toMatch(/assumed-role\/mlsec-workshop\/mlsec-w1-l2 is not authorized to perform: iam:ListRoles/);
    } finally {
      aws.destroy();
    }
  });

  it('refuses a lease whose role left the pool, and a session whose role does not trust the caller', async () => {
    const stale: Tenant = { id: 'pool:111111111111', accountId: '111111111111', label: 'stale', data: { roleArn: roleArn('111111111111', 'removed-role'), sessionName: 'mlsec-w1-l9' } };
    const refused = await provider.openTarget(stale).catch((e: unknown) => e);
    expect((refused as TenantError).code).toBe('PoolMisconfigured');
    // Another caller (not trusted by the role) cannot assume it.
    const env = awsEnv({ AWS_ENDPOINT_URL: emu.url });
    const intruder = new AccountPoolTenantProvider(targetSettingsFromEnv(env), env, { baseCredentials: { accessKeyId: '888888888888', secretAccessKey: 'x' } });
    const lease = await intruder.provision({ workshopId: 'w1', learnerId: 'l1' });
    const aws = createAwsClients(await intruder.openTarget(lease));
    try {
      const error = await (await aws.client('s3')).send(new ListBucketsCommand({})).catch((e: unknown) => e);
      expect(String((error as Error).message)).toMatch(/not authorized to perform: sts:AssumeRole/);
    } finally {
      aws.destroy();
    }
  });
});
