/**
 * AWS Organizations through the real SDK over HTTP: the organization and its root, OUs and the
 * tree, accounts created as new emulator accounts (with the role AWS creates in them), the status
 * of creation requests on the request clock, invitations, tags, and AWS's errors.
 */
import { GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import * as O from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError, clientConfig } from './support.ts';
import { asAccount, type Clocked, clockedEmulator, MANAGEMENT, organizations, OUTSIDER } from './org-cost-support.ts';

describe('Organizations: the organization, its root and policy types', () => {
  let c: Clocked;
  let org: O.OrganizationsClient;
  beforeAll(async () => {
    c = await clockedEmulator();
    org = organizations(c.emu.url);
  });
  afterAll(() => c.emu.stop());

  it('answers AWSOrganizationsNotInUseException before an organization exists', async () => {
    const e = await awsError(() => org.send(new O.DescribeOrganizationCommand({})));
    expect(e.name).toBe('AWSOrganizationsNotInUseException');
    expect(e.message).toBe('Your account is not a member of an organization.');
    expect(e.$metadata.httpStatusCode).toBe(404);
  });

  it('creates an organization with the caller as management account, and a root', async () => {
    const { Organization } = await org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    expect(Organization).toMatchObject({ FeatureSet: 'ALL', MasterAccountId: MANAGEMENT, AvailablePolicyTypes: [] });
    expect(Organization!.Id).toMatch(/^o-[a-z0-9]{10}$/);
    expect(Organization!.Arn).toBe(`arn:aws:organizations::${MANAGEMENT}:organization/${Organization!.Id}`);
    expect(Organization!.MasterAccountArn).toBe(`arn:aws:organizations::${MANAGEMENT}:account/${Organization!.Id}/${MANAGEMENT}`);
    expect((await org.send(new O.DescribeOrganizationCommand({}))).Organization).toEqual(Organization);
    const { Roots } = await org.send(new O.ListRootsCommand({}));
    expect(Roots).toEqual([{ Id: expect.stringMatching(/^r-[a-z0-9]{4}$/), Arn: `arn:aws:organizations::${MANAGEMENT}:root/${Organization!.Id}/${Roots![0]!.Id}`, Name: 'Root', PolicyTypes: [] }]);
    const again = await awsError(() => org.send(new O.CreateOrganizationCommand({})));
    expect([again.name, again.message, again.$metadata.httpStatusCode]).toEqual(['AlreadyInOrganizationException', 'The provided account is already a member of an organization.', 409]);
  });

  it('enables and disables SCPs on the root; FullAWSAccess goes everywhere and the last SCP cannot be detached', async () => {
    const rootId = (await org.send(new O.ListRootsCommand({}))).Roots![0]!.Id!;
    const ou = (await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'before-scps' }))).OrganizationalUnit!;
    expect((await org.send(new O.ListPoliciesForTargetCommand({ TargetId: rootId, Filter: 'SERVICE_CONTROL_POLICY' }))).Policies).toEqual([]);
    const { Root } = await org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    expect(Root!.PolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    expect((await org.send(new O.DescribeOrganizationCommand({}))).Organization!.AvailablePolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    const full = { Id: 'p-FullAWSAccess', Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', Name: 'FullAWSAccess', Description: 'Allows access to every operation', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true };
    for (const target of [rootId, ou.Id!, MANAGEMENT]) {
      expect((await org.send(new O.ListPoliciesForTargetCommand({ TargetId: target, Filter: 'SERVICE_CONTROL_POLICY' }))).Policies).toEqual([full]);
    }
    const targets = (await org.send(new O.ListTargetsForPolicyCommand({ PolicyId: 'p-FullAWSAccess' }))).Targets!;
    expect(targets.map((t) => t.Type).sort()).toEqual(['ACCOUNT', 'ORGANIZATIONAL_UNIT', 'ROOT']);
    const twice = await awsError(() => org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })));
    expect([twice.name, twice.message]).toEqual(['PolicyTypeAlreadyEnabledException', 'The specified policy type is already enabled.']);
    const wrongRoot = await awsError(() => org.send(new O.EnablePolicyTypeCommand({ RootId: 'r-zzzz', PolicyType: 'TAG_POLICY' })));
    expect([wrongRoot.name, wrongRoot.message]).toEqual(['RootNotFoundException', "You specified a root that doesn't exist."]);
    const backup = await awsError(() => org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'BACKUP_POLICY' })));
    expect(backup.name).toBe('InvalidInputException');
    expect(backup.Reason).toBe('INVALID_ENUM_POLICY_TYPE');
    expect(backup.message).toContain('SERVICE_CONTROL_POLICY and TAG_POLICY');

    await org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'TAG_POLICY' }));
    const { Root: after } = await org.send(new O.DisablePolicyTypeCommand({ RootId: rootId, PolicyType: 'TAG_POLICY' }));
    expect(after!.PolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    const notEnabled = await awsError(() => org.send(new O.DisablePolicyTypeCommand({ RootId: rootId, PolicyType: 'TAG_POLICY' })));
    expect([notEnabled.name, notEnabled.message]).toEqual(['PolicyTypeNotEnabledException', 'This operation can be performed only for enabled policy types.']);
  });

  it('refuses SCPs in an organization with consolidated billing only', async () => {
    const billing = organizations(c.emu.url, '999988887777');
    await billing.send(new O.CreateOrganizationCommand({ FeatureSet: 'CONSOLIDATED_BILLING' }));
    const rootId = (await billing.send(new O.ListRootsCommand({}))).Roots![0]!.Id!;
    const e = await awsError(() => billing.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })));
    expect(e.name).toBe('PolicyTypeNotAvailableForOrganizationException');
  });
});

