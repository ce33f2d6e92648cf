/**
 * The engine: compiles what it is given (once), builds the request context, consults the decision
 * cache, and otherwise runs the evaluation logic. One instance serves enforcement, the IAM
 * Simulate* APIs and the learners' explanation endpoint, so all three always agree.
 */
import { DecisionCache } from './cache.ts';
import { decide, type CompiledPolicySet, type OrgSet } from './evaluation/decide.ts';
import { buildRequest, type EvaluationRequest } from './evaluation/request-context.ts';
import { toCompiled, type CompiledPolicy } from './language/compiled-policy.ts';
import type { ApplicablePolicies, AuthorizationRequest, AuthorizationResult, OrganizationPolicies, PolicyType } from './types.ts';

export interface PolicyEngineOptions {
  /** Keep answers in a decision cache (default true). */
  cache?: boolean;
  /** Most answers kept (default 10,000); the least recently used go first. */
  cacheCapacity?: number;
  /** The clock for aws:CurrentTime and aws:EpochTime (tests pin it). */
  now?: () => Date;
}

export interface PolicyEngine {
  authorize(request: AuthorizationRequest, policies: ApplicablePolicies): AuthorizationResult;
  /** Forget every cached answer and bump the generation. Call when any policy, tag or organisation changes. */
  invalidate(): number;
  readonly generation: number;
  readonly cacheStats: { size: number; hits: number; misses: number; generation: number };
}

function compileOrg(org: OrganizationPolicies | undefined, type: PolicyType): OrgSet | undefined {
  if (!org) return undefined;
  return {
    managementAccount: org.managementAccount === true,
    levels: org.levels.map((level) => ({ target: level.target, policies: level.policies.map((p) => toCompiled(p, type)) })),
  };
}

export function compileSet(policies: ApplicablePolicies): CompiledPolicySet {
  return {
    identity: (policies.identity ?? []).map((p) => toCompiled(p, 'identity')),
    permissionsBoundary: policies.permissionsBoundary ? toCompiled(policies.permissionsBoundary, 'permissionsBoundary') : undefined,
    sessionPolicies: policies.sessionPolicies?.map((p) => toCompiled(p, 'session')),
    scps: compileOrg(policies.scps, 'scp'),
    rcps: compileOrg(policies.rcps, 'rcp'),
    resourcePolicy: policies.resourcePolicy ? toCompiled(policies.resourcePolicy, 'resource') : undefined,
  };
}

function orgSignature(org: OrgSet | undefined): string {
  if (!org) return '-';
  return `${org.managementAccount ? 'M' : ''}${org.levels.map((l) => `${l.target}:${l.policies.map((p) => p.id).join(',')}`).join('/')}`;
}

function setSignature(set: CompiledPolicySet): string {
  const ids = (list: readonly CompiledPolicy[] | undefined) => (list ? list.map((p) => p.id).join(',') : '-');
  return [ids(set.identity), set.permissionsBoundary?.id ?? '-', ids(set.sessionPolicies), orgSignature(set.scps), orgSignature(set.rcps), set.resourcePolicy?.id ?? '-'].join('|');
}

function allPolicies(set: CompiledPolicySet): CompiledPolicy[] {
  const list = [...set.identity, ...(set.sessionPolicies ?? [])];
  if (set.permissionsBoundary) list.push(set.permissionsBoundary);
  if (set.resourcePolicy) list.push(set.resourcePolicy);
  for (const org of [set.scps, set.rcps]) if (org) for (const level of org.levels) list.push(...level.policies);
  return list;
}

const SEP = '\u0001';

export function createPolicyEngine(options: PolicyEngineOptions = {}): PolicyEngine {
  const useCache = options.cache !== false;
  const cache = new DecisionCache(options.cacheCapacity);
  const now = options.now ?? (() => new Date());
  // The context keys a given policy set reads, so the cache key holds only what can change the answer.
  const keysBySignature = new Map<string, readonly string[]>();

  const relevantKeys = (signature: string, set: CompiledPolicySet): readonly string[] => {
    let keys = keysBySignature.get(signature);
    if (!keys) {
      const all = new Set<string>();
      for (const p of allPolicies(set)) for (const k of p.body.keys) all.add(k);
      keys = [...all].sort();
      if (keysBySignature.size > 5000) keysBySignature.clear();
      keysBySignature.set(signature, keys);
    }
    return keys;
  };

  const cacheKey = (req: EvaluationRequest, signature: string, keys: readonly string[]): string => {
    const p = req.principal;
    let key = `${cache.generation}${SEP}${p.type}${SEP}${p.arn ?? ''}${SEP}${p.roleArn ?? ''}${SEP}${p.account ?? ''}${SEP}${p.serviceName ?? ''}${SEP}${p.canonicalUserId ?? ''}${SEP}${req.serviceLinked ? 1 : 0}${req.identityOnly ? 1 : 0}${SEP}${req.lowerAction}${SEP}${req.resource}${SEP}${req.resourceAccount ?? ''}${SEP}${signature}`;
    for (const k of keys) {
      const v = req.ctx.value(k);
      key += `${SEP}${k}=${v === undefined ? '\u0000' : typeof v === 'string' ? v : `[${v.join('\u0002')}]`}`;
    }
    return key;
  };

  return {
    authorize(request, policies) {
      const set = compileSet(policies);
      const req = buildRequest(request, now);
      if (!useCache) return decide(req, set);
      const signature = setSignature(set);
      const key = cacheKey(req, signature, relevantKeys(signature, set));
      const hit = cache.get(key);
      if (hit) return { ...hit, cached: true };
      const result = decide(req, set);
      Object.freeze(result.matchedStatements);
      cache.set(key, result);
      return result;
    },
    invalidate: () => cache.invalidate(),
    get generation() {
      return cache.generation;
    },
    get cacheStats() {
      return cache.stats;
    },
  };
}

/** One evaluation without a cache (simulation, tests). */
export function authorize(request: AuthorizationRequest, policies: ApplicablePolicies, now: Date = new Date()): AuthorizationResult {
  return decide(buildRequest(request, now), compileSet(policies));
}

/**
 * The context keys the policies read (conditions and policy variables), as first written: what
 * IAM's GetContextKeysForPrincipalPolicy returns, and the candidates for MissingContextValues.
 */
export function referencedContextKeys(policies: ApplicablePolicies): string[] {
  const names = new Map<string, string>();
  for (const p of allPolicies(compileSet(policies))) {
    p.body.keys.forEach((k, i) => {
      if (!names.has(k)) names.set(k, p.body.keyNames[i]!);
    });
  }
  return [...names.values()];
}

/**
 * The context keys read by the conditions of statements that apply to `action` (whatever their
 * resource or principal): what IAM's simulator reports as MissingContextValues when the request
 * does not supply them.
 */
export function contextKeysForAction(policies: ApplicablePolicies, action: string): string[] {
  const lower = action.toLowerCase();
  const names = new Map<string, string>();
  for (const p of allPolicies(compileSet(policies))) {
    for (const s of p.body.statements) {
      if (s.action(lower) === s.notAction) continue;
      for (const c of s.conditions) if (!names.has(c.key.toLowerCase())) names.set(c.key.toLowerCase(), c.key);
    }
  }
  return [...names.values()];
}
