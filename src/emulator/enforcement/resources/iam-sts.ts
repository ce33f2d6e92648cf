/**
 * IAM and STS.
 *
 * IAM: users, groups, roles, instance profiles and policies by name (with the path IAM stored),
 * the caller itself where a user operation names no user (GetUser, CreateAccessKey …), the entity's
 * tags as aws:ResourceTag, iam:PolicyARN and iam:PermissionsBoundary.
 *
 * STS: AssumeRole is authorized on the role with its trust policy as the resource policy, so the
 * trust policy must allow the caller (AWS's rule for trust policies, also within one account), with
 * sts:ExternalId, sts:RoleSessionName, sts:SourceIdentity and the session tags; passing session tags
 * also needs sts:TagSession.
 */
import { iamResourcePath, parseArn } from '../../core/arn.ts';
import type { ContextValue } from '../../policy/index.ts';
import type { IamState } from '../../services/iam/state.ts';
import type { AccessCheck, ResolverCall } from '../access-check.ts';
import { actionName } from '../action-names.ts';
import { requestTagContext, requestTagsOf } from '../request-tags.ts';

const tagRecord = (tags: readonly { Key: string; Value: string }[] | undefined) => (tags?.length ? Object.fromEntries(tags.map((t) => [t.Key, t.Value])) : undefined);

interface Entity {
  readonly arn: string;
  readonly tags?: Readonly<Record<string, string>>;
}

function iamEntity(call: ResolverCall): Entity | undefined {
  const input = call.input;
  const account = call.accountId;
  const iam = call.read<IamState>('iam', account);
  const path = (p: unknown) => (typeof p === 'string' && p ? p : '/');
  const arn = (type: string, name: string, p?: unknown) => `arn:aws:iam::${account}:${type}${path(p)}${name}`;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

  const profile = str(input.InstanceProfileName);
  if (profile) return { arn: iam?.instanceProfiles.get(profile)?.arn ?? arn('instance-profile', profile, input.Path) };
  const groupName = str(input.GroupName);
  if (groupName) return { arn: iam?.groups.get(groupName)?.arn ?? arn('group', groupName, input.Path) };
  const roleName = str(input.RoleName);
  if (roleName) {
    const role = iam?.roles.get(roleName);
    return { arn: role?.arn ?? arn('role', roleName, input.Path), tags: tagRecord(role?.tags) };
  }
  const userName = str(input.UserName);
  if (userName) {
    const user = iam?.users.get(userName);
    return { arn: user?.arn ?? arn('user', userName, input.Path), tags: tagRecord(user?.tags) };
  }
  const policyArn = str(input.PolicyArn) ?? str(input.PolicySourceArn);
  if (policyArn) return { arn: policyArn, tags: tagRecord(iam?.policies.get(policyArn)?.tags) };
  if (call.operation === 'CreatePolicy' && str(input.PolicyName)) return { arn: arn('policy', input.PolicyName as string, input.Path) };
  // User operations without UserName act on the calling user.
  if (SELF_USER_OPERATIONS.has(call.operation) && call.principal.type === 'IAMUser') return { arn: call.principal.arn };
  return undefined;
}

const SELF_USER_OPERATIONS = new Set(['GetUser', 'CreateAccessKey', 'ListAccessKeys', 'UpdateAccessKey', 'DeleteAccessKey', 'ListUserTags', 'UpdateLoginProfile']);

export function iamChecks(call: ResolverCall): AccessCheck[] {
  const action = actionName('iam', call.operation);
  const context: Record<string, ContextValue | undefined> = {};
  requestTagContext(call.input, context);
  if (typeof call.input.PolicyArn === 'string') context['iam:PolicyARN'] = call.input.PolicyArn;
  if (typeof call.input.PermissionsBoundary === 'string') context['iam:PermissionsBoundary'] = call.input.PermissionsBoundary;
  const entity = iamEntity(call);
  return [entity ? { action, resource: entity.arn, resourceTags: entity.tags, context } : { action, resource: '*', context }];
}

export function stsChecks(call: ResolverCall): AccessCheck[] {
  const action = actionName('sts', call.operation);
  if (call.operation !== 'AssumeRole' || typeof call.input.RoleArn !== 'string') return [{ action, resource: '*' }];
  const roleArn = call.input.RoleArn;
  const parsed = parseArn(roleArn);
  const name = parsed && iamResourcePath(parsed.resource).name;
  const role = parsed && name ? call.read<IamState>('iam', parsed.accountId)?.roles.get(name) : undefined;
  const context: Record<string, ContextValue | undefined> = {
    'sts:ExternalId': call.input.ExternalId as string | undefined,
    'sts:RoleSessionName': call.input.RoleSessionName as string | undefined,
    'sts:SourceIdentity': call.input.SourceIdentity as string | undefined,
  };
  requestTagContext(call.input, context);
  if (Array.isArray(call.input.TransitiveTagKeys)) context['sts:TransitiveTagKeys'] = call.input.TransitiveTagKeys as string[];
  const base: Omit<AccessCheck, 'action'> = {
    resource: role?.arn === roleArn || !role ? roleArn : role.arn,
    resourceAccount: parsed?.accountId || undefined,
    resourceTags: tagRecord(role?.tags),
    context,
    resourcePolicy: role && role.arn === roleArn ? { name: 'AssumeRolePolicyDocument', arn: role.arn, source: `trust policy of ${role.arn}`, document: role.assumeRolePolicyDocument, kind: 'trust' } : undefined,
  };
  const checks: AccessCheck[] = [{ action, ...base }];
  const tags = requestTagsOf(call.input);
  if (tags && Object.keys(tags).length) checks.push({ action: 'sts:TagSession', ...base });
  return checks;
}
