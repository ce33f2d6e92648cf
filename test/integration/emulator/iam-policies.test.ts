/** IAM managed and inline policies, attachments, instance profiles and authorization details. */
import * as I from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const doc = (action: string, resource = '*') => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('IAM policies', () => {
  let emu: RunningEmulator;
  let iam: I.IAMClient;
  beforeAll(async () => {
    emu = await emulator();
    iam = new I.IAMClient(clientConfig(emu.url, { accessKeyId: '333333333333', secretAccessKey: 'x' }));
  });
  afterAll(async () => emu.stop());

  it('creates managed policies with versions: default version, 5-version limit, deletion rules', async () => {
    const { Policy } = await iam.send(new I.CreatePolicyCommand({ PolicyName: 'ReadData', PolicyDocument: doc('s3:GetObject', 'arn:aws:s3:::data/*'), Description: 'read the data bucket' }));
    expect(Policy).toMatchObject({ PolicyName: 'ReadData', Arn: 'arn:aws:iam::333333333333:policy/ReadData', DefaultVersionId: 'v1', AttachmentCount: 0, IsAttachable: true });
    const arn = Policy!.Arn!;
    expect((await iam.send(new I.GetPolicyCommand({ PolicyArn: arn }))).Policy?.Description).toBe('read the data bucket');
    for (let i = 2; i <= 5; i++) {
      const v = await iam.send(new I.CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:GetObject', `arn:aws:s3:::data${i}/*`), SetAsDefault: i === 3 }));
      expect(v.PolicyVersion?.VersionId).toBe(`v${i}`);
    }
    const sixth = await awsError(() => iam.send(new I.CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:*') })));
    expect(sixth.name).toBe('LimitExceededException');
    expect(sixth.message).toBe('A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.');
    expect((await iam.send(new I.GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId).toBe('v3');
    const version = await iam.send(new I.GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }));
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!)).Statement[0].Resource).toBe('arn:aws:s3:::data3/*');
    expect(version.PolicyVersion?.IsDefaultVersion).toBe(true);
    expect((await awsError(() => iam.send(new I.DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' })))).message).toBe('Cannot delete the default version of a policy.');
    expect((await awsError(() => iam.send(new I.DeletePolicyCommand({ PolicyArn: arn })))).name).toBe('DeleteConflictException');
    await iam.send(new I.SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    for (const v of ['v1', 'v2', 'v3', 'v4']) await iam.send(new I.DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    expect((await iam.send(new I.ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions?.map((v) => v.VersionId)).toEqual(['v5']);
    await iam.send(new I.TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: 'k', Value: 'v' }] }));
    expect((await iam.send(new I.ListPolicyTagsCommand({ PolicyArn: arn }))).Tags).toEqual([{ Key: 'k', Value: 'v' }]);
    await iam.send(new I.UntagPolicyCommand({ PolicyArn: arn, TagKeys: ['k'] }));
    await iam.send(new I.DeletePolicyCommand({ PolicyArn: arn }));
    expect((await awsError(() => iam.send(new I.GetPolicyCommand({ PolicyArn: arn })))).name).toBe('NoSuchEntityException');
  });

  it('validates policy documents with AWS messages', async () => {
    const cases: [string, string][] = [
      ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}', 'Policy statement must contain resources.'],
      ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}', 'Policy statement must contain actions.'],
      ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"GetObject","Resource":"*"}]}', 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
      ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"data-bucket"}]}', 'Resource data-bucket must be in ARN format or "*".'],
      ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}', 'Policy document should not specify a principal.'],
      ['{"Version":"2012-10-17","Statement":[{"Sid":"a","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"a","Effect":"Deny","Action":"s3:*","Resource":"*"}]}', 'Statement IDs (SID) in a single policy must be unique.'],
      ['{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}', 'The policy failed legacy parsing'],
      ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam:us-east-1:123456789012:role/x"}]}', 'IAM resource arn:aws:iam:us-east-1:123456789012:role/x cannot contain region information.'],
      ['{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}', 'Policy document must be version 2012-10-17 or greater.'],
    ];
    for (const [document, message] of cases) {
      const error = await awsError(() => iam.send(new I.CreatePolicyCommand({ PolicyName: 'Bad', PolicyDocument: document })));
      expect(error.name, document).toBe('MalformedPolicyDocumentException');
      expect(error.message, document).toBe(message);
    }
  });

  it('lists AWS managed policies with their published documents', async () => {
    const admin = await iam.send(new I.GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    expect(admin.Policy).toMatchObject({ PolicyName: 'AdministratorAccess', DefaultVersionId: 'v1' });
    const v = await iam.send(new I.GetPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(v.PolicyVersion!.Document!))).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const sm = await iam.send(new I.GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess' }));
    const smDoc = await iam.send(new I.GetPolicyVersionCommand({ PolicyArn: sm.Policy!.Arn!, VersionId: sm.Policy!.DefaultVersionId! }));
    expect(decodeURIComponent(smDoc.PolicyVersion!.Document!)).toContain('sagemaker:*');
    const aws = await iam.send(new I.ListPoliciesCommand({ Scope: 'AWS', MaxItems: 1000 }));
    expect(aws.Policies?.map((p) => p.PolicyName)).toEqual(expect.arrayContaining(['AdministratorAccess', 'ReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'SecurityAudit']));
    expect((await awsError(() => iam.send(new I.DeletePolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })))).name).toBe('InvalidInputException');
  });

  it('attaches and detaches managed policies; counts attachments; lists entities and attached policies', async () => {
    await iam.send(new I.CreateRoleCommand({ RoleName: 'Exec', AssumeRolePolicyDocument: trust }));
    await iam.send(new I.CreateUserCommand({ UserName: 'u' }));
    await iam.send(new I.CreateGroupCommand({ GroupName: 'g' }));
    const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
    await iam.send(new I.AttachRolePolicyCommand({ RoleName: 'Exec', PolicyArn: admin }));
    await iam.send(new I.AttachUserPolicyCommand({ UserName: 'u', PolicyArn: admin }));
    await iam.send(new I.AttachGroupPolicyCommand({ GroupName: 'g', PolicyArn: admin }));
    expect((await iam.send(new I.GetPolicyCommand({ PolicyArn: admin }))).Policy?.AttachmentCount).toBe(3);
    expect((await iam.send(new I.ListAttachedRolePoliciesCommand({ RoleName: 'Exec' }))).AttachedPolicies).toEqual([{ PolicyName: 'AdministratorAccess', PolicyArn: admin }]);
    expect((await iam.send(new I.ListAttachedUserPoliciesCommand({ UserName: 'u' }))).AttachedPolicies?.length).toBe(1);
    expect((await iam.send(new I.ListAttachedGroupPoliciesCommand({ GroupName: 'g' }))).AttachedPolicies?.length).toBe(1);
    const entities = await iam.send(new I.ListEntitiesForPolicyCommand({ PolicyArn: admin }));
    expect([entities.PolicyRoles?.[0]?.RoleName, entities.PolicyUsers?.[0]?.UserName, entities.PolicyGroups?.[0]?.GroupName]).toEqual(['Exec', 'u', 'g']);
    expect((await iam.send(new I.ListPoliciesCommand({ OnlyAttached: true }))).Policies?.map((p) => p.PolicyName)).toEqual(['AdministratorAccess']);
    expect((await awsError(() => iam.send(new I.DeleteRoleCommand({ RoleName: 'Exec' })))).message).toBe('Cannot delete entity, must detach all policies first.');
    await iam.send(new I.DetachRolePolicyCommand({ RoleName: 'Exec', PolicyArn: admin }));
    await iam.send(new I.DetachUserPolicyCommand({ UserName: 'u', PolicyArn: admin }));
    await iam.send(new I.DetachGroupPolicyCommand({ GroupName: 'g', PolicyArn: admin }));
    const notAttached = await awsError(() => iam.send(new I.DetachRolePolicyCommand({ RoleName: 'Exec', PolicyArn: admin })));
    expect(notAttached.name).toBe('NoSuchEntityException');
    expect((await awsError(() => iam.send(new I.AttachRolePolicyCommand({ RoleName: 'Exec', PolicyArn: 'arn:aws:iam::aws:policy/Nope' })))).message).toBe('Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.');
  });

  it('puts, gets, lists and deletes inline policies of users, groups and roles', async () => {
    const d = doc('s3:ListBucket', 'arn:aws:s3:::data');
    await iam.send(new I.PutRolePolicyCommand({ RoleName: 'Exec', PolicyName: 'inline', PolicyDocument: d }));
    await iam.send(new I.PutUserPolicyCommand({ UserName: 'u', PolicyName: 'inline', PolicyDocument: d }));
    await iam.send(new I.PutGroupPolicyCommand({ GroupName: 'g', PolicyName: 'inline', PolicyDocument: d }));
    const got = await iam.send(new I.GetRolePolicyCommand({ RoleName: 'Exec', PolicyName: 'inline' }));
    expect(got).toMatchObject({ RoleName: 'Exec', PolicyName: 'inline' });
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(d);
    expect((await iam.send(new I.GetUserPolicyCommand({ UserName: 'u', PolicyName: 'inline' }))).UserName).toBe('u');
    expect((await iam.send(new I.GetGroupPolicyCommand({ GroupName: 'g', PolicyName: 'inline' }))).GroupName).toBe('g');
    expect((await iam.send(new I.ListRolePoliciesCommand({ RoleName: 'Exec' }))).PolicyNames).toEqual(['inline']);
    expect((await iam.send(new I.ListUserPoliciesCommand({ UserName: 'u' }))).PolicyNames).toEqual(['inline']);
    expect((await iam.send(new I.ListGroupPoliciesCommand({ GroupName: 'g' }))).PolicyNames).toEqual(['inline']);
    const missing = await awsError(() => iam.send(new I.GetRolePolicyCommand({ RoleName: 'Exec', PolicyName: 'nope' })));
    expect(missing.message).toBe('The role policy with name nope cannot be found.');
    const big = await awsError(() => iam.send(new I.PutUserPolicyCommand({ UserName: 'u', PolicyName: 'big', PolicyDocument: doc('s3:GetObject', `arn:aws:s3:::${'x'.repeat(2100)}`) })));
    expect(big.name).toBe('LimitExceededException');
    await iam.send(new I.DeleteUserPolicyCommand({ UserName: 'u', PolicyName: 'inline' }));
    await iam.send(new I.DeleteGroupPolicyCommand({ GroupName: 'g', PolicyName: 'inline' }));
  });

  it('manages instance profiles (one role each)', async () => {
    const { InstanceProfile } = await iam.send(new I.CreateInstanceProfileCommand({ InstanceProfileName: 'nb', Tags: [{ Key: 'a', Value: 'b' }] }));
    expect(InstanceProfile?.InstanceProfileId).toMatch(/^AIPA/);
    await iam.send(new I.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'nb', RoleName: 'Exec' }));
    expect((await iam.send(new I.GetInstanceProfileCommand({ InstanceProfileName: 'nb' }))).InstanceProfile?.Roles?.map((r) => r.RoleName)).toEqual(['Exec']);
    expect((await iam.send(new I.ListInstanceProfilesForRoleCommand({ RoleName: 'Exec' }))).InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['nb']);
    await iam.send(new I.CreateRoleCommand({ RoleName: 'Other', AssumeRolePolicyDocument: trust }));
    expect((await awsError(() => iam.send(new I.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'nb', RoleName: 'Other' })))).message).toBe('Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
    expect((await awsError(() => iam.send(new I.DeleteInstanceProfileCommand({ InstanceProfileName: 'nb' })))).name).toBe('DeleteConflictException');
    await iam.send(new I.TagInstanceProfileCommand({ InstanceProfileName: 'nb', Tags: [{ Key: 'c', Value: 'd' }] }));
    expect((await iam.send(new I.ListInstanceProfileTagsCommand({ InstanceProfileName: 'nb' }))).Tags?.length).toBe(2);
    await iam.send(new I.UntagInstanceProfileCommand({ InstanceProfileName: 'nb', TagKeys: ['a'] }));
    expect((await iam.send(new I.ListInstanceProfilesCommand({}))).InstanceProfiles?.length).toBe(1);
    await iam.send(new I.RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'nb', RoleName: 'Exec' }));
    await iam.send(new I.DeleteInstanceProfileCommand({ InstanceProfileName: 'nb' }));
  });

  it('updates trust policies, descriptions, boundaries and tags of roles', async () => {
    const strict = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:root' }, Action: 'sts:AssumeRole' }] });
    await iam.send(new I.UpdateAssumeRolePolicyCommand({ RoleName: 'Other', PolicyDocument: strict }));
    expect(decodeURIComponent((await iam.send(new I.GetRoleCommand({ RoleName: 'Other' }))).Role!.AssumeRolePolicyDocument!)).toBe(strict);
    await iam.send(new I.UpdateRoleCommand({ RoleName: 'Other', Description: 'd', MaxSessionDuration: 7200 }));
    expect((await iam.send(new I.UpdateRoleDescriptionCommand({ RoleName: 'Other', Description: 'e' }))).Role?.Description).toBe('e');
    await iam.send(new I.PutRolePermissionsBoundaryCommand({ RoleName: 'Other', PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' }));
    expect((await awsError(() => iam.send(new I.PutRolePermissionsBoundaryCommand({ RoleName: 'Other', PermissionsBoundary: 'arn:aws:iam::333333333333:policy/none' })))).name).toBe('NoSuchEntityException');
    await iam.send(new I.TagRoleCommand({ RoleName: 'Other', Tags: [{ Key: 'env', Value: 'lab' }] }));
    expect((await iam.send(new I.ListRoleTagsCommand({ RoleName: 'Other' }))).Tags).toEqual([{ Key: 'env', Value: 'lab' }]);
    await iam.send(new I.UntagRoleCommand({ RoleName: 'Other', TagKeys: ['env'] }));
    const role = (await iam.send(new I.GetRoleCommand({ RoleName: 'Other' }))).Role!;
    expect(role).toMatchObject({ Description: 'e', MaxSessionDuration: 7200, PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess' } });
    await iam.send(new I.DeleteRolePermissionsBoundaryCommand({ RoleName: 'Other' }));
    expect((await iam.send(new I.ListRolesCommand({}))).Roles?.map((r) => r.RoleName)).toEqual(['Exec', 'Other']);
  });

  it('describes the whole account with GetAccountAuthorizationDetails, paged', async () => {
    await iam.send(new I.AttachRolePolicyCommand({ RoleName: 'Exec', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess' }));
    await iam.send(new I.CreatePolicyCommand({ PolicyName: 'Local', PolicyDocument: doc('s3:GetObject') }));
    const all = await iam.send(new I.GetAccountAuthorizationDetailsCommand({}));
    const exec = all.RoleDetailList?.find((r) => r.RoleName === 'Exec');
    expect(exec?.RolePolicyList?.map((p) => p.PolicyName)).toEqual(['inline']);
    expect(exec?.AttachedManagedPolicies).toEqual([{ PolicyName: 'AmazonSageMakerFullAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess' }]);
    expect(all.UserDetailList?.map((u) => u.UserName)).toEqual(['u']);
    expect(all.GroupDetailList?.map((g) => g.GroupName)).toEqual(['g']);
    expect(all.Policies?.map((p) => p.PolicyName).sort()).toEqual(['AmazonSageMakerFullAccess', 'Local']);
    expect(all.Policies?.find((p) => p.PolicyName === 'Local')?.PolicyVersionList?.[0]?.IsDefaultVersion).toBe(true);
    const roles = await iam.send(new I.GetAccountAuthorizationDetailsCommand({ Filter: ['Role'], MaxItems: 1 }));
    expect(roles.RoleDetailList?.length).toBe(1);
    expect(roles.IsTruncated).toBe(true);
    const next = await iam.send(new I.GetAccountAuthorizationDetailsCommand({ Filter: ['Role'], MaxItems: 1, Marker: roles.Marker }));
    expect(next.RoleDetailList?.[0]?.RoleName).toBe('Other');
    await iam.send(new I.DeleteRolePolicyCommand({ RoleName: 'Exec', PolicyName: 'inline' }));
    expect((await iam.send(new I.ListRolePoliciesCommand({ RoleName: 'Exec' }))).PolicyNames).toEqual([]);
    expect((await awsError(() => iam.send(new I.DeleteRolePolicyCommand({ RoleName: 'Exec', PolicyName: 'inline' })))).name).toBe('NoSuchEntityException');
  });
});
