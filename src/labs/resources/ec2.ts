/**
 * EC2 networking a lab builds: a VPC of its own (tagged with the run), with subnets, security
 * groups and VPC endpoints inside. A lab VPC belongs to the run as a whole, so teardown also removes
 * what the learner added inside it (endpoints, groups, subnets, route tables, gateways) — nothing
 * outside run-tagged VPCs is touched except resources carrying the run tag.
 */
import {
  DeleteInternetGatewayCommand,
  DeleteRouteTableCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DeleteVpcEndpointsCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
  type Filter,
} from '@aws-sdk/client-ec2';
import { isNotFound, toAwsErrorInfo, withThrottlingRetry } from '../../aws/index.ts';
import { paginate } from '../../inventory/paginate.ts';
import { runTagKey } from '../naming.ts';
import type { FoundResource, ResourceKind, SweepContext } from './types.ts';

const byRun = (ctx: SweepContext): Filter => ({ Name: `tag:${runTagKey}`, Values: [ctx.runId] });

/** Ids of this run's VPCs (by run tag). */
async function runVpcIds(ec2: EC2Client, ctx: SweepContext): Promise<string[]> {
  const vpcs = (await withThrottlingRetry(() => ec2.send(new DescribeVpcsCommand({ Filters: [byRun(ctx)] })))).Vpcs ?? [];
  return vpcs.map((v) => v.VpcId!).filter(Boolean);
}

async function ignoreGone(call: () => Promise<unknown>, alsoGone: string[] = []): Promise<void> {
  try {
    await withThrottlingRetry(call);
  } catch (error) {
    const info = toAwsErrorInfo(error);
    if (isNotFound(info) || /\.NotFound$/.test(info.code) || alsoGone.includes(info.code)) return;
    throw error;
  }
}

/** VPC endpoints: run-tagged ones, and every endpoint inside a run VPC (interfaces block subnet and group deletion). */
export const ec2VpcEndpoint: ResourceKind = {
  type: 'ec2:vpc-endpoint',
  service: 'ec2',
  checkResourceType: 'AWS::EC2::VPCEndpoint',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 62,
  async find(ctx) {
    const ec2 = await ctx.aws.client('ec2');
    const vpcIds = await runVpcIds(ec2, ctx);
    const list = async (filters: Filter[]) =>
      paginate(async (token) => {
        const page = await withThrottlingRetry(() => ec2.send(new DescribeVpcEndpointsCommand({ Filters: filters, NextToken: token })));
        return { items: page.VpcEndpoints ?? [], next: page.NextToken };
      });
    const endpoints = [...(await list([byRun(ctx)])), ...(vpcIds.length ? await list([{ Name: 'vpc-id', Values: vpcIds }]) : [])];
    const live = endpoints.filter((e) => !['deleted', 'deleting'].includes(String(e.State ?? '').toLowerCase()));
    return [...new Map(live.map((e) => [e.VpcEndpointId!, { type: 'ec2:vpc-endpoint', id: e.VpcEndpointId!, data: { service: e.ServiceName ?? '' } }])).values()];
  },
  async delete(ctx, resource) {
    const ec2 = await ctx.aws.client('ec2');
    const out = await withThrottlingRetry(() => ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [resource.id] })));
    const failure = out.Unsuccessful?.find((u) => u.Error && !/NotFound/.test(u.Error.Code ?? ''));
    if (failure) throw new Error(`DeleteVpcEndpoints ${resource.id}: ${failure.Error?.Code}: ${failure.Error?.Message}`);
  },
};

