/**
 * Which statements of which policies apply to a request. A statement applies when its Action,
 * Resource, Principal (resource-side policies only) and every condition match — checked in that
 * order, cheapest first, so most statements are ruled out by one Set lookup.
 */
import type { CompiledPolicy } from '../language/compiled-policy.ts';
import type { CompiledStatement } from '../language/compile-policy.ts';
import type { PrincipalMatch } from '../language/principal-matcher.ts';
import type { MatchedStatement, PolicyType } from '../types.ts';
import type { EvaluationRequest } from './request-context.ts';

export interface SetOutcome {
  allow: boolean;
  deny: boolean;
}

export interface ResourceOutcome extends SetOutcome {
  /** The strongest principal match among applying Allow statements. */
  direct: boolean;
  role: boolean;
  account: boolean;
}

function actionAndResource(s: CompiledStatement, req: EvaluationRequest): boolean {
  if (s.action(req.lowerAction) === s.notAction) return false;
  if (!s.resource) return true;
  const matched = s.resource(req.resource, req.ctx.lookup);
  return s.notResource ? matched === false : matched === true;
}

function conditionsHold(s: CompiledStatement, req: EvaluationRequest): boolean {
  for (const c of s.conditions) if (!c.test(req.ctx)) return false;
  return true;
}

function record(out: MatchedStatement[], policy: CompiledPolicy, type: PolicyType, s: CompiledStatement, orgTarget?: string): void {
  const m: MatchedStatement = { policyType: type, policyName: policy.name, statementIndex: s.index, effect: s.effect };
  if (policy.arn !== undefined) m.policyArn = policy.arn;
  if (policy.source !== undefined) m.policySource = policy.source;
  if (orgTarget !== undefined) m.orgTarget = orgTarget;
  if (s.sid !== undefined) m.sid = s.sid;
  out.push(m);
}

/** Identity-side policies (identity, boundary, session, SCP): no Principal element. */
export function matchPolicies(policies: readonly CompiledPolicy[], type: PolicyType, req: EvaluationRequest, out: MatchedStatement[], orgTarget?: string): SetOutcome {
  const result: SetOutcome = { allow: false, deny: false };
  for (const policy of policies) {
    for (const s of policy.body.statements) {
      if (!actionAndResource(s, req) || !conditionsHold(s, req)) continue;
      if (s.effect === 'Deny') result.deny = true;
      else result.allow = true;
      record(out, policy, type, s, orgTarget);
    }
  }
  return result;
}

/**
 * Resource-side policies (resource policy, RCP): the Principal element decides whether and how
 * strongly a statement names the caller. AWS: a Deny with NotPrincipal always applies to a
 * principal that has a permissions boundary, whatever NotPrincipal lists.
 */
export function matchResourcePolicies(policies: readonly CompiledPolicy[], type: PolicyType, req: EvaluationRequest, hasBoundary: boolean, out: MatchedStatement[], orgTarget?: string): ResourceOutcome {
  const result: ResourceOutcome = { allow: false, deny: false, direct: false, role: false, account: false };
  for (const policy of policies) {
    for (const s of policy.body.statements) {
      if (!actionAndResource(s, req)) continue;
      let kind: PrincipalMatch = 'direct';
      if (s.principal) {
        if (s.notPrincipal) kind = s.effect === 'Deny' && hasBoundary ? 'direct' : s.principal.excludes(req.principal) ? 'none' : 'direct';
        else kind = s.principal.match(req.principal);
      }
      if (kind === 'none' || !conditionsHold(s, req)) continue;
      if (s.effect === 'Deny') result.deny = true;
      else {
        result.allow = true;
        result[kind] = true;
      }
      record(out, policy, type, s, orgTarget);
    }
  }
  return result;
}
