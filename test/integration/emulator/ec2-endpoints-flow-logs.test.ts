/**
 * VPC endpoints and flow logs through the real SDK over HTTP: gateway endpoints and their
 * prefix-list routes, interface endpoints with subnets, default security group and private DNS
 * (and AWS's rule that it needs DNS support and hostnames), modify/delete/describe with filters,
 * the endpoint service catalogue, flow logs to CloudWatch Logs and S3.
 */
import {
  CreateFlowLogsCommand,
  CreateRouteCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DeleteFlowLogsCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DeleteVpcEndpointsCommand,
  DescribeFlowLogsCommand,
  DescribeNetworkInterfacesCommand,
  DescribePrefixListsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  ModifyVpcAttributeCommand,
  ModifyVpcEndpointCommand,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { ec2Client, ec2IdPattern, freshAccount } from './ec2-support.ts';
import { awsError, clientConfig, emulator } from './support.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.stop());

async function network({ dnsHostnames = true } = {}) {
  const account = freshAccount();
  const ec2 = ec2Client(emu.url, account);
  const s3 = new S3Client({ ...clientConfig(emu.url, { accessKeyId: account, secretAccessKey: 'test' }), forcePathStyle: true });
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!;
  if (dnsHostnames) await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId, EnableDnsHostnames: { Value: true } }));
  const a = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet!;
  const b = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.2.0/24', AvailabilityZone: 'us-east-1b' }))).Subnet!;
  const main = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).RouteTables![0]!;
  return { ec2, s3, account, vpcId: vpc.VpcId!, subnets: [a.SubnetId!, b.SubnetId!], routeTableId: main.RouteTableId! };
}

