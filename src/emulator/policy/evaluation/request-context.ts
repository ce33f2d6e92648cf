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
  /** The condition context as a plain map of lower-cased keys (for cache keys and explanations). */
  readonly values: ReadonlyMap<string, string | readonly string[]>;
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

function derivedKeys(p: RequestPrincipal, facts: PrincipalFacts, now: Date): Map<string, string | readonly string[]> {
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
  out.set('aws:currenttime', now.toISOString());
  out.set('aws:epochtime', String(Math.floor(now.getTime() / 1000)));
  return out;
}

function isServiceLinked(p: RequestPrincipal, facts: PrincipalFacts): boolean {
  if (p.serviceLinked !== undefined) return p.serviceLinked;
  const arn = facts.roleArn ?? (p.type === 'role' ? p.arn : undefined);
  return arn !== undefined && arn.includes(':role/aws-service-role/');
}

export function buildRequest(request: AuthorizationRequest, now: Date = new Date()): EvaluationRequest {
  const facts = principalFacts(request.principal);
  const values = derivedKeys(request.principal, facts, now);
  if (request.context) {
    for (const [k, v] of Object.entries(request.context)) if (v !== undefined) values.set(k.toLowerCase(), normalise(v));
  }
  const ctx: ConditionContext = {
    value: (key) => values.get(key),
    lookup: (key) => {
      const v = values.get(key);
      return typeof v === 'string' ? v : undefined;
    },
  };
  return {
    action: request.action,
    lowerAction: request.action.toLowerCase(),
    resource: request.resource,
    resourceAccount: request.resourceAccount ?? arnAccount(request.resource) ?? facts.account,
    principal: facts,
    serviceLinked: isServiceLinked(request.principal, facts),
    ctx,
    values,
  };
}
