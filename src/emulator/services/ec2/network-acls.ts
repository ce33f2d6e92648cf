/**
 * Network ACLs: each VPC's default ACL (allow all, then deny) with every subnet associated until
 * moved, custom ACLs (deny all until entries are added), numbered allow/deny entries per direction,
 * association replacement. Entries are evaluated by nobody here: no traffic flows.
 */
import type * as EC2 from '@aws-sdk/client-ec2';
import type { Output } from '../define-service.ts';
import { parseIpv4Cidr, parseIpv6Cidr } from './cidr.ts';
import { type Ctx, ec2, lookup, paginate, selectByIds, tagsFromSpecs, tagsOut } from './common.ts';
import { dependencyViolation, ec2Error, invalidParameterValue, missingParameter } from './errors.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { newId } from './ids.ts';
import type { Ec2State, NetworkAcl, NetworkAclEntry } from './state.ts';

const ENTRIES_PER_DIRECTION = 20;
const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { tcp: '6', udp: '17', icmp: '1', icmpv6: '58', all: '-1' };

function entryOut(entry: NetworkAclEntry): EC2.NetworkAclEntry {
  return {
    CidrBlock: entry.cidrBlock,
    Ipv6CidrBlock: entry.ipv6CidrBlock,
    Egress: entry.egress,
    Protocol: entry.protocol,
    RuleAction: entry.ruleAction,
    RuleNumber: entry.ruleNumber,
    PortRange: entry.portRange ? { From: entry.portRange.from, To: entry.portRange.to } : undefined,
    IcmpTypeCode: entry.icmp ? { Type: entry.icmp.type, Code: entry.icmp.code } : undefined,
  };
}

function aclOut(acl: NetworkAcl, ctx: Ctx): EC2.NetworkAcl {
  const sorted = [...acl.entries].sort((a, b) => Number(a.egress) - Number(b.egress) || a.ruleNumber - b.ruleNumber);
  return {
    Associations: acl.associations.map((a) => ({ NetworkAclAssociationId: a.associationId, NetworkAclId: acl.networkAclId, SubnetId: a.subnetId })),
    Entries: sorted.map(entryOut),
    IsDefault: acl.isDefault,
    NetworkAclId: acl.networkAclId,
    Tags: tagsOut(acl.tags),
    VpcId: acl.vpcId,
    OwnerId: ctx.accountId,
  };
}

export function describeNetworkAcls(input: EC2.DescribeNetworkAclsRequest, ctx: Ctx): Output<EC2.DescribeNetworkAclsResult> {
  const state = ec2(ctx);
  const table: FilterTable<NetworkAcl> = {
    'association.association-id': (a) => a.associations.map((x) => x.associationId),
    'association.network-acl-id': (a) => (a.associations.length ? a.networkAclId : undefined),
    'association.subnet-id': (a) => a.associations.map((x) => x.subnetId),
    default: (a) => a.isDefault,
    'entry.cidr': (a) => a.entries.map((e) => e.cidrBlock),
    'entry.ipv6-cidr': (a) => a.entries.map((e) => e.ipv6CidrBlock),
    'entry.egress': (a) => a.entries.map((e) => e.egress),
    'entry.icmp.code': (a) => a.entries.map((e) => e.icmp?.code),
    'entry.icmp.type': (a) => a.entries.map((e) => e.icmp?.type),
    'entry.port-range.from': (a) => a.entries.map((e) => e.portRange?.from),
    'entry.port-range.to': (a) => a.entries.map((e) => e.portRange?.to),
    'entry.protocol': (a) => a.entries.map((e) => e.protocol),
    'entry.rule-action': (a) => a.entries.map((e) => e.ruleAction),
    'entry.rule-number': (a) => a.entries.map((e) => e.ruleNumber),
    'network-acl-id': (a) => a.networkAclId,
    'owner-id': () => ctx.accountId,
    'vpc-id': (a) => a.vpcId,
  };
  const acls = applyFilters(selectByIds(state.networkAcls, 'network-acl', input.NetworkAclIds), input.Filters, table, (a) => a.tags);
  const page = paginate(acls, input);
  return { NetworkAcls: page.items.map((a) => aclOut(a, ctx)), NextToken: page.NextToken };
}

