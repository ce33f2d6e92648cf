/**
 * Does a resource policy (an S3 bucket policy, a role's trust policy) let the CloudTrail service
 * principal do something? CloudTrail asks this before it accepts a trail's S3 bucket
 * (InsufficientS3BucketPolicyException) and CloudWatch Logs role. A small evaluator on purpose:
 * Principal (`*`, `{"AWS": "*"}`, `{"Service": …}`), Action/NotAction, Resource/NotResource,
 * explicit Deny over Allow, and the String*, Arn*, Bool and Null condition operators (with
 * IfExists and ForAnyValue/ForAllValues) over the keys a service request carries. A condition on a
 * key the request does not carry fails (negated operators and IfExists pass), as in IAM.
 */

type Json = Record<string, unknown>;

export interface ServiceRequest {
  /** e.g. `cloudtrail.amazonaws.com` */
  readonly service: string;
  /** e.g. `s3:PutObject` */
  readonly action: string;
  /** The resource ARN; omitted for trust policies, which name none. */
  readonly resource?: string;
  /** Condition keys with their values (aws:SourceArn, aws:SourceAccount, s3:x-amz-acl …). */
  readonly context: Readonly<Record<string, string>>;
}

function list(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, ignoreCase ? 'is' : 's').test(value);
}

function principalMatches(element: unknown, service: string): boolean {
  if (element === '*') return true;
  if (!element || typeof element !== 'object') return false;
  const p = element as Json;
  return list(p.AWS).some((v) => v === '*') || list(p.Service).some((v) => v === '*' || v === service);
}

const OPERATORS: Record<string, (actual: string, expected: string) => boolean> = {
  StringEquals: (a, e) => a === e,
  StringEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringLike: (a, e) => wildcard(e, a, false),
  ArnEquals: (a, e) => a === e,
  ArnLike: (a, e) => wildcard(e, a, false),
  Bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
};

function conditionHolds(operatorName: string, key: string, expectedRaw: unknown, context: ServiceRequest['context']): boolean {
  const ifExists = operatorName.endsWith('IfExists');
  const setOperator = /^(ForAnyValue|ForAllValues):/.exec(operatorName)?.[1];
  let operator = operatorName.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
  const actualKey = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
  const actual = actualKey === undefined ? undefined : context[actualKey];
  const expected = list(expectedRaw).map(String);
  if (operator === 'Null') return (actual === undefined) === (expected[0]?.toLowerCase() === 'true');
  const negated = operator.includes('Not');
  operator = operator.replace('Not', '');
  const test = OPERATORS[operator];
  if (!test) return false;
  if (actual === undefined) return ifExists || negated || setOperator === 'ForAllValues';
  const matched = expected.some((e) => test(actual, e));
  return negated ? !matched : matched;
}

function conditionsHold(condition: unknown, context: ServiceRequest['context']): boolean {
  if (condition === undefined) return true;
  if (!condition || typeof condition !== 'object') return false;
  for (const [operator, block] of Object.entries(condition as Json)) {
    if (!block || typeof block !== 'object') return false;
    for (const [key, expected] of Object.entries(block as Json)) {
      if (!conditionHolds(operator, key, expected, context)) return false;
    }
  }
  return true;
}

function applies(statement: Json, request: ServiceRequest): boolean {
  const principalOk = statement.Principal !== undefined
    ? principalMatches(statement.Principal, request.service)
    : statement.NotPrincipal !== undefined && !principalMatches(statement.NotPrincipal, request.service);
  if (!principalOk) return false;
  const actionOk = statement.Action !== undefined
    ? list(statement.Action).some((a) => wildcard(String(a), request.action, true))
    : statement.NotAction !== undefined && !list(statement.NotAction).some((a) => wildcard(String(a), request.action, true));
  if (!actionOk) return false;
  if (request.resource !== undefined) {
    const resourceOk = statement.Resource !== undefined
      ? list(statement.Resource).some((r) => wildcard(String(r), request.resource!, false))
      : statement.NotResource !== undefined && !list(statement.NotResource).some((r) => wildcard(String(r), request.resource!, false));
    if (!resourceOk) return false;
  }
  return conditionsHold(statement.Condition, request.context);
}

/** Allowed when some Allow statement applies and no Deny statement does. */
export function policyAllowsService(document: string | undefined, request: ServiceRequest): boolean {
  if (!document) return false;
  let policy: Json;
  try {
    policy = JSON.parse(document) as Json;
  } catch {
    return false;
  }
  let allowed = false;
  for (const raw of list(policy.Statement)) {
    if (!raw || typeof raw !== 'object') continue;
    const statement = raw as Json;
    if (!applies(statement, request)) continue;
    if (statement.Effect === 'Deny') return false;
    if (statement.Effect === 'Allow') allowed = true;
  }
  return allowed;
}
