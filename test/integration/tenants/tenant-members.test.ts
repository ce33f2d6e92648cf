/**
 * Member accounts a tenant creates through Organizations (the SCP lab does): they are the tenant's —
 * strict (no account-id keys, enforcement with the tenant's SCPs), reachable from the tenant through
 * OrganizationAccountAccessRole and not from anybody else — and they go when the tenant goes.
 */
import { AttachPolicyCommand, CreateAccountCommand, CreateOrganizationCommand, CreatePolicyCommand, EnablePolicyTypeCommand, ListAccountsCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateBucketCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { admin, clientsAs, createTenant, keysOf, refusal, tenantEmulator, type TenantKeys } from './tenant-support.ts';

describe('member accounts of a tenant', { timeout: 60_000 }, () => {
  let emu: RunningEmulator;
  let clock = Date.now();
  let tenant: TenantKeys;
  let member: string;

  beforeAll(async () => {
    emu = await tenantEmulator({ now: () => clock });
    tenant = await createTenant(emu.url, 'scp learner');
    const org = new OrganizationsClient({ endpoint: emu.url, region: 'us-east-1', credentials: keysOf(tenant), maxAttempts: 1 });
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    await org.send(new CreateAccountCommand({ AccountName: 'ml-team', Email: 'ml-team@example.com' }));
    clock += 10_000;
    member = (await org.send(new ListAccountsCommand({}))).Accounts!.map((a) => a.Id!).find((id) => id !== tenant.accountId)!;
    const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    const policy = await org.send(new CreatePolicyCommand({ Name: 'no-buckets', Description: 'no new buckets', Type: 'SERVICE_CONTROL_POLICY', Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:CreateBucket', Resource: '*' }] }) }));
    await org.send(new AttachPolicyCommand({ PolicyId: policy.Policy!.PolicySummary!.Id!, TargetId: member }));
  });
  afterAll(async () => emu.stop());

  const roleArn = () => `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`;

  it('is strict: its account id is no key, and only the tenant may assume its access role', async () => {
    expect(member).toMatch(/^\d{12}$/);
    expect(await refusal(() => clientsAs(emu.url, { accessKeyId: member, secretAccessKey: 'x' }).sts.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId' });
    expect(await refusal(() => clientsAs(emu.url, { accessKeyId: 'test', secretAccessKey: 'test' }).sts.send(new AssumeRoleCommand({ RoleArn: roleArn(), RoleSessionName: 'x' })))).toMatchObject({ name: 'AccessDenied' });
    const other = await createTenant(emu.url, 'another learner');
    expect(await refusal(() => clientsAs(emu.url, keysOf(other)).sts.send(new AssumeRoleCommand({ RoleArn: roleArn(), RoleSessionName: 'x' })))).toMatchObject({ name: 'AccessDenied' });
    // Listed once, as the tenant's own: members are not tenants of their own.
    expect((await admin(emu.url, 'GET', '/_mlsec/tenants')).body.tenants.map((t: { accountId: string }) => t.accountId)).not.toContain(member);
  });

  it('runs the tenant’s session in it under the tenant’s SCPs', async () => {
    const c = (await clientsAs(emu.url, keysOf(tenant)).sts.send(new AssumeRoleCommand({ RoleArn: roleArn(), RoleSessionName: 'admin' }))).Credentials!;
    const session = clientsAs(emu.url, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
    expect((await session.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(member);
    expect((await session.s3.send(new ListBucketsCommand({}))).Buckets).toEqual([]);
    const denied = await refusal(() => session.s3.send(new CreateBucketCommand({ Bucket: `member-${member}` })));
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(denied.message).toContain('service control policy');
  });

  it('goes when the tenant goes, and the removal report says so', async () => {
    const removed = await admin(emu.url, 'DELETE', `/_mlsec/tenants/${tenant.accountId}`);
    expect(removed.status).toBe(200);
    expect(removed.body.removed).toContain(`member account ${member}`);
    expect(removed.body.removed.some((line: string) => line.startsWith(`member account ${member}: iam roles (1): OrganizationAccountAccessRole`))).toBe(true);
    const status = await admin(emu.url, 'GET', '/_mlsec/status');
    expect(status.body.strictTenants).toBe(1); // "another learner" only
  });
});
