/**
 * Security group rules as EC2 keeps them: one rule per (direction, protocol, ports, source), each
 * with its `sgr-` id. Requests arrive as IpPermissions (one protocol and port range, several
 * sources) or in the legacy flat form; they are expanded into rules, validated with AWS's
 * messages, and grouped back into IpPermissions for DescribeSecurityGroups.
 */
import type * as EC2 from '@aws-sdk/client-ec2';
import { parseIpv4Cidr, parseIpv6Cidr } from './cidr.ts';
import { arn, type Ctx, tagsOut } from './common.ts';
import { ec2Error, invalidParameterValue, missingParameter, notFound } from './errors.ts';
import { managedPrefixLists } from './regions.ts';
import type { Ec2State, SecurityGroup, SecurityGroupRule } from './state.ts';

/** AWS's default quota of rules per security group, per direction. */
export const RULES_PER_DIRECTION = 60;

/** What a rule is, without its id and tags. */
export type RuleSpec = Omit<SecurityGroupRule, 'ruleId' | 'tags'>;

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };
const PROTOCOL_NAMES: Readonly<Record<string, string>> = { tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };

/** `TCP`/`6` → `tcp`, `-1` stays, other numbers 0–255 stay as text; anything else is AWS's "Unknown protocol". */
export function normalizeProtocol(raw: string | undefined): string {
  if (raw === undefined || raw === '') throw missingParameter('ipPermissions.ipProtocol');
  const lower = raw.toLowerCase();
  if (lower in PROTOCOL_NAMES || lower === '-1') return lower;
  if (/^\d{1,3}$/.test(lower) && Number(lower) <= 255) return PROTOCOL_NUMBERS[String(Number(lower))] ?? String(Number(lower));
  throw invalidParameterValue(`Invalid value '${raw}' for IP protocol. Unknown protocol.`);
}

/** Names and numbers of a protocol, so filters match either (`tcp` and `6`). */
export function protocolAliases(protocol: string): string[] {
  const number = PROTOCOL_NAMES[protocol];
  return number ? [protocol, number] : [protocol];
}

export function hasPorts(protocol: string): boolean {
  return protocol === 'tcp' || protocol === 'udp' || protocol === 'icmp' || protocol === 'icmpv6';
}

function checkPorts(protocol: string, from: number | undefined, to: number | undefined): { fromPort: number; toPort: number } {
  if (protocol === 'tcp' || protocol === 'udp') {
    if (from === undefined || to === undefined) throw invalidParameterValue('Invalid value for portRange. Must specify both from and to ports with TCP/UDP.');
    if (from < 0 || from > 65535) throw invalidParameterValue(`TCP/UDP (from) port (${from}) out of range`);
    if (to < 0 || to > 65535) throw invalidParameterValue(`TCP/UDP (to) port (${to}) out of range`);
    if (from > to) throw invalidParameterValue(`Invalid TCP/UDP port range ${from}-${to}: the from port must not be greater than the to port`);
    return { fromPort: from, toPort: to };
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const type = from ?? -1;
    const code = to ?? -1;
    if (type < -1 || type > 255) throw invalidParameterValue(`ICMP type (${type}) out of range`);
    if (code < -1 || code > 255) throw invalidParameterValue(`ICMP code (${code}) out of range`);
    if (type === -1 && code !== -1) throw invalidParameterValue(`ICMP code (${code}) must be -1 when the ICMP type is -1`);
    return { fromPort: type, toPort: code };
  }
  // All traffic and other protocols carry no ports; AWS ignores any sent.
  return { fromPort: -1, toPort: -1 };
}

const DESCRIPTION = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/;

export function checkRuleDescription(description: string | undefined): string | undefined {
  if (description === undefined) return undefined;
  if (description.length > 255 || !DESCRIPTION.test(description)) {
    throw invalidParameterValue('Invalid rule description. Valid descriptions are strings less than 256 characters from the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*');
  }
  return description;
}

function checkCidrV4(cidr: string | undefined): string {
  if (cidr === undefined) throw missingParameter('ipPermissions.ipRanges.cidrIp');
  if (!parseIpv4Cidr(cidr)) throw invalidParameterValue(`CIDR block ${cidr} is malformed`);
  return cidr;
}

function checkCidrV6(cidr: string | undefined): string {
  if (cidr === undefined) throw missingParameter('ipPermissions.ipv6Ranges.cidrIpv6');
  if (!parseIpv6Cidr(cidr)) throw invalidParameterValue(`CIDR block ${cidr} is malformed`);
  return cidr;
}

function checkPrefixList(ctx: Ctx, id: string | undefined): string {
  if (id === undefined) throw missingParameter('ipPermissions.prefixListIds.prefixListId');
  if (!managedPrefixLists(ctx.region).some((p) => p.id === id)) throw ec2Error('InvalidPrefixListID.NotFound', `The prefix list ID '${id}' does not exist`);
  return id;
}

