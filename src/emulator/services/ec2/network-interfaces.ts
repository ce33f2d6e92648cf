/**
 * Network interfaces that AWS creates on the caller's behalf: one per subnet of an interface VPC
 * endpoint, one per NAT gateway. They take a private address from the subnet (AWS reserves the
 * first four and the last address of every subnet) and keep subnets and security groups in use.
 */
import type * as EC2 from '@aws-sdk/client-ec2';
import type { Output } from '../define-service.ts';
import { formatIpv4, networkOf4, parseIpv4, parseIpv4Cidr, size4 } from './cidr.ts';
import { type Ctx, ec2, paginate, selectByIds, tagsOut } from './common.ts';
import { ec2Error } from './errors.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { macAddress, newId } from './ids.ts';
import { findZone } from './regions.ts';
import type { Ec2State, NetworkInterface, Subnet } from './state.ts';

/** Addresses a subnet still has for new interfaces, as DescribeSubnets reports them. */
export function availableAddresses(state: Ec2State, subnet: Subnet): number {
  const cidr = parseIpv4Cidr(subnet.cidrBlock)!;
  let used = 0;
  for (const eni of state.networkInterfaces.values()) if (eni.subnetId === subnet.subnetId) used++;
  return Math.max(0, size4(cidr) - 5 - used);
}

function nextPrivateAddress(state: Ec2State, subnet: Subnet): string {
  const cidr = parseIpv4Cidr(subnet.cidrBlock)!;
  const taken = new Set<string>();
  for (const eni of state.networkInterfaces.values()) if (eni.subnetId === subnet.subnetId) taken.add(eni.privateIpAddress);
  const base = networkOf4(cidr);
  for (let offset = 4; offset < size4(cidr) - 1; offset++) {
    const address = formatIpv4(base + offset);
    if (!taken.has(address)) return address;
  }
  throw ec2Error('InsufficientFreeAddressesInSubnet', `There are not enough free addresses in subnet '${subnet.subnetId}' to satisfy the requested number of instances.`);
}

export function createNetworkInterface(
  state: Ec2State,
  subnet: Subnet,
  spec: { description: string; interfaceType: NetworkInterface['interfaceType']; attachedTo: string; groupIds: string[]; privateIpAddress?: string },
): NetworkInterface {
  const eni: NetworkInterface = {
    networkInterfaceId: newId('eni'),
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    privateIpAddress: spec.privateIpAddress ?? nextPrivateAddress(state, subnet),
    macAddress: macAddress(),
    description: spec.description,
    interfaceType: spec.interfaceType,
    attachedTo: spec.attachedTo,
    groupIds: [...spec.groupIds],
    tags: [],
  };
  state.networkInterfaces.set(eni.networkInterfaceId, eni);
  return eni;
}

/** Removes an interface and the flow logs that watched it (AWS deletes those with their resource). */
export function deleteNetworkInterface(state: Ec2State, id: string): void {
  state.networkInterfaces.delete(id);
  for (const [logId, log] of state.flowLogs) if (log.resourceId === id) state.flowLogs.delete(logId);
}

/** Checks a requested private address: inside the subnet and not reserved or taken. */
export function checkPrivateAddress(state: Ec2State, subnet: Subnet, address: string): void {
  const cidr = parseIpv4Cidr(subnet.cidrBlock)!;
  const value = parseIpv4(address);
  const base = networkOf4(cidr);
  if (value === undefined || value < base + 4 || value >= base + size4(cidr) - 1) {
    throw ec2Error('InvalidParameterValue', `Address ${address} does not fall within the subnet's address range or is reserved`);
  }
  for (const eni of state.networkInterfaces.values()) {
    if (eni.subnetId === subnet.subnetId && eni.privateIpAddress === address) throw ec2Error('InvalidIPAddress.InUse', `Address ${address} is in use.`);
  }
}

function eniOut(eni: NetworkInterface, state: Ec2State, ctx: Ctx): EC2.NetworkInterface {
  const address = [...state.addresses.values()].find((a) => a.networkInterfaceId === eni.networkInterfaceId);
  return {
    AvailabilityZone: eni.availabilityZone,
    AvailabilityZoneId: findZone(ctx.region, eni.availabilityZone)?.zoneId,
    Description: eni.description,
    Groups: eni.groupIds.map((id) => ({ GroupId: id, GroupName: state.securityGroups.get(id)?.groupName })),
    InterfaceType: eni.interfaceType as EC2.NetworkInterfaceType,
    Ipv6Addresses: [],
    MacAddress: eni.macAddress,
    NetworkInterfaceId: eni.networkInterfaceId,
    OwnerId: ctx.accountId,
    PrivateIpAddress: eni.privateIpAddress,
    PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: eni.privateIpAddress, Association: address ? { PublicIp: address.publicIp, IpOwnerId: 'amazon', AllocationId: address.allocationId, AssociationId: address.associationId } : undefined }],
    Association: address ? { PublicIp: address.publicIp, IpOwnerId: 'amazon', AllocationId: address.allocationId, AssociationId: address.associationId } : undefined,
    RequesterId: eni.interfaceType === 'vpc_endpoint' ? 'AROAAWSVPCENDPOINT:vpce' : 'amazon-nat-gateway',
    RequesterManaged: true,
    SourceDestCheck: eni.interfaceType !== 'nat_gateway',
    Status: 'in-use',
    SubnetId: eni.subnetId,
    TagSet: tagsOut(eni.tags),
    VpcId: eni.vpcId,
  };
}

const ENI_FILTERS: FilterTable<NetworkInterface> = {
  'availability-zone': (e) => e.availabilityZone,
  description: (e) => e.description,
  'group-id': (e) => e.groupIds,
  'interface-type': (e) => e.interfaceType,
  'network-interface-id': (e) => e.networkInterfaceId,
  'private-ip-address': (e) => e.privateIpAddress,
  'addresses.private-ip-address': (e) => e.privateIpAddress,
  'requester-managed': () => true,
  status: () => 'in-use',
  'subnet-id': (e) => e.subnetId,
  'vpc-id': (e) => e.vpcId,
  'mac-address': (e) => e.macAddress,
};

export function describeNetworkInterfaces(input: EC2.DescribeNetworkInterfacesRequest, ctx: Ctx): Output<EC2.DescribeNetworkInterfacesResult> {
  const state = ec2(ctx);
  const table: FilterTable<NetworkInterface> = {
    ...ENI_FILTERS,
    'owner-id': () => ctx.accountId,
    'group-name': (e) => e.groupIds.map((id) => state.securityGroups.get(id)?.groupName),
  };
  const items = applyFilters(selectByIds(state.networkInterfaces, 'network-interface', input.NetworkInterfaceIds), input.Filters, table, (e) => e.tags);
  const page = paginate(items, input);
  return { NetworkInterfaces: page.items.map((e) => eniOut(e, state, ctx)), NextToken: page.NextToken };
}
