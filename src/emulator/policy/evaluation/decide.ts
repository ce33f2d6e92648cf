/**
 * AWS's policy evaluation logic ("How AWS enforcement code logic evaluates requests",
 * "Policy evaluation for requests within a single account", "Cross-account policy evaluation
 * logic", "Permissions boundaries", "Session policies", the KMS key-policy rule):
 *
 * 1. An explicit Deny in any applicable policy decides.
 * 2. RCPs of the resource's account and SCPs of the principal's account: every level from the
 *    root to the account needs an applicable Allow (the management account and service-linked
 *    roles are exempt; SCPs do not apply to AWS service principals or anonymous callers).
 * 3. Who may grant:
 *    - the account root user may do anything in its own account;
 *    - a service principal or an anonymous caller only through the resource policy;
 *    - an IAM user, role or session: within one account, the identity-based policies
 *      (intersected with the permissions boundary and session policies) OR the resource policy
 *      when it names the caller. A resource policy naming the user ARN or the session ARN
 *      (or `*`) is not limited by boundary or session policy; one naming the role ARN is.
 *      Naming the account delegates to the identity side.
 *    - Across accounts both sides must allow.
 *    - KMS keys and role trust policies must allow explicitly, even within the account: either by
 *      naming the caller or by naming the account (then IAM policies must allow too).
 */
import type { CompiledPolicy } from '../language/compiled-policy.ts';
import type { AuthorizationResult, DecidingPolicyType, MatchedStatement, PolicyType, ResourcePolicyKind } from '../types.ts';
import { matchPolicies, matchResourcePolicies, type ResourceOutcome, type SetOutcome } from './match-policies.ts';
import { accessDeniedMessage, allowSummary, denySummary, explicitDenyReason, implicitDenyReason } from './messages.ts';
import type { EvaluationRequest } from './request-context.ts';

export interface OrgSet {
  managementAccount: boolean;
  levels: readonly { target: string; policies: readonly CompiledPolicy[] }[];
}

export interface CompiledPolicySet {
  identity: readonly CompiledPolicy[];
  permissionsBoundary?: CompiledPolicy;
  sessionPolicies?: readonly CompiledPolicy[];
  scps?: OrgSet;
  rcps?: OrgSet;
  resourcePolicy?: CompiledPolicy;
}

const TRUST_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);