/** The source group of a rule: same-account groups must exist (by id, or by name in the rule's VPC). */
function referencedGroup(state: Ec2State, ctx: Ctx, group: SecurityGroup, pair: { GroupId?: string; GroupName?: string; UserId?: string }): NonNullable<RuleSpec['referencedGroup']> {
  const userId = pair.UserId ?? ctx.accountId;
  if (pair.GroupId !== undefined) {
    if (userId !== ctx.accountId) return { groupId: pair.GroupId, userId };
    const source = state.securityGroups.get(pair.GroupId);
    if (!source) throw notFound('security-group', pair.GroupId);
    return { groupId: source.groupId, userId, vpcId: source.vpcId };
  }
  if (pair.GroupName !== undefined) {
    const source = [...state.securityGroups.values()].find((g) => g.vpcId === group.vpcId && g.groupName === pair.GroupName);
    if (!source) throw ec2Error('InvalidGroup.NotFound', `The security group '${pair.GroupName}' does not exist in VPC '${group.vpcId}'`);
    return { groupId: source.groupId, userId, vpcId: source.vpcId };
  }
  throw missingParameter('ipPermissions.groups.groupId');
}

/** Expands IpPermissions into one rule per source, validated. */
export function expandPermissions(state: Ec2State, ctx: Ctx, group: SecurityGroup, isEgress: boolean, permissions: readonly EC2.IpPermission[]): RuleSpec[] {
  const specs: RuleSpec[] = [];
  for (const permission of permissions) {
    const protocol = normalizeProtocol(permission.IpProtocol);
    const ports = checkPorts(protocol, permission.FromPort, permission.ToPort);
    const base = { isEgress, protocol, ...ports };
    const before = specs.length;
    for (const range of permission.IpRanges ?? []) specs.push({ ...base, cidrIpv4: checkCidrV4(range.CidrIp), description: checkRuleDescription(range.Description) });
    for (const range of permission.Ipv6Ranges ?? []) specs.push({ ...base, cidrIpv6: checkCidrV6(range.CidrIpv6), description: checkRuleDescription(range.Description) });
    for (const list of permission.PrefixListIds ?? []) specs.push({ ...base, prefixListId: checkPrefixList(ctx, list.PrefixListId), description: checkRuleDescription(list.Description) });
    for (const pair of permission.UserIdGroupPairs ?? []) specs.push({ ...base, referencedGroup: referencedGroup(state, ctx, group, pair), description: checkRuleDescription(pair.Description) });
    if (specs.length === before) {
      throw missingParameter('ipPermissions with a source: IpRanges, Ipv6Ranges, PrefixListIds or UserIdGroupPairs (Groups)');
    }
  }
  return specs;
}

/** The legacy single-rule parameters of Authorize/Revoke (CidrIp, IpProtocol, FromPort, ToPort, SourceSecurityGroupName). */
export function legacyPermissions(input: { CidrIp?: string; IpProtocol?: string; FromPort?: number; ToPort?: number; SourceSecurityGroupName?: string; SourceSecurityGroupOwnerId?: string; IpPermissions?: EC2.IpPermission[] }): EC2.IpPermission[] {
  const flat = input.CidrIp !== undefined || input.IpProtocol !== undefined || input.FromPort !== undefined || input.ToPort !== undefined || input.SourceSecurityGroupName !== undefined || input.SourceSecurityGroupOwnerId !== undefined;
  if (!flat) return input.IpPermissions ?? [];
  if (input.IpPermissions?.length) throw ec2Error('InvalidParameterCombination', 'The parameter IpPermissions cannot be used together with CidrIp, IpProtocol, FromPort, ToPort or SourceSecurityGroupName.');
  if (input.SourceSecurityGroupName !== undefined) {
    if (input.CidrIp !== undefined) throw ec2Error('InvalidParameterCombination', 'The parameter CidrIp cannot be used together with SourceSecurityGroupName.');
    return [{ IpProtocol: input.IpProtocol ?? '-1', FromPort: input.FromPort, ToPort: input.ToPort, UserIdGroupPairs: [{ GroupName: input.SourceSecurityGroupName, UserId: input.SourceSecurityGroupOwnerId }] }];
  }
  // No silent default source: a rule without one would otherwise open the group to the world.
  if (input.CidrIp === undefined) throw missingParameter('cidrIp or sourceSecurityGroupName');
  return [{ IpProtocol: input.IpProtocol, FromPort: input.FromPort, ToPort: input.ToPort, IpRanges: [{ CidrIp: input.CidrIp }] }];
}

