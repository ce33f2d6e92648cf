/**
 * IAM enforcement with AWS Organizations: SCPs as ceilings on member accounts, through the real SDKs
 * over HTTP — and the guardrails lab's story (issue 6, lab h): the organization lets anyone train
 * outside a VPC and stop CloudTrail; the learner writes SCPs with sagemaker:VpcSubnets and
 * sagemaker:NetworkIsolation conditions and a deny on cloudtrail:StopLogging/DeleteTrail; grading
 * attempts the forbidden calls as member-account principals with enforcement on, and checks that
 * the allowed calls still succeed.
 */
import { CloudTrailClient, CreateTrailCommand, DeleteTrailCommand, GetTrailStatusCommand, StartLoggingCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListKeysCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  AcceptHandshakeCommand,
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  DetachPolicyCommand,
  EnablePolicyTypeCommand,
  InviteAccountToOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTrainingJobCommand, SageMakerClient, type CreateTrainingJobCommandInput } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { trailBucketPolicy } from './cloudtrail-support.ts';
import { as, assume, denied, doc, enforcing, roleWith, rootOf, type Credentials } from './enforcement-support.ts';

const MANAGEMENT = '100000000001';
const MEMBER = '200000000002';

describe('IAM enforcement: service control policies and the guardrails lab', () => {
  let emu: RunningEmulator;
  let org: OrganizationsClient;
  let rootId: string;
  let ouId: string;
  let engineer: Credentials;
  let executionRole: string;
  let subnet: string;
  let securityGroup: string;

  const job = (name: string, extra: Partial<CreateTrainingJobCommandInput> = {}): CreateTrainingJobCommandInput => ({
    TrainingJobName: name,
    RoleArn: executionRole,
    AlgorithmSpecification: { TrainingImage: '382416733822.dkr.ecr.us-east-1.amazonaws.com/xgboost:1', TrainingInputMode: 'File' },
    OutputDataConfig: { S3OutputPath: 's3://member-ml-data/output/' },
    ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 10 },
    StoppingCondition: { MaxRuntimeInSeconds: 600 },
    ...extra,
  });

  async function createTrail(credentials: Credentials, account: string, name: string): Promise<CloudTrailClient> {
    const s3 = new S3Client(as(emu, rootOf(account)));
    const bucket = `${name}-logs-${account}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: trailBucketPolicy(bucket, account) }));
    const trail = new CloudTrailClient(as(emu, credentials));
    await trail.send(new CreateTrailCommand({ Name: name, S3BucketName: bucket }));
    await trail.send(new StartLoggingCommand({ Name: name }));
    return trail;
  }

  beforeAll(async () => {
    emu = await enforcing({ serviceSettings: { sagemaker: { transitionDelayMs: 0 } } });
    org = new OrganizationsClient(as(emu, rootOf(MANAGEMENT)));
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    const handshake = await org.send(new InviteAccountToOrganizationCommand({ Target: { Type: 'ACCOUNT', Id: MEMBER } }));
    await new OrganizationsClient(as(emu, rootOf(MEMBER))).send(new AcceptHandshakeCommand({ HandshakeId: handshake.Handshake!.Id! }));
    ouId = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'ml' }))).OrganizationalUnit!.Id!;
    await org.send(new MoveAccountCommand({ AccountId: MEMBER, SourceParentId: rootId, DestinationParentId: ouId }));

    // The member account's ML engineer: administrator within the account.
    const engineerRole = await roleWith(emu, MEMBER, 'ml-engineer', { admin: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) });
    engineer = await assume(emu, rootOf(MEMBER), engineerRole);
    executionRole = await roleWith(emu, MEMBER, 'training-execution', {}, { Service: 'sagemaker.amazonaws.com' });
    const ec2 = new EC2Client(as(emu, engineer));
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc!.VpcId!;
    subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.20.1.0/24' }))).Subnet!.SubnetId!;
    securityGroup = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'training', Description: 'training jobs' }))).GroupId!;
  });
  afterAll(() => emu.stop());

  it('before the guardrails: a member principal trains outside a VPC and stops CloudTrail', async () => {
    const sm = new SageMakerClient(as(emu, engineer));
    expect((await sm.send(new CreateTrainingJobCommand(job('before-guardrails')))).TrainingJobArn).toBeDefined();
    const trail = await createTrail(engineer, MEMBER, 'before');
    await trail.send(new StopLoggingCommand({ Name: 'before' }));
    expect((await trail.send(new GetTrailStatusCommand({ Name: 'before' }))).IsLogging).toBe(false);
  });

  describe('with the learner’s SCPs attached', () => {
    let memberTrail: CloudTrailClient;

    beforeAll(async () => {
      const protectTrails = await org.send(new CreatePolicyCommand({
        Name: 'protect-cloudtrail',
        Description: 'Nobody stops or deletes the audit trail',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: doc({ Sid: 'ProtectCloudTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' }),
      }));
      const networkGuardrails = await org.send(new CreatePolicyCommand({
        Name: 'ml-network-guardrails',
        Description: 'Training only inside a VPC and network-isolated',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: doc(
          { Sid: 'TrainingOnlyInsideAVpc', Effect: 'Deny', Action: ['sagemaker:CreateTrainingJob', 'sagemaker:CreateModel'], Resource: '*', Condition: { Null: { 'sagemaker:VpcSubnets': 'true' } } },
          { Sid: 'TrainingOnlyNetworkIsolated', Effect: 'Deny', Action: ['sagemaker:CreateTrainingJob', 'sagemaker:CreateModel'], Resource: '*', Condition: { Bool: { 'sagemaker:NetworkIsolation': 'false' } } },
          { Sid: 'NetworkIsolationMustBeSet', Effect: 'Deny', Action: ['sagemaker:CreateTrainingJob', 'sagemaker:CreateModel'], Resource: '*', Condition: { Null: { 'sagemaker:NetworkIsolation': 'true' } } },
        ),
      }));
      await org.send(new AttachPolicyCommand({ PolicyId: protectTrails.Policy!.PolicySummary!.Id!, TargetId: rootId }));
      await org.send(new AttachPolicyCommand({ PolicyId: networkGuardrails.Policy!.PolicySummary!.Id!, TargetId: ouId }));
      memberTrail = await createTrail(engineer, MEMBER, 'audit');
    });

    it('refuses a training job outside a VPC, naming the service control policy', async () => {
      const error = await denied(() => new SageMakerClient(as(emu, engineer)).send(new CreateTrainingJobCommand(job('no-vpc', { EnableNetworkIsolation: true }))));
      expect(error.name).toBe('AccessDeniedException');
      expect(error.message).toBe(`User: arn:aws:sts::${MEMBER}:assumed-role/ml-engineer/test-session is not authorized to perform: sagemaker:CreateTrainingJob on resource: arn:aws:sagemaker:us-east-1:${MEMBER}:training-job/no-vpc with an explicit deny in a service control policy`);
    });

    it('refuses a job in a VPC without network isolation, set to false or left out', async () => {
      const sm = new SageMakerClient(as(emu, engineer));
      const vpc = { VpcConfig: { Subnets: [subnet], SecurityGroupIds: [securityGroup] } };
      await denied(() => sm.send(new CreateTrainingJobCommand(job('vpc-not-isolated', { ...vpc, EnableNetworkIsolation: false }))));
      await denied(() => sm.send(new CreateTrainingJobCommand(job('vpc-isolation-unset', vpc))));
    });

    it('still allows a compliant training job', async () => {
      const created = await new SageMakerClient(as(emu, engineer)).send(new CreateTrainingJobCommand(job('compliant', { VpcConfig: { Subnets: [subnet], SecurityGroupIds: [securityGroup] }, EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true })));
      expect(created.TrainingJobArn).toBe(`arn:aws:sagemaker:us-east-1:${MEMBER}:training-job/compliant`);
    });

    it('refuses StopLogging and DeleteTrail to the member’s administrators and to its root user', async () => {
      for (const credentials of [engineer, rootOf(MEMBER)]) {
        const trail = new CloudTrailClient(as(emu, credentials));
        expect((await denied(() => trail.send(new StopLoggingCommand({ Name: 'audit' })))).message).toContain('with an explicit deny in a service control policy');
        expect((await denied(() => trail.send(new DeleteTrailCommand({ Name: 'audit' })))).message).toContain('cloudtrail:DeleteTrail');
      }
      expect((await memberTrail.send(new GetTrailStatusCommand({ Name: 'audit' }))).IsLogging).toBe(true);
    });

    it('never restricts the management account', async () => {
      const trail = await createTrail(rootOf(MANAGEMENT), MANAGEMENT, 'management');
      await trail.send(new StopLoggingCommand({ Name: 'management' }));
      expect((await trail.send(new GetTrailStatusCommand({ Name: 'management' }))).IsLogging).toBe(false);
      expect((await new SageMakerClient(as(emu, rootOf(MANAGEMENT))).send(new CreateTrainingJobCommand({ ...job('management-no-vpc'), RoleArn: await roleWith(emu, MANAGEMENT, 'mgmt-execution', {}, { Service: 'sagemaker.amazonaws.com' }) }))).TrainingJobArn).toBeDefined();
    });

    it('implicitly denies what an allow-list SCP leaves out, once FullAWSAccess is detached from the OU', async () => {
      const allowList = await org.send(new CreatePolicyCommand({
        Name: 'ml-allow-list',
        Description: 'Only the services ML teams use',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: doc({ Effect: 'Allow', Action: ['sagemaker:*', 'cloudtrail:*', 's3:*', 'ec2:*', 'iam:*', 'sts:*'], Resource: '*' }),
      }));
      await org.send(new AttachPolicyCommand({ PolicyId: allowList.Policy!.PolicySummary!.Id!, TargetId: ouId }));
      await org.send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: ouId }));
      const error = await denied(() => new KMSClient(as(emu, engineer)).send(new ListKeysCommand({})));
      expect(error.message).toBe(`User: arn:aws:sts::${MEMBER}:assumed-role/ml-engineer/test-session is not authorized to perform: kms:ListKeys because no service control policy allows the kms:ListKeys action`);
      expect((await memberTrail.send(new GetTrailStatusCommand({ Name: 'audit' }))).IsLogging).toBe(true);
    });
  });
});
