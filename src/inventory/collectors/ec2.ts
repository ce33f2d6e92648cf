/**
 * EC2 collector: security groups by GroupName, subnets and VPCs by their `Name` tag — each with
 * what network checks read (rules; public IP assignment and the route table in force; the default
 * security group and VPC endpoints). The notebook collector reuses the readers by id.
 */
import {
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Filter,
  type IpPermission,
  type SecurityGroup,
  type Subnet,
  type Tag,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../aws/index.ts';
import { mapObserved, observe, type Observed } from '../observed.ts';
import { mapLimit, paginate } from '../paginate.ts';
import type { Ec2Entry, Ec2Inventory, SecurityGroupDetail, SecurityGroupPermission, SubnetDetail, VpcDetail, VpcEndpointDetail } from '../types-ec2.ts';

export interface Ec2Scope {
  securityGroups?: string[];
  subnets?: string[];
  vpcs?: string[];
}

export async function collectEc2(aws: AwsClients, scope: Ec2Scope): Promise<Ec2Inventory> {
  const ec2 = await aws.client('ec2');
  const [securityGroups, subnets, vpcs] = await Promise.all([
    mapLimit(scope.securityGroups ?? [], 4, async (name): Promise<Ec2Entry<SecurityGroupDetail>> => ({ name, found: mapObserved(await describeGroups(ec2, [{ Name: 'group-name', Values: [name] }]), (g) => g[0] ?? null) })),
    mapLimit(scope.subnets ?? [], 4, async (name): Promise<Ec2Entry<SubnetDetail>> => ({ name, found: await firstSubnet(ec2, [{ Name: 'tag:Name', Values: [name] }]) })),
    mapLimit(scope.vpcs ?? [], 4, async (name): Promise<Ec2Entry<VpcDetail>> => ({ name, found: await vpcByName(ec2, name) })),
  ]);
  return { securityGroups, subnets, vpcs };
}

const tagsOf = (tags: Tag[] | undefined): Record<string, string> => Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));

function permission(p: IpPermission): SecurityGroupPermission {
  return {
    protocol: p.IpProtocol ?? '-1',
    ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
    ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
    ipv4Ranges: (p.IpRanges ?? []).map((r) => r.CidrIp ?? '').filter(Boolean),
    ipv6Ranges: (p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6 ?? '').filter(Boolean),
    groupIds: (p.UserIdGroupPairs ?? []).map((g) => g.GroupId ?? g.GroupName ?? '').filter(Boolean),
    prefixListIds: (p.PrefixListIds ?? []).map((l) => l.PrefixListId ?? '').filter(Boolean),
  };
}

function groupDetail(g: SecurityGroup): SecurityGroupDetail {
  return {
    groupId: g.GroupId ?? '',
    groupName: g.GroupName ?? '',
    ...(g.VpcId ? { vpcId: g.VpcId } : {}),
    ...(g.Description ? { description: g.Description } : {}),
    tags: tagsOf(g.Tags),
    ingress: (g.IpPermissions ?? []).map(permission),
    egress: (g.IpPermissionsEgress ?? []).map(permission),
  };
}

/** Security groups matching `filters` (or with these ids). */
export function describeGroups(ec2: EC2Client, filters: Filter[], groupIds?: string[]): Promise<Observed<SecurityGroupDetail[]>> {
  return observe('EC2.DescribeSecurityGroups', async () => {
    const groups = await paginate(async (token) => {
      const page = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters.length ? filters : undefined, GroupIds: groupIds, NextToken: token, ...(groupIds ? {} : { MaxResults: 1000 }) }));
      return { items: page.SecurityGroups ?? [], next: page.NextToken };
    });
    return groups.map(groupDetail);
  }, groupIds ? { notFound: [] as SecurityGroupDetail[], notFoundCodes: ['InvalidGroup.NotFound'] } : {});
}

