/**
 * Reading IAM-style policy documents (bucket policies, key policies) the way AWS evaluates them:
 * single values or arrays, wildcards in actions and resources, case-insensitive action names and
 * condition keys. Pure functions, shared by checks.
 */
import type { PolicyDocument, PolicyStatement, PrincipalValue } from '../../inventory/types.ts';

export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function statementsOf(doc: PolicyDocument | null | undefined): PolicyStatement[] {
  return asArray(doc?.Statement);
}

export function isAllow(statement: PolicyStatement): boolean {
  return String(statement.Effect ?? '').toLowerCase() === 'allow';
}

export function isDeny(statement: PolicyStatement): boolean {
  return String(statement.Effect ?? '').toLowerCase() === 'deny';
}

/** Glob match with `*` and `?`, as IAM matches actions (case-insensitive) and resources (case-sensitive). */
export function globMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const v = caseInsensitive ? value.toLowerCase() : value;
  const regex = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return regex.test(v);
}

/** Whether the statement's Action/NotAction covers `action` (e.g. `s3:GetObject`). */
export function coversAction(statement: PolicyStatement, action: string): boolean {
  if (statement.NotAction !== undefined) return !asArray(statement.NotAction).some((p) => globMatch(p, action, true));
  return asArray(statement.Action).some((p) => globMatch(p, action, true));
}

/** Whether the statement's Action/NotAction covers every action of a service (`s3:*` or `*`). */
export function coversAllActions(statement: PolicyStatement, service: string): boolean {
  if (statement.NotAction !== undefined) return false;
  return asArray(statement.Action).some((p) => p === '*' || p.toLowerCase() === `${service}:*`);
}

/** Whether the statement's Resource/NotResource covers `arn`. */
export function coversResource(statement: PolicyStatement, arn: string): boolean {
  if (statement.NotResource !== undefined) return !asArray(statement.NotResource).some((p) => globMatch(p, arn));
  if (statement.Resource === undefined) return true; // resource policies may omit it: the resource itself
  return asArray(statement.Resource).some((p) => globMatch(p, arn));
}

/** AWS principals of a statement (`"*"`, ARNs, account ids); service principals are left out. */
export function awsPrincipals(principal: PrincipalValue | undefined): string[] {
  if (principal === undefined) return [];
  if (principal === '*') return ['*'];
  return asArray(principal.AWS);
}

/** True when the statement applies to everyone: Principal "*" / {"AWS": "*"}, or an Allow with NotPrincipal. */
export function isEveryonePrincipal(statement: PolicyStatement): boolean {
  if (statement.NotPrincipal !== undefined) return true;
  return awsPrincipals(statement.Principal).includes('*') || (statement.Principal !== undefined && statement.Principal !== '*' && asArray(statement.Principal.CanonicalUser).includes('*'));
}

/** The account id a principal names (`123456789012`, `arn:aws:iam::123456789012:root`, role/user ARNs). */
export function accountOfPrincipal(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  const match = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(principal);
  return match?.[1];
}

/** Condition blocks as a flat list: operator, key (lower-cased), values. */
export function conditionsOf(statement: PolicyStatement): { operator: string; key: string; values: string[] }[] {
  const out: { operator: string; key: string; values: string[] }[] = [];
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    if (!block || typeof block !== 'object') continue;
    for (const [key, value] of Object.entries(block)) {
      out.push({ operator, key: key.toLowerCase(), values: asArray(value as unknown).map((v) => String(v)) });
    }
  }
  return out;
}

/**
 * Condition keys that, given fixed values (no wildcard, no policy variable), restrict a statement
 * to known callers — AWS's rule for when a policy granting to "*" is still not public
 * ("The meaning of 'public'" in the S3 User Guide).
 */
const restrictingKeys = new Set([
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:userid',
  'aws:sourceip',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
]);

const restrictingOperators = /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress)$/i;

function isFixedValue(key: string, value: string): boolean {
  if (value.includes('*') || value.includes('?') || value.includes('${')) return false;
  if (key === 'aws:sourceip') {
    // An address range as wide as the whole internet (or a big slice of it) restricts nothing.
    const [, bits] = value.split('/');
    const width = bits === undefined ? 32 : Number(bits);
    return !(value.startsWith('0.0.0.0') || value.startsWith('::/') || value === '::' || width < 8);
  }
  return value.length > 0;
}

/** The condition that keeps a statement to "*" from being public, if any. */
export function restrictingCondition(statement: PolicyStatement): { operator: string; key: string; values: string[] } | undefined {
  return conditionsOf(statement).find(
    (c) => restrictingOperators.test(c.operator.replace(/^(ForAnyValue|ForAllValues):/i, '')) && restrictingKeys.has(c.key) && c.values.length > 0 && c.values.every((v) => isFixedValue(c.key, v)),
  );
}

/** Allow statements that grant `actions` to everyone without a restricting condition. */
export function publicGrants(doc: PolicyDocument | null | undefined, actions: readonly string[]): { index: number; statement: PolicyStatement; actions: string[] }[] {
  const grants: { index: number; statement: PolicyStatement; actions: string[] }[] = [];
  statementsOf(doc).forEach((statement, index) => {
    if (!isAllow(statement) || !isEveryonePrincipal(statement) || restrictingCondition(statement)) return;
    const matched = actions.filter((a) => coversAction(statement, a));
    if (matched.length > 0) grants.push({ index, statement, actions: matched });
  });
  return grants;
}

/** A short, stable label for a statement in evidence: its Sid or its position. */
export function statementLabel(statement: PolicyStatement, index: number): string {
  return statement.Sid ? `Statement "${statement.Sid}"` : `Statement[${index}]`;
}

/** Reads a boolean-ish condition value as AWS does ("false", false, "FALSE"). */
export function isFalseValue(value: string): boolean {
  return value.trim().toLowerCase() === 'false';
}

export function isTrueValue(value: string): boolean {
  return value.trim().toLowerCase() === 'true';
}
