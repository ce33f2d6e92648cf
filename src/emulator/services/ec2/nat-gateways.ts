/**
 * NAT gateways (minimal) and the Elastic IP addresses a public one needs. A public NAT gateway in
 * a VPC without an attached internet gateway ends `failed` with Gateway.NotAttached, as on AWS;
 * deleted ones stay listed as `deleted`. Public addresses come from the documentation ranges
 * 198.51.100.0/24 and 203.0.113.0/24, so they never point at a real host.
 */
import type * as EC2 from '@aws-sdk/client-ec2';
import { randomInt } from 'node:crypto';
import type { Output } from '../define-service.ts';
import { type Ctx, ec2, lookup, paginate, selectByIds, tagsFromSpecs, tagsOut } from './common.ts';
import { ec2Error, invalidParameterValue, missingParameter } from './errors.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { newId } from './ids.ts';
import { checkPrivateAddress, createNetworkInterface, deleteNetworkInterface } from './network-interfaces.ts';
import type { Address, Ec2State, NatGateway } from './state.ts';

/** AWS's default quota of Elastic IP addresses per region. */
const ADDRESSES_PER_REGION = 5;

function freePublicIp(state: Ec2State): string {
  const taken = new Set([...state.addresses.values()].map((a) => a.publicIp));
  for (let attempt = 0; attempt < 1000; attempt++) {
    const ip = `${attempt % 2 ? '203.0.113' : '198.51.100'}.${randomInt(1, 255)}`;
    if (!taken.has(ip)) return ip;
  }
  throw ec2Error('AddressLimitExceeded', 'The maximum number of addresses has been reached.');
}

function addressOut(address: Address, ctx: Ctx): EC2.Address {
  return {
    AllocationId: address.allocationId,
    AssociationId: address.associationId,
    Domain: 'vpc',
    NetworkInterfaceId: address.networkInterfaceId,
    NetworkInterfaceOwnerId: address.networkInterfaceId ? ctx.accountId : undefined,
    PrivateIpAddress: address.privateIpAddress,
    PublicIpv4Pool: 'amazon',
    NetworkBorderGroup: ctx.region,
    PublicIp: address.publicIp,
    Tags: tagsOut(address.tags),
  };
}

export function allocateAddress(input: EC2.AllocateAddressRequest, ctx: Ctx): Output<EC2.AllocateAddressResult> {
  const state = ec2(ctx);
  if (input.Address || input.CustomerOwnedIpv4Pool || input.IpamPoolId || (input.PublicIpv4Pool && input.PublicIpv4Pool !== 'amazon')) {
    throw invalidParameterValue('Bring-your-own, customer-owned and IPAM addresses are not available in this emulator; allocate from the Amazon pool.');
  }
  const tags = tagsFromSpecs(input.TagSpecifications, 'elastic-ip');
  if (state.addresses.size >= ADDRESSES_PER_REGION) throw ec2Error('AddressLimitExceeded', 'The maximum number of addresses has been reached.');
  const address: Address = { allocationId: newId('eipalloc'), publicIp: freePublicIp(state), tags };
  state.addresses.set(address.allocationId, address);
  return { PublicIp: address.publicIp, AllocationId: address.allocationId, PublicIpv4Pool: 'amazon', NetworkBorderGroup: ctx.region, Domain: 'vpc' };
}

export function describeAddresses(input: EC2.DescribeAddressesRequest, ctx: Ctx): Output<EC2.DescribeAddressesResult> {
  const state = ec2(ctx);
  let addresses = selectByIds(state.addresses, 'elastic-ip', input.AllocationIds);
  if (input.PublicIps?.length) {
    for (const ip of input.PublicIps) {
      if (!addresses.some((a) => a.publicIp === ip)) throw ec2Error('InvalidAddress.NotFound', `Address '${ip}' not found.`);
    }
    addresses = addresses.filter((a) => input.PublicIps!.includes(a.publicIp));
  }
  const table: FilterTable<Address> = {
    'allocation-id': (a) => a.allocationId,
    'association-id': (a) => a.associationId,
    domain: () => 'vpc',
    'network-border-group': () => ctx.region,
    'network-interface-id': (a) => a.networkInterfaceId,
    'network-interface-owner-id': (a) => (a.networkInterfaceId ? ctx.accountId : undefined),
    'private-ip-address': (a) => a.privateIpAddress,
    'public-ip': (a) => a.publicIp,
  };
  return { Addresses: applyFilters(addresses, input.Filters, table, (a) => a.tags).map((a) => addressOut(a, ctx)) };
}

export function releaseAddress(input: EC2.ReleaseAddressRequest, ctx: Ctx): Output<EC2.ReleaseAddressCommandOutput> {
  const state = ec2(ctx);
  let address: Address | undefined;
  if (input.AllocationId !== undefined) address = lookup(state.addresses, 'elastic-ip', input.AllocationId);
  else if (input.PublicIp !== undefined) {
    address = [...state.addresses.values()].find((a) => a.publicIp === input.PublicIp);
    if (!address) throw ec2Error('InvalidAddress.NotFound', `Address '${input.PublicIp}' not found.`);
  } else throw missingParameter('allocationId');
  if (address.associationId) throw ec2Error('InvalidIPAddress.InUse', `Address ${address.publicIp} is in use.`);
  state.addresses.delete(address.allocationId);
  return {};
}

// ── NAT gateways ────────────────────────────────────────────────────────────────────────────────

