/**
 * SageMaker's references into other services (src/emulator/services/sagemaker/peers.ts): subnets
 * and security groups must exist in the emulated EC2 and share a VPC, KMS keys (id, ARN, alias,
 * alias ARN) must exist in the emulated KMS and be enabled. The resources are real: the harness
 * creates them through the EC2 and KMS APIs.
 */
import { CreateDomainCommand, CreateNotebookInstanceCommand, CreateTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError } from './support.ts';
import { executionRole, type SageMakerHarness, sageMakerHarness } from './sagemaker-support.ts';

describe('SageMaker references into EC2 and KMS', () => {
  let h: SageMakerHarness;
  let role: string;
  beforeAll(async () => {
    h = await sageMakerHarness({ serviceSettings: { sagemaker: { transitionDelayMs: 0 } } });
    role = await executionRole(h.iam);
  });
  afterAll(async () => h.stop());

  const notebook = (name: string, extra: Record<string, unknown>) => new CreateNotebookInstanceCommand({ NotebookInstanceName: name, InstanceType: 'ml.t3.medium', RoleArn: role, ...extra });

  it('accepts existing subnets, groups and keys by id, ARN or alias', async () => {
    const { subnets, securityGroup, keyId, keyArn } = h.peers;
    await h.sm.send(notebook('ok-1', { SubnetId: subnets[0], SecurityGroupIds: [securityGroup], KmsKeyId: keyId, DirectInternetAccess: 'Disabled' }));
    await h.sm.send(notebook('ok-2', { KmsKeyId: keyArn }));
    await h.sm.send(notebook('ok-3', { KmsKeyId: 'alias/ml-team' }));
    await h.sm.send(notebook('ok-4', { KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:alias/ml-team' }));
  });

  it('accepts the subnets of the default VPC that a fresh account has, as AWS does', async () => {
    const defaults = await h.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
    const subnet = defaults.Subnets![0]!;
    const group = (await h.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [subnet.VpcId!] }, { Name: 'group-name', Values: ['default'] }] }))).SecurityGroups![0]!;
    await h.sm.send(notebook('in-default-vpc', { SubnetId: subnet.SubnetId, SecurityGroupIds: [group.GroupId] }));
  });

  it('refuses subnets and security groups that do not exist or sit in different VPCs', async () => {
    const { subnets, securityGroup, otherSubnet, otherVpcId, vpcId } = h.peers;
    expect((await awsError(() => h.sm.send(notebook('x', { SubnetId: 'subnet-0123456789abcdef0', SecurityGroupIds: [securityGroup] })))).message).toBe("The subnet ID 'subnet-0123456789abcdef0' does not exist");
    expect((await awsError(() => h.sm.send(notebook('x', { SubnetId: subnets[0], SecurityGroupIds: ['sg-0123456789abcdef0'] })))).message).toBe("The security group 'sg-0123456789abcdef0' does not exist");
    expect((await awsError(() => h.sm.send(notebook('x', { SubnetId: otherSubnet, SecurityGroupIds: [securityGroup] })))).message).toContain('must belong to the same VPC');
    const training = await awsError(() => h.sm.send(new CreateTrainingJobCommand({
      TrainingJobName: 't', RoleArn: role,
      AlgorithmSpecification: { TrainingImage: 'img', TrainingInputMode: 'File' },
      OutputDataConfig: { S3OutputPath: 's3://b/o' },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 10 },
      VpcConfig: { Subnets: ['subnet-nope'], SecurityGroupIds: [securityGroup] },
    })));
    expect(training.message).toBe("The subnet ID 'subnet-nope' does not exist");
    const domain = await awsError(() => h.sm.send(new CreateDomainCommand({ DomainName: 'd', AuthMode: 'IAM', DefaultUserSettings: { ExecutionRole: role }, VpcId: otherVpcId, SubnetIds: [subnets[0]], AppNetworkAccessType: 'VpcOnly' })));
    expect(domain.message).toBe(`Subnet ${subnets[0]} is in ${vpcId}, not in the domain's VPC ${otherVpcId}.`);
    const noVpc = await awsError(() => h.sm.send(new CreateDomainCommand({ DomainName: 'd', AuthMode: 'IAM', DefaultUserSettings: { ExecutionRole: role }, VpcId: 'vpc-0123456789abcdef0', SubnetIds: [subnets[0]] })));
    expect(noVpc.message).toBe("The vpc ID 'vpc-0123456789abcdef0' does not exist");
  });

  it('refuses unknown, disabled and pending-deletion KMS keys', async () => {
    expect((await awsError(() => h.sm.send(notebook('x', { KmsKeyId: '99999999-0000-0000-0000-000000000000' })))).message).toContain('does not name an existing KMS key');
    expect((await awsError(() => h.sm.send(notebook('x', { KmsKeyId: 'alias/nope' })))).message).toContain('alias alias/nope does not exist');
    expect((await awsError(() => h.sm.send(notebook('x', { KmsKeyId: h.peers.disabledKeyId })))).message).toContain('is Disabled');
    await h.kms.send(new ScheduleKeyDeletionCommand({ KeyId: h.peers.disabledKeyId, PendingWindowInDays: 7 }));
    expect((await awsError(() => h.sm.send(notebook('x', { KmsKeyId: h.peers.disabledKeyId })))).message).toContain('is PendingDeletion');
  });

  it('accepts keys of accounts the emulator has never seen, as given', async () => {
    await h.sm.send(notebook('foreign-key', { KmsKeyId: 'arn:aws:kms:us-east-1:999988887777:key/1234abcd-12ab-34cd-56ef-1234567890ab' }));
  });
});