export function createNetworkAcl(input: EC2.CreateNetworkAclRequest, ctx: Ctx): Output<EC2.CreateNetworkAclResult> {
  const state = ec2(ctx);
  const vpc = lookup(state.vpcs, 'vpc', input.VpcId);
  const acl: NetworkAcl = {
    networkAclId: newId('acl'),
    vpcId: vpc.vpcId,
    isDefault: false,
    // A new network ACL denies everything until entries are added.
    entries: [
      { ruleNumber: 32767, egress: true, protocol: '-1', ruleAction: 'deny', cidrBlock: '0.0.0.0/0' },
      { ruleNumber: 32767, egress: false, protocol: '-1', ruleAction: 'deny', cidrBlock: '0.0.0.0/0' },
    ],
    associations: [],
    tags: tagsFromSpecs(input.TagSpecifications, 'network-acl'),
  };
  state.networkAcls.set(acl.networkAclId, acl);
  return { NetworkAcl: aclOut(acl, ctx), ClientToken: input.ClientToken };
}

export function deleteNetworkAcl(input: EC2.DeleteNetworkAclRequest, ctx: Ctx): Output<EC2.DeleteNetworkAclCommandOutput> {
  const state = ec2(ctx);
  const acl = lookup(state.networkAcls, 'network-acl', input.NetworkAclId);
  if (acl.isDefault) throw invalidParameterValue(`cannot delete default network ACL ${acl.networkAclId}`);
  if (acl.associations.length) throw dependencyViolation(`The networkAcl '${acl.networkAclId}' has dependencies and cannot be deleted.`);
  state.networkAcls.delete(acl.networkAclId);
  return {};
}