/** Security groups: named `mlsec-<run-id>-<name>`; run-tagged ones and every non-default group in a run VPC. */
export const ec2SecurityGroup: ResourceKind = {
  type: 'ec2:security-group',
  service: 'ec2',
  checkResourceType: 'AWS::EC2::SecurityGroup',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 64,
  async find(ctx) {
    const ec2 = await ctx.aws.client('ec2');
    const vpcIds = await runVpcIds(ec2, ctx);
    const list = async (filters: Filter[]) =>
      paginate(async (token) => {
        const page = await withThrottlingRetry(() => ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters, NextToken: token, MaxResults: 1000 })));
        return { items: page.SecurityGroups ?? [], next: page.NextToken };
      });
    const groups = [
      ...(await list([byRun(ctx)])),
      ...(await list([{ Name: 'group-name', Values: [`${ctx.prefix}-*`] }])),
      ...(vpcIds.length ? await list([{ Name: 'vpc-id', Values: vpcIds }]) : []),
    ].filter((g) => g.GroupName !== 'default');
    return [...new Map(groups.map((g) => [g.GroupId!, { type: 'ec2:security-group', id: g.GroupId!, data: { name: g.GroupName ?? '' } } satisfies FoundResource])).values()];
  },
  async delete(ctx, resource) {
    const ec2 = await ctx.aws.client('ec2');
    // Groups of a run may reference each other; drop the rules first so the order of deletion does not matter.
    const group = (await withThrottlingRetry(() => ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [resource.id] })).catch(() => ({ SecurityGroups: [] }))))
      .SecurityGroups?.[0];
    if (!group) return;
    if (group.IpPermissions?.length) await ignoreGone(() => ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: resource.id, IpPermissions: group.IpPermissions })));
    if (group.IpPermissionsEgress?.length) await ignoreGone(() => ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: resource.id, IpPermissions: group.IpPermissionsEgress })));
    await ignoreGone(() => ec2.send(new DeleteSecurityGroupCommand({ GroupId: resource.id })));
  },
};

/** Subnets: `Name` tag `mlsec-<run-id>-<name>`; run-tagged ones and every subnet of a run VPC. */
export const ec2Subnet: ResourceKind = {
  type: 'ec2:subnet',
  service: 'ec2',
  checkResourceType: 'AWS::EC2::Subnet',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 66,
  async find(ctx) {
    const ec2 = await ctx.aws.client('ec2');
    const vpcIds = await runVpcIds(ec2, ctx);
    const list = async (filters: Filter[]) => (await withThrottlingRetry(() => ec2.send(new DescribeSubnetsCommand({ Filters: filters })))).Subnets ?? [];
    const subnets = [...(await list([byRun(ctx)])), ...(vpcIds.length ? await list([{ Name: 'vpc-id', Values: vpcIds }]) : [])];
    return [...new Map(subnets.map((s) => [s.SubnetId!, { type: 'ec2:subnet', id: s.SubnetId! }])).values()];
  },
  async delete(ctx, resource) {
    const ec2 = await ctx.aws.client('ec2');
    await ignoreGone(() => ec2.send(new DeleteSubnetCommand({ SubnetId: resource.id })));
  },
};

/** VPCs: `Name` tag `mlsec-<run-id>-<name>`, found by run tag; deleting removes what is left inside (route tables, internet gateways). */
export const ec2Vpc: ResourceKind = {
  type: 'ec2:vpc',
  service: 'ec2',
  checkResourceType: 'AWS::EC2::VPC',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 68,
  async find(ctx) {
    const ec2 = await ctx.aws.client('ec2');
    return (await runVpcIds(ec2, ctx)).map((id) => ({ type: 'ec2:vpc', id, taggedForRun: true }));
  },
  async delete(ctx, resource) {
    const ec2 = await ctx.aws.client('ec2');
    const vpcId = resource.id;
    const gateways = (await withThrottlingRetry(() => ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] })))).InternetGateways ?? [];
    for (const igw of gateways) {
      await ignoreGone(() => ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId!, VpcId: vpcId })), ['Gateway.NotAttached']);
      await ignoreGone(() => ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId! })));
    }
    const tables = (await withThrottlingRetry(() => ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })))).RouteTables ?? [];
    for (const table of tables.filter((t) => !t.Associations?.some((a) => a.Main))) {
      for (const association of table.Associations ?? []) {
        if (association.RouteTableAssociationId) await ignoreGone(() => ec2.send(new DisassociateRouteTableCommand({ AssociationId: association.RouteTableAssociationId! })));
      }
      await ignoreGone(() => ec2.send(new DeleteRouteTableCommand({ RouteTableId: table.RouteTableId! })));
    }
    await ignoreGone(() => ec2.send(new DeleteVpcCommand({ VpcId: vpcId })));
  },
};
