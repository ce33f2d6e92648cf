/** VPCs: create (CIDR checks as AWS), describe with filters, delete with dependency checks, DNS attributes, the default VPC. */
import type * as EC2 from '@aws-sdk/client-ec2';
import { randomBytes } from 'node:crypto';
import type { Output } from '../define-service.ts';
import { isCanonical4, parseIpv4Cidr } from './cidr.ts';
import { type Ctx, ec2, lookup, paginate, selectByIds, tagsFromSpecs, tagsOut } from './common.ts';
import { dependencyViolation, ec2Error, invalidParameterValue } from './errors.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import type { Ec2State, Vpc } from './state.ts';
import { addVpc, createDefaultVpc } from './vpc-defaults.ts';

/** AWS's default quota of VPCs per region (the default VPC counts). */
export const VPCS_PER_REGION = 5;

export function vpcOut(vpc: Vpc, ctx: Ctx, state: 'available' | 'pending' = 'available'): EC2.Vpc {
  return {
    OwnerId: ctx.accountId,
    InstanceTenancy: vpc.instanceTenancy as EC2.Tenancy,
    Ipv6CidrBlockAssociationSet: vpc.ipv6
      ? [{ AssociationId: vpc.ipv6.associationId, Ipv6CidrBlock: vpc.ipv6.cidrBlock, Ipv6CidrBlockState: { State: 'associated' }, NetworkBorderGroup: ctx.region, Ipv6Pool: 'Amazon', Ipv6AddressAttribute: 'public', IpSource: 'amazon' }]
      : undefined,
    CidrBlockAssociationSet: [{ AssociationId: vpc.cidrAssociationId, CidrBlock: vpc.cidrBlock, CidrBlockState: { State: 'associated' } }],
    IsDefault: vpc.isDefault,
    Tags: tagsOut(vpc.tags),
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    VpcId: vpc.vpcId,
    State: state,
    CidrBlock: vpc.cidrBlock,
    DhcpOptionsId: vpc.dhcpOptionsId,
  };
}

/** Checks a VPC or subnet CIDR block as AWS does: a valid, canonical IPv4 block. */
export function checkCidrBlock(cidr: string, parameter = 'cidrBlock') {
  const parsed = parseIpv4Cidr(cidr);
  if (!parsed || !isCanonical4(parsed)) {
    throw invalidParameterValue(`Value (${cidr}) for parameter ${parameter} is invalid. This is not a valid CIDR block.`);
  }
  return parsed;
}

function amazonIpv6Block(): string {
  const b = randomBytes(3);
  return `2600:1f18:${b.readUInt16BE(0).toString(16)}:${b[2]!.toString(16)}00::/56`;
}

export function createVpc(input: EC2.CreateVpcRequest, ctx: Ctx): Output<EC2.CreateVpcResult> {
  const state = ec2(ctx);
  if (input.Ipv4IpamPoolId || input.Ipv6IpamPoolId || input.Ipv6Pool || input.Ipv6CidrBlock) {
    throw invalidParameterValue('IPAM pools and BYOIP IPv6 pools are not available in this emulator; give CidrBlock (and AmazonProvidedIpv6CidrBlock for IPv6).');
  }
  if (!input.CidrBlock) throw ec2Error('MissingParameter', "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.");
  const cidr = checkCidrBlock(input.CidrBlock);
  if (cidr.prefix < 16 || cidr.prefix > 28) throw ec2Error('InvalidVpc.Range', `The CIDR '${input.CidrBlock}' is invalid.`);
  const tenancy = input.InstanceTenancy ?? 'default';
  if (tenancy !== 'default' && tenancy !== 'dedicated') throw invalidParameterValue(`Value (${tenancy}) for parameter instanceTenancy is invalid.`);
  const tags = tagsFromSpecs(input.TagSpecifications, 'vpc');
  if (state.vpcs.size >= VPCS_PER_REGION) throw ec2Error('VpcLimitExceeded', 'The maximum number of VPCs has been reached.');
    const vpc = addVpc(state, ctx.accountId, {
    cidrBlock: input.CidrBlock,
    isDefault: false,
    instanceTenancy: tenancy,
    ipv6CidrBlock: input.AmazonProvidedIpv6CidrBlock ? amazonIpv6Block() : undefined,
    tags,
  });
  return { Vpc: vpcOut(vpc, ctx, 'pending') };
}

const VPC_FILTERS: FilterTable<Vpc> = {
  cidr: (v) => v.cidrBlock,
  'cidr-block-association.cidr-block': (v) => v.cidrBlock,
  'cidr-block-association.association-id': (v) => v.cidrAssociationId,
  'cidr-block-association.state': () => 'associated',
  'dhcp-options-id': (v) => v.dhcpOptionsId,
  'ipv6-cidr-block-association.ipv6-cidr-block': (v) => v.ipv6?.cidrBlock,
  'ipv6-cidr-block-association.association-id': (v) => v.ipv6?.associationId,
  'ipv6-cidr-block-association.state': (v) => (v.ipv6 ? 'associated' : undefined),
  'ipv6-cidr-block-association.ipv6-pool': (v) => (v.ipv6 ? 'Amazon' : undefined),
  'is-default': (v) => v.isDefault,
  state: () => 'available',
  'vpc-id': (v) => v.vpcId,
};