function entryFrom(input: EC2.CreateNetworkAclEntryRequest): NetworkAclEntry {
  const number = input.RuleNumber;
  if (number === undefined) throw missingParameter('ruleNumber');
  if (!Number.isInteger(number) || number < 1 || number > 32766) throw invalidParameterValue(`Invalid value '${number}' for ruleNumber. Rule numbers must be between 1 and 32766.`);
  const raw = (input.Protocol ?? '').toLowerCase();
  const protocol = PROTOCOL_NUMBERS[raw] ?? raw;
  if (!/^-1$|^\d{1,3}$/.test(protocol) || Number(protocol) > 255) throw invalidParameterValue(`Invalid value '${input.Protocol}' for protocol. Use a protocol number (6 for TCP, 17 for UDP, 1 for ICMP) or -1 for all.`);
  if (input.RuleAction !== 'allow' && input.RuleAction !== 'deny') throw invalidParameterValue(`Value (${input.RuleAction}) for parameter ruleAction is invalid. Use allow or deny.`);
  if ((input.CidrBlock === undefined) === (input.Ipv6CidrBlock === undefined)) throw missingParameter('cidrBlock or ipv6CidrBlock (exactly one)');
  if (input.CidrBlock !== undefined && !parseIpv4Cidr(input.CidrBlock)) throw invalidParameterValue(`Value (${input.CidrBlock}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  if (input.Ipv6CidrBlock !== undefined && !parseIpv6Cidr(input.Ipv6CidrBlock)) throw invalidParameterValue(`Value (${input.Ipv6CidrBlock}) for parameter ipv6CidrBlock is invalid. This is not a valid IPv6 CIDR block.`);
  const entry: NetworkAclEntry = { ruleNumber: number, egress: input.Egress ?? false, protocol, ruleAction: input.RuleAction, cidrBlock: input.CidrBlock, ipv6CidrBlock: input.Ipv6CidrBlock };
  if (protocol === '6' || protocol === '17') {
    const range = input.PortRange;
    if (range?.From === undefined || range.To === undefined) throw missingParameter('portRange (From and To) for TCP and UDP entries');
    if (range.From < 0 || range.To > 65535 || range.From > range.To) throw invalidParameterValue(`Invalid port range ${range.From}-${range.To}.`);
    entry.portRange = { from: range.From, to: range.To };
  }
  if (protocol === '1' || protocol === '58') {
    const icmp = input.IcmpTypeCode;
    if (icmp?.Type === undefined || icmp.Code === undefined) throw missingParameter('icmpTypeCode (Type and Code) for ICMP entries');
    entry.icmp = { type: icmp.Type, code: icmp.Code };
  }
  return entry;
}

function findEntry(acl: NetworkAcl, number: number | undefined, egress: boolean): NetworkAclEntry | undefined {
  return acl.entries.find((e) => e.ruleNumber === number && e.egress === egress);
}

export function createNetworkAclEntry(input: EC2.CreateNetworkAclEntryRequest, ctx: Ctx): Output<EC2.CreateNetworkAclEntryCommandOutput> {
  const acl = lookup(ec2(ctx).networkAcls, 'network-acl', input.NetworkAclId);
  const entry = entryFrom(input);
  if (findEntry(acl, entry.ruleNumber, entry.egress)) throw ec2Error('NetworkAclEntryAlreadyExists', `The network acl entry identified by ${entry.ruleNumber} already exists.`);
  if (acl.entries.filter((e) => e.egress === entry.egress).length > ENTRIES_PER_DIRECTION) throw ec2Error('NetworkAclEntryLimitExceeded', `The maximum number of entries (${ENTRIES_PER_DIRECTION}) per direction has been reached.`);
  acl.entries.push(entry);
  return {};
}

export function replaceNetworkAclEntry(input: EC2.ReplaceNetworkAclEntryRequest, ctx: Ctx): Output<EC2.ReplaceNetworkAclEntryCommandOutput> {
  const acl = lookup(ec2(ctx).networkAcls, 'network-acl', input.NetworkAclId);
  const entry = entryFrom(input);
  const existing = findEntry(acl, entry.ruleNumber, entry.egress);
  if (!existing) throw ec2Error('InvalidNetworkAclEntry.NotFound', `The network acl entry identified by ${entry.ruleNumber} (${entry.egress ? 'egress' : 'ingress'}) does not exist in ${acl.networkAclId}.`);
  acl.entries[acl.entries.indexOf(existing)] = entry;
  return {};
}

export function deleteNetworkAclEntry(input: EC2.DeleteNetworkAclEntryRequest, ctx: Ctx): Output<EC2.DeleteNetworkAclEntryCommandOutput> {
  const acl = lookup(ec2(ctx).networkAcls, 'network-acl', input.NetworkAclId);
  const existing = findEntry(acl, input.RuleNumber, input.Egress ?? false);
  if (!existing) throw ec2Error('InvalidNetworkAclEntry.NotFound', `The network acl entry identified by ${input.RuleNumber} (${input.Egress ? 'egress' : 'ingress'}) does not exist in ${acl.networkAclId}.`);
  acl.entries.splice(acl.entries.indexOf(existing), 1);
  return {};
}

function findAclAssociation(state: Ec2State, associationId: string | undefined) {
  for (const acl of state.networkAcls.values()) {
    const association = acl.associations.find((a) => a.associationId === associationId);
    if (association) return { acl, association };
  }
  throw ec2Error('InvalidAssociationID.NotFound', `The association ID '${associationId ?? ''}' does not exist`);
}

export function replaceNetworkAclAssociation(input: EC2.ReplaceNetworkAclAssociationRequest, ctx: Ctx): Output<EC2.ReplaceNetworkAclAssociationResult> {
  const state = ec2(ctx);
  const { acl, association } = findAclAssociation(state, input.AssociationId);
  const target = lookup(state.networkAcls, 'network-acl', input.NetworkAclId);
  if (target.vpcId !== acl.vpcId) throw invalidParameterValue(`Network ACL ${target.networkAclId} and subnet ${association.subnetId} belong to different networks`);
  acl.associations.splice(acl.associations.indexOf(association), 1);
  const moved = { associationId: newId('aclassoc'), subnetId: association.subnetId };
  target.associations.push(moved);
  return { NewAssociationId: moved.associationId };
}
