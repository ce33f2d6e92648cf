/**
 * EC2 state survives a restart: an emulator with a data directory is stopped and a new one started
 * on the same directory; the network a lab built is still there, with the same ids.
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeFlowLogsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ec2Client, freshAccount } from './ec2-support.ts';
import { clientConfig, emulator } from './support.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'mlsec-ec2-persist-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('EC2 persistence', () => {
  it('keeps VPCs, subnets, security group rules, endpoints and flow logs across a restart', async () => {
    const account = freshAccount();
    const first = await emulator({ dataDir });
    let ec2 = ec2Client(first.url, account);
    const defaultVpc = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId;
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'lab' }] }] }))).Vpc!;
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId, EnableDnsHostnames: { Value: true } }));
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.1.0/24' }))).Subnet!;
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'notebook', Description: 'notebook', VpcId: vpc.VpcId }));
    const rule = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] }));
    const endpoint = (await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpc.VpcId, VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.sagemaker.api', SubnetIds: [subnet.SubnetId!], SecurityGroupIds: [GroupId!] }))).VpcEndpoint!;
    await new S3Client({ ...clientConfig(first.url, { accessKeyId: account, secretAccessKey: 'test' }), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: `logs-${account}` }));
    const flowLog = await ec2.send(new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpc.VpcId!], TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: `arn:aws:s3:::logs-${account}` }));
    expect(flowLog.FlowLogIds).toHaveLength(1);
    await first.stop();

    const second = await emulator({ dataDir });
    try {
      ec2 = ec2Client(second.url, account);
      const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!;
      expect(vpcs.map((v) => v.VpcId).sort()).toEqual([defaultVpc, vpc.VpcId].sort());
      expect(vpcs.find((v) => v.VpcId === vpc.VpcId)!.Tags).toEqual([{ Key: 'Name', Value: 'lab' }]);
      expect((await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnet.SubnetId!] }))).Subnets![0]!.AvailableIpAddressCount).toBe(250);
      const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId!] }))).SecurityGroups![0]!;
      expect(group.IpPermissions![0]!.IpRanges).toEqual([{ CidrIp: '10.0.0.0/16' }]);
      const endpoints = (await ec2.send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints!;
      expect(endpoints.map((e) => [e.VpcEndpointId, e.PrivateDnsEnabled, e.CreationTimestamp?.toISOString()])).toEqual([[endpoint.VpcEndpointId, true, endpoint.CreationTimestamp?.toISOString()]]);
      expect((await ec2.send(new DescribeFlowLogsCommand({}))).FlowLogs!.map((l) => l.FlowLogId)).toEqual(flowLog.FlowLogIds);
      expect(rule.SecurityGroupRules![0]!.SecurityGroupRuleId).toMatch(/^sgr-/);
    } finally {
      await second.stop();
    }
  });
});
