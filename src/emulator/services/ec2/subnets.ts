/** Subnets: create inside the VPC's CIDR without overlap, Availability Zones, public-IP and DNS attributes, delete with dependency checks. */
import type * as EC2 from '@aws-sdk/client-ec2';
import type { Output } from '../define-service.ts';
import { contains4, contains6, isCanonical6, overlaps4, parseIpv4Cidr, parseIpv6Cidr } from './cidr.ts';
import { arn, type Ctx, ec2, lookup, paginate, selectByIds, tagsFromSpecs, tagsOut } from './common.ts';
import { dependencyViolation, ec2Error, invalidParameterValue } from './errors.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { newId } from './ids.ts';
import { availableAddresses } from './network-interfaces.ts';
import { findZone, zonesOf } from './regions.ts';
import type { Ec2State, Subnet } from './state.ts';
import { associateDefaultAcl } from './vpc-defaults.ts';
import { checkCidrBlock } from './vpcs.ts';

/** AWS's default quota of subnets per VPC. */
const SUBNETS_PER_VPC = 200;

export function subnetOut(subnet: Subnet, state: Ec2State, ctx: Ctx): EC2.Subnet {
  return {
    AvailabilityZoneId: subnet.availabilityZoneId,
    MapCustomerOwnedIpOnLaunch: false,
    OwnerId: ctx.accountId,
    AssignIpv6AddressOnCreation: subnet.assignIpv6AddressOnCreation,
    Ipv6CidrBlockAssociationSet: subnet.ipv6
      ? [{ AssociationId: subnet.ipv6.associationId, Ipv6CidrBlock: subnet.ipv6.cidrBlock, Ipv6CidrBlockState: { State: 'associated' }, Ipv6AddressAttribute: 'public', IpSource: 'amazon' }]
      : [],
    Tags: tagsOut(subnet.tags),
    SubnetArn: arn(ctx, `subnet/${subnet.subnetId}`),
    EnableDns64: subnet.enableDns64,
    Ipv6Native: false,
    PrivateDnsNameOptionsOnLaunch: {
      HostnameType: subnet.hostnameType as EC2.HostnameType,
      EnableResourceNameDnsARecord: subnet.enableResourceNameDnsARecord,
      EnableResourceNameDnsAAAARecord: subnet.enableResourceNameDnsAAAARecord,
    },
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    SubnetId: subnet.subnetId,
    State: 'available',
    VpcId: subnet.vpcId,
    CidrBlock: subnet.cidrBlock,
    AvailableIpAddressCount: availableAddresses(state, subnet),
    AvailabilityZone: subnet.availabilityZone,
    DefaultForAz: subnet.defaultForAz,
    MapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
  };
}

function chooseZone(state: Ec2State, ctx: Ctx, vpcId: string, input: EC2.CreateSubnetRequest) {
  const zones = zonesOf(ctx.region);
  const requested = input.AvailabilityZone ?? input.AvailabilityZoneId;
  if (input.AvailabilityZone && input.AvailabilityZoneId) {
    throw ec2Error('InvalidParameterCombination', 'Only one of availabilityZone or availabilityZoneId can be specified.');
  }
  if (requested !== undefined) {
    const zone = findZone(ctx.region, requested);
    if (!zone || (input.AvailabilityZone && zone.zoneName !== requested) || (input.AvailabilityZoneId && zone.zoneId !== requested)) {
      const parameter = input.AvailabilityZone ? 'availabilityZone' : 'availabilityZoneId';
      const listed = zones.map((z) => (input.AvailabilityZone ? z.zoneName : z.zoneId)).join(', ');
      throw invalidParameterValue(`Value (${requested}) for parameter ${parameter} is invalid. Subnets can currently only be created in the following availability zones: ${listed}.`);
    }
    return zone;
  }
  // AWS picks a zone for you; spread subnets by taking the least used one.
  const counts = new Map(zones.map((z) => [z.zoneName, 0]));
  for (const s of state.subnets.values()) if (s.vpcId === vpcId) counts.set(s.availabilityZone, (counts.get(s.availabilityZone) ?? 0) + 1);
  return [...zones].sort((a, b) => counts.get(a.zoneName)! - counts.get(b.zoneName)!)[0]!;
}