describe('Organizations: OUs and the tree', () => {
  let c: Clocked;
  let org: O.OrganizationsClient;
  let rootId: string;
  beforeAll(async () => {
    c = await clockedEmulator();
    org = organizations(c.emu.url);
    await org.send(new O.CreateOrganizationCommand({}));
    rootId = (await org.send(new O.ListRootsCommand({}))).Roots![0]!.Id!;
  });
  afterAll(() => c.emu.stop());

  it('creates, describes, renames and deletes OUs, with AWS errors for duplicates, missing OUs and non-empty OUs', async () => {
    const { OrganizationalUnit: ml } = await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'ml', Tags: [{ Key: 'team', Value: 'data-science' }] }));
    expect(ml!.Id).toMatch(new RegExp(`^ou-${rootId.slice(2)}-[a-z0-9]{8}$`));
    const orgId = (await org.send(new O.DescribeOrganizationCommand({}))).Organization!.Id;
    expect(ml!.Arn).toBe(`arn:aws:organizations::${MANAGEMENT}:ou/${orgId}/${ml!.Id}`);
    expect((await org.send(new O.DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ml!.Id }))).OrganizationalUnit).toEqual(ml);
    const dup = await awsError(() => org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'ml' })));
    expect([dup.name, dup.message, dup.$metadata.httpStatusCode]).toEqual(['DuplicateOrganizationalUnitException', 'An OU with the same name already exists.', 409]);
    const prod = (await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: ml!.Id, Name: 'prod' }))).OrganizationalUnit!;
    const renamed = await org.send(new O.UpdateOrganizationalUnitCommand({ OrganizationalUnitId: prod.Id, Name: 'production' }));
    expect(renamed.OrganizationalUnit!.Name).toBe('production');
    const notEmpty = await awsError(() => org.send(new O.DeleteOrganizationalUnitCommand({ OrganizationalUnitId: ml!.Id })));
    expect(notEmpty.name).toBe('OrganizationalUnitNotEmptyException');
    await org.send(new O.DeleteOrganizationalUnitCommand({ OrganizationalUnitId: prod.Id }));
    const gone = await awsError(() => org.send(new O.DescribeOrganizationalUnitCommand({ OrganizationalUnitId: prod.Id })));
    expect([gone.name, gone.message, gone.$metadata.httpStatusCode]).toEqual(['OrganizationalUnitNotFoundException', "You specified an organizational unit that doesn't exist.", 404]);
    const noParent = await awsError(() => org.send(new O.CreateOrganizationalUnitCommand({ ParentId: `ou-${rootId.slice(2)}-aaaaaaaa`, Name: 'x' })));
    expect(noParent.name).toBe('ParentNotFoundException');
    const badPattern = await awsError(() => org.send(new O.DescribeOrganizationalUnitCommand({ OrganizationalUnitId: 'sales' })));
    expect([badPattern.name, badPattern.Reason]).toEqual(['InvalidInputException', 'INVALID_PATTERN']);
  });

  it('limits OU depth to five levels below the root', async () => {
    let parent = rootId;
    for (let level = 1; level <= 5; level++) parent = (await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: parent, Name: `level-${level}` }))).OrganizationalUnit!.Id!;
    const e = await awsError(() => org.send(new O.CreateOrganizationalUnitCommand({ ParentId: parent, Name: 'level-6' })));
    expect([e.name, e.Reason, e.message]).toEqual(['ConstraintViolationException', 'OU_DEPTH_LIMIT_EXCEEDED', 'You attempted to create an OU tree that is too many levels deep.']);
  });

  it('lists OUs and children of a parent with paging, and the parent of a child', async () => {
    const parent = (await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'paging' }))).OrganizationalUnit!.Id!;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: parent, Name: `team-${i}` }))).OrganizationalUnit!.Id!);
    const first = await org.send(new O.ListOrganizationalUnitsForParentCommand({ ParentId: parent, MaxResults: 2 }));
    expect(first.OrganizationalUnits).toHaveLength(2);
    const ids = [...first.OrganizationalUnits!.map((o) => o.Id)];
    let token = first.NextToken;
    while (token) {
      const next = await org.send(new O.ListOrganizationalUnitsForParentCommand({ ParentId: parent, MaxResults: 2, NextToken: token }));
      ids.push(...next.OrganizationalUnits!.map((o) => o.Id));
      token = next.NextToken;
    }
    expect(ids).toEqual(created);
    const children = await org.send(new O.ListChildrenCommand({ ParentId: parent, ChildType: 'ORGANIZATIONAL_UNIT' }));
    expect(children.Children).toEqual(created.map((Id) => ({ Id, Type: 'ORGANIZATIONAL_UNIT' })));
    expect((await org.send(new O.ListChildrenCommand({ ParentId: rootId, ChildType: 'ACCOUNT' }))).Children).toEqual([{ Id: MANAGEMENT, Type: 'ACCOUNT' }]);
    expect((await org.send(new O.ListParentsCommand({ ChildId: created[0] }))).Parents).toEqual([{ Id: parent, Type: 'ORGANIZATIONAL_UNIT' }]);
    expect((await org.send(new O.ListParentsCommand({ ChildId: MANAGEMENT }))).Parents).toEqual([{ Id: rootId, Type: 'ROOT' }]);
    const orphan = await awsError(() => org.send(new O.ListParentsCommand({ ChildId: '000011112222' })));
    expect(orphan.name).toBe('ChildNotFoundException');
    const badToken = await awsError(() => org.send(new O.ListOrganizationalUnitsForParentCommand({ ParentId: rootId, NextToken: first.NextToken })));
    expect([badToken.name, badToken.Reason]).toEqual(['InvalidInputException', 'INVALID_NEXT_TOKEN']);
    const tooMany = await awsError(() => org.send(new O.ListOrganizationalUnitsForParentCommand({ ParentId: rootId, MaxResults: 21 })));
    expect([tooMany.name, tooMany.Reason]).toEqual(['InvalidInputException', 'MAX_VALUE_EXCEEDED']);
  });
});

