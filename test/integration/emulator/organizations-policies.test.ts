/**
 * Organizations policies through the real SDK over HTTP: SCPs and tag policies, their grammar and
 * size checks with AWS's errors, attachment rules (duplicates, the ten-per-target quota, the last SCP
 * that may not be detached), and the SCP hierarchy that IAM enforcement reads — fed to the policy
 * engine to show the levels combine as AWS's SCP evaluation does.
 */
import * as O from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../../src/emulator/emulator.ts';
import { authorize } from '../../../src/emulator/policy/index.ts';
import { serviceControlPolicies, serviceControlPoliciesInWorld } from '../../../src/emulator/services/organizations/scp-hierarchy.ts';
import { awsError, clientConfig } from './support.ts';
import { type Clocked, clockedEmulator, MANAGEMENT, organizations, OUTSIDER, scp } from './org-cost-support.ts';

const DENY_STOP_LOGGING = scp({ Sid: 'ProtectTrails', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' });
const TRAINING_IN_VPC = scp({ Effect: 'Deny', Action: 'sagemaker:CreateTrainingJob', Resource: '*', Condition: { Null: { 'sagemaker:VpcSubnets': 'true' } } });

describe('Organizations policies', () => {
  let c: Clocked;
  let org: O.OrganizationsClient;
  let rootId: string;
  beforeAll(async () => {
    c = await clockedEmulator();
    org = organizations(c.emu.url);
    await org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    rootId = (await org.send(new O.ListRootsCommand({}))).Roots![0]!.Id!;
  });
  afterAll(() => c.emu.stop());

  const create = (name: string, content: string, type: O.PolicyType = 'SERVICE_CONTROL_POLICY') => org.send(new O.CreatePolicyCommand({ Name: name, Description: `${name} guardrail`, Type: type, Content: content }));

  it('creates, describes, updates, lists and deletes SCPs', async () => {
    const { Policy } = await create('protect-trails', DENY_STOP_LOGGING);
    const orgId = (await org.send(new O.DescribeOrganizationCommand({}))).Organization!.Id;
    expect(Policy).toEqual({
      PolicySummary: {
        Id: expect.stringMatching(/^p-[a-z0-9]{8}$/),
        Arn: `arn:aws:organizations::${MANAGEMENT}:policy/${orgId}/service_control_policy/${Policy!.PolicySummary!.Id}`,
        Name: 'protect-trails',
        Description: 'protect-trails guardrail',
        Type: 'SERVICE_CONTROL_POLICY',
        AwsManaged: false,
      },
      Content: DENY_STOP_LOGGING,
    });
    const id = Policy!.PolicySummary!.Id!;
    expect((await org.send(new O.DescribePolicyCommand({ PolicyId: id }))).Policy).toEqual(Policy);
    const updated = await org.send(new O.UpdatePolicyCommand({ PolicyId: id, Name: 'protect-cloudtrail', Content: TRAINING_IN_VPC }));
    expect(updated.Policy).toMatchObject({ PolicySummary: { Name: 'protect-cloudtrail', Description: 'protect-trails guardrail' }, Content: TRAINING_IN_VPC });
    const listed = (await org.send(new O.ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }))).Policies!;
    expect(listed.map((p) => [p.Id, p.AwsManaged])).toEqual([['p-FullAWSAccess', true], [id, false]]);
    expect((await org.send(new O.ListPoliciesCommand({ Filter: 'TAG_POLICY' }))).Policies).toEqual([]);
    const page = await org.send(new O.ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', MaxResults: 1 }));
    expect(page.Policies).toHaveLength(1);
    expect((await org.send(new O.ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', MaxResults: 1, NextToken: page.NextToken }))).Policies!.map((p) => p.Id)).toEqual([id]);
    const dup = await awsError(() => create('protect-cloudtrail', DENY_STOP_LOGGING));
    expect([dup.name, dup.message, dup.$metadata.httpStatusCode]).toEqual(['DuplicatePolicyException', 'A policy with the same name already exists.', 409]);
    await org.send(new O.DeletePolicyCommand({ PolicyId: id }));
    const gone = await awsError(() => org.send(new O.DescribePolicyCommand({ PolicyId: id })));
    expect([gone.name, gone.message, gone.$metadata.httpStatusCode]).toEqual(['PolicyNotFoundException', "You specified a policy that doesn't exist.", 404]);
    for (const call of [() => org.send(new O.UpdatePolicyCommand({ PolicyId: 'p-FullAWSAccess', Name: 'mine' })), () => org.send(new O.DeletePolicyCommand({ PolicyId: 'p-FullAWSAccess' }))]) {
      const e = await awsError(call);
      expect([e.name, e.Reason]).toEqual(['InvalidInputException', 'IMMUTABLE_POLICY']);
    }
    const badId = await awsError(() => org.send(new O.DescribePolicyCommand({ PolicyId: 'FullAWSAccess' })));
    expect([badId.name, badId.Reason]).toEqual(['InvalidInputException', 'INVALID_PATTERN']);
  });

  it('validates SCP content as AWS does: no Principal or NotPrincipal, one object, one Statement, the size quota', async () => {
    const malformed = [
      scp({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }),
      scp({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: '*', Resource: '*' }),
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}{"Statement":[]}',
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"},"Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}',
      scp({ Effect: 'Allow', Action: '*', Resource: '*', Bogus: true }),
      scp({ Effect: 'allow', Action: '*', Resource: '*' }),
      scp({ Effect: 'Deny', Action: 'not an action', Resource: '*' }),
      scp({ Effect: 'Deny', Action: 's3:*', NotAction: 'iam:*', Resource: '*' }),
      scp({ Effect: 'Deny', Action: 's3:*', Resource: 'training-bucket' }),
      'not json',
    ];
    for (const content of malformed) {
      const e = await awsError(() => create(`bad-${Math.random()}`, content));
      expect([e.name, e.message, e.$metadata.httpStatusCode], content).toEqual(['MalformedPolicyDocumentException', 'The provided policy document does not meet the requirements of the specified policy type.', 400]);
    }
    // Full IAM language since 2025: conditions, ARNs and NotAction in Allow statements, NotResource.
    await create('allow-with-conditions', scp({ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::audit-logs/*', Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }));
    const filler = (n: number) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Pad', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: `arn:aws:s3:::${'x'.repeat(n)}` }] });
    const base = filler(0).length;
    expect(filler(10_240 - base)).toHaveLength(10_240);
    await create('largest', filler(10_240 - base));
    const tooBig = await awsError(() => create('too-big', filler(10_241 - base)));
    expect([tooBig.name, tooBig.Reason, tooBig.message]).toEqual(['ConstraintViolationException', 'POLICY_CONTENT_LIMIT_EXCEEDED', 'You have exceeded the maximum policy size.']);
    const update = await awsError(() => org.send(new O.UpdatePolicyCommand({ PolicyId: 'p-FullAWSAccess', Content: filler(0) })));
    expect(update.Reason).toBe('IMMUTABLE_POLICY');
    // Tag policies only need to be one JSON object.
    const tagPolicy = await create('tags', '{"tags":{"CostCenter":{"tag_key":{"@@assign":"CostCenter"}}}}', 'TAG_POLICY');
    expect(tagPolicy.Policy!.PolicySummary!.Arn).toContain('/tag_policy/');
    expect((await awsError(() => create('tags-bad', '[1,2]', 'TAG_POLICY'))).name).toBe('MalformedPolicyDocumentException');
    const rcp = await awsError(() => create('rcp', scp({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }), 'RESOURCE_CONTROL_POLICY'));
    expect([rcp.name, rcp.Reason]).toEqual(['InvalidInputException', 'INVALID_ENUM_POLICY_TYPE']);
  });

  it('attaches and detaches with AWS rules: enabled type, duplicates, the quota, the last SCP of a target', async () => {
    const { Policy } = await create('deny-stop-logging', DENY_STOP_LOGGING);
    const id = Policy!.PolicySummary!.Id!;
    const disabled = await awsError(() => org.send(new O.AttachPolicyCommand({ PolicyId: id, TargetId: rootId })));
    expect([disabled.name, disabled.message]).toEqual(['PolicyTypeNotEnabledException', 'This operation can be performed only for enabled policy types.']);
    await org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    await org.send(new O.AttachPolicyCommand({ PolicyId: id, TargetId: rootId }));
    const dup = await awsError(() => org.send(new O.AttachPolicyCommand({ PolicyId: id, TargetId: rootId })));
    expect([dup.name, dup.message, dup.$metadata.httpStatusCode]).toEqual(['DuplicatePolicyAttachmentException', 'The selected policy is already attached to the specified target.', 409]);
    const noTarget = await awsError(() => org.send(new O.AttachPolicyCommand({ PolicyId: id, TargetId: OUTSIDER })));
    expect([noTarget.name, noTarget.message]).toEqual(['TargetNotFoundException', "You specified a target that doesn't exist."]);
    const badTarget = await awsError(() => org.send(new O.AttachPolicyCommand({ PolicyId: id, TargetId: 'production' })));
    expect([badTarget.name, badTarget.Reason]).toEqual(['InvalidInputException', 'INVALID_PATTERN_TARGET_ID']);
    const inUse = await awsError(() => org.send(new O.DeletePolicyCommand({ PolicyId: id })));
    expect([inUse.name, inUse.message]).toEqual(['PolicyInUseException', 'The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.']);
    expect((await org.send(new O.ListTargetsForPolicyCommand({ PolicyId: id }))).Targets).toEqual([{ TargetId: rootId, Arn: expect.stringContaining(`:root/`), Name: 'Root', Type: 'ROOT' }]);

    // An allow list: attach the replacement first, then FullAWSAccess may go; the last SCP may not.
    const ou = (await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'ml-workloads' }))).OrganizationalUnit!.Id!;
    const allowList = (await create('allow-ml-services', scp({ Effect: 'Allow', Action: ['sagemaker:*', 's3:*', 'cloudtrail:*'], Resource: '*' }))).Policy!.PolicySummary!.Id!;
    const last = await awsError(() => org.send(new O.DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: ou })));
    expect([last.name, last.Reason, last.message]).toEqual([
      'ConstraintViolationException',
      'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
      'You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a certain type required.',
    ]);
    await org.send(new O.AttachPolicyCommand({ PolicyId: allowList, TargetId: ou }));
    await org.send(new O.DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: ou }));
    expect((await org.send(new O.ListPoliciesForTargetCommand({ TargetId: ou, Filter: 'SERVICE_CONTROL_POLICY' }))).Policies!.map((p) => p.Name)).toEqual(['allow-ml-services']);
    const notAttached = await awsError(() => org.send(new O.DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: ou })));
    expect([notAttached.name, notAttached.message]).toEqual(['PolicyNotAttachedException', "The policy isn't attached to the specified target in the specified root."]);

    // Ten SCPs per target.
    for (let i = 0; i < 8; i++) await org.send(new O.AttachPolicyCommand({ PolicyId: (await create(`extra-${i}`, DENY_STOP_LOGGING)).Policy!.PolicySummary!.Id!, TargetId: rootId }));
    expect((await org.send(new O.ListPoliciesForTargetCommand({ TargetId: rootId, Filter: 'SERVICE_CONTROL_POLICY' }))).Policies).toHaveLength(10);
    const quota = await awsError(async () => org.send(new O.AttachPolicyCommand({ PolicyId: (await create('eleventh', DENY_STOP_LOGGING)).Policy!.PolicySummary!.Id!, TargetId: rootId })));
    expect([quota.name, quota.Reason]).toEqual(['ConstraintViolationException', 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED']);
    const wrongFilter = await awsError(() => org.send(new O.ListPoliciesForTargetCommand({ TargetId: rootId, Filter: 'NOT_A_TYPE' as never })));
    expect([wrongFilter.name, wrongFilter.Reason]).toEqual(['InvalidInputException', 'INVALID_ENUM_POLICY_TYPE']);
  });
});

describe('the SCP hierarchy IAM enforcement reads', () => {
  let emulator: Emulator;
  let org: O.OrganizationsClient;
  let t = Date.parse('2026-11-26T10:00:00Z');
  beforeAll(async () => {
    emulator = new Emulator({ port: 0, warmUp: false, log: () => {}, now: () => t });
    await emulator.start();
    org = new O.OrganizationsClient(clientConfig(emulator.url, { accessKeyId: MANAGEMENT, secretAccessKey: 'x' }));
  });
  afterAll(() => emulator.stop());

  it('is root → OUs → account with the SCPs attached at each level, and says whether the account is the management account', async () => {
    const read = (id: string) => serviceControlPoliciesInWorld(emulator.world, id);
    expect(read(MANAGEMENT)).toBeUndefined();
    await org.send(new O.CreateOrganizationCommand({}));
    const rootId = (await org.send(new O.ListRootsCommand({}))).Roots![0]!.Id!;
    expect(read(MANAGEMENT)).toBeUndefined(); // SCPs not enabled yet: none apply
    await org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    const ml = (await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'ml' }))).OrganizationalUnit!.Id!;
    const prod = (await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: ml, Name: 'prod' }))).OrganizationalUnit!.Id!;
    const request = (await org.send(new O.CreateAccountCommand({ AccountName: 'training', Email: 'training@example.com' }))).CreateAccountStatus!.Id!;
    t += 3_000;
    const member = (await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: request }))).CreateAccountStatus!.AccountId!;
    await org.send(new O.MoveAccountCommand({ AccountId: member, SourceParentId: rootId, DestinationParentId: prod }));
    const trails = (await org.send(new O.CreatePolicyCommand({ Name: 'protect-trails', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: DENY_STOP_LOGGING }))).Policy!.PolicySummary!;
    const vpc = (await org.send(new O.CreatePolicyCommand({ Name: 'training-in-vpc', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: TRAINING_IN_VPC }))).Policy!.PolicySummary!;
    await org.send(new O.AttachPolicyCommand({ PolicyId: trails.Id, TargetId: rootId }));
    await org.send(new O.AttachPolicyCommand({ PolicyId: vpc.Id, TargetId: ml }));

    const hierarchy = read(member)!;
    expect(hierarchy.managementAccount).toBe(false);
    expect(hierarchy.managementAccountId).toBe(MANAGEMENT);
    expect(hierarchy.levels.map((l) => [l.targetType, l.target, l.policies.map((p) => p.name)])).toEqual([
      ['ROOT', rootId, ['FullAWSAccess', 'protect-trails']],
      ['ORGANIZATIONAL_UNIT', ml, ['FullAWSAccess', 'training-in-vpc']],
      ['ORGANIZATIONAL_UNIT', prod, ['FullAWSAccess']],
      ['ACCOUNT', member, ['FullAWSAccess']],
    ]);
    expect(hierarchy.levels[0]!.policies[1]).toEqual({ id: trails.Id, name: 'protect-trails', arn: trails.Arn, source: `SCP protect-trails on root ${rootId}`, document: DENY_STOP_LOGGING, awsManaged: false, revision: 1 });
    expect(read(MANAGEMENT)!.managementAccount).toBe(true);
    expect(read(MANAGEMENT)!.levels.map((l) => l.targetType)).toEqual(['ROOT', 'ACCOUNT']);
    expect(read(OUTSIDER)).toBeUndefined();
    // The same through a plain reader function; revisions move when content changes.
    await org.send(new O.UpdatePolicyCommand({ PolicyId: trails.Id, Content: scp({ Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: '*' }) }));
    const viaReader = serviceControlPolicies(member, (id) => emulator.world.peekServiceState(id, 'organizations'));
    expect(viaReader!.levels[0]!.policies[1]!.revision).toBe(2);

    // Fed to the policy engine, the levels behave as SCPs: a deny anywhere wins, every level must allow.
    const principal = { type: 'assumed-role' as const, arn: `arn:aws:sts::${member}:assumed-role/ml-engineer/s1` };
    const decide = (action: string, context: Record<string, string | string[]> = {}) => authorize({ principal, action, resource: '*', context }, { identity: [{ name: 'admin', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }], scps: read(member) });
    const stop = decide('cloudtrail:StopLogging');
    expect(stop.decision).toBe('explicitDeny');
    expect(stop.message).toContain('with an explicit deny in a service control policy');
    expect(decide('sagemaker:CreateTrainingJob').decision).toBe('explicitDeny');
    expect(decide('sagemaker:CreateTrainingJob', { 'sagemaker:VpcSubnets': ['subnet-0abc'] }).decision).toBe('allowed');
    // Replace FullAWSAccess on the prod OU with an allow list that leaves out cloudtrail: implicitly denied there.
    const allow = (await org.send(new O.CreatePolicyCommand({ Name: 'allow-list', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: scp({ Effect: 'Allow', Action: ['sagemaker:*', 's3:*'], Resource: '*' }) }))).Policy!.PolicySummary!.Id!;
    await org.send(new O.AttachPolicyCommand({ PolicyId: allow, TargetId: prod }));
    await org.send(new O.DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: prod }));
    const describe = decide('cloudtrail:DescribeTrails');
    expect(describe.decision).toBe('implicitDeny');
    expect(describe.message).toContain('because no service control policy allows the cloudtrail:DescribeTrails action');
    expect(decide('s3:GetObject').decision).toBe('allowed');
    // The management account is never restricted by SCPs.
    const asManagement = authorize({ principal: { type: 'root', arn: `arn:aws:iam::${MANAGEMENT}:root` }, action: 'cloudtrail:StopLogging', resource: '*' }, { scps: read(MANAGEMENT) });
    expect(asManagement.decision).toBe('allowed');
  });
});