describe('gateway endpoints', () => {
  it('add a route to the S3 prefix list in each route table, with the default full-access policy', async () => {
    const { ec2, vpcId, routeTableId } = await network();
    const endpoint = (await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [routeTableId] }))).VpcEndpoint!;
    expect(endpoint).toMatchObject({ VpcEndpointType: 'Gateway', State: 'available', ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [routeTableId], SubnetIds: [], Groups: [], PrivateDnsEnabled: false, NetworkInterfaceIds: [], DnsEntries: [] });
    expect(endpoint.VpcEndpointId).toMatch(ec2IdPattern('vpce'));
    expect(JSON.parse(endpoint.PolicyDocument!)).toEqual({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
    const prefixList = (await ec2.send(new DescribePrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.us-east-1.s3'] }] }))).PrefixLists![0]!;
    expect(prefixList.PrefixListId).toBe('pl-63a5400a');
    const routes = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] }))).RouteTables![0]!.Routes!;
    expect(routes).toContainEqual({ DestinationPrefixListId: 'pl-63a5400a', GatewayId: endpoint.VpcEndpointId, Origin: 'CreateRoute', State: 'active' });

    const twice = await awsError(() => ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [routeTableId] })));
    expect(twice.name).toBe('RouteAlreadyExists');
    // Gateway endpoints manage their own routes; CreateRoute cannot target them.
    const managed = await awsError(() => ec2.send(new CreateRouteCommand({ RouteTableId: routeTableId, DestinationCidrBlock: '52.0.0.0/8', VpcEndpointId: endpoint.VpcEndpointId })));
    expect(managed.name).toBe('RouteNotSupported');

    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpoint.VpcEndpointId, RemoveRouteTableIds: [routeTableId], PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::training-data/*' }] }) }));
    const modified = (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpoint.VpcEndpointId!] }))).VpcEndpoints![0]!;
    expect(modified.RouteTableIds).toEqual([]);
    expect(JSON.parse(modified.PolicyDocument!).Statement[0].Action).toBe('s3:GetObject');
    expect((await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] }))).RouteTables![0]!.Routes).toHaveLength(1);
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpoint.VpcEndpointId, AddRouteTableIds: [routeTableId], ResetPolicy: true }));
    const reset = (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpoint.VpcEndpointId!] }))).VpcEndpoints![0]!;
    expect([reset.RouteTableIds, JSON.parse(reset.PolicyDocument!).Statement[0].Action]).toEqual([[routeTableId], '*']);
    const badPolicy = await awsError(() => ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpoint.VpcEndpointId, PolicyDocument: '{not json' })));
    expect(badPolicy.name).toBe('InvalidPolicyDocument');

    // The VPC cannot go while the endpoint exists; deleting the endpoint removes its routes.
    const busy = await awsError(() => ec2.send(new DeleteVpcCommand({ VpcId: vpcId })));
    expect(busy.name).toBe('DependencyViolation');
    expect((await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpoint.VpcEndpointId!, 'vpce-0000000000000dead'] }))).Unsuccessful).toEqual([
      { ResourceId: 'vpce-0000000000000dead', Error: { Code: 'InvalidVpcEndpoint.NotFound', Message: "The Vpc Endpoint Id 'vpce-0000000000000dead' does not exist" } },
    ]);
    expect((await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] }))).RouteTables![0]!.Routes).toHaveLength(1);
  });

  it('refuse services that do not exist or do not offer the endpoint type', async () => {
    const { ec2, vpcId } = await network();
    const unknown = await awsError(() => ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: 'com.amazonaws.us-east-1.nothing' })));
    expect([unknown.name, unknown.message]).toEqual(['InvalidServiceName', "The Vpc Endpoint Service 'com.amazonaws.us-east-1.nothing' does not exist"]);
    const wrongType = await awsError(() => ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: 'com.amazonaws.us-east-1.sts', VpcEndpointType: 'Gateway' })));
    expect(wrongType.name).toBe('InvalidServiceName');
    const otherRegion = await awsError(() => ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: 'com.amazonaws.eu-west-1.s3' })));
    expect(otherRegion.name).toBe('InvalidServiceName');
  });
});

describe('interface endpoints', () => {
  it('place an interface per subnet, use the default security group, and enable private DNS by default', async () => {
    const { ec2, vpcId, subnets } = await network();
    const defaultGroup = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).SecurityGroups![0]!;
    const endpoint = (await ec2.send(new CreateVpcEndpointCommand({
      VpcId: vpcId,
      VpcEndpointType: 'Interface',
      ServiceName: 'com.amazonaws.us-east-1.sagemaker.api',
      SubnetIds: subnets,
      TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'Name', Value: 'sagemaker-api' }] }],
    }))).VpcEndpoint!;
    expect(endpoint).toMatchObject({ VpcEndpointType: 'Interface', State: 'pending', PrivateDnsEnabled: true, SubnetIds: subnets, Groups: [{ GroupId: defaultGroup.GroupId, GroupName: 'default' }], RouteTableIds: [], Tags: [{ Key: 'Name', Value: 'sagemaker-api' }] });
    expect(endpoint.NetworkInterfaceIds).toHaveLength(2);
    expect(endpoint.DnsEntries!.map((d) => d.DnsName)).toContain('api.sagemaker.us-east-1.amazonaws.com');
    expect(endpoint.DnsEntries![0]!.DnsName).toMatch(new RegExp(`^${endpoint.VpcEndpointId}-[0-9a-f]{8}\\.sagemaker\\.api\\.us-east-1\\.vpce\\.amazonaws\\.com$`));
    const enis = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: endpoint.NetworkInterfaceIds }))).NetworkInterfaces!;
    expect(enis.map((e) => [e.InterfaceType, e.SubnetId, e.Groups![0]!.GroupId, e.RequesterManaged])).toEqual([
      ['vpc_endpoint', subnets[0], defaultGroup.GroupId, true],
      ['vpc_endpoint', subnets[1], defaultGroup.GroupId, true],
    ]);

    const conflict = await awsError(() => ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.sagemaker.api' })));
    expect([conflict.name, conflict.message]).toEqual(['InvalidParameter', `private-dns-enabled cannot be set because there is already a conflicting DNS domain for api.sagemaker.us-east-1.amazonaws.com in the VPC ${vpcId}`]);
    const sameZone = await awsError(() => ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpoint.VpcEndpointId, AddSubnetIds: [subnets[0]!] })));
    expect(sameZone.name).toBe('InvalidParameter');

    // Subnets and the security group are in use while the endpoint's interfaces are.
    expect((await awsError(() => ec2.send(new DeleteSubnetCommand({ SubnetId: subnets[0] })))).name).toBe('DependencyViolation');
    const { GroupId: endpointGroup } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'endpoints', Description: 'HTTPS from the VPC', VpcId: vpcId }));
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpoint.VpcEndpointId, AddSecurityGroupIds: [endpointGroup!], RemoveSecurityGroupIds: [defaultGroup.GroupId!], RemoveSubnetIds: [subnets[1]!] }));
    const modified = (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpoint.VpcEndpointId!] }))).VpcEndpoints![0]!;
    expect([modified.State, modified.SubnetIds, modified.Groups!.map((g) => g.GroupId), modified.NetworkInterfaceIds!.length]).toEqual(['available', [subnets[0]], [endpointGroup], 1]);
    expect((await awsError(() => ec2.send(new DeleteSecurityGroupCommand({ GroupId: endpointGroup }))))).toMatchObject({ name: 'DependencyViolation' });
    await ec2.send(new DeleteSubnetCommand({ SubnetId: subnets[1] }));
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpoint.VpcEndpointId!] }));
    expect((await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).NetworkInterfaces).toEqual([]);
  });

  it('refuse private DNS unless the VPC has DNS support and DNS hostnames, as AWS validates', async () => {
    const { ec2, vpcId, subnets } = await network({ dnsHostnames: false });
    const error = await awsError(() => ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.sagemaker.runtime', SubnetIds: [subnets[0]!] })));
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual(['InvalidParameter', `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpcId}`, 400]);
    expect((await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).NetworkInterfaces).toEqual([]);
    const withoutDns = (await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.sagemaker.runtime', SubnetIds: [subnets[0]!], PrivateDnsEnabled: false }))).VpcEndpoint!;
    expect(withoutDns.PrivateDnsEnabled).toBe(false);
    const enable = await awsError(() => ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: withoutDns.VpcEndpointId, PrivateDnsEnabled: true })));
    expect(enable.name).toBe('InvalidParameter');
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: withoutDns.VpcEndpointId, PrivateDnsEnabled: true }));
  });

  it('are found with the filters checks use: vpc-id, service-name, vpc-endpoint-type, vpc-endpoint-state', async () => {
    const { ec2, vpcId, subnets, routeTableId } = await network();
    for (const service of ['sagemaker.api', 'sagemaker.runtime', 'sts', 'kms', 'secretsmanager', 'logs', 'monitoring', 'ecr.api', 'ecr.dkr']) {
      await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, VpcEndpointType: 'Interface', ServiceName: `com.amazonaws.us-east-1.${service}`, SubnetIds: [subnets[0]!] }));
    }
    await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [routeTableId] }));
    const find = async (filters: { Name: string; Values: string[] }[]) => (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: filters }))).VpcEndpoints!.map((e) => e.ServiceName).sort();
    expect(await find([{ Name: 'vpc-id', Values: [vpcId] }])).toHaveLength(10);
    expect(await find([{ Name: 'vpc-endpoint-type', Values: ['Gateway'] }])).toEqual(['com.amazonaws.us-east-1.s3']);
    expect(await find([{ Name: 'service-name', Values: ['com.amazonaws.us-east-1.sagemaker.*'] }])).toEqual(['com.amazonaws.us-east-1.sagemaker.api', 'com.amazonaws.us-east-1.sagemaker.runtime']);
    expect(await find([{ Name: 'vpc-endpoint-state', Values: ['available'] }, { Name: 'service-name', Values: ['com.amazonaws.us-east-1.ecr.dkr'] }])).toEqual(['com.amazonaws.us-east-1.ecr.dkr']);
    const page = await ec2.send(new DescribeVpcEndpointsCommand({ MaxResults: 4 }));
    expect(page.VpcEndpoints).toHaveLength(4);
    expect(page.NextToken).toBeDefined();
    const unknown = await awsError(() => ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpce-0000000000000dead'] })));
    expect([unknown.name, unknown.message]).toEqual(['InvalidVpcEndpointId.NotFound', "The Vpc Endpoint Id 'vpce-0000000000000dead' does not exist"]);
  });
});

describe('DescribeVpcEndpointServices', () => {
  it('lists AWS services with their endpoint types and private DNS names', async () => {
    const ec2 = ec2Client(emu.url);
    const all = await ec2.send(new DescribeVpcEndpointServicesCommand({}));
    expect(all.ServiceNames).toContain('com.amazonaws.us-east-1.sagemaker.runtime');
    expect(all.ServiceNames).toContain('aws.sagemaker.us-east-1.notebook');
    const s3 = await ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.s3'] }));
    expect(s3.ServiceDetails!.map((d) => d.ServiceType![0]!.ServiceType).sort()).toEqual(['Gateway', 'Interface']);
    const gateways = await ec2.send(new DescribeVpcEndpointServicesCommand({ Filters: [{ Name: 'service-type', Values: ['Gateway'] }] }));
    expect(gateways.ServiceNames).toEqual(['com.amazonaws.us-east-1.dynamodb', 'com.amazonaws.us-east-1.s3']);
    const sts = (await ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.sts'] }))).ServiceDetails![0]!;
    expect(sts).toMatchObject({ Owner: 'amazon', PrivateDnsName: 'sts.us-east-1.amazonaws.com', AcceptanceRequired: false, VpcEndpointPolicySupported: true });
    const unknown = await awsError(() => ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.nope'] })));
    expect(unknown.name).toBe('InvalidServiceName');
  });
});

describe('flow logs', () => {
  it('records VPC flow logs to CloudWatch Logs and S3 and reports per-resource failures', async () => {
    const { ec2, s3, account, vpcId, subnets } = await network();
    const bucket = `flow-logs-${account}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const role = 'arn:aws:iam::123456789012:role/flow-logs';
    const created = await ec2.send(new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpcId, 'vpc-0000000000000dead'], TrafficType: 'ALL', LogGroupName: '/vpc/flow', DeliverLogsPermissionArn: role, TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: [{ Key: 'k', Value: 'v' }] }] }));
    expect(created.FlowLogIds).toHaveLength(1);
    expect(created.FlowLogIds![0]).toMatch(ec2IdPattern('fl'));
    expect(created.Unsuccessful).toEqual([{ ResourceId: 'vpc-0000000000000dead', Error: { Code: 'InvalidVpcID.NotFound', Message: "The vpc ID 'vpc-0000000000000dead' does not exist" } }]);
    const duplicate = await ec2.send(new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpcId], TrafficType: 'ALL', LogGroupName: '/vpc/flow', DeliverLogsPermissionArn: role }));
    expect(duplicate.Unsuccessful![0]!.Error!.Code).toBe('FlowLogAlreadyExists');
    const toS3 = await ec2.send(new CreateFlowLogsCommand({ ResourceType: 'Subnet', ResourceIds: [subnets[0]!], TrafficType: 'REJECT', LogDestinationType: 's3', LogDestination: `arn:aws:s3:::${bucket}/vpc/` }));
    expect(toS3.FlowLogIds).toHaveLength(1);
    const noBucket = await ec2.send(new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpcId], TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::no-such-bucket-mlsec' }));
    expect(noBucket).toMatchObject({ FlowLogIds: [], Unsuccessful: [{ ResourceId: vpcId, Error: { Code: '400', Message: 'LogDestination: no-such-bucket-mlsec does not exist.' } }] });

    const logs = (await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpcId] }] }))).FlowLogs!;
    expect(logs).toEqual([expect.objectContaining({
      FlowLogId: created.FlowLogIds![0], ResourceId: vpcId, TrafficType: 'ALL', LogGroupName: '/vpc/flow', LogDestinationType: 'cloud-watch-logs',
      LogDestination: expect.stringMatching(/^arn:aws:logs:us-east-1:\d{12}:log-group:\/vpc\/flow$/), DeliverLogsPermissionArn: role, DeliverLogsStatus: 'SUCCESS', FlowLogStatus: 'ACTIVE',
      MaxAggregationInterval: 600, Tags: [{ Key: 'k', Value: 'v' }],
    })]);
    expect(logs[0]!.LogFormat).toContain('${srcaddr} ${dstaddr}');
    const s3Logs = (await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'log-destination-type', Values: ['s3'] }] }))).FlowLogs!;
    expect(s3Logs[0]).toMatchObject({ ResourceId: subnets[0], TrafficType: 'REJECT', LogDestination: `arn:aws:s3:::${bucket}/vpc/`, DestinationOptions: { FileFormat: 'plain-text', HiveCompatiblePartitions: false, PerHourPartition: false } });

    const deleted = await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [created.FlowLogIds![0]!, 'fl-0000000000000dead'] }));
    expect(deleted.Unsuccessful).toEqual([{ ResourceId: 'fl-0000000000000dead', Error: { Code: 'InvalidFlowLogId.NotFound', Message: 'These flow log ids in the input list are not found: [TotalCount: 1] fl-0000000000000dead' } }]);
    expect((await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpcId] }] }))).FlowLogs).toEqual([]);
    // Flow logs of a deleted subnet go with it.
    await ec2.send(new DeleteSubnetCommand({ SubnetId: subnets[0] }));
    expect((await ec2.send(new DescribeFlowLogsCommand({}))).FlowLogs).toEqual([]);
  });

  it('validates destinations as AWS does', async () => {
    const { ec2, vpcId } = await network();
    const noRole = await awsError(() => ec2.send(new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpcId], TrafficType: 'ALL', LogGroupName: 'g' })));
    expect([noRole.name, noRole.message]).toEqual(['InvalidParameter', "DeliverLogsPermissionArn can't be empty if LogDestinationType is cloud-watch-logs."]);
    const noBucket = await awsError(() => ec2.send(new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpcId], TrafficType: 'ALL', LogDestinationType: 's3' })));
    expect([noBucket.name, noBucket.message]).toEqual(['InvalidParameter', "LogDestination can't be empty if LogDestinationType is s3."]);
    const both = await awsError(() => ec2.send(new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpcId], TrafficType: 'ALL', LogGroupName: 'g', LogDestination: 'arn:aws:logs:us-east-1:123456789012:log-group:g', DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/r' })));
    expect(both.name).toBe('InvalidParameterCombination');
    const traffic = await awsError(() => ec2.send(new CreateFlowLogsCommand({ ResourceType: 'VPC', ResourceIds: [vpcId], TrafficType: 'SOME' as never, LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::b' })));
    expect(traffic.name).toBe('InvalidParameterValue');
    expect((await ec2.send(new DescribeFlowLogsCommand({}))).FlowLogs).toEqual([]);
  });
});