/** What makes two rules the same rule (descriptions do not count). */
export function ruleKey(rule: RuleSpec): string {
  const source = rule.cidrIpv4 !== undefined ? `v4:${rule.cidrIpv4}` : rule.cidrIpv6 !== undefined ? `v6:${rule.cidrIpv6}` : rule.prefixListId !== undefined ? `pl:${rule.prefixListId}` : `sg:${rule.referencedGroup?.groupId}`;
  return `${rule.isEgress ? 'out' : 'in'}|${rule.protocol}|${rule.fromPort}|${rule.toPort}|${source}`;
}

/** AWS's rendering of a rule in InvalidPermission.Duplicate: `peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW`. */
export function describeRule(rule: RuleSpec): string {
  const peer = rule.cidrIpv4 ?? rule.cidrIpv6 ?? rule.prefixListId ?? rule.referencedGroup?.groupId;
  let what: string;
  if (rule.protocol === '-1') what = 'ALL';
  else if (rule.protocol === 'tcp' || rule.protocol === 'udp') what = `${rule.protocol.toUpperCase()}, from port: ${rule.fromPort}, to port: ${rule.toPort}`;
  else if (rule.protocol === 'icmp' || rule.protocol === 'icmpv6') what = `${rule.protocol.toUpperCase()}, type: ${rule.fromPort}, code: ${rule.toPort}`;
  else what = `protocol: ${rule.protocol}`;
  return `peer: ${peer}, ${what}, ALLOW`;
}

export function duplicateRule(rule: RuleSpec) {
  return ec2Error('InvalidPermission.Duplicate', `the specified rule "${describeRule(rule)}" already exists`);
}

// ── output ──────────────────────────────────────────────────────────────────────────────────────

/** Rules grouped back into IpPermissions by protocol and ports, in the order they were added. */
export function permissionsOut(rules: readonly SecurityGroupRule[], isEgress: boolean): EC2.IpPermission[] {
  const groups = new Map<string, EC2.IpPermission>();
  for (const rule of rules) {
    if (rule.isEgress !== isEgress) continue;
    const key = `${rule.protocol}|${rule.fromPort}|${rule.toPort}`;
    let permission = groups.get(key);
    if (!permission) {
      permission = { IpProtocol: rule.protocol, UserIdGroupPairs: [], IpRanges: [], Ipv6Ranges: [], PrefixListIds: [] };
      if (hasPorts(rule.protocol)) {
        permission.FromPort = rule.fromPort;
        permission.ToPort = rule.toPort;
      }
      groups.set(key, permission);
    }
    if (rule.cidrIpv4 !== undefined) permission.IpRanges!.push({ CidrIp: rule.cidrIpv4, Description: rule.description });
    else if (rule.cidrIpv6 !== undefined) permission.Ipv6Ranges!.push({ CidrIpv6: rule.cidrIpv6, Description: rule.description });
    else if (rule.prefixListId !== undefined) permission.PrefixListIds!.push({ PrefixListId: rule.prefixListId, Description: rule.description });
    else if (rule.referencedGroup) permission.UserIdGroupPairs!.push({ Description: rule.description, UserId: rule.referencedGroup.userId, GroupId: rule.referencedGroup.groupId });
  }
  return [...groups.values()];
}

export function ruleOut(rule: SecurityGroupRule, group: SecurityGroup, ctx: Ctx): EC2.SecurityGroupRule {
  return {
    SecurityGroupRuleId: rule.ruleId,
    GroupId: group.groupId,
    GroupOwnerId: ctx.accountId,
    IsEgress: rule.isEgress,
    IpProtocol: rule.protocol,
    FromPort: rule.fromPort,
    ToPort: rule.toPort,
    CidrIpv4: rule.cidrIpv4,
    CidrIpv6: rule.cidrIpv6,
    PrefixListId: rule.prefixListId,
    ReferencedGroupInfo: rule.referencedGroup ? { GroupId: rule.referencedGroup.groupId, UserId: rule.referencedGroup.userId } : undefined,
    Description: rule.description,
    Tags: tagsOut(rule.tags) ?? [],
    SecurityGroupRuleArn: arn(ctx, `security-group-rule/${rule.ruleId}`),
  };
}

export function revokedRuleOut(rule: SecurityGroupRule, group: SecurityGroup): EC2.RevokedSecurityGroupRule {
  return {
    SecurityGroupRuleId: rule.ruleId,
    GroupId: group.groupId,
    IsEgress: rule.isEgress,
    IpProtocol: rule.protocol,
    FromPort: rule.fromPort,
    ToPort: rule.toPort,
    CidrIpv4: rule.cidrIpv4,
    CidrIpv6: rule.cidrIpv6,
    PrefixListId: rule.prefixListId,
    ReferencedGroupId: rule.referencedGroup?.groupId,
    Description: rule.description,
  };
}

/** A rule's spec as IpPermissions (for UnknownIpPermissions). */
export function specAsPermission(spec: RuleSpec): EC2.IpPermission {
  return permissionsOut([{ ...spec, ruleId: '', tags: [] }], spec.isEgress)[0]!;
}
