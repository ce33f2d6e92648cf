/**
 * Decides whether an IAM role's identity-side policies allow a request — the part of IAM's policy
 * evaluation logic that a role's own configuration controls: explicit deny in any identity policy or
 * the permissions boundary wins; otherwise the request needs an Allow in an identity policy and, when
 * the role has a boundary, an Allow in the boundary too. Resource policies (bucket and key policies),
 * SCPs and session policies are outside it, as they are outside the role.
 *
 * Pure, and three-valued: a statement whose condition uses an operator or a policy variable this
 * evaluator does not interpret makes the answer "unknown" rather than a guess, so a check built on
 * it reports "could not check" instead of a wrong pass.
 */
import type { IamRolePolicy, PolicyStatement } from '../../inventory/types.ts';
import type { Tri } from './findings.ts';
import { triAnd, triOr } from './findings.ts';
import { asArray, globMatch, isAllow, isDeny, statementsOf } from './policy.ts';

export type ContextValue = string | boolean | number | string[];

/** One API request to decide: `s3:GetObject` on an object ARN, with the context keys it carries. */
export interface SimulatedRequest {
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
}

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny' | 'unknown';

export interface MatchedStatement {
  policy: string;
  kind: IamRolePolicy['kind'] | 'boundary';
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
}

export interface RequestDecision {
  decision: Decision;
  /** Statements that certainly apply to the request. */
  matched: MatchedStatement[];
  /** Why the answer is unknown, when it is. */
  unknownBecause?: string;
}

export function evaluateRoleRequest(request: SimulatedRequest, policies: readonly IamRolePolicy[], boundary: IamRolePolicy | null): RequestDecision {
  const matched: MatchedStatement[] = [];
  const reasons: string[] = [];
  const scan = (policy: IamRolePolicy, kind: MatchedStatement['kind'], effect: 'allow' | 'deny'): Tri => {
    const results = statementsOf(policy.document).map((statement, index): Tri => {
      if (effect === 'allow' ? !isAllow(statement) : !isDeny(statement)) return false;
      const applies = statementApplies(statement, request, (why) => reasons.push(`${policy.name} statement ${statement.Sid ?? index}: ${why}`));
      if (applies === true) matched.push({ policy: policy.name, kind, index, ...(statement.Sid ? { sid: statement.Sid } : {}), effect: effect === 'allow' ? 'Allow' : 'Deny' });
      return applies;
    });
    return triOr(false, ...results);
  };
  const denied = triOr(false, ...policies.map((p) => scan(p, p.kind, 'deny')), boundary ? scan(boundary, 'boundary', 'deny') : false);
  const identityAllows = triOr(false, ...policies.map((p) => scan(p, p.kind, 'allow')));
  const boundaryAllows = boundary ? scan(boundary, 'boundary', 'allow') : true;
  if (denied === true) return { decision: 'explicitDeny', matched };
  const allowed = triAnd(identityAllows, boundaryAllows);
  if (denied === false && allowed !== 'unknown') return { decision: allowed ? 'allowed' : 'implicitDeny', matched };
  if (denied === 'unknown' && allowed === false) return { decision: 'implicitDeny', matched };
  return { decision: 'unknown', matched, unknownBecause: reasons.join('; ') || 'a statement could not be interpreted' };
}

/** Action, resource and condition of one identity-side statement against the request. */
export function statementApplies(statement: PolicyStatement, request: SimulatedRequest, unknown: (why: string) => void = () => {}): Tri {
  const actionMatches =
    statement.NotAction !== undefined ? !asArray(statement.NotAction).some((p) => globMatch(p, request.action, true)) : asArray(statement.Action).some((p) => globMatch(p, request.action, true));
  if (!actionMatches) return false;
  const patterns = asArray(statement.NotResource ?? statement.Resource);
  if (patterns.some((p) => p.includes('${'))) {
    unknown('a policy variable in Resource');
    return 'unknown';
  }
  if (statement.Resource === undefined && statement.NotResource === undefined) return false; // identity policies need a Resource
  const resourceMatches = statement.NotResource !== undefined ? !patterns.some((p) => globMatch(p, request.resource)) : patterns.some((p) => globMatch(p, request.resource));
  if (!resourceMatches) return false;
  return conditionHolds(statement.Condition, request.context ?? {}, unknown);
}

