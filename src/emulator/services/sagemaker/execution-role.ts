/**
 * SageMaker assumes the execution role a notebook, job or model names; AWS refuses the request
 * when the role does not exist or its trust policy does not let `sagemaker.amazonaws.com` assume
 * it. The emulator checks the same against IAM's state, with the context SageMaker sends
 * (aws:SourceAccount, aws:SourceArn), so a confused-deputy condition in the trust policy works.
 * Roles of accounts the emulator knows nothing about are accepted (nothing to check against).
 */
import type { RequestContext } from '../../core/context.ts';
import type { IamState } from '../iam/state.ts';
import { validation } from './common.ts';

const SERVICE = 'sagemaker.amazonaws.com';
type Json = Record<string, unknown>;

function asArray(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function wildcard(pattern: string, value: string, ignoreCase = false): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, ignoreCase ? 'i' : '').test(value);
}

function principalIsSageMaker(element: unknown): boolean {
  if (element === '*') return true;
  if (!element || typeof element !== 'object') return false;
  const e = element as Json;
  return asArray(e.Service).some((s) => s === SERVICE) || asArray(e.AWS).some((a) => a === '*');
}

const OPERATORS: Record<string, (actual: string, expected: string) => boolean> = {
  StringEquals: (a, e) => a === e,
  StringNotEquals: (a, e) => a !== e,
  StringEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringLike: (a, e) => wildcard(e, a),
  StringNotLike: (a, e) => !wildcard(e, a),
  ArnEquals: (a, e) => a === e,
  ArnLike: (a, e) => wildcard(e, a),
  ArnNotEquals: (a, e) => a !== e,
  ArnNotLike: (a, e) => !wildcard(e, a),
};

function conditionsHold(condition: unknown, context: Record<string, string>): boolean {
  if (condition === undefined) return true;
  if (!condition || typeof condition !== 'object') return false;
  for (const [rawOperator, block] of Object.entries(condition as Json)) {
    const ifExists = rawOperator.endsWith('IfExists');
    const operator = rawOperator.replace(/IfExists$/, '');
    if (!block || typeof block !== 'object') return false;
    for (const [name, expectedRaw] of Object.entries(block as Json)) {
      const actual = Object.entries(context).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      const expected = asArray(expectedRaw).map(String);
      if (operator === 'Null') {
        if ((actual === undefined) !== (expected[0]?.toLowerCase() === 'true')) return false;
        continue;
      }
      const test = OPERATORS[operator];
      // Keys SageMaker does not send (sts:ExternalId …) and operators this check does not know: not satisfied.
      if (!test) return false;
      if (actual === undefined) {
        if (ifExists || operator.includes('Not')) continue;
        return false;
      }
      const ok = operator.includes('Not') ? expected.every((e) => test(actual, e)) : expected.some((e) => test(actual, e));
      if (!ok) return false;
    }
  }
  return true;
}

/** Whether a trust policy lets SageMaker assume the role for a resource of `sourceArn`. */
export function trustsSageMaker(document: string, sourceAccount: string, sourceArn: string): boolean {
  let policy: Json;
  try {
    policy = JSON.parse(document) as Json;
  } catch {
    return false;
  }
  const context = { 'aws:SourceAccount': sourceAccount, 'aws:SourceArn': sourceArn };
  let allowed = false;
  for (const raw of asArray(policy.Statement)) {
    const statement = raw as Json;
    const principal = statement.Principal !== undefined ? principalIsSageMaker(statement.Principal) : statement.NotPrincipal !== undefined && !principalIsSageMaker(statement.NotPrincipal);
    if (!principal) continue;
    const action = statement.Action !== undefined
      ? asArray(statement.Action).some((a) => wildcard(String(a), 'sts:AssumeRole', true))
      : statement.NotAction !== undefined && !asArray(statement.NotAction).some((a) => wildcard(String(a), 'sts:AssumeRole', true));
    if (!action || !conditionsHold(statement.Condition, context)) continue;
    if (statement.Effect === 'Deny') return false;
    if (statement.Effect === 'Allow') allowed = true;
  }
  return allowed;
}

/** Throws AWS's ValidationException when SageMaker could not assume `roleArn` for the resource `sourceArn`. */
export function checkExecutionRole(ctx: RequestContext, roleArn: string, sourceArn: string): void {
  if (!ctx.hasService('iam')) return;
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (!m) return;
  const [, account, name] = m as unknown as [string, string, string];
  if (account !== ctx.accountId && !ctx.accountIds().includes(account)) return;
  const role = ctx.stateOf<IamState>('iam', account).roles.get(name);
  if (!role || !trustsSageMaker(role.assumeRolePolicyDocument, ctx.accountId, sourceArn)) {
    throw validation(`Could not assume role ${roleArn}. Please ensure that the role exists and allows principal '${SERVICE}' to assume the role.`);
  }
}