async function subnetDetail(ec2: EC2Client, s: Subnet): Promise<SubnetDetail> {
  return {
    subnetId: s.SubnetId ?? '',
    vpcId: s.VpcId ?? '',
    ...(s.CidrBlock ? { cidrBlock: s.CidrBlock } : {}),
    ...(s.AvailabilityZone ? { availabilityZone: s.AvailabilityZone } : {}),
    mapPublicIpOnLaunch: s.MapPublicIpOnLaunch === true,
    tags: tagsOf(s.Tags),
    routeTable: await routeTableOf(ec2, s.SubnetId ?? '', s.VpcId ?? ''),
  };
}

/** The first subnet matching `filters`, with its route table; null when none does. */
export async function firstSubnet(ec2: EC2Client, filters: Filter[]): Promise<Observed<SubnetDetail | null>> {
  const found = await observe('EC2.DescribeSubnets', async () => (await ec2.send(new DescribeSubnetsCommand({ Filters: filters }))).Subnets ?? [], {
    notFound: [],
    notFoundCodes: ['InvalidSubnetID.NotFound'],
  });
  if (!found.ok) return found;
  const subnet = found.value[0];
  return { ok: true, value: subnet ? await subnetDetail(ec2, subnet) : null };
}

/** The route table in force for a subnet: its explicit association, else the VPC's main table. */
async function routeTableOf(ec2: EC2Client, subnetId: string, vpcId: string): Promise<SubnetDetail['routeTable']> {
  return observe('EC2.DescribeRouteTables', async () => {
    const tables = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).RouteTables ?? [];
    const table = tables.find((t) => t.Associations?.some((a) => a.SubnetId === subnetId)) ?? tables.find((t) => t.Associations?.some((a) => a.Main));
    if (!table) return null;
    const internetGatewayRoutes = (table.Routes ?? [])
      .filter((r) => r.GatewayId?.startsWith('igw-') && r.State !== 'blackhole')
      .map((r) => `${r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? '?'} -> ${r.GatewayId}`);
    return { routeTableId: table.RouteTableId ?? '', internetGatewayRoutes };
  });
}

export function describeEndpoints(ec2: EC2Client, vpcId: string): Promise<Observed<VpcEndpointDetail[]>> {
  return observe('EC2.DescribeVpcEndpoints', async () => {
    const endpoints = await paginate(async (token) => {
      const page = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }], NextToken: token }));
      return { items: page.VpcEndpoints ?? [], next: page.NextToken };
    });
    return endpoints
      .filter((e) => !['deleted', 'deleting', 'rejected', 'failed'].includes(String(e.State ?? '').toLowerCase()))
      .map((e) => ({
        vpcEndpointId: e.VpcEndpointId ?? '',
        serviceName: e.ServiceName ?? '',
        type: e.VpcEndpointType ?? 'Gateway',
        ...(e.State ? { state: String(e.State) } : {}),
        privateDnsEnabled: e.PrivateDnsEnabled === true,
        subnetIds: e.SubnetIds ?? [],
        securityGroupIds: (e.Groups ?? []).map((g) => g.GroupId ?? '').filter(Boolean),
        routeTableIds: e.RouteTableIds ?? [],
      }));
  });
}

async function vpcByName(ec2: EC2Client, name: string): Promise<Observed<VpcDetail | null>> {
  const found = await observe('EC2.DescribeVpcs', async () => (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: [name] }] }))).Vpcs ?? []);
  if (!found.ok) return found;
  const vpc = found.value[0];
  if (!vpc?.VpcId) return { ok: true, value: null };
  const vpcId = vpc.VpcId;
  const [defaultSecurityGroup, endpoints] = await Promise.all([
    describeGroups(ec2, [
      { Name: 'vpc-id', Values: [vpcId] },
      { Name: 'group-name', Values: ['default'] },
    ]).then((g) => mapObserved(g, (groups) => groups[0] ?? null)),
    describeEndpoints(ec2, vpcId),
  ]);
  return { ok: true, value: { vpcId, ...(vpc.CidrBlock ? { cidrBlock: vpc.CidrBlock } : {}), isDefault: vpc.IsDefault === true, tags: tagsOf(vpc.Tags), defaultSecurityGroup, endpoints } };
}
