/**
 * Does a role's trust policy let this principal assume it? A deliberately small matcher — Principal
 * (AWS account / ARN / `*`, Service), Action wildcards, NotPrincipal/NotAction, explicit Deny, and
 * the condition operators trust policies use (String*, Arn*, Bool, Null) on the keys AssumeRole
 * knows. It sits behind this one function so a full IAM policy engine can replace it.
 */
import type { Principal } from '../../auth/principal.ts';

export interface TrustRequest {
  readonly principal: Principal;
  /** `sts:AssumeRole`, `sts:TagSession`, `sts:SetSourceIdentity` … */
  readonly action: string;
  /** Condition keys with their values for this request (sts:ExternalId, aws:PrincipalArn …). */
  readonly context: Readonly<Record<string, string | readonly string[] | undefined>>;
}

export interface TrustDecision {
  readonly allowed: boolean;
  /** Why, for error messages and debugging. */
  readonly reason: string;
}

type Json = Record<string, unknown>;

function asArray(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** IAM wildcard match: `*` any run, `?` one character; case-insensitive for actions. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, ignoreCase ? 'i' : '').test(value);
}

/** ARNs the principal is known by in a Principal element (user/role ARN, session ARN, account). */
function principalMatches(element: unknown, principal: Principal): boolean {
  if (element === '*') return true;
  if (!element || typeof element !== 'object') return false;
  const aws = asArray((element as Json).AWS).map(String);
  for (const entry of aws) {
    if (entry === '*') return true;
    if (entry === principal.accountId || entry === `arn:aws:iam::${principal.accountId}:root`) return principal.type !== 'Anonymous';
    if (entry === principal.arn) return true;
    if (principal.session?.roleArn && entry === principal.session.roleArn) return true;
  }
  return false;
}

const CONDITION_OPERATORS: Record<string, (actual: string, expected: string) => boolean> = {
  StringEquals: (a, e) => a === e,
  StringNotEquals: (a, e) => a !== e,
  StringEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringNotEqualsIgnoreCase: (a, e) => a.toLowerCase() !== e.toLowerCase(),
  StringLike: (a, e) => wildcardMatch(e, a),
  StringNotLike: (a, e) => !wildcardMatch(e, a),
  ArnEquals: (a, e) => a === e,
  ArnLike: (a, e) => wildcardMatch(e, a),
  ArnNotEquals: (a, e) => a !== e,
  ArnNotLike: (a, e) => !wildcardMatch(e, a),
  Bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
};

function conditionsHold(condition: unknown, context: TrustRequest['context']): boolean {
  if (condition === undefined) return true;
  if (!condition || typeof condition !== 'object') return false;
  for (const [rawOperator, block] of Object.entries(condition as Json)) {
    const ifExists = rawOperator.endsWith('IfExists');
    const setPrefix = /^(ForAnyValue|ForAllValues):/.exec(rawOperator)?.[1];
    const operator = rawOperator.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
    if (!block || typeof block !== 'object') return false;
    for (const [key, expectedRaw] of Object.entries(block as Json)) {
      const actual = context[key] ?? context[Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase()) ?? ''];
      const expected = asArray(expectedRaw).map(String);
      if (operator === 'Null') {
        if ((actual === undefined) !== (expected[0]?.toLowerCase() === 'true')) return false;
        continue;
      }
      const test = CONDITION_OPERATORS[operator];
      if (!test) return false;
      if (actual === undefined) {
        if (ifExists || operator.includes('Not')) continue;
        return false;
      }
      const values = asArray(actual).map(String);
      const negated = operator.includes('Not');
      const matchOne = (v: string) => (negated ? expected.every((e) => test(v, e)) : expected.some((e) => test(v, e)));
      const holds = setPrefix === 'ForAllValues' ? values.every(matchOne) : values.some(matchOne);
      if (!holds) return false;
    }
  }
  return true;
}

export function evaluateTrustPolicy(document: string, request: TrustRequest): TrustDecision {
  let policy: Json;
  try {
    policy = JSON.parse(document) as Json;
  } catch {
    return { allowed: false, reason: 'the trust policy is not valid JSON' };
  }
  let allowed = false;
  for (const raw of asArray(policy.Statement)) {
    const statement = raw as Json;
    const principalOk = statement.Principal !== undefined
      ? principalMatches(statement.Principal, request.principal)
      : statement.NotPrincipal !== undefined && !principalMatches(statement.NotPrincipal, request.principal);
    if (!principalOk) continue;
    const actionOk = statement.Action !== undefined
      ? asArray(statement.Action).some((a) => wildcardMatch(String(a), request.action, true))
      : statement.NotAction !== undefined && !asArray(statement.NotAction).some((a) => wildcardMatch(String(a), request.action, true));
    if (!actionOk) continue;
    if (!conditionsHold(statement.Condition, request.context)) continue;
    if (statement.Effect === 'Deny') return { allowed: false, reason: 'an explicit deny in the trust policy' };
    if (statement.Effect === 'Allow') allowed = true;
  }
  return allowed ? { allowed: true, reason: 'allowed by the trust policy' } : { allowed: false, reason: 'no statement of the trust policy allows it' };
}
