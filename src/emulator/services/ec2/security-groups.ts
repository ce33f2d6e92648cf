/**
 * Security groups and their rules: create (names, descriptions and the default egress rule as AWS),
 * describe with AWS's filters, delete (never `default`, never while referenced), authorize and
 * revoke ingress/egress (IpPermissions, the legacy flat form, rule ids), rule descriptions,
 * DescribeSecurityGroupRules and ModifySecurityGroupRules.
 */
import type * as EC2 from '@aws-sdk/client-ec2';
import type { Output } from '../define-service.ts';
import { arn, type Ctx, ec2, lookup, paginate, tagsFromSpecs, tagsOut } from './common.ts';
import { dependencyViolation, ec2Error, invalidParameterValue, missing, missingParameter } from './errors.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { newId } from './ids.ts';
import {
  checkRuleDescription,
  duplicateRule,
  expandPermissions,
  hasPorts,
  legacyPermissions,
  normalizeProtocol,
  permissionsOut,
  protocolAliases,
  revokedRuleOut,
  RULES_PER_DIRECTION,
  ruleKey,
  ruleOut,
  type RuleSpec,
  specAsPermission,
} from './security-group-rules.ts';
import type { Ec2State, SecurityGroup, SecurityGroupRule } from './state.ts';
import { defaultVpcOf } from './vpcs.ts';

const GROUPS_PER_REGION = 2500;
const NAME_CHARS = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]+$/;

export function groupOut(group: SecurityGroup, ctx: Ctx): EC2.SecurityGroup {
  return {
    GroupId: group.groupId,
    IpPermissionsEgress: permissionsOut(group.rules, true),
    Tags: tagsOut(group.tags),
    VpcId: group.vpcId,
    SecurityGroupArn: arn(ctx, `security-group/${group.groupId}`),
    OwnerId: ctx.accountId,
    GroupName: group.groupName,
    Description: group.description,
    IpPermissions: permissionsOut(group.rules, false),
  };
}

function checkNameOrDescription(value: string, what: 'name' | 'description'): void {
  if (value.length === 0 || value.length > 255 || !NAME_CHARS.test(value)) {
    const plural = what === 'name' ? 'names are non-empty strings' : 'descriptions are strings';
    throw invalidParameterValue(`Invalid security group ${what}. Valid ${plural} less than 256 characters from the following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*`);
  }
}