/** The resource policy's special rules: explicit kind first, else inferred from action and resource. */
export function resourceKind(req: EvaluationRequest, given?: ResourcePolicyKind): ResourcePolicyKind {
  if (given) return given;
  if (TRUST_ACTIONS.has(req.lowerAction) && /^arn:[^:]+:iam::\d*:role\//.test(req.resource)) return 'trust';
  if (req.lowerAction.startsWith('kms:') && /^arn:[^:]+:kms:[^:]*:\d*:key\//.test(req.resource)) return 'key';
  if (req.resource.startsWith('arn:aws:s3:::')) return 'bucket';
  if (req.lowerAction.startsWith('secretsmanager:')) return 'secret';
  return 'other';
}

function evalOrg(org: OrgSet | undefined, type: 'scp' | 'rcp', req: EvaluationRequest, hasBoundary: boolean, out: MatchedStatement[]): { deny: boolean; missingAllow?: string } {
  if (!org || org.managementAccount) return { deny: false };
  let deny = false;
  let missingAllow: string | undefined;
  for (const level of org.levels) {
    const outcome: SetOutcome = type === 'scp' ? matchPolicies(level.policies, type, req, out, level.target) : matchResourcePolicies(level.policies, type, req, hasBoundary, out, level.target);
    if (outcome.deny) deny = true;
    if (!outcome.allow && missingAllow === undefined) missingAllow = level.target;
  }
  return { deny, missingAllow };
}

export function decide(req: EvaluationRequest, set: CompiledPolicySet): AuthorizationResult {
  const matched: MatchedStatement[] = [];
  const p = req.principal;
  const iamPrincipal = p.type === 'user' || p.type === 'role' || p.type === 'assumed-role';
  const hasBoundary = iamPrincipal && set.permissionsBoundary !== undefined;
  const hasSession = iamPrincipal && set.sessionPolicies !== undefined && set.sessionPolicies.length > 0;
  const kind = resourceKind(req, set.resourcePolicy?.resourceKind);
  const resourceWords: DecidingPolicyType = kind === 'trust' ? 'role trust policy' : 'resource-based policy';

  const scpApplies = p.type !== 'service' && p.type !== 'anonymous' && !req.serviceLinked;
  const scp = scpApplies ? evalOrg(set.scps, 'scp', req, hasBoundary, matched) : { deny: false };
  const rcp = req.serviceLinked ? { deny: false } : evalOrg(set.rcps, 'rcp', req, hasBoundary, matched);
  const none: SetOutcome = { allow: false, deny: false };
  const id = iamPrincipal ? matchPolicies(set.identity, 'identity', req, matched) : none;
  const pb = hasBoundary ? matchPolicies([set.permissionsBoundary!], 'permissionsBoundary', req, matched) : undefined;
  const sp = hasSession ? matchPolicies(set.sessionPolicies!, 'session', req, matched) : undefined;
  const rp: ResourceOutcome | undefined = set.resourcePolicy ? matchResourcePolicies([set.resourcePolicy], 'resource', req, hasBoundary, matched) : undefined;

  const deny = (decidedBy: DecidingPolicyType, explicit: boolean, denyType?: PolicyType): AuthorizationResult => {
    const reason = explicit ? explicitDenyReason(decidedBy) : implicitDenyReason(decidedBy, req.action);
    const denies = explicit ? matched.filter((m) => m.effect === 'Deny' && (denyType === undefined || m.policyType === denyType)) : [];
    return {
      decision: explicit ? 'explicitDeny' : 'implicitDeny',
      decidedBy,
      matchedStatements: matched,
      reason,
      message: accessDeniedMessage(p.type === 'service' ? p.serviceName : p.arn, req.action, req.resource, reason),
      summary: denySummary(req.action, req.resource, denies, reason),
    };
  };
  const allow = (decidedBy: DecidingPolicyType, grantTypes: readonly PolicyType[], fallback = ''): AuthorizationResult => ({
    decision: 'allowed',
    decidedBy,
    matchedStatements: matched,
    summary: allowSummary(req.action, req.resource, matched.filter((m) => m.effect === 'Allow' && grantTypes.includes(m.policyType)), fallback),
  });

  // GetCallerIdentity needs no permission and cannot be denied (AWS STS documentation).
  if (req.lowerAction === 'sts:getcalleridentity' && p.type !== 'anonymous' && p.type !== 'service') {
    return allow('none', [], 'sts:GetCallerIdentity needs no permission and cannot be denied');
  }

  // 1. Explicit deny anywhere.
  if (rcp.deny) return deny('resource control policy', true, 'rcp');
  if (scp.deny) return deny('service control policy', true, 'scp');
  if (rp?.deny) return deny(resourceWords, true, 'resource');
  if (id.deny) return deny('identity-based policy', true, 'identity');
  if (pb?.deny) return deny('permissions boundary', true, 'permissionsBoundary');
  if (sp?.deny) return deny('session policy', true, 'session');

  // 2. Organisation ceilings.
  if (rcp.missingAllow !== undefined) return deny('resource control policy', false);
  if (scp.missingAllow !== undefined) return deny('service control policy', false);

  const sameAccount = req.identityOnly || (p.account !== undefined && p.account === req.resourceAccount);
  // A key policy must always allow (AWS KMS: without one, IAM policies cannot grant anything on the
  // key). A role trust policy must allow whenever it is part of the question; a caller simulating
  // identity policies alone (no trust policy given) gets the identity-side answer, as IAM's
  // simulator gives.
  const strict = !req.identityOnly && (kind === 'key' || (kind === 'trust' && rp !== undefined));
  const rpAny = rp !== undefined && (rp.direct || rp.role || rp.account);

  // 3a. Callers without IAM policies of their own.
  if (p.type === 'root') {
    if (strict && !rpAny) return deny(resourceWords, false);
    if (sameAccount) return allow('root user', ['resource'], `the root user of account ${p.account} may act on its own resources`);
    return rpAny ? allow(resourceWords, ['resource']) : deny(resourceWords, false);
  }
  if (p.type === 'service' || p.type === 'anonymous') {
    return rp?.direct ? allow(resourceWords, ['resource']) : deny(resourceWords, false);
  }

  // 3b. IAM users, roles and sessions.
  const idAllow = id.allow;
  const pbAllow = pb === undefined || pb.allow;
  const spAllow = sp === undefined || sp.allow;
  const identityPath = idAllow && pbAllow && spAllow;
  const firstMissing = (): DecidingPolicyType => (!idAllow ? 'identity-based policy' : !pbAllow ? 'permissions boundary' : 'session policy');
  const identityGrant = (): AuthorizationResult => allow('identity-based policy', ['identity']);

  if (!sameAccount) {
    if (!identityPath) return deny(firstMissing(), false);
    return rpAny ? allow(resourceWords, ['identity', 'resource']) : deny(resourceWords, false);
  }

  // Same account: what the resource policy grants on its own.
  const directGrant = rp?.direct === true;
  const roleGrant = rp?.role === true && pbAllow && spAllow;
  if (directGrant || roleGrant) return identityPath && !strict ? identityGrant() : allow(resourceWords, ['resource']);
  if (strict) {
    if (!rpAny) return deny(resourceWords, false);
    // The key policy or trust policy delegates to the account: IAM policies must allow too.
    return identityPath ? allow(resourceWords, ['identity', 'resource']) : deny(firstMissing(), false);
  }
  if (identityPath) return identityGrant();
  if (rp?.role) return deny(!pbAllow ? 'permissions boundary' : 'session policy', false);
  return deny(firstMissing(), false);
}