// ---------------------------------------------------------------- conditions

const stringOps: Record<string, (pattern: string, value: string) => boolean> = {
  stringequals: (p, v) => p === v,
  stringequalsignorecase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  stringlike: (p, v) => globMatch(p, v),
  arnequals: (p, v) => p === v,
  arnlike: (p, v) => globMatch(p, v),
};
const negatedOps: Record<string, string> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
};

export function conditionHolds(condition: PolicyStatement['Condition'], context: Record<string, ContextValue>, unknown: (why: string) => void = () => {}): Tri {
  const lowered = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  const results: Tri[] = [];
  for (const [rawOperator, block] of Object.entries(condition ?? {})) {
    for (const [key, rawValues] of Object.entries(block ?? {})) {
      const values = asArray(rawValues as unknown).map(String);
      if (values.some((v) => v.includes('${'))) {
        unknown(`a policy variable in the ${rawOperator} condition on ${key}`);
        results.push('unknown');
        continue;
      }
      results.push(operatorHolds(rawOperator, values, lowered.get(key.toLowerCase()), unknown, key));
    }
  }
  return triAnd(true, ...results);
}

function operatorHolds(rawOperator: string, values: string[], present: ContextValue | undefined, unknown: (why: string) => void, key: string): Tri {
  let operator = rawOperator.toLowerCase();
  const set = /^(forallvalues|foranyvalue):/.exec(operator)?.[1];
  if (set) operator = operator.slice(set.length + 1);
  const ifExists = operator.endsWith('ifexists');
  if (ifExists) operator = operator.slice(0, -'ifexists'.length);
  const requestValues = present === undefined ? [] : Array.isArray(present) ? present : [String(present)];

  if (operator === 'null') {
    const wantAbsent = values.some((v) => v.toLowerCase() === 'true');
    return (requestValues.length === 0) === wantAbsent;
  }
  let test: ((value: string) => boolean) | undefined;
  let negated = false;
  if (stringOps[operator]) test = (v) => values.some((p) => stringOps[operator]!(p, v));
  else if (negatedOps[operator]) {
    const positive = stringOps[negatedOps[operator]!]!;
    test = (v) => !values.some((p) => positive(p, v));
    negated = true;
  } else if (operator === 'bool') test = (v) => values.some((p) => p.toLowerCase() === v.toLowerCase());
  else if (/^numeric/.test(operator)) test = numericTest(operator, values);
  if (!test) {
    unknown(`the ${rawOperator} operator on ${key} is not interpreted here`);
    return 'unknown';
  }
  if (set === 'forallvalues') return requestValues.every(test);
  if (set === 'foranyvalue') return requestValues.some(test);
  if (requestValues.length === 0) return ifExists || negated;
  if (Array.isArray(present)) return false; // a multivalued key needs a set operator
  return test(requestValues[0]!);
}

function numericTest(operator: string, values: string[]): ((value: string) => boolean) | undefined {
  const compare: Record<string, (a: number, b: number) => boolean> = {
    numericequals: (a, b) => a === b,
    numericnotequals: (a, b) => a !== b,
    numericlessthan: (a, b) => a < b,
    numericlessthanequals: (a, b) => a <= b,
    numericgreaterthan: (a, b) => a > b,
    numericgreaterthanequals: (a, b) => a >= b,
  };
  const fn = compare[operator];
  if (!fn) return undefined;
  return (v) => values.some((p) => fn(Number(v), Number(p)));
}
