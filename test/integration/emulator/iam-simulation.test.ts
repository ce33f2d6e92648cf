/**
 * IAM's policy simulator through the real SDK over HTTP: SimulateCustomPolicy,
 * SimulatePrincipalPolicy, GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy —
 * decisions, matched statements with their positions, missing context values, boundary and
 * Organizations details, resource policies across accounts, paging, AWS's errors — and that the
 * simulator and enforcement give the same answer for the same question.
 */
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { AttachPolicyCommand, CreateOrganizationCommand, CreatePolicyCommand as CreateScpCommand, EnablePolicyTypeCommand, InviteAccountToOrganizationCommand, AcceptHandshakeCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { ACCOUNT_A, ACCOUNT_B, as, denied, doc, enforcing, roleWith, rootOf, userWith } from './enforcement-support.ts';

describe('IAM policy simulator', () => {
  let emu: RunningEmulator;
  let iam: IAMClient;

  beforeAll(async () => {
    // The simulator works with enforcement on or off; on, it can be compared with real calls.
    emu = await enforcing();
    iam = new IAMClient(as(emu, rootOf(ACCOUNT_A)));
  });
  afterAll(() => emu.stop());

  describe('SimulateCustomPolicy', () => {
    it('answers the AWS CLI documentation’s example exactly, statement positions included', async () => {
      const policy = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';
      const after = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['dynamodb:CreateBackup'], ContextEntries: [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2019-04-25T11:00:00Z'], ContextKeyType: 'date' }] }));
      expect(after.EvaluationResults).toEqual([{
        EvalActionName: 'dynamodb:CreateBackup',
        EvalResourceName: '*',
        EvalDecision: 'allowed',
        MatchedStatements: [{ SourcePolicyId: 'PolicyInputList.1', StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 167 } }],
        MissingContextValues: [],
      }]);
      const before = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['dynamodb:CreateBackup'], ContextEntries: [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2014-04-25T11:00:00Z'], ContextKeyType: 'date' }] }));
      expect(before.EvaluationResults).toEqual([{ EvalActionName: 'dynamodb:CreateBackup', EvalResourceName: '*', EvalDecision: 'implicitDeny', MatchedStatements: [], MissingContextValues: [] }]);
    });

    it('gives one result per action and resource, with the deciding statements of pretty-printed documents', async () => {
      const policy = JSON.stringify({ Version: '2012-10-17', Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' },
        { Sid: 'NoRaw', Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/raw/*' },
      ] }, null, 2);
      const out = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['s3:GetObject', 's3:PutObject'], ResourceArns: ['arn:aws:s3:::data/clean/a.csv', 'arn:aws:s3:::data/raw/a.csv'] }));
      expect(out.EvaluationResults!.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])).toEqual([
        ['s3:GetObject', 'arn:aws:s3:::data/clean/a.csv', 'allowed'],
        ['s3:GetObject', 'arn:aws:s3:::data/raw/a.csv', 'explicitDeny'],
        ['s3:PutObject', 'arn:aws:s3:::data/clean/a.csv', 'implicitDeny'],
        ['s3:PutObject', 'arn:aws:s3:::data/raw/a.csv', 'implicitDeny'],
      ]);
      // The deny statement's braces stand on lines 10 and 15, in column 5 (reported as column 6, as IAM does).
      expect(out.EvaluationResults![1]!.MatchedStatements).toEqual([{ SourcePolicyId: 'PolicyInputList.1', StartPosition: { Line: 10, Column: 6 }, EndPosition: { Line: 15, Column: 6 } }]);
      expect(out.EvaluationResults![1]!.ResourceSpecificResults).toEqual([expect.objectContaining({ EvalResourceName: 'arn:aws:s3:::data/raw/a.csv', EvalResourceDecision: 'explicitDeny' })]);
      expect(out.IsTruncated).toBe(false);
    });

    it('lists the context keys the request did not supply, and takes typed context entries', async () => {
      const policy = doc({ Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: '*', Condition: { 'ForAllValues:StringLike': { 'sagemaker:VpcSubnets': 'subnet-0a*' }, Bool: { 'sagemaker:NetworkIsolation': 'true' }, NumericLessThanEquals: { 'sagemaker:MaxRuntimeInSeconds': '3600' } } });
      const missing = await iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['sagemaker:CreateTrainingJob'] }));
      expect(missing.EvaluationResults![0]!.EvalDecision).toBe('implicitDeny');
      expect(new Set(missing.EvaluationResults![0]!.MissingContextValues)).toEqual(new Set(['sagemaker:VpcSubnets', 'sagemaker:NetworkIsolation', 'sagemaker:MaxRuntimeInSeconds']));
      const complete = await iam.send(new SimulateCustomPolicyCommand({
        PolicyInputList: [policy],
        ActionNames: ['sagemaker:CreateTrainingJob'],
        ContextEntries: [
          { ContextKeyName: 'sagemaker:VpcSubnets', ContextKeyValues: ['subnet-0a1', 'subnet-0a2'], ContextKeyType: 'stringList' },
          { ContextKeyName: 'sagemaker:NetworkIsolation', ContextKeyValues: ['true'], ContextKeyType: 'boolean' },
          { ContextKeyName: 'sagemaker:MaxRuntimeInSeconds', ContextKeyValues: ['1800'], ContextKeyType: 'numeric' },
        ],
      }));
      expect(complete.EvaluationResults![0]).toMatchObject({ EvalDecision: 'allowed', MissingContextValues: [] });
    });

    it('reports the permissions boundary’s part', async () => {
      const out = await iam.send(new SimulateCustomPolicyCommand({
        PolicyInputList: [doc({ Effect: 'Allow', Action: ['sagemaker:CreateTrainingJob', 's3:GetObject'], Resource: '*' })],
        PermissionsBoundaryPolicyInputList: [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })],
        ActionNames: ['sagemaker:CreateTrainingJob', 's3:GetObject'],
      }));
      expect(out.EvaluationResults!.map((r) => [r.EvalActionName, r.EvalDecision, r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary])).toEqual([
        ['sagemaker:CreateTrainingJob', 'implicitDeny', false],
        ['s3:GetObject', 'allowed', true],
      ]);
    });

    it('evaluates a resource policy for a caller, across accounts when ResourceOwner says so', async () => {
      const bucketPolicy = doc({ Sid: 'PartnerReads', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_B}:user/partner` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' });
      const simulate = (identity: string, caller: string) => iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [identity], ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::shared/a.csv'], ResourcePolicy: bucketPolicy, ResourceOwner: `arn:aws:iam::${ACCOUNT_A}:root`, CallerArn: caller }));
      const both = await simulate(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), `arn:aws:iam::${ACCOUNT_B}:user/partner`);
      expect(both.EvaluationResults![0]!.EvalDecision).toBe('allowed');
      expect(both.EvaluationResults![0]!.MatchedStatements!.map((s) => [s.SourcePolicyId, s.SourcePolicyType])).toEqual([['PolicyInputList.1', undefined], ['ResourcePolicy', 'resource']]);
      const notNamed = await simulate(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), `arn:aws:iam::${ACCOUNT_B}:user/someone-else`);
      expect(notNamed.EvaluationResults![0]!.EvalDecision).toBe('implicitDeny');
    });

    it('pages with MaxItems and Marker', async () => {
      const input = { PolicyInputList: [doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })], ActionNames: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], MaxItems: 2 };
      const first = await iam.send(new SimulateCustomPolicyCommand(input));
      expect(first).toMatchObject({ IsTruncated: true });
      expect(first.EvaluationResults!.map((r) => r.EvalActionName)).toEqual(['s3:GetObject', 's3:PutObject']);
      const second = await iam.send(new SimulateCustomPolicyCommand({ ...input, Marker: first.Marker }));
      expect(second.EvaluationResults!.map((r) => r.EvalActionName)).toEqual(['s3:DeleteObject']);
      expect(second.IsTruncated).toBe(false);
    });

    it('refuses bad input with InvalidInput, saying what is wrong', async () => {
      const bad = async (input: Record<string, unknown>) => denied(() => iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })], ActionNames: ['s3:GetObject'], ...input })));
      const malformed = await bad({ PolicyInputList: ['{"Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}'] });
      expect(malformed).toMatchObject({ name: 'InvalidInputException', $metadata: { httpStatusCode: 400 } });
      expect(malformed.message).toMatch(/^PolicyInputList\.1 is not a valid policy document: .*Effect/);
      expect((await bad({ ActionNames: ['GetObject'] })).message).toContain('service:Action');
      expect((await bad({ ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['x'], ContextKeyType: 'ipv9' }] })).message).toContain("ContextKeyType 'ipv9'");
      expect((await bad({ ContextEntries: [{ ContextKeyName: 'aws:EpochTime', ContextKeyValues: ['soon'], ContextKeyType: 'numeric' }] })).message).toContain("'soon' is not a number");
      expect((await bad({ ResourcePolicy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }) })).message).toContain('CallerArn is required');
      expect((await bad({ CallerArn: 'arn:aws:iam::111111111111:role/r', ResourcePolicy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }) })).message).toContain('must be the ARN of an IAM user');
    });
  });

  describe('SimulatePrincipalPolicy', () => {
    let userArn: string;

    beforeAll(async () => {
      userArn = (await iam.send(new CreateUserCommand({ UserName: 'sim-user' }))).User!.Arn!;
      await iam.send(new PutUserPolicyCommand({ UserName: 'sim-user', PolicyName: 'read-data', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::sim-data/*' }) }));
      await iam.send(new CreateGroupCommand({ GroupName: 'sim-group' }));
      await iam.send(new PutGroupPolicyCommand({ GroupName: 'sim-group', PolicyName: 'no-deletes', PolicyDocument: doc({ Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }) }));
      await iam.send(new AddUserToGroupCommand({ GroupName: 'sim-group', UserName: 'sim-user' }));
      const managed = await iam.send(new CreatePolicyCommand({ PolicyName: 'sim-list', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }) }));
      await iam.send(new AttachUserPolicyCommand({ UserName: 'sim-user', PolicyArn: managed.Policy!.Arn! }));
      await iam.send(new AttachUserPolicyCommand({ UserName: 'sim-user', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerReadOnly' }));
    });

    it('simulates a user with its own and its groups’ inline and managed policies', async () => {
      const out = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: userArn, ActionNames: ['s3:GetObject', 's3:DeleteObject', 's3:ListBucket', 'sagemaker:ListModels'], ResourceArns: ['arn:aws:s3:::sim-data/a.csv'] }));
      expect(out.EvaluationResults!.map((r) => [r.EvalActionName, r.EvalDecision, r.MatchedStatements!.map((s) => `${s.SourcePolicyType}:${s.SourcePolicyId}`)])).toEqual([
        ['s3:GetObject', 'allowed', ['user:read-data']],
        ['s3:DeleteObject', 'explicitDeny', ['group:no-deletes']],
        ['s3:ListBucket', 'allowed', ['user-managed:sim-list']],
        ['sagemaker:ListModels', 'allowed', ['aws-managed:AmazonSageMakerReadOnly']],
      ]);
      expect(out.EvaluationResults![0]!.OrganizationsDecisionDetail).toBeUndefined();
    });

    it('leaves out policies named in PolicyExclusionList and adds PolicyInputList', async () => {
      const out = await iam.send(new SimulatePrincipalPolicyCommand({
        PolicySourceArn: userArn,
        ActionNames: ['s3:DeleteObject', 'kms:Decrypt'],
        PolicyExclusionList: [{ InlinePolicyIdentifier: { PolicyName: 'no-deletes', AttachmentType: 'group', AttachmentName: 'sim-group' } }],
        PolicyInputList: [doc({ Effect: 'Allow', Action: ['s3:DeleteObject', 'kms:Decrypt'], Resource: '*' })],
      }));
      expect(out.EvaluationResults!.map((r) => r.EvalDecision)).toEqual(['allowed', 'allowed']);
    });

    it('simulates a role with its permissions boundary, or the one given instead', async () => {
      const roleArn = await roleWith(emu, ACCOUNT_A, 'sim-role', { admin: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) });
      const boundary = await iam.send(new CreatePolicyCommand({ PolicyName: 'sim-boundary', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }));
      await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'sim-role', PermissionsBoundary: boundary.Policy!.Arn! }));
      const own = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn, ActionNames: ['s3:GetObject', 'kms:Decrypt'] }));
      expect(own.EvaluationResults!.map((r) => [r.EvalDecision, r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary])).toEqual([['allowed', true], ['implicitDeny', false]]);
      const given = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn, ActionNames: ['s3:GetObject', 'kms:Decrypt'], PermissionsBoundaryPolicyInputList: [doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*' })] }));
      expect(given.EvaluationResults!.map((r) => r.EvalDecision)).toEqual(['implicitDeny', 'allowed']);
    });

    it('reports the SCPs of a member account in OrganizationsDecisionDetail', async () => {
      const management = '100000000009';
      const member = '200000000009';
      const org = new OrganizationsClient(as(emu, rootOf(management)));
      await org.send(new CreateOrganizationCommand({}));
      const root = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
      await org.send(new EnablePolicyTypeCommand({ RootId: root, PolicyType: 'SERVICE_CONTROL_POLICY' }));
      const handshake = await org.send(new InviteAccountToOrganizationCommand({ Target: { Type: 'ACCOUNT', Id: member } }));
      await new OrganizationsClient(as(emu, rootOf(member))).send(new AcceptHandshakeCommand({ HandshakeId: handshake.Handshake!.Id! }));
      const policy = await org.send(new CreateScpCommand({ Name: 'no-kms-deletes', Description: 'd', Type: 'SERVICE_CONTROL_POLICY', Content: doc({ Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }) }));
      await org.send(new AttachPolicyCommand({ PolicyId: policy.Policy!.PolicySummary!.Id!, TargetId: root }));
      await userWith(emu, member, 'member-admin', { admin: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) });
      const out = await new IAMClient(as(emu, rootOf(member))).send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${member}:user/member-admin`, ActionNames: ['kms:ScheduleKeyDeletion', 'kms:Encrypt'] }));
      expect(out.EvaluationResults!.map((r) => [r.EvalDecision, r.OrganizationsDecisionDetail?.AllowedByOrganizations])).toEqual([['explicitDeny', false], ['allowed', true]]);
    });

    it('answers NoSuchEntity for an entity that does not exist, and InvalidInput for a non-entity ARN', async () => {
      expect(await denied(() => iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT_A}:user/ghost`, ActionNames: ['s3:GetObject'] })))).toMatchObject({ name: 'NoSuchEntityException', message: 'The user with name ghost cannot be found.', $metadata: { httpStatusCode: 404 } });
      expect(await denied(() => iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:s3:::bucket', ActionNames: ['s3:GetObject'] })))).toMatchObject({ name: 'InvalidInputException' });
    });

    it('agrees with enforcement on the same questions', async () => {
      const s3 = new S3Client(as(emu, rootOf(ACCOUNT_A)));
      await s3.send(new CreateBucketCommand({ Bucket: 'sim-data' }));
      await s3.send(new PutObjectCommand({ Bucket: 'sim-data', Key: 'a.csv', Body: 'a' }));
      const creds = await userWith(emu, ACCOUNT_A, 'sim-twin', { read: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::sim-data/a*' }) });
      const userS3 = new S3Client(as(emu, creds));
      for (const key of ['a.csv', 'b.csv']) {
        const simulated = (await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT_A}:user/sim-twin`, ActionNames: ['s3:GetObject'], ResourceArns: [`arn:aws:s3:::sim-data/${key}`] }))).EvaluationResults![0]!.EvalDecision;
        const real = await userS3.send(new GetObjectCommand({ Bucket: 'sim-data', Key: key })).then(() => 'allowed', (e: Error) => (e.name === 'AccessDenied' ? 'implicitDeny' : e.name));
        expect(real).toBe(simulated);
      }
    });
  });

  describe('GetContextKeysFor*Policy', () => {
    it('lists the keys a custom policy reads, once each', async () => {
      const out = await iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [
        doc({ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*', Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' }, BoolIfExists: { 'aws:SecureTransport': 'true' } } }),
      ] }));
      expect(new Set(out.ContextKeyNames)).toEqual(new Set(['aws:SecureTransport', 's3:x-amz-server-side-encryption', 'aws:username']));
      expect(await denied(() => iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: ['not json'] })))).toMatchObject({ name: 'InvalidInputException' });
    });

    it('lists the keys of every policy of a principal, and of PolicyInputList', async () => {
      await iam.send(new CreateUserCommand({ UserName: 'keys-user' }));
      await iam.send(new PutUserPolicyCommand({ UserName: 'keys-user', PolicyName: 'tls', PolicyDocument: doc({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) }));
      const out = await iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT_A}:user/keys-user`, PolicyInputList: [doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })] }));
      expect(new Set(out.ContextKeyNames)).toEqual(new Set(['aws:SecureTransport', 'aws:SourceIp']));
    });
  });
});
