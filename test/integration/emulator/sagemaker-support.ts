/**
 * Helpers for the SageMaker tests: an emulator whose clock the test moves (so "InService after the
 * delay" is tested without waiting), clients, an execution role SageMaker may assume, and the real
 * peers SageMaker works with — a VPC with subnets and a security group in EC2, KMS keys, and
 * EventBridge and CloudWatch reading back the events and metrics SageMaker publishes.
 */
import { CloudWatchClient, GetMetricStatisticsCommand, type Datapoint } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, DisableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { AwsEvent, EmulatorOptions, RunningEmulator } from '../../../src/emulator/index.ts';
import { clientConfig, emulator } from './support.ts';

/** The simulated duration of SageMaker's transitions in these tests. */
export const DELAY_MS = 60_000;

/** The log group the harness's EventBridge rule delivers every `aws.sagemaker` event to. */
export const EVENTS_LOG_GROUP = '/mlsec-test/sagemaker-events';

/** Real resources in the harness account that SageMaker resources reference. */
export interface Peers {
  /** A VPC with two subnets (us-east-1a, us-east-1b) and a security group. */
  vpcId: string;
  subnets: [string, string];
  securityGroup: string;
  /** A second VPC with one subnet and one security group (for "different VPCs" refusals). */
  otherVpcId: string;
  otherSubnet: string;
  otherSecurityGroup: string;
  /** An enabled customer managed key (alias `alias/ml-team`). */
  keyId: string;
  keyArn: string;
  /** A disabled key. */
  disabledKeyId: string;
}

export interface SageMakerHarness {
  emu: RunningEmulator;
  sm: SageMakerClient;
  runtime: SageMakerRuntimeClient;
  iam: IAMClient;
  ec2: EC2Client;
  kms: KMSClient;
  cloudwatch: CloudWatchClient;
  peers: Peers;
  /** Every `aws.sagemaker` event EventBridge delivered so far, in delivery order (read back from the log group). */
  events(): Promise<AwsEvent[]>;
  /** One metric of the harness account over the whole test, per variant of an endpoint, as CloudWatch aggregates it. */
  metric(namespace: string, metricName: string, dimensions: Record<string, string>): Promise<Datapoint | undefined>;
  /** Moves the emulator's clock forward. */
  advance(ms?: number): void;
  now(): Date;
  stop(): Promise<void>;
}

const START = Date.parse('2026-05-01T08:00:00.000Z');

export async function sageMakerHarness(options: EmulatorOptions = {}, credentials = { accessKeyId: '123456789012', secretAccessKey: 'x' }): Promise<SageMakerHarness> {
  let clock = START;
  const emu = await emulator({ now: () => clock, serviceSettings: { sagemaker: { transitionDelayMs: DELAY_MS } }, ...options });
  const config = clientConfig(emu.url, credentials);
  const ec2 = new EC2Client(config);
  const kms = new KMSClient(config);
  const logs = new CloudWatchLogsClient(config);
  const cloudwatch = new CloudWatchClient(config);
  const events = new EventBridgeClient(config);

  await logs.send(new CreateLogGroupCommand({ logGroupName: EVENTS_LOG_GROUP }));
  await events.send(new PutRuleCommand({ Name: 'sagemaker-events', EventPattern: JSON.stringify({ source: ['aws.sagemaker'] }) }));
  await events.send(new PutTargetsCommand({ Rule: 'sagemaker-events', Targets: [{ Id: 'log', Arn: `arn:aws:logs:us-east-1:${credentials.accessKeyId}:log-group:${EVENTS_LOG_GROUP}` }] }));

  return {
    emu,
    sm: new SageMakerClient(config),
    runtime: new SageMakerRuntimeClient(config),
    iam: new IAMClient(config),
    ec2,
    kms,
    cloudwatch,
    peers: await createPeers(ec2, kms),
    events: async () => {
      const out: AwsEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await logs.send(new FilterLogEventsCommand({ logGroupName: EVENTS_LOG_GROUP, nextToken }));
        out.push(...page.events!.map((e) => JSON.parse(e.message!) as AwsEvent));
        nextToken = page.nextToken;
      } while (nextToken);
      return out;
    },
    metric: async (namespace, metricName, dimensions) => {
      const out = await cloudwatch.send(new GetMetricStatisticsCommand({
        Namespace: namespace,
        MetricName: metricName,
        Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
        StartTime: new Date(START - 86_400_000),
        EndTime: new Date(clock + 86_400_000),
        Period: 3 * 86_400,
        Statistics: ['SampleCount', 'Sum', 'Minimum', 'Maximum', 'Average'],
      }));
      if (out.Datapoints!.length > 1) throw new Error(`expected one aggregate of ${metricName}, got ${out.Datapoints!.length}`);
      return out.Datapoints![0];
    },
    advance: (ms = DELAY_MS) => {
      clock += ms;
    },
    now: () => new Date(clock),
    stop: () => emu.stop(),
  };
}

async function createPeers(ec2: EC2Client, kms: KMSClient): Promise<Peers> {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc!.VpcId!;
  const subnet = async (vpc: string, cidr: string, zone: string) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }))).Subnet!.SubnetId!;
  const group = async (vpc: string, name: string) => (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: name, Description: `${name} for SageMaker tests` }))).GroupId!;
  const subnets: [string, string] = [await subnet(vpcId, '10.20.1.0/24', 'us-east-1a'), await subnet(vpcId, '10.20.2.0/24', 'us-east-1b')];
  const securityGroup = await group(vpcId, 'sagemaker-jobs');
  const otherVpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }))).Vpc!.VpcId!;
  const otherSubnet = await subnet(otherVpcId, '10.30.1.0/24', 'us-east-1a');
  const otherSecurityGroup = await group(otherVpcId, 'elsewhere');
  const key = (await kms.send(new CreateKeyCommand({ Description: 'SageMaker volumes and outputs' }))).KeyMetadata!;
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/ml-team', TargetKeyId: key.KeyId! }));
  const disabledKeyId = (await kms.send(new CreateKeyCommand({ Description: 'disabled' }))).KeyMetadata!.KeyId!;
  await kms.send(new DisableKeyCommand({ KeyId: disabledKeyId }));
  return { vpcId, subnets, securityGroup, otherVpcId, otherSubnet, otherSecurityGroup, keyId: key.KeyId!, keyArn: key.Arn!, disabledKeyId };
}

export const SAGEMAKER_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** Creates a role SageMaker may assume and returns its ARN. */
export async function executionRole(iam: IAMClient, name = 'SageMakerExecution', trust = SAGEMAKER_TRUST): Promise<string> {
  const out = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
  return out.Role!.Arn!;
}