describe('Organizations: accounts', () => {
  let c: Clocked;
  let org: O.OrganizationsClient;
  let rootId: string;
  beforeAll(async () => {
    c = await clockedEmulator();
    org = organizations(c.emu.url);
    await org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    rootId = (await org.send(new O.ListRootsCommand({}))).Roots![0]!.Id!;
    await org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
  });
  afterAll(() => c.emu.stop());

  async function createAccount(name: string, email = `${name}@example.com`): Promise<string> {
    const { CreateAccountStatus } = await org.send(new O.CreateAccountCommand({ AccountName: name, Email: email }));
    c.advance(3_000);
    const done = await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }));
    return done.CreateAccountStatus!.AccountId!;
  }

  it('creates a new emulator account: IN_PROGRESS, then SUCCEEDED on the request clock', async () => {
    const { CreateAccountStatus } = await org.send(new O.CreateAccountCommand({ AccountName: 'ml-dev', Email: 'ml-dev@example.com', Tags: [{ Key: 'env', Value: 'dev' }] }));
    expect(CreateAccountStatus).toEqual({ Id: expect.stringMatching(/^car-[a-f0-9]{32}$/), AccountName: 'ml-dev', State: 'IN_PROGRESS', RequestedTimestamp: c.now() });
    expect((await org.send(new O.ListAccountsCommand({}))).Accounts!.map((a) => a.Id)).toEqual([MANAGEMENT]);
    c.advance(1_000);
    expect((await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }))).CreateAccountStatus!.State).toBe('IN_PROGRESS');
    c.advance(2_000);
    const done = (await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }))).CreateAccountStatus!;
    expect(done).toMatchObject({ State: 'SUCCEEDED', AccountId: expect.stringMatching(/^\d{12}$/), CompletedTimestamp: c.now() });
    const { Account } = await org.send(new O.DescribeAccountCommand({ AccountId: done.AccountId }));
    expect(Account).toMatchObject({ Id: done.AccountId, Name: 'ml-dev', Email: 'ml-dev@example.com', Status: 'ACTIVE', State: 'ACTIVE', JoinedMethod: 'CREATED', JoinedTimestamp: c.now() });
    const accounts = (await org.send(new O.ListAccountsCommand({}))).Accounts!;
    expect(accounts.map((a) => [a.Id, a.JoinedMethod])).toEqual([[MANAGEMENT, 'INVITED'], [done.AccountId, 'CREATED']]);
    expect((await org.send(new O.ListAccountsForParentCommand({ ParentId: rootId }))).Accounts!.map((a) => a.Id)).toEqual([MANAGEMENT, done.AccountId]);
    expect((await org.send(new O.ListTagsForResourceCommand({ ResourceId: done.AccountId }))).Tags).toEqual([{ Key: 'env', Value: 'dev' }]);
    expect((await org.send(new O.ListPoliciesForTargetCommand({ TargetId: done.AccountId, Filter: 'SERVICE_CONTROL_POLICY' }))).Policies!.map((p) => p.Id)).toEqual(['p-FullAWSAccess']);
  });

  it('puts OrganizationAccountAccessRole in the new account, assumable from the management account', async () => {
    const accountId = await createAccount('ml-prod');
    const iam = new IAMClient(asAccount(c.emu.url, accountId));
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'OrganizationAccountAccessRole' }));
    expect(Role!.Arn).toBe(`arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`);
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: 'sts:AssumeRole' }],
    });
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'OrganizationAccountAccessRole' }))).AttachedPolicies).toEqual([{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }]);
    const sts = new STSClient(asAccount(c.emu.url, MANAGEMENT));
    const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'admin' }));
    const asMember = new STSClient(clientConfig(c.emu.url, { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! }));
    expect((await asMember.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${accountId}:assumed-role/OrganizationAccountAccessRole/admin`);
    const outsider = await awsError(() => new STSClient(asAccount(c.emu.url, OUTSIDER)).send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'outsider' })));
    expect(outsider.name).toBe('AccessDenied');
  });

  it('reports failed requests (e-mail in use) and lists request statuses by state', async () => {
    const { CreateAccountStatus } = await org.send(new O.CreateAccountCommand({ AccountName: 'again', Email: 'ml-dev@example.com', RoleName: 'OrgAdmin' }));
    c.advance(3_000);
    const failed = (await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }))).CreateAccountStatus!;
    expect(failed).toMatchObject({ State: 'FAILED', FailureReason: 'EMAIL_ALREADY_EXISTS' });
    expect(failed.AccountId).toBeUndefined();
    const failedOnly = (await org.send(new O.ListCreateAccountStatusCommand({ States: ['FAILED'] }))).CreateAccountStatuses!;
    expect(failedOnly.map((s) => s.Id)).toEqual([CreateAccountStatus!.Id]);
    expect((await org.send(new O.ListCreateAccountStatusCommand({ States: ['SUCCEEDED'] }))).CreateAccountStatuses!.length).toBeGreaterThanOrEqual(2);
    const missing = await awsError(() => org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: 'car-0123456789abcdef' })));
    expect(missing.name).toBe('CreateAccountStatusNotFoundException');
    const badEmail = await awsError(() => org.send(new O.CreateAccountCommand({ AccountName: 'x', Email: 'not-an-email' })));
    expect([badEmail.name, badEmail.Reason]).toEqual(['InvalidInputException', 'INVALID_EMAIL_ADDRESS_TARGET']);
    const badRole = await awsError(() => org.send(new O.CreateAccountCommand({ AccountName: 'x', Email: 'x@example.com', RoleName: 'AWSServiceRoleForX' })));
    expect([badRole.name, badRole.Reason]).toEqual(['InvalidInputException', 'INVALID_ROLE_NAME']);
  });

  it('moves accounts between OUs with AWS errors for wrong parents', async () => {
    const accountId = await createAccount('mover');
    const ou = (await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'workloads' }))).OrganizationalUnit!.Id!;
    await org.send(new O.MoveAccountCommand({ AccountId: accountId, SourceParentId: rootId, DestinationParentId: ou }));
    expect((await org.send(new O.ListAccountsForParentCommand({ ParentId: ou }))).Accounts!.map((a) => a.Id)).toEqual([accountId]);
    expect((await org.send(new O.ListParentsCommand({ ChildId: accountId }))).Parents).toEqual([{ Id: ou, Type: 'ORGANIZATIONAL_UNIT' }]);
    const same = await awsError(() => org.send(new O.MoveAccountCommand({ AccountId: accountId, SourceParentId: ou, DestinationParentId: ou })));
    expect([same.name, same.message]).toEqual(['DuplicateAccountException', 'That account is already present in the specified destination.']);
    const noDest = await awsError(() => org.send(new O.MoveAccountCommand({ AccountId: accountId, SourceParentId: ou, DestinationParentId: `ou-${rootId.slice(2)}-zzzzzzzz` })));
    expect(noDest.name).toBe('DestinationParentNotFoundException');
    const noSource = await awsError(() => org.send(new O.MoveAccountCommand({ AccountId: accountId, SourceParentId: `ou-${rootId.slice(2)}-zzzzzzzz`, DestinationParentId: rootId })));
    expect(noSource.name).toBe('SourceParentNotFoundException');
    const noAccount = await awsError(() => org.send(new O.MoveAccountCommand({ AccountId: '000000000001', SourceParentId: rootId, DestinationParentId: ou })));
    expect([noAccount.name, noAccount.message]).toEqual(['AccountNotFoundException', "You specified an account that doesn't exist."]);
  });

  it('members may describe their organization but not manage it; they can leave, and be removed', async () => {
    const member = await createAccount('member');
    const asMember = organizations(c.emu.url, member);
    expect((await asMember.send(new O.DescribeOrganizationCommand({}))).Organization!.MasterAccountId).toBe(MANAGEMENT);
    for (const call of [() => asMember.send(new O.ListAccountsCommand({})), () => asMember.send(new O.ListRootsCommand({})), () => asMember.send(new O.CreatePolicyCommand({ Name: 'x', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: '{}' }))]) {
      const e = await awsError(call);
      expect([e.name, e.message, e.$metadata.httpStatusCode]).toEqual(['AccessDeniedException', "You don't have permissions to access this resource.", 403]);
    }
    const management = await awsError(() => org.send(new O.RemoveAccountFromOrganizationCommand({ AccountId: MANAGEMENT })));
    expect(management.name).toBe('MasterCannotLeaveOrganizationException');
    const leave = await awsError(() => org.send(new O.LeaveOrganizationCommand({})));
    expect(leave.name).toBe('MasterCannotLeaveOrganizationException');
    await asMember.send(new O.LeaveOrganizationCommand({}));
    expect((await awsError(() => asMember.send(new O.DescribeOrganizationCommand({})))).name).toBe('AWSOrganizationsNotInUseException');
    const other = await createAccount('removed');
    await org.send(new O.RemoveAccountFromOrganizationCommand({ AccountId: other }));
    expect((await org.send(new O.ListAccountsCommand({}))).Accounts!.map((a) => a.Id)).not.toContain(other);
    expect((await awsError(() => organizations(c.emu.url, other).send(new O.DescribeOrganizationCommand({})))).name).toBe('AWSOrganizationsNotInUseException');
    // The removed account is still an emulator account of its own, with its role.
    expect((await new IAMClient(asAccount(c.emu.url, other)).send(new GetRoleCommand({ RoleName: 'OrganizationAccountAccessRole' }))).Role).toBeDefined();
  });

  it('fails account creation past the quota of ten accounts', async () => {
    const count = (await org.send(new O.ListAccountsCommand({}))).Accounts!.length;
    for (let i = count; i < 10; i++) await createAccount(`fill-${i}`);
    const { CreateAccountStatus } = await org.send(new O.CreateAccountCommand({ AccountName: 'one-too-many', Email: 'extra@example.com' }));
    c.advance(3_000);
    expect((await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }))).CreateAccountStatus).toMatchObject({ State: 'FAILED', FailureReason: 'ACCOUNT_LIMIT_EXCEEDED' });
  });

  it('deletes the organization only once the management account is alone', async () => {
    const notEmpty = await awsError(() => org.send(new O.DeleteOrganizationCommand({})));
    expect(notEmpty.name).toBe('OrganizationNotEmptyException');
    for (const account of (await org.send(new O.ListAccountsCommand({}))).Accounts!) {
      if (account.Id !== MANAGEMENT) await org.send(new O.RemoveAccountFromOrganizationCommand({ AccountId: account.Id }));
    }
    await org.send(new O.DeleteOrganizationCommand({}));
    expect((await awsError(() => org.send(new O.DescribeOrganizationCommand({})))).name).toBe('AWSOrganizationsNotInUseException');
  });
});

describe('Organizations: inviting an existing account', () => {
  let c: Clocked;
  let org: O.OrganizationsClient;
  beforeAll(async () => {
    c = await clockedEmulator();
    org = organizations(c.emu.url);
    await org.send(new O.CreateOrganizationCommand({}));
  });
  afterAll(() => c.emu.stop());

  it('invites, lets the account see and accept the handshake, and adds it as INVITED', async () => {
    const { Handshake } = await org.send(new O.InviteAccountToOrganizationCommand({ Target: { Id: OUTSIDER, Type: 'ACCOUNT' }, Notes: 'join the ML platform org' }));
    expect(Handshake).toMatchObject({ Id: expect.stringMatching(/^h-[a-z0-9]{10}$/), State: 'OPEN', Action: 'INVITE', Parties: [{ Type: 'ORGANIZATION' }, { Id: OUTSIDER, Type: 'ACCOUNT' }] });
    expect(Handshake!.ExpirationTimestamp!.getTime() - Handshake!.RequestedTimestamp!.getTime()).toBe(15 * 86_400_000);
    const invitee = organizations(c.emu.url, OUTSIDER);
    expect((await invitee.send(new O.ListHandshakesForAccountCommand({}))).Handshakes!.map((h) => h.Id)).toEqual([Handshake!.Id]);
    expect((await org.send(new O.ListHandshakesForOrganizationCommand({}))).Handshakes!.map((h) => h.Id)).toEqual([Handshake!.Id]);
    expect((await invitee.send(new O.DescribeHandshakeCommand({ HandshakeId: Handshake!.Id }))).Handshake!.Resources).toContainEqual({ Type: 'NOTES', Value: 'join the ML platform org' });
    const dup = await awsError(() => org.send(new O.InviteAccountToOrganizationCommand({ Target: { Id: OUTSIDER, Type: 'ACCOUNT' } })));
    expect(dup.name).toBe('DuplicateHandshakeException');
    const notMine = await awsError(() => org.send(new O.AcceptHandshakeCommand({ HandshakeId: Handshake!.Id })));
    expect(notMine.name).toBe('AccessDeniedException');
    const accepted = await invitee.send(new O.AcceptHandshakeCommand({ HandshakeId: Handshake!.Id }));
    expect(accepted.Handshake!.State).toBe('ACCEPTED');
    expect((await org.send(new O.DescribeAccountCommand({ AccountId: OUTSIDER }))).Account!.JoinedMethod).toBe('INVITED');
    expect((await invitee.send(new O.DescribeOrganizationCommand({}))).Organization!.MasterAccountId).toBe(MANAGEMENT);
    const member = await awsError(() => org.send(new O.InviteAccountToOrganizationCommand({ Target: { Id: OUTSIDER, Type: 'ACCOUNT' } })));
    expect([member.name, member.Reason]).toEqual(['HandshakeConstraintViolationException', 'ALREADY_IN_AN_ORGANIZATION']);
  });

  it('lets the invitee decline and the management account cancel, and expires handshakes after 15 days', async () => {
    const declined = (await org.send(new O.InviteAccountToOrganizationCommand({ Target: { Id: '555566667777', Type: 'ACCOUNT' } }))).Handshake!;
    expect((await organizations(c.emu.url, '555566667777').send(new O.DeclineHandshakeCommand({ HandshakeId: declined.Id }))).Handshake!.State).toBe('DECLINED');
    const canceled = (await org.send(new O.InviteAccountToOrganizationCommand({ Target: { Id: '666677778888', Type: 'ACCOUNT' } }))).Handshake!;
    expect((await org.send(new O.CancelHandshakeCommand({ HandshakeId: canceled.Id }))).Handshake!.State).toBe('CANCELED');
    const late = await awsError(() => organizations(c.emu.url, '666677778888').send(new O.AcceptHandshakeCommand({ HandshakeId: canceled.Id })));
    expect(late.name).toBe('InvalidHandshakeTransitionException');
    const expiring = (await org.send(new O.InviteAccountToOrganizationCommand({ Target: { Id: '777788889999', Type: 'ACCOUNT' } }))).Handshake!;
    c.advance(15 * 86_400_000);
    expect((await org.send(new O.DescribeHandshakeCommand({ HandshakeId: expiring.Id }))).Handshake!.State).toBe('EXPIRED');
    const email = await awsError(() => org.send(new O.InviteAccountToOrganizationCommand({ Target: { Id: 'someone@example.com', Type: 'EMAIL' } })));
    expect([email.name, email.Reason]).toEqual(['InvalidInputException', 'INVALID_PARTY_TYPE_TARGET']);
    const unknown = await awsError(() => org.send(new O.DescribeHandshakeCommand({ HandshakeId: 'h-0000000000' })));
    expect(unknown.name).toBe('HandshakeNotFoundException');
  });
});

describe('Organizations: tags', () => {
  let c: Clocked;
  let org: O.OrganizationsClient;
  beforeAll(async () => {
    c = await clockedEmulator();
    org = organizations(c.emu.url);
    await org.send(new O.CreateOrganizationCommand({}));
  });
  afterAll(() => c.emu.stop());

  it('tags the root, OUs, accounts and policies, and refuses AWS managed policies, bad ids and duplicate keys', async () => {
    const rootId = (await org.send(new O.ListRootsCommand({}))).Roots![0]!.Id!;
    await org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    const ou = (await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'tagged' }))).OrganizationalUnit!.Id!;
    const policy = (await org.send(new O.CreatePolicyCommand({ Name: 'p', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}}' }))).Policy!.PolicySummary!.Id!;
    for (const id of [rootId, ou, MANAGEMENT, policy]) {
      await org.send(new O.TagResourceCommand({ ResourceId: id, Tags: [{ Key: 'CostCenter', Value: '42' }, { Key: 'Owner', Value: 'ml' }] }));
      await org.send(new O.TagResourceCommand({ ResourceId: id, Tags: [{ Key: 'Owner', Value: 'platform' }] }));
      await org.send(new O.UntagResourceCommand({ ResourceId: id, TagKeys: ['CostCenter'] }));
      expect((await org.send(new O.ListTagsForResourceCommand({ ResourceId: id }))).Tags).toEqual([{ Key: 'Owner', Value: 'platform' }]);
    }
    const managed = await awsError(() => org.send(new O.TagResourceCommand({ ResourceId: 'p-FullAWSAccess', Tags: [{ Key: 'a', Value: 'b' }] })));
    expect([managed.name, managed.Reason]).toEqual(['InvalidInputException', 'IMMUTABLE_POLICY']);
    const bad = await awsError(() => org.send(new O.ListTagsForResourceCommand({ ResourceId: 'bucket' })));
    expect([bad.name, bad.Reason]).toEqual(['InvalidInputException', 'INVALID_PATTERN']);
    const missing = await awsError(() => org.send(new O.ListTagsForResourceCommand({ ResourceId: '000011112222' })));
    expect(missing.name).toBe('TargetNotFoundException');
    const duplicate = await awsError(() => org.send(new O.TagResourceCommand({ ResourceId: ou, Tags: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] })));
    expect([duplicate.name, duplicate.Reason]).toEqual(['InvalidInputException', 'DUPLICATE_TAG_KEY']);
    const tooMany = await awsError(() => org.send(new O.TagResourceCommand({ ResourceId: ou, Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })));
    expect([tooMany.name, tooMany.Reason]).toEqual(['ConstraintViolationException', 'MAX_TAG_LIMIT_EXCEEDED']);
  });
});