export function createSecurityGroup(input: EC2.CreateSecurityGroupRequest, ctx: Ctx): Output<EC2.CreateSecurityGroupResult> {
  const state = ec2(ctx);
  const name = input.GroupName ?? '';
  checkNameOrDescription(name, 'name');
  checkNameOrDescription(input.Description ?? '', 'description');
  if (name.toLowerCase().startsWith('sg-')) throw invalidParameterValue('Group names may not be in the format sg-*.');
  if (name === 'default') throw ec2Error('InvalidGroup.Reserved', "The name 'default' is reserved, and cannot be used to create a new security group.");
  let vpcId = input.VpcId;
  if (vpcId === undefined) {
    vpcId = defaultVpcOf(state)?.vpcId;
    if (!vpcId) throw ec2Error('VPCIdNotSpecified', 'No default VPC for this user');
  }
  const vpc = lookup(state.vpcs, 'vpc', vpcId);
  if ([...state.securityGroups.values()].some((g) => g.vpcId === vpc.vpcId && g.groupName === name)) {
    throw ec2Error('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpc.vpcId}'`);
  }
  const tags = tagsFromSpecs(input.TagSpecifications, 'security-group');
  if (state.securityGroups.size >= GROUPS_PER_REGION) throw ec2Error('SecurityGroupLimitExceeded', 'The maximum number of security groups for this region has been reached.');
  const group: SecurityGroup = {
    groupId: newId('sg'),
    groupName: name,
    description: input.Description!,
    vpcId: vpc.vpcId,
    // A new VPC security group allows all outbound traffic (IPv6 too when the VPC has it) and no inbound.
    rules: [{ ruleId: newId('sgr'), isEgress: true, protocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0', tags: [] }],
    tags,
  };
  if (vpc.ipv6) group.rules.push({ ruleId: newId('sgr'), isEgress: true, protocol: '-1', fromPort: -1, toPort: -1, cidrIpv6: '::/0', tags: [] });
  state.securityGroups.set(group.groupId, group);
  return { GroupId: group.groupId, Tags: tagsOut(group.tags), SecurityGroupArn: arn(ctx, `security-group/${group.groupId}`) };
}

/** A group by name in the default VPC (how EC2 resolves GroupName parameters). */
function groupByName(state: Ec2State, name: string): SecurityGroup {
  const vpc = defaultVpcOf(state);
  const group = vpc && [...state.securityGroups.values()].find((g) => g.vpcId === vpc.vpcId && g.groupName === name);
  if (!group) {
    throw ec2Error('InvalidGroup.NotFound', vpc ? `The security group '${name}' does not exist in default VPC '${vpc.vpcId}'` : `The security group '${name}' does not exist`);
  }
  return group;
}

function targetGroup(state: Ec2State, input: { GroupId?: string; GroupName?: string }): SecurityGroup {
  if (input.GroupId !== undefined) return lookup(state.securityGroups, 'security-group', input.GroupId);
  if (input.GroupName !== undefined) return groupByName(state, input.GroupName);
  throw missingParameter('groupId or groupName');
}

export function describeSecurityGroups(input: EC2.DescribeSecurityGroupsRequest, ctx: Ctx): Output<EC2.DescribeSecurityGroupsResult> {
  const state = ec2(ctx);
  let groups: SecurityGroup[];
  if (input.GroupIds?.length || input.GroupNames?.length) {
    const picked = new Set<SecurityGroup>();
    for (const id of input.GroupIds ?? []) picked.add(lookup(state.securityGroups, 'security-group', id));
    for (const name of input.GroupNames ?? []) picked.add(groupByName(state, name));
    groups = [...picked];
  } else {
    groups = [...state.securityGroups.values()];
  }
  const filtered = applyFilters(groups, input.Filters, groupFilters(state, ctx), (g) => g.tags);
  const page = paginate(filtered, input);
  return { SecurityGroups: page.items.map((g) => groupOut(g, ctx)), NextToken: page.NextToken };
}

function permissionFilters(state: Ec2State, isEgress: boolean): FilterTable<SecurityGroup> {
  const rules = (g: SecurityGroup) => g.rules.filter((r) => r.isEgress === isEgress);
  const prefix = isEgress ? 'egress.ip-permission.' : 'ip-permission.';
  return {
    [`${prefix}cidr`]: (g) => rules(g).map((r) => r.cidrIpv4),
    [`${prefix}ipv6-cidr`]: (g) => rules(g).map((r) => r.cidrIpv6),
    [`${prefix}prefix-list-id`]: (g) => rules(g).map((r) => r.prefixListId),
    [`${prefix}from-port`]: (g) => rules(g).map((r) => (hasPorts(r.protocol) ? r.fromPort : undefined)),
    [`${prefix}to-port`]: (g) => rules(g).map((r) => (hasPorts(r.protocol) ? r.toPort : undefined)),
    [`${prefix}protocol`]: (g) => rules(g).flatMap((r) => protocolAliases(r.protocol)),
    [`${prefix}group-id`]: (g) => rules(g).map((r) => r.referencedGroup?.groupId),
    [`${prefix}group-name`]: (g) => rules(g).map((r) => (r.referencedGroup ? state.securityGroups.get(r.referencedGroup.groupId)?.groupName : undefined)),
    [`${prefix}user-id`]: (g) => rules(g).map((r) => r.referencedGroup?.userId),
  };
}

function groupFilters(state: Ec2State, ctx: Ctx): FilterTable<SecurityGroup> {
  return {
    description: (g) => g.description,
    'group-id': (g) => g.groupId,
    'group-name': (g) => g.groupName,
    'owner-id': () => ctx.accountId,
    'vpc-id': (g) => g.vpcId,
    ...permissionFilters(state, false),
    ...permissionFilters(state, true),
  };
}

export function deleteSecurityGroup(input: EC2.DeleteSecurityGroupRequest, ctx: Ctx): Output<EC2.DeleteSecurityGroupResult> {
  const state = ec2(ctx);
  const group = targetGroup(state, input);
  if (group.groupName === 'default') throw ec2Error('CannotDelete', `the specified group: "${group.groupId}" name: "default" cannot be deleted by a user`);
  const referenced = [...state.securityGroups.values()].some((g) => g.groupId !== group.groupId && g.rules.some((r) => r.referencedGroup?.groupId === group.groupId));
  const inUse = [...state.networkInterfaces.values()].some((e) => e.groupIds.includes(group.groupId)) || [...state.vpcEndpoints.values()].some((e) => e.groupIds.includes(group.groupId));
  if (referenced || inUse) throw dependencyViolation(`resource ${group.groupId} has a dependent object`);
  state.securityGroups.delete(group.groupId);
  return { Return: true, GroupId: group.groupId };
}

// ── authorize / revoke ──────────────────────────────────────────────────────────────────────────

type PermissionInput = {
  GroupId?: string;
  GroupName?: string;
  IpPermissions?: EC2.IpPermission[];
  CidrIp?: string;
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  SourceSecurityGroupName?: string;
  SourceSecurityGroupOwnerId?: string;
  TagSpecifications?: EC2.TagSpecification[];
  SecurityGroupRuleIds?: string[];
};

function authorize(input: PermissionInput, ctx: Ctx, isEgress: boolean): { Return: boolean; SecurityGroupRules: EC2.SecurityGroupRule[] } {
  const state = ec2(ctx);
  const group = isEgress ? lookup(state.securityGroups, 'security-group', input.GroupId) : targetGroup(state, input);
  const permissions = legacyPermissions(input);
  if (!permissions.length) throw missingParameter('ipPermissions');
  const specs = expandPermissions(state, ctx, group, isEgress, permissions);
  const tags = tagsFromSpecs(input.TagSpecifications, 'security-group-rule');
  const existing = new Set(group.rules.map(ruleKey));
  for (const spec of specs) {
    const key = ruleKey(spec);
    if (existing.has(key)) throw duplicateRule(spec);
    existing.add(key);
  }
  const count = group.rules.filter((r) => r.isEgress === isEgress).length;
  if (count + specs.length > RULES_PER_DIRECTION) throw ec2Error('RulesPerSecurityGroupLimitExceeded', 'The maximum number of rules per security group has been reached.');
  const added = specs.map((spec): SecurityGroupRule => ({ ...spec, ruleId: newId('sgr'), tags: tags.map((t) => ({ ...t })) }));
  group.rules.push(...added);
  return { Return: true, SecurityGroupRules: added.map((r) => ruleOut(r, group, ctx)) };
}

export function authorizeSecurityGroupIngress(input: EC2.AuthorizeSecurityGroupIngressRequest, ctx: Ctx): Output<EC2.AuthorizeSecurityGroupIngressResult> {
  return authorize(input, ctx, false);
}

export function authorizeSecurityGroupEgress(input: EC2.AuthorizeSecurityGroupEgressRequest, ctx: Ctx): Output<EC2.AuthorizeSecurityGroupEgressResult> {
  if (input.GroupId === undefined) throw missingParameter('groupId');
  return authorize(input, ctx, true);
}

function revoke(input: PermissionInput, ctx: Ctx, isEgress: boolean): Output<EC2.RevokeSecurityGroupIngressResult> {
  const state = ec2(ctx);
  const group = isEgress ? lookup(state.securityGroups, 'security-group', input.GroupId) : targetGroup(state, input);
  const permissions = legacyPermissions(input);
  let revoked: SecurityGroupRule[];
  const unknown: RuleSpec[] = [];
  if (input.SecurityGroupRuleIds?.length) {
    if (permissions.length) throw ec2Error('InvalidParameterCombination', 'The parameter SecurityGroupRuleIds cannot be used together with IpPermissions or the single-rule parameters.');
    revoked = input.SecurityGroupRuleIds.map((id) => {
      const rule = group.rules.find((r) => r.ruleId === id && r.isEgress === isEgress);
      if (!rule) throw missing('security-group-rule', id);
      return rule;
    });
  } else {
    if (!permissions.length) throw missingParameter('ipPermissions');
    const byKey = new Map(group.rules.map((r) => [ruleKey(r), r]));
    revoked = [];
    for (const spec of expandPermissions(state, ctx, group, isEgress, permissions)) {
      const rule = byKey.get(ruleKey(spec));
      if (rule) revoked.push(rule);
      else unknown.push(spec);
    }
    // AWS: in a nondefault VPC an unknown rule fails the whole call; in the default VPC it is reported back.
    const inDefaultVpc = state.vpcs.get(group.vpcId)?.isDefault ?? false;
    if (unknown.length && !inDefaultVpc) throw ec2Error('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
  }
  const gone = new Set(revoked);
  group.rules = group.rules.filter((r) => !gone.has(r));
  return {
    Return: unknown.length === 0,
    UnknownIpPermissions: unknown.length ? unknown.map(specAsPermission) : undefined,
    RevokedSecurityGroupRules: revoked.map((r) => revokedRuleOut(r, group)),
  };
}

export function revokeSecurityGroupIngress(input: EC2.RevokeSecurityGroupIngressRequest, ctx: Ctx): Output<EC2.RevokeSecurityGroupIngressResult> {
  return revoke(input, ctx, false);
}

export function revokeSecurityGroupEgress(input: EC2.RevokeSecurityGroupEgressRequest, ctx: Ctx): Output<EC2.RevokeSecurityGroupEgressResult> {
  if (input.GroupId === undefined) throw missingParameter('groupId');
  return revoke(input, ctx, true);
}

// ── rule descriptions, DescribeSecurityGroupRules, ModifySecurityGroupRules ─────────────────────

function updateDescriptions(input: EC2.UpdateSecurityGroupRuleDescriptionsIngressRequest, ctx: Ctx, isEgress: boolean): { Return: boolean } {
  const state = ec2(ctx);
  const group = targetGroup(state, input);
  const updates: [SecurityGroupRule, string | undefined][] = [];
  if (input.SecurityGroupRuleDescriptions?.length) {
    for (const d of input.SecurityGroupRuleDescriptions) {
      const rule = group.rules.find((r) => r.ruleId === d.SecurityGroupRuleId && r.isEgress === isEgress);
      if (!rule) throw missing('security-group-rule', d.SecurityGroupRuleId ?? '');
      updates.push([rule, checkRuleDescription(d.Description)]);
    }
  } else {
    if (!input.IpPermissions?.length) throw missingParameter('ipPermissions');
    const byKey = new Map(group.rules.map((r) => [ruleKey(r), r]));
    for (const spec of expandPermissions(state, ctx, group, isEgress, input.IpPermissions)) {
      const rule = byKey.get(ruleKey(spec));
      if (!rule) throw ec2Error('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
      updates.push([rule, spec.description]);
    }
  }
  for (const [rule, description] of updates) {
    if (description === undefined || description === '') delete rule.description;
    else rule.description = description;
  }
  return { Return: true };
}

export function updateSecurityGroupRuleDescriptionsIngress(input: EC2.UpdateSecurityGroupRuleDescriptionsIngressRequest, ctx: Ctx): Output<EC2.UpdateSecurityGroupRuleDescriptionsIngressResult> {
  return updateDescriptions(input, ctx, false);
}

export function updateSecurityGroupRuleDescriptionsEgress(input: EC2.UpdateSecurityGroupRuleDescriptionsEgressRequest, ctx: Ctx): Output<EC2.UpdateSecurityGroupRuleDescriptionsEgressResult> {
  return updateDescriptions(input, ctx, true);
}

/** Every rule of the region with its group, in group order. */
export function allRules(state: Ec2State): { rule: SecurityGroupRule; group: SecurityGroup }[] {
  const out: { rule: SecurityGroupRule; group: SecurityGroup }[] = [];
  for (const group of state.securityGroups.values()) for (const rule of group.rules) out.push({ rule, group });
  return out;
}

export function describeSecurityGroupRules(input: EC2.DescribeSecurityGroupRulesRequest, ctx: Ctx): Output<EC2.DescribeSecurityGroupRulesResult> {
  const state = ec2(ctx);
  let rules = allRules(state);
  if (input.SecurityGroupRuleIds?.length) {
    rules = [...new Set(input.SecurityGroupRuleIds)].map((id) => {
      const found = rules.find((r) => r.rule.ruleId === id);
      if (!found) throw missing('security-group-rule', id);
      return found;
    });
  }
  const table: FilterTable<{ rule: SecurityGroupRule; group: SecurityGroup }> = {
    'group-id': (r) => r.group.groupId,
    'security-group-rule-id': (r) => r.rule.ruleId,
  };
  const filtered = applyFilters(rules, input.Filters, table, (r) => r.rule.tags);
  const page = paginate(filtered, input);
  return { SecurityGroupRules: page.items.map((r) => ruleOut(r.rule, r.group, ctx)), NextToken: page.NextToken };
}

export function modifySecurityGroupRules(input: EC2.ModifySecurityGroupRulesRequest, ctx: Ctx): Output<EC2.ModifySecurityGroupRulesResult> {
  const state = ec2(ctx);
  const group = lookup(state.securityGroups, 'security-group', input.GroupId);
  const changes: [SecurityGroupRule, RuleSpec][] = [];
  for (const update of input.SecurityGroupRules ?? []) {
    const rule = group.rules.find((r) => r.ruleId === update.SecurityGroupRuleId);
    if (!rule) throw missing('security-group-rule', update.SecurityGroupRuleId ?? '');
    const request = update.SecurityGroupRule;
    if (!request) throw missingParameter('securityGroupRule');
    const sources = [request.CidrIpv4, request.CidrIpv6, request.PrefixListId, request.ReferencedGroupId].filter((s) => s !== undefined);
    if (sources.length !== 1) throw ec2Error('InvalidParameterCombination', 'Specify exactly one of CidrIpv4, CidrIpv6, PrefixListId or ReferencedGroupId.');
    const permission: EC2.IpPermission = { IpProtocol: request.IpProtocol, FromPort: request.FromPort, ToPort: request.ToPort };
    if (request.CidrIpv4 !== undefined) permission.IpRanges = [{ CidrIp: request.CidrIpv4, Description: request.Description }];
    if (request.CidrIpv6 !== undefined) permission.Ipv6Ranges = [{ CidrIpv6: request.CidrIpv6, Description: request.Description }];
    if (request.PrefixListId !== undefined) permission.PrefixListIds = [{ PrefixListId: request.PrefixListId, Description: request.Description }];
    if (request.ReferencedGroupId !== undefined) permission.UserIdGroupPairs = [{ GroupId: request.ReferencedGroupId, Description: request.Description }];
    normalizeProtocol(request.IpProtocol);
    changes.push([rule, expandPermissions(state, ctx, group, rule.isEgress, [permission])[0]!]);
  }
  if (!changes.length) throw missingParameter('securityGroupRules');
  const changing = new Set(changes.map(([rule]) => rule));
  const keys = new Set(group.rules.filter((r) => !changing.has(r)).map(ruleKey));
  for (const [, spec] of changes) {
    if (keys.has(ruleKey(spec))) throw duplicateRule(spec);
    keys.add(ruleKey(spec));
  }
  for (const [rule, spec] of changes) {
    for (const field of ['cidrIpv4', 'cidrIpv6', 'prefixListId', 'referencedGroup', 'description'] as const) delete rule[field];
    Object.assign(rule, spec, { isEgress: rule.isEgress });
  }
  return { Return: true };
}

