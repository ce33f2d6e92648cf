/**
 * The request as the evaluator sees it: lower-cased action, the resource and its account, facts
 * about the principal for Principal matching, and the condition context — the caller's keys plus
 * the keys AWS derives from the principal itself (aws:PrincipalArn, aws:PrincipalAccount,
 * aws:PrincipalTag/*, aws:username, aws:userid, aws:PrincipalType, aws:PrincipalIsAWSService,
 * aws:PrincipalServiceName, aws:SourceIdentity, aws:CurrentTime, aws:EpochTime). A key the caller
 * supplies wins over a derived one.
 */
import type { ConditionContext } from '../conditions/compile-condition.ts';
import { arnAccount, nameFromArn, roleArnOfSession, splitArn } from '../language/arn.ts';
import type { PrincipalFacts } from '../language/principal-matcher.ts';
import type { AuthorizationRequest, ContextValue, RequestPrincipal } from '../types.ts';

export interface EvaluationRequest {
  readonly action: string;
  readonly lowerAction: string;
  readonly resource: string;
  readonly resourceAccount?: string;
  readonly principal: PrincipalFacts;
  readonly serviceLinked: boolean;
  readonly ctx: ConditionContext;
  /** Simulating identity policies alone (AuthorizationRequest.identityOnly). */
  readonly identityOnly: boolean;
}

function normalise(value: ContextValue): string | readonly string[] {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value.map((v) => (typeof v === 'string' ? v : String(v)));
}

const PRINCIPAL_TYPE: Record<RequestPrincipal['type'], string | undefined> = {
  user: 'User',
  role: 'AssumedRole',
  'assumed-role': 'AssumedRole',
  root: 'Account',
  service: undefined,
  anonymous: 'Anonymous',
};

export function principalFacts(p: RequestPrincipal): PrincipalFacts {
  const arn = p.arn;
  const account = p.accountId ?? (p.type === 'service' || p.type === 'anonymous' || arn === undefined ? undefined : splitArn(arn)?.account);
  const roleArn = p.type === 'assumed-role' ? (p.roleArn ?? (arn ? roleArnOfSession(arn) : undefined)) : p.type === 'role' ? arn : undefined;
  return {
    type: p.type,
    arn: p.type === 'service' ? undefined : arn,
    account: account || undefined,
    roleArn,
    roleName: roleArn ? nameFromArn(roleArn) : undefined,
    serviceName: p.type === 'service' ? arn : undefined,
    canonicalUserId: p.canonicalUserId,
  };
}

function derivedKeys(p: RequestPrincipal, facts: PrincipalFacts): Map<string, string | readonly string[]> {
  const out = new Map<string, string | readonly string[]>();
  const principalArn = p.type === 'assumed-role' ? facts.roleArn : p.type === 'service' || p.type === 'anonymous' ? undefined : p.arn;
  if (principalArn) out.set('aws:principalarn', principalArn);
  if (facts.account) out.set('aws:principalaccount', facts.account);
  const type = PRINCIPAL_TYPE[p.type];
  if (type) out.set('aws:principaltype', type);
  if (p.type === 'user' && p.arn) out.set('aws:username', nameFromArn(p.arn));
  const userId = p.userId ?? (p.type === 'root' ? facts.account : p.type === 'anonymous' ? 'anonymous' : undefined);
  if (userId) out.set('aws:userid', userId);
  if (p.tags) for (const [k, v] of Object.entries(p.tags)) out.set(`aws:principaltag/${k.toLowerCase()}`, v);
  if (p.sourceIdentity) out.set('aws:sourceidentity', p.sourceIdentity);
  out.set('aws:principalisawsservice', p.type === 'service' ? 'true' : 'false');
  if (p.type === 'service' && p.arn) out.set('aws:principalservicename', p.arn);
  return out;
}

function isServiceLinked(p: RequestPrincipal, facts: PrincipalFacts): boolean {
  if (p.serviceLinked !== undefined) return p.serviceLinked;
  const arn = facts.roleArn ?? (p.type === 'role' ? p.arn : undefined);
  return arn !== undefined && arn.includes(':role/aws-service-role/');
}

interface PrincipalInfo {
  facts: PrincipalFacts;
  derived: Map<string, string | readonly string[]>;
  serviceLinked: boolean;
}

// Callers usually hand in the same principal object for every request of a session; what is
// derived from it is worked out once. (Principal objects are treated as immutable.)
const principals = new WeakMap<RequestPrincipal, PrincipalInfo>();
const lowerKeys = new Map<string, string>();

function principalInfo(p: RequestPrincipal): PrincipalInfo {
  let info = principals.get(p);
  if (!info) {
    const facts = principalFacts(p);
    info = { facts, derived: derivedKeys(p, facts), serviceLinked: isServiceLinked(p, facts) };
    principals.set(p, info);
  }
  return info;
}

function lower(key: string): string {
  let l = lowerKeys.get(key);
  if (l === undefined) {
    l = key.toLowerCase();
    if (lowerKeys.size > 10_000) lowerKeys.clear();
    lowerKeys.set(key, l);
  }
  return l;
}

export function buildRequest(request: AuthorizationRequest, now: Date | (() => Date) = () => new Date()): EvaluationRequest {
  const info = principalInfo(request.principal);
  const given = new Map<string, string | readonly string[]>();
  if (request.context) {
    for (const k in request.context) {
      const v = request.context[k];
      if (v !== undefined) given.set(lower(k), normalise(v));
    }
  }
  let time: Date | undefined;
  const clock = (): Date => (time ??= typeof now === 'function' ? now() : now);
  // Caller-supplied keys first, then keys derived from the principal, then the clock (read lazily).
  const value = (key: string): string | readonly string[] | undefined => {
    const v = given.get(key) ?? info.derived.get(key);
    if (v !== undefined) return v;
    if (key === 'aws:currenttime') return clock().toISOString();
    if (key === 'aws:epochtime') return String(Math.floor(clock().getTime() / 1000));
    return undefined;
  };
  const ctx: ConditionContext = {
    value,
    lookup: (key) => {
      const v = value(key);
      return typeof v === 'string' ? v : undefined;
    },
  };
  return {
    action: request.action,
    lowerAction: request.action.toLowerCase(),
    resource: request.resource,
    resourceAccount: request.resourceAccount ?? arnAccount(request.resource) ?? info.facts.account,
    principal: info.facts,
    serviceLinked: info.serviceLinked,
    ctx,
    identityOnly: request.identityOnly === true,
  };
}