export function createSubnet(input: EC2.CreateSubnetRequest, ctx: Ctx): Output<EC2.CreateSubnetResult> {
  const state = ec2(ctx);
  const vpc = lookup(state.vpcs, 'vpc', input.VpcId);
  if (input.Ipv4IpamPoolId || input.Ipv6IpamPoolId || input.Ipv6Native || input.OutpostArn) {
    throw invalidParameterValue('IPAM pools, IPv6-only subnets and Outposts are not available in this emulator; give CidrBlock.');
  }
  if (!input.CidrBlock) throw ec2Error('MissingParameter', 'The request must contain the parameter cidrBlock');
  const cidr = checkCidrBlock(input.CidrBlock);
  const vpcCidr = parseIpv4Cidr(vpc.cidrBlock)!;
  if (cidr.prefix < 16 || cidr.prefix > 28 || !contains4(vpcCidr, cidr)) throw ec2Error('InvalidSubnet.Range', `The CIDR '${input.CidrBlock}' is invalid.`);
  const siblings = [...state.subnets.values()].filter((s) => s.vpcId === vpc.vpcId);
  if (siblings.some((s) => overlaps4(parseIpv4Cidr(s.cidrBlock)!, cidr))) {
    throw ec2Error('InvalidSubnet.Conflict', `The CIDR '${input.CidrBlock}' conflicts with another subnet`);
  }
  let ipv6: Subnet['ipv6'];
  if (input.Ipv6CidrBlock !== undefined) {
    const block = parseIpv6Cidr(input.Ipv6CidrBlock);
    const vpcBlock = vpc.ipv6 ? parseIpv6Cidr(vpc.ipv6.cidrBlock) : undefined;
    if (!block || !isCanonical6(block)) throw invalidParameterValue(`Value (${input.Ipv6CidrBlock}) for parameter ipv6CidrBlock is invalid. This is not a valid IPv6 CIDR block.`);
    if (!vpcBlock || block.prefix !== 64 || !contains6(vpcBlock, block)) throw ec2Error('InvalidSubnet.Range', `The IPv6 CIDR '${input.Ipv6CidrBlock}' is invalid.`);
    if (siblings.some((s) => s.ipv6?.cidrBlock === input.Ipv6CidrBlock)) throw ec2Error('InvalidSubnet.Conflict', `The IPv6 CIDR '${input.Ipv6CidrBlock}' conflicts with another subnet`);
    ipv6 = { associationId: newId('subnet-cidr-assoc'), cidrBlock: input.Ipv6CidrBlock };
  }
  const zone = chooseZone(state, ctx, vpc.vpcId, input);
  const tags = tagsFromSpecs(input.TagSpecifications, 'subnet');
  if (siblings.length >= SUBNETS_PER_VPC) throw ec2Error('SubnetLimitExceeded', `The maximum number of subnets (${SUBNETS_PER_VPC}) for VPC ${vpc.vpcId} has been reached.`);
  const subnet: Subnet = {
    subnetId: newId('subnet'),
    vpcId: vpc.vpcId,
    cidrBlock: input.CidrBlock,
    ipv6,
    availabilityZone: zone.zoneName,
    availabilityZoneId: zone.zoneId,
    defaultForAz: false,
    // Only default subnets map public IPs on launch; others start with it off.
    mapPublicIpOnLaunch: false,
    assignIpv6AddressOnCreation: false,
    enableDns64: false,
    hostnameType: 'ip-name',
    enableResourceNameDnsARecord: false,
    enableResourceNameDnsAAAARecord: false,
    tags,
  };
  state.subnets.set(subnet.subnetId, subnet);
  associateDefaultAcl(state, subnet);
  return { Subnet: subnetOut(subnet, state, ctx) };
}

const SUBNET_FILTERS: FilterTable<Subnet> = {
  'availability-zone': (s) => s.availabilityZone,
  availabilityZone: (s) => s.availabilityZone,
  'availability-zone-id': (s) => s.availabilityZoneId,
  'cidr-block': (s) => s.cidrBlock,
  cidr: (s) => s.cidrBlock,
  cidrBlock: (s) => s.cidrBlock,
  'default-for-az': (s) => s.defaultForAz,
  defaultForAz: (s) => s.defaultForAz,
  'ipv6-cidr-block-association.ipv6-cidr-block': (s) => s.ipv6?.cidrBlock,
  'ipv6-cidr-block-association.association-id': (s) => s.ipv6?.associationId,
  'ipv6-cidr-block-association.state': (s) => (s.ipv6 ? 'associated' : undefined),
  'ipv6-native': () => false,
  'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
  state: () => 'available',
  'subnet-id': (s) => s.subnetId,
  'vpc-id': (s) => s.vpcId,
};

