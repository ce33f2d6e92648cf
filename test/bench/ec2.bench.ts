/**
 * EC2 networking in the embedded emulator: latency and throughput of the calls security checks
 * make (DescribeSecurityGroups, DescribeVpcEndpoints …) and of a rule change, through the real SDK
 * over HTTP; and the memory of 1,000 accounts each holding a lab network (about 40 resources with
 * the default VPC AWS gives every account).
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startEmulator } from '../../src/emulator/index.ts';
import { type Benchmark, type BenchRow, goalRow, percentile, timeEach } from './harness.ts';

function client(url: string, account: string): EC2Client {
  return new EC2Client({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: account, secretAccessKey: 'x' }, maxAttempts: 1 });
}

/** A lab network: VPC with DNS, two subnets, a security group with rules, four endpoints, a flow log. */
async function buildLab(ec2: EC2Client): Promise<void> {
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'lab', Value: 'notebook-network-isolation' }] }] }))).Vpc!.VpcId!;
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: true } }));
  const a = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet!.SubnetId!;
  await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.2.0/24', AvailabilityZone: 'us-east-1b' }));
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'notebook', Description: 'notebook', VpcId: vpc }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] }));
  for (const service of ['sagemaker.api', 'sagemaker.runtime', 'sts']) {
    await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Interface', ServiceName: `com.amazonaws.us-east-1.${service}`, SubnetIds: [a], SecurityGroupIds: [GroupId!] }));
  }
  await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpc, ServiceName: 'com.amazonaws.us-east-1.s3' }));
  await ec2.send(new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpc], TrafficType: 'ALL', LogGroupName: '/vpc/flow', DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/flow' }));
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const bench: Benchmark = {
  suite: 'emulator-ec2',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const emulator = await startEmulator({ port: 0, log: () => {} });
    try {
      const ec2 = client(emulator.url, '210000000001');
      await buildLab(ec2);
      const groupId = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['notebook'] }] }))).SecurityGroups![0]!.GroupId!;
      await timeEach(200, () => ec2.send(new DescribeSecurityGroupsCommand({}))); // warm up

      const describe = await timeEach(2000, () => ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.cidr', Values: ['0.0.0.0/0'] }] })));
      rows.push(goalRow('DescribeSecurityGroups (filtered) via SDK over HTTP, p50', percentile(describe, 50), 'ms', { below: 2 }, `p99 ${percentile(describe, 99).toFixed(2)} ms, n=2000`));
      const seconds = describe.reduce((a, b) => a + b, 0) / 1000;
      rows.push({ measure: 'DescribeSecurityGroups, sequential calls/s', value: describe.length / seconds, unit: 'calls/s', note: 'one client, one call at a time; compare the GetCallerIdentity baseline below' });
      // The same loop on the simplest call, so a busy machine shows up as a busy machine.
      const sts = new STSClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: '210000000001', secretAccessKey: 'x' }, maxAttempts: 1 });
      await timeEach(200, () => sts.send(new GetCallerIdentityCommand({})));
      const baseline = await timeEach(2000, () => sts.send(new GetCallerIdentityCommand({})));
      rows.push({ measure: 'baseline: GetCallerIdentity, sequential calls/s (same run)', value: baseline.length / (baseline.reduce((a, b) => a + b, 0) / 1000), unit: 'calls/s', note: `p50 ${percentile(baseline, 50).toFixed(2)} ms` });

      const endpoints = await timeEach(1000, () => ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'service-name', Values: ['com.amazonaws.us-east-1.sagemaker.*'] }] })));
      rows.push(goalRow('DescribeVpcEndpoints (service-name filter), p50', percentile(endpoints, 50), 'ms', { below: 2 }, `n=1000`));
      const subnets = await timeEach(1000, () => ec2.send(new DescribeSubnetsCommand({})));
      rows.push({ measure: 'DescribeSubnets (8 subnets), p50', value: percentile(subnets, 50), unit: 'ms', note: 'n=1000' });

      const permission = [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];
      const change = await timeEach(500, async () => {
        await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: permission }));
        await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: permission }));
      });
      rows.push({ measure: 'Authorize + Revoke ingress pair, p50', value: percentile(change, 50), unit: 'ms', note: 'n=500' });

      // Memory: 1,000 accounts, each with the default VPC and a lab network, built through the SDK.
      const accounts = 1000;
      collectGarbage();
      const before = process.memoryUsage().heapUsed;
      const started = performance.now();
      const queue = Array.from({ length: accounts }, (_, i) => String(300_000_000_000 + i));
      await Promise.all(Array.from({ length: 8 }, async () => {
        for (let account = queue.pop(); account; account = queue.pop()) await buildLab(client(emulator.url, account));
      }));
      const buildSeconds = (performance.now() - started) / 1000;
      collectGarbage();
      const megabytes = (process.memoryUsage().heapUsed - before) / 2 ** 20;
      rows.push(goalRow(`${accounts} accounts × default VPC + lab network, heap`, megabytes, 'MB', { below: 500 }, `default VPC (11) + lab (15) resources and 7 rules per account; ${accounts * 11} SDK calls in ${buildSeconds.toFixed(1)} s`));
    } finally {
      await emulator.stop();
    }
    return rows;
  },
};

export default bench;