function natOut(nat: NatGateway, state: 'pending' | undefined = undefined): EC2.NatGateway {
  const addresses: EC2.NatGatewayAddress[] = nat.state === 'failed'
    ? []
    : [{ AllocationId: nat.allocationId, NetworkInterfaceId: nat.networkInterfaceId || undefined, PrivateIp: nat.privateIp || undefined, PublicIp: nat.publicIp, AssociationId: nat.associationId, IsPrimary: true, Status: 'succeeded' }];
  return {
    CreateTime: nat.createTime,
    DeleteTime: nat.deleteTime,
    FailureCode: nat.failureCode,
    FailureMessage: nat.failureMessage,
    NatGatewayAddresses: addresses,
    NatGatewayId: nat.natGatewayId,
    State: state ?? nat.state,
    SubnetId: nat.subnetId,
    VpcId: nat.vpcId,
    Tags: tagsOut(nat.tags),
    ConnectivityType: nat.connectivityType,
  };
}

export function createNatGateway(input: EC2.CreateNatGatewayRequest, ctx: Ctx): Output<EC2.CreateNatGatewayResult> {
  const state = ec2(ctx);
  if (input.AvailabilityMode === 'regional' || input.VpcId || input.AvailabilityZoneAddresses || input.SecondaryAllocationIds || input.SecondaryPrivateIpAddresses || input.SecondaryPrivateIpAddressCount) {
    throw invalidParameterValue('Regional NAT gateways and secondary addresses are not available in this emulator; give SubnetId (and AllocationId for a public NAT gateway).');
  }
  if (input.SubnetId === undefined) throw missingParameter('subnetId');
  const subnet = lookup(state.subnets, 'subnet', input.SubnetId);
  const connectivity = input.ConnectivityType ?? 'public';
  if (connectivity !== 'public' && connectivity !== 'private') throw invalidParameterValue(`Value (${connectivity}) for parameter connectivityType is invalid.`);
  let address: Address | undefined;
  if (connectivity === 'public') {
    if (input.AllocationId === undefined) throw missingParameter('allocationId');
    address = lookup(state.addresses, 'elastic-ip', input.AllocationId);
    if (address.associationId) throw ec2Error('Resource.AlreadyAssociated', `Elastic IP address [${address.allocationId}] is already associated`);
  } else if (input.AllocationId !== undefined) {
    throw ec2Error('InvalidParameterCombination', 'AllocationId cannot be specified for a private NAT gateway.');
  }
  if (input.PrivateIpAddress !== undefined) checkPrivateAddress(state, subnet, input.PrivateIpAddress);
  const tags = tagsFromSpecs(input.TagSpecifications, 'natgateway');
  const nat: NatGateway = {
    natGatewayId: newId('nat'),
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    connectivityType: connectivity,
    allocationId: address?.allocationId,
    networkInterfaceId: '',
    privateIp: '',
    state: 'available',
    createTime: ctx.now,
    tags,
  };
  const hasGateway = [...state.internetGateways.values()].some((g) => g.attachedVpcId === subnet.vpcId);
  if (connectivity === 'public' && !hasGateway) {
    nat.state = 'failed';
    nat.failureCode = 'Gateway.NotAttached';
    nat.failureMessage = `Network ${subnet.vpcId} has no Internet gateway attached`;
  } else {
    const eni = createNetworkInterface(state, subnet, {
      description: `Interface for NAT Gateway ${nat.natGatewayId}`,
      interfaceType: 'nat_gateway',
      attachedTo: nat.natGatewayId,
      groupIds: [],
      privateIpAddress: input.PrivateIpAddress,
    });
    nat.networkInterfaceId = eni.networkInterfaceId;
    nat.privateIp = eni.privateIpAddress;
    if (address) {
      address.associationId = newId('eipassoc');
      address.networkInterfaceId = eni.networkInterfaceId;
      address.privateIpAddress = eni.privateIpAddress;
      nat.publicIp = address.publicIp;
      nat.associationId = address.associationId;
    }
  }
  state.natGateways.set(nat.natGatewayId, nat);
  return { NatGateway: natOut(nat, nat.state === 'available' ? 'pending' : undefined), ClientToken: input.ClientToken };
}

export function deleteNatGateway(input: EC2.DeleteNatGatewayRequest, ctx: Ctx): Output<EC2.DeleteNatGatewayResult> {
  const state = ec2(ctx);
  const nat = lookup(state.natGateways, 'natgateway', input.NatGatewayId);
  if (nat.state !== 'deleted') {
    deleteNetworkInterface(state, nat.networkInterfaceId);
    const address = nat.allocationId ? state.addresses.get(nat.allocationId) : undefined;
    if (address?.associationId === nat.associationId) {
      delete address!.associationId;
      delete address!.networkInterfaceId;
      delete address!.privateIpAddress;
    }
    nat.state = 'deleted';
    nat.deleteTime = ctx.now;
  }
  return { NatGatewayId: nat.natGatewayId };
}

export function describeNatGateways(input: EC2.DescribeNatGatewaysRequest, ctx: Ctx): Output<EC2.DescribeNatGatewaysResult> {
  const state = ec2(ctx);
  const table: FilterTable<NatGateway> = {
    'nat-gateway-id': (n) => n.natGatewayId,
    state: (n) => n.state,
    'subnet-id': (n) => n.subnetId,
    'vpc-id': (n) => n.vpcId,
  };
  const items = applyFilters(selectByIds(state.natGateways, 'natgateway', input.NatGatewayIds), input.Filter, table, (n) => n.tags);
  const page = paginate(items, input);
  return { NatGateways: page.items.map((n) => natOut(n)), NextToken: page.NextToken };
}
