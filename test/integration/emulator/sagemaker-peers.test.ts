/**
 * SageMaker's references into other services (src/emulator/services/sagemaker/peers.ts): subnets
 * and security groups must exist in EC2 and share a VPC, KMS keys (id, ARN, alias) must exist and be
 * enabled. EC2 and KMS are stood in for here by services holding state in the shape peers.ts reads,
 * which pins that contract; without those services the references are accepted (see the other suites).
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateDomainCommand, CreateNotebookInstanceCommand, CreateTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineService, type RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const KEYS = { accessKeyId: '123456789012', secretAccessKey: 'x' };
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:us-east-1:123456789012:key/${KEY_ID}`;
const DISABLED_ID = '0000abcd-12ab-34cd-56ef-1234567890ab';

const ec2 = defineService({
  id: 'ec2',
  title: 'EC2 (state stand-in)',
  signingName: 'ec2',
  protocol: 'ec2',
  wire: { apiVersion: '2016-11-15', xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/' },
  loadModel: () => import('@aws-sdk/client-ec2') as Promise<Record<string, unknown>>,
  state: {
    scope: 'region',
    create: () => ({
      subnets: new Map([['subnet-a', { subnetId: 'subnet-a', vpcId: 'vpc-1' }], ['subnet-b', { subnetId: 'subnet-b', vpcId: 'vpc-2' }]]),
      securityGroups: new Map([['sg-a', { groupId: 'sg-a', vpcId: 'vpc-1' }]]),
    }),
  },
  handlers: {},
});

const kms = defineService({
  id: 'kms',
  title: 'KMS (state stand-in)',
  signingName: 'kms',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2014-11-01', targetPrefix: 'TrentService' },
  loadModel: () => import('@aws-sdk/client-kms') as Promise<Record<string, unknown>>,
  state: {
    scope: 'region',
    create: () => ({
      keys: new Map([[KEY_ID, { keyId: KEY_ID, arn: KEY_ARN, keyState: 'Enabled' }], [DISABLED_ID, { keyId: DISABLED_ID, arn: `arn:aws:kms:us-east-1:123456789012:key/${DISABLED_ID}`, keyState: 'Disabled' }]]),
      aliases: new Map([['alias/ml-team', { aliasName: 'alias/ml-team', targetKeyId: KEY_ID }]]),
    }),
  },
  handlers: {},
});

describe('SageMaker references into EC2 and KMS', () => {
  let emu: RunningEmulator;
  let sm: SageMakerClient;
  let role: string;
  beforeAll(async () => {
    emu = await emulator({ extraServices: [ec2, kms], serviceSettings: { sagemaker: { transitionDelayMs: 0 } } });
    sm = new SageMakerClient(clientConfig(emu.url, KEYS));
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    role = (await new IAMClient(clientConfig(emu.url, KEYS)).send(new CreateRoleCommand({ RoleName: 'SageMakerExecution', AssumeRolePolicyDocument: trust }))).Role!.Arn!;
  });
  afterAll(async () => emu.stop());

  const notebook = (name: string, extra: Record<string, unknown>) => new CreateNotebookInstanceCommand({ NotebookInstanceName: name, InstanceType: 'ml.t3.medium', RoleArn: role, ...extra });

  it('accepts existing subnets, groups and keys by id, ARN or alias', async () => {
    await sm.send(notebook('ok-1', { SubnetId: 'subnet-a', SecurityGroupIds: ['sg-a'], KmsKeyId: KEY_ID, DirectInternetAccess: 'Disabled' }));
    await sm.send(notebook('ok-2', { KmsKeyId: KEY_ARN }));
    await sm.send(notebook('ok-3', { KmsKeyId: 'alias/ml-team' }));
    await sm.send(notebook('ok-4', { KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:alias/ml-team' }));
  });

  it('refuses subnets and security groups that do not exist or sit in different VPCs', async () => {
    expect((await awsError(() => sm.send(notebook('x', { SubnetId: 'subnet-zzz', SecurityGroupIds: ['sg-a'] })))).message).toBe("The subnet ID 'subnet-zzz' does not exist");
    expect((await awsError(() => sm.send(notebook('x', { SubnetId: 'subnet-a', SecurityGroupIds: ['sg-zzz'] })))).message).toBe("The security group 'sg-zzz' does not exist");
    expect((await awsError(() => sm.send(notebook('x', { SubnetId: 'subnet-b', SecurityGroupIds: ['sg-a'] })))).message).toContain('must belong to the same VPC');
    const training = await awsError(() => sm.send(new CreateTrainingJobCommand({
      TrainingJobName: 't', RoleArn: role,
      AlgorithmSpecification: { TrainingImage: 'img', TrainingInputMode: 'File' },
      OutputDataConfig: { S3OutputPath: 's3://b/o' },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 10 },
      VpcConfig: { Subnets: ['subnet-nope'], SecurityGroupIds: ['sg-a'] },
    })));
    expect(training.message).toBe("The subnet ID 'subnet-nope' does not exist");
    const domain = await awsError(() => sm.send(new CreateDomainCommand({ DomainName: 'd', AuthMode: 'IAM', DefaultUserSettings: { ExecutionRole: role }, VpcId: 'vpc-2', SubnetIds: ['subnet-a'], AppNetworkAccessType: 'VpcOnly' })));
    expect(domain.message).toBe("Subnet subnet-a is in vpc-1, not in the domain's VPC vpc-2.");
  });

  it('refuses unknown and disabled KMS keys', async () => {
    expect((await awsError(() => sm.send(notebook('x', { KmsKeyId: '99999999-0000-0000-0000-000000000000' })))).message).toContain('does not name an existing KMS key');
    expect((await awsError(() => sm.send(notebook('x', { KmsKeyId: 'alias/nope' })))).message).toContain('alias alias/nope does not exist');
    expect((await awsError(() => sm.send(notebook('x', { KmsKeyId: DISABLED_ID })))).message).toContain('is Disabled');
  });
});