export function describeSubnets(input: EC2.DescribeSubnetsRequest, ctx: Ctx): Output<EC2.DescribeSubnetsResult> {
  const state = ec2(ctx);
  const table: FilterTable<Subnet> = {
    ...SUBNET_FILTERS,
    'owner-id': () => ctx.accountId,
    'subnet-arn': (s) => arn(ctx, `subnet/${s.subnetId}`),
    'available-ip-address-count': (s) => availableAddresses(state, s),
  };
  const subnets = applyFilters(selectByIds(state.subnets, 'subnet', input.SubnetIds), input.Filters, table, (s) => s.tags);
  const page = paginate(subnets, input);
  return { Subnets: page.items.map((s) => subnetOut(s, state, ctx)), NextToken: page.NextToken };
}

export function modifySubnetAttribute(input: EC2.ModifySubnetAttributeRequest, ctx: Ctx): Output<EC2.ModifySubnetAttributeCommandOutput> {
  const subnet = lookup(ec2(ctx).subnets, 'subnet', input.SubnetId);
  if (input.MapCustomerOwnedIpOnLaunch || input.CustomerOwnedIpv4Pool || input.EnableLniAtDeviceIndex !== undefined || input.DisableLniAtDeviceIndex) {
    throw invalidParameterValue('Outposts attributes (customer-owned IPs, LNI) are not available in this emulator.');
  }
  const changes: (() => void)[] = [];
  const flag = (value: EC2.AttributeBooleanValue | undefined, parameter: string, apply: (v: boolean) => void) => {
    if (value === undefined) return;
    if (value.Value === undefined) throw ec2Error('MissingParameter', `The request must contain the parameter ${parameter}.value`);
    changes.push(() => apply(value.Value!));
  };
  flag(input.MapPublicIpOnLaunch, 'mapPublicIpOnLaunch', (v) => (subnet.mapPublicIpOnLaunch = v));
  flag(input.AssignIpv6AddressOnCreation, 'assignIpv6AddressOnCreation', (v) => {
    if (v && !subnet.ipv6) throw invalidParameterValue(`Invalid value 'true' for assignIpv6AddressOnCreation. Cannot set assignIpv6AddressOnCreation to true unless the subnet (${subnet.subnetId}) has an IPv6 CIDR block associated with it.`);
    subnet.assignIpv6AddressOnCreation = v;
  });
  flag(input.EnableDns64, 'enableDns64', (v) => (subnet.enableDns64 = v));
  flag(input.EnableResourceNameDnsARecordOnLaunch, 'enableResourceNameDnsARecordOnLaunch', (v) => (subnet.enableResourceNameDnsARecord = v));
  flag(input.EnableResourceNameDnsAAAARecordOnLaunch, 'enableResourceNameDnsAAAARecordOnLaunch', (v) => (subnet.enableResourceNameDnsAAAARecord = v));
  if (input.PrivateDnsHostnameTypeOnLaunch !== undefined) {
    const type = input.PrivateDnsHostnameTypeOnLaunch;
    if (type !== 'ip-name' && type !== 'resource-name') throw invalidParameterValue(`Value (${type}) for parameter privateDnsHostnameTypeOnLaunch is invalid.`);
    changes.push(() => (subnet.hostnameType = type));
  }
  if (changes.length === 0) throw ec2Error('MissingParameter', 'The request must contain an attribute to modify, for example mapPublicIpOnLaunch');
  for (const change of changes) change();
  return {};
}

export function deleteSubnet(input: EC2.DeleteSubnetRequest, ctx: Ctx): Output<EC2.DeleteSubnetCommandOutput> {
  const state = ec2(ctx);
  const subnet = lookup(state.subnets, 'subnet', input.SubnetId);
  const inUse = [...state.networkInterfaces.values()].some((e) => e.subnetId === subnet.subnetId);
  if (inUse) throw dependencyViolation(`The subnet '${subnet.subnetId}' has dependencies and cannot be deleted.`);
  for (const table of state.routeTables.values()) table.associations = table.associations.filter((a) => a.subnetId !== subnet.subnetId);
  for (const acl of state.networkAcls.values()) acl.associations = acl.associations.filter((a) => a.subnetId !== subnet.subnetId);
  for (const [id, log] of state.flowLogs) if (log.resourceId === subnet.subnetId) state.flowLogs.delete(id);
  for (const [id, nat] of state.natGateways) if (nat.subnetId === subnet.subnetId && nat.state !== 'available') state.natGateways.delete(id);
  state.subnets.delete(subnet.subnetId);
  return {};
}