export function describeVpcs(input: EC2.DescribeVpcsRequest, ctx: Ctx): Output<EC2.DescribeVpcsResult> {
  const state = ec2(ctx);
  const table: FilterTable<Vpc> = { ...VPC_FILTERS, 'owner-id': () => ctx.accountId };
  const vpcs = applyFilters(selectByIds(state.vpcs, 'vpc', input.VpcIds), input.Filters, table, (v) => v.tags);
  const page = paginate(vpcs, input);
  return { Vpcs: page.items.map((v) => vpcOut(v, ctx)), NextToken: page.NextToken };
}

/** What still lives in a VPC (AWS refuses to delete it until these are gone). */
function vpcDependencies(state: Ec2State, vpc: Vpc): string[] {
  const found: string[] = [];
  for (const s of state.subnets.values()) if (s.vpcId === vpc.vpcId) found.push(s.subnetId);
  for (const g of state.internetGateways.values()) if (g.attachedVpcId === vpc.vpcId) found.push(g.internetGatewayId);
  for (const g of state.securityGroups.values()) if (g.vpcId === vpc.vpcId && g.groupId !== vpc.defaultSecurityGroupId) found.push(g.groupId);
  for (const t of state.routeTables.values()) if (t.vpcId === vpc.vpcId && t.routeTableId !== vpc.mainRouteTableId) found.push(t.routeTableId);
  for (const a of state.networkAcls.values()) if (a.vpcId === vpc.vpcId && a.networkAclId !== vpc.defaultNetworkAclId) found.push(a.networkAclId);
  for (const e of state.vpcEndpoints.values()) if (e.vpcId === vpc.vpcId) found.push(e.vpcEndpointId);
  for (const n of state.natGateways.values()) if (n.vpcId === vpc.vpcId && n.state !== 'deleted') found.push(n.natGatewayId);
  return found;
}

export function deleteVpc(input: EC2.DeleteVpcRequest, ctx: Ctx): Output<EC2.DeleteVpcCommandOutput> {
  const state = ec2(ctx);
  const vpc = lookup(state.vpcs, 'vpc', input.VpcId);
  if (vpcDependencies(state, vpc).length) throw dependencyViolation(`The vpc '${vpc.vpcId}' has dependencies and cannot be deleted.`);
  state.routeTables.delete(vpc.mainRouteTableId);
  state.networkAcls.delete(vpc.defaultNetworkAclId);
  state.securityGroups.delete(vpc.defaultSecurityGroupId);
  // Flow logs go with the resource they watch.
  for (const [id, log] of state.flowLogs) if (log.resourceId === vpc.vpcId) state.flowLogs.delete(id);
  for (const [id, nat] of state.natGateways) if (nat.vpcId === vpc.vpcId) state.natGateways.delete(id);
  state.vpcs.delete(vpc.vpcId);
  return {};
}

const VPC_ATTRIBUTES = ['enableDnsSupport', 'enableDnsHostnames', 'enableNetworkAddressUsageMetrics'] as const;

export function modifyVpcAttribute(input: EC2.ModifyVpcAttributeRequest, ctx: Ctx): Output<EC2.ModifyVpcAttributeCommandOutput> {
  const vpc = lookup(ec2(ctx).vpcs, 'vpc', input.VpcId);
  const given = {
    enableDnsSupport: input.EnableDnsSupport,
    enableDnsHostnames: input.EnableDnsHostnames,
    enableNetworkAddressUsageMetrics: input.EnableNetworkAddressUsageMetrics,
  };
  const named = VPC_ATTRIBUTES.filter((a) => given[a] !== undefined);
  if (named.length === 0) throw ec2Error('MissingParameter', 'The request must contain one of the parameters enableDnsSupport, enableDnsHostnames or enableNetworkAddressUsageMetrics');
  if (named.length > 1) throw ec2Error('InvalidParameterCombination', `Fields for multiple attribute types specified: ${named.join(', ')}`);
  const attribute = named[0]!;
  const value = given[attribute]!.Value;
  if (value === undefined) throw ec2Error('MissingParameter', `The request must contain the parameter ${attribute}.value`);
  vpc[attribute] = value;
  return {};
}

export function describeVpcAttribute(input: EC2.DescribeVpcAttributeRequest, ctx: Ctx): Output<EC2.DescribeVpcAttributeResult> {
  const vpc = lookup(ec2(ctx).vpcs, 'vpc', input.VpcId);
  const attribute = input.Attribute as (typeof VPC_ATTRIBUTES)[number];
  if (!VPC_ATTRIBUTES.includes(attribute)) throw invalidParameterValue(`Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`);
  const member = (attribute[0]!.toUpperCase() + attribute.slice(1)) as 'EnableDnsSupport' | 'EnableDnsHostnames' | 'EnableNetworkAddressUsageMetrics';
  return { VpcId: vpc.vpcId, [member]: { Value: vpc[attribute] } };
}

export function createDefaultVpcHandler(_input: EC2.CreateDefaultVpcRequest, ctx: Ctx): Output<EC2.CreateDefaultVpcResult> {
  const state = ec2(ctx);
  if ([...state.vpcs.values()].some((v) => v.isDefault)) {
    throw ec2Error('DefaultVpcAlreadyExists', 'A Default VPC already exists for this account in this region.');
  }
  if (state.vpcs.size >= VPCS_PER_REGION) throw ec2Error('VpcLimitExceeded', 'The maximum number of VPCs has been reached.');
  state.defaultVpcGeneration++;
  return { Vpc: vpcOut(createDefaultVpc(state, ctx.accountId, ctx.region), ctx, 'pending') };
}

export function defaultVpcOf(state: Ec2State): Vpc | undefined {
  for (const v of state.vpcs.values()) if (v.isDefault) return v;
  return undefined;
}
