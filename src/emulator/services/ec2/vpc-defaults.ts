/**
 * What AWS creates with every VPC — its main route table (with the `local` route), its default
 * network ACL (allow all, then the catch-all deny) and its `default` security group (all traffic
 * from members of the group in, everything out) — and the default VPC of a fresh account:
 * 172.31.0.0/16 with a /20 default subnet per Availability Zone (public IPs on launch), an
 * attached internet gateway and a 0.0.0.0/0 route to it.
 */
import { newId, stableId } from './ids.ts';
import { zonesOf } from './regions.ts';
import type { Ec2State, NetworkAcl, NetworkAclEntry, RouteTable, SecurityGroup, Subnet, Tag, Vpc } from './state.ts';

export const DEFAULT_VPC_CIDR = '172.31.0.0/16';

/** Ids for the resources of one VPC: random, or stable ones for the default VPC. */
type IdSource = (prefix: string, name: string) => string;

const randomIds: IdSource = (prefix) => newId(prefix);

export interface NewVpc {
  cidrBlock: string;
  isDefault: boolean;
  instanceTenancy: string;
  ipv6CidrBlock?: string;
  tags: Tag[];
}

export function defaultNaclEntries(ipv6: boolean): NetworkAclEntry[] {
  const entries: NetworkAclEntry[] = [];
  for (const egress of [true, false]) {
    entries.push({ ruleNumber: 100, egress, protocol: '-1', ruleAction: 'allow', cidrBlock: '0.0.0.0/0' });
    if (ipv6) entries.push({ ruleNumber: 101, egress, protocol: '-1', ruleAction: 'allow', ipv6CidrBlock: '::/0' });
    entries.push({ ruleNumber: 32767, egress, protocol: '-1', ruleAction: 'deny', cidrBlock: '0.0.0.0/0' });
    if (ipv6) entries.push({ ruleNumber: 32768, egress, protocol: '-1', ruleAction: 'deny', ipv6CidrBlock: '::/0' });
  }
  return entries;
}

/** Creates a VPC with its main route table, default network ACL and default security group. */
export function addVpc(state: Ec2State, accountId: string, spec: NewVpc, ids: IdSource = randomIds): Vpc {
  const vpcId = ids('vpc', 'vpc');
  const routeTable: RouteTable = {
    routeTableId: ids('rtb', 'main-route-table'),
    vpcId,
    routes: [{ destinationCidrBlock: spec.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' }],
    associations: [{ associationId: ids('rtbassoc', 'main-association'), main: true }],
    tags: [],
  };
  if (spec.ipv6CidrBlock) routeTable.routes.push({ destinationIpv6CidrBlock: spec.ipv6CidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' });
  const acl: NetworkAcl = {
    networkAclId: ids('acl', 'default-acl'),
    vpcId,
    isDefault: true,
    entries: defaultNaclEntries(spec.ipv6CidrBlock !== undefined),
    associations: [],
    tags: [],
  };
  const groupId = ids('sg', 'default-group');
  const group: SecurityGroup = {
    groupId,
    groupName: 'default',
    description: 'default VPC security group',
    vpcId,
    rules: [
      { ruleId: ids('sgr', 'default-ingress'), isEgress: false, protocol: '-1', fromPort: -1, toPort: -1, referencedGroup: { groupId, userId: accountId }, tags: [] },
      { ruleId: ids('sgr', 'default-egress'), isEgress: true, protocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0', tags: [] },
    ],
    tags: [],
  };
  if (spec.ipv6CidrBlock) group.rules.push({ ruleId: ids('sgr', 'default-egress-v6'), isEgress: true, protocol: '-1', fromPort: -1, toPort: -1, cidrIpv6: '::/0', tags: [] });
  const vpc: Vpc = {
    vpcId,
    cidrBlock: spec.cidrBlock,
    cidrAssociationId: ids('vpc-cidr-assoc', 'cidr'),
    ipv6: spec.ipv6CidrBlock ? { associationId: ids('vpc-cidr-assoc', 'ipv6'), cidrBlock: spec.ipv6CidrBlock, networkBorderGroup: '' } : undefined,
    isDefault: spec.isDefault,
    instanceTenancy: spec.instanceTenancy,
    dhcpOptionsId: state.dhcpOptionsId,
    // AWS turns DNS hostnames on only in default VPCs.
    enableDnsSupport: true,
    enableDnsHostnames: spec.isDefault,
    enableNetworkAddressUsageMetrics: false,
    mainRouteTableId: routeTable.routeTableId,
    defaultNetworkAclId: acl.networkAclId,
    defaultSecurityGroupId: groupId,
    tags: spec.tags,
  };
  state.vpcs.set(vpcId, vpc);
  state.routeTables.set(routeTable.routeTableId, routeTable);
  state.networkAcls.set(acl.networkAclId, acl);
  state.securityGroups.set(groupId, group);
  return vpc;
}

/** Associates a new subnet with its VPC's default network ACL (every subnet has exactly one). */
export function associateDefaultAcl(state: Ec2State, subnet: Subnet, associationId = newId('aclassoc')): void {
  const vpc = state.vpcs.get(subnet.vpcId);
  const acl = vpc && state.networkAcls.get(vpc.defaultNetworkAclId);
  acl?.associations.push({ associationId, subnetId: subnet.subnetId });
}

/** Creates the region's default VPC as AWS does for a new account (ids stable per account, region, generation). */
export function createDefaultVpc(state: Ec2State, accountId: string, region: string): Vpc {
  const generation = state.defaultVpcGeneration;
  const ids: IdSource = (prefix, name) => stableId(prefix, `${accountId}/${region}/${generation}/${name}`);
  if (!state.dhcpOptionsId) state.dhcpOptionsId = stableId('dopt', `${accountId}/${region}`);
  const vpc = addVpc(state, accountId, { cidrBlock: DEFAULT_VPC_CIDR, isDefault: true, instanceTenancy: 'default', tags: [] }, ids);
  const igwId = ids('igw', 'igw');
  state.internetGateways.set(igwId, { internetGatewayId: igwId, attachedVpcId: vpc.vpcId, tags: [] });
  state.routeTables.get(vpc.mainRouteTableId)!.routes.push({ destinationCidrBlock: '0.0.0.0/0', gatewayId: igwId, origin: 'CreateRoute' });
  zonesOf(region).forEach((zone, i) => {
    if (i >= 16) return;
    const subnet: Subnet = {
      subnetId: ids('subnet', zone.zoneName),
      vpcId: vpc.vpcId,
      cidrBlock: `172.31.${i * 16}.0/20`,
      availabilityZone: zone.zoneName,
      availabilityZoneId: zone.zoneId,
      defaultForAz: true,
      mapPublicIpOnLaunch: true,
      assignIpv6AddressOnCreation: false,
      enableDns64: false,
      hostnameType: 'ip-name',
      enableResourceNameDnsARecord: false,
      enableResourceNameDnsAAAARecord: false,
      tags: [],
    };
    state.subnets.set(subnet.subnetId, subnet);
    associateDefaultAcl(state, subnet, ids('aclassoc', zone.zoneName));
  });
  return vpc;
}
