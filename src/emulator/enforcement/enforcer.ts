/**
 * IAM enforcement: the pipeline's authorize hook. For every call it works out what the call needs
 * (the service's resolver: action, resource ARN, resource policy and tags, condition keys), who is
 * calling (principal, identity policies, permissions boundary, session policies, SCPs), adds the
 * request's global keys (aws:SecureTransport, aws:SourceIp …), asks the policy engine, applies what
 * S3's ACLs and Block Public Access add, logs the decision for /_mlsec/explain, and refuses with
 * AWS's AccessDenied in the protocol of the request.
 *
 * Caches: principals' compiled policy sets, per access key, until IAM or Organizations change (a
 * generation counter bumped by the record hook after every successful IAM/Organizations write,
 * and by resets and loads); compiled documents, per text; the engine's decision cache, which the
 * same generation counter invalidates.
 */
import type { Principal } from '../auth/principal.ts';
import type { OnBehalfRequest } from '../core/context.ts';
import type { ContextValue, PolicyEngine } from '../policy/index.ts';
import { createPolicyEngine } from '../policy/index.ts';
import type { Call } from '../pipeline/hooks.ts';
import type { ServiceRouter } from '../pipeline/service-router.ts';
import type { World } from '../state/world.ts';
import type { AccessCheck, ResolverCall, StateReader } from './access-check.ts';
import { accessDeniedError } from './access-denied.ts';
import { DecisionLog, type Evaluation } from './decision-log.ts';
import { PolicyCompiler } from './policy-compiler.ts';
import { buildPrincipalView, type PrincipalView } from './principal-view.ts';
import { checksFor } from './resources/index.ts';
import { adjustForS3 } from './s3-public-access.ts';
import type { EnforcementScope } from './tenant-scope.ts';

export interface EnforcerOptions {
  readonly world: World;
  readonly router: ServiceRouter;
  readonly log: (message: string) => void;
  readonly now: () => number;
  /** Decisions kept per account for /_mlsec/explain (default 500). */
  readonly decisionsPerAccount?: number;
  /** Only the calls this scope covers are evaluated (strict tenant accounts); default: every call. */
  readonly scope?: EnforcementScope;
}

/** Services whose writes can change who may do what (identity policies, groups, tags, SCPs). */
const POLICY_SERVICES = new Set(['iam', 'organizations']);
const READ_ONLY = /^(Get|List|Describe|Simulate|Generate)/;
const VIEW_CACHE_LIMIT = 10_000;
const ROOT_BUCKET_POLICY_ACTIONS = new Set(['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy']);

function sourceIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip || '127.0.0.1';
}

function definedContext(context: Readonly<Record<string, ContextValue | undefined>>): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const [k, v] of Object.entries(context)) if (v !== undefined) out[k] = v;
  return out;
}

export class IamEnforcer {
  readonly engine: PolicyEngine;
  readonly decisions: DecisionLog;
  readonly compiler: PolicyCompiler;
  readonly read: StateReader;
  private readonly options: EnforcerOptions;
  private generation = 0;
  private worldGeneration: number;
  private readonly views = new Map<string, PrincipalView>();

  constructor(options: EnforcerOptions) {
    this.options = options;
    this.engine = createPolicyEngine({ now: () => new Date(options.now()) });
    this.decisions = new DecisionLog(options.decisionsPerAccount);
    this.compiler = new PolicyCompiler(options.log);
    this.worldGeneration = options.world.generation;
    this.read = <S>(serviceId: string, accountId: string, region?: string): S | undefined => {
      const scope = options.router.get(serviceId)?.definition.state?.scope;
      if (!scope) return undefined;
      return options.world.peekServiceState<S>(accountId, serviceId, scope === 'region' ? region : undefined);
    };
  }

  /** Forget cached principals and decisions: IAM or Organizations changed. */
  invalidate(): void {
    this.generation++;
    this.views.clear();
    this.engine.invalidate();
  }

  /** The record hook: a successful write to IAM or Organizations invalidates the caches. */
  readonly noteChange = (call: Readonly<Call>): void => {
    if (call.error || !call.service || !call.operation || !POLICY_SERVICES.has(call.service) || READ_ONLY.test(call.operation)) return;
    this.invalidate();
  };

  reset(accountId?: string): void {
    this.decisions.reset(accountId);
    this.invalidate();
  }

  get status(): Record<string, unknown> {
    return { enabled: true, ...(this.options.scope ? { scope: 'strict tenant accounts' } : {}), generation: this.generation, decisionsKept: this.decisions.size, principalsCached: this.views.size, compiledPolicies: this.compiler.size, decisionCache: this.engine.cacheStats };
  }

  private view(principal: Principal): PrincipalView {
    if (this.options.world.generation !== this.worldGeneration) {
      this.worldGeneration = this.options.world.generation;
      this.invalidate();
    }
    const key = principal.accessKeyId ?? `${principal.type}|${principal.arn}`;
    let view = this.views.get(key);
    if (!view) {
      view = buildPrincipalView(principal, this.read, this.compiler);
      if (this.views.size >= VIEW_CACHE_LIMIT) this.views.clear();
      this.views.set(key, view);
    }
    return view;
  }

  private resolverCall(call: Readonly<Call>, service: string, operation: string, input: Readonly<Record<string, unknown>>): ResolverCall {
    return {
      service,
      operation,
      input,
      accountId: call.accountId!,
      region: call.region!,
      principal: call.principal!,
      signature: call.signature,
      read: this.read,
      accountIds: () => this.options.world.accountIds(),
    };
  }

  private evaluate(call: Readonly<Call>, view: PrincipalView, check: AccessCheck, viaService?: string): Evaluation {
    const principal = call.principal!;
    const context: Record<string, ContextValue | undefined> = {
      'aws:SecureTransport': call.secure,
      'aws:SourceIp': sourceIp(call.sourceIp),
      'aws:RequestedRegion': call.region,
      'aws:ViaAWSService': viaService !== undefined,
      'aws:PrincipalOrgID': view.orgId,
      'aws:PrincipalOrgPaths': view.orgPaths,
      'aws:MultiFactorAuthPresent': principal.session ? principal.session.mfaAuthenticated === true : undefined,
      'aws:TokenIssueTime': principal.session?.issuedAt,
    };
    if (viaService !== undefined) {
      context['aws:CalledVia'] = [`${viaService}.amazonaws.com`];
      context['aws:CalledViaFirst'] = `${viaService}.amazonaws.com`;
      context['aws:CalledViaLast'] = `${viaService}.amazonaws.com`;
    }
    if (check.resourceTags) for (const [k, v] of Object.entries(check.resourceTags)) context[`aws:ResourceTag/${k}`] = v;
    if (check.context) Object.assign(context, check.context);

    const rp = check.resourcePolicy;
    const resourcePolicy = rp && this.compiler.compile(`resource|${rp.kind}|${rp.arn}`, { name: rp.name, arn: rp.arn, source: rp.source, document: rp.document, kind: rp.kind }, 'resource');
    let result = this.engine.authorize(
      { principal: view.principal, action: check.action, resource: check.resource, resourceAccount: check.resourceAccount, context },
      { identity: view.identity, permissionsBoundary: view.permissionsBoundary, sessionPolicies: view.sessionPolicies, scps: view.scps, resourcePolicy },
    );
    let s3: string | undefined;
    if (check.s3) {
      const adjustment = adjustForS3(result, check.s3, { anonymous: principal.type === 'Anonymous', accountId: principal.accountId });
      if (adjustment?.outcome === 'allowed') {
        result = { ...result, decision: 'allowed', decidedBy: 'resource-based policy', reason: undefined, message: undefined, summary: adjustment.summary };
        s3 = adjustment.summary;
      } else if (adjustment?.outcome === 'blocked') {
        const reason = 'because public policies are blocked by the RestrictPublicBuckets block public access setting';
        result = { ...result, decision: 'implicitDeny', reason, message: `User: ${principal.arn} is not authorized to perform: ${check.action} on resource: ${check.resource} ${reason}`, summary: adjustment.summary };
        s3 = adjustment.summary;
      }
    }
    if (result.decision !== 'allowed' && result.decidedBy === 'resource-based policy' && principal.type === 'Root' && check.s3?.bucketOwner === principal.accountId && ROOT_BUCKET_POLICY_ACTIONS.has(check.action)) {
      // S3: "the root principal in a bucket owner's account can perform GetBucketPolicy,
      // PutBucketPolicy and DeleteBucketPolicy even if their bucket policy explicitly denies" it —
      // only SCPs (and VPC endpoint policies) can stop it, so no bucket policy locks its owner out.
      const summary = `${check.action}: allowed — the root user of the bucket owner's account may always read, replace or delete the bucket policy, whatever that policy says`;
      result = { ...result, decision: 'allowed', decidedBy: 'root user', reason: undefined, message: undefined, summary };
    }
    return {
      action: check.action,
      resource: check.resource,
      resourceAccount: check.resourceAccount,
      decision: result.decision,
      decidedBy: result.decidedBy,
      reason: result.reason,
      message: result.message,
      summary: result.summary,
      matchedStatements: result.matchedStatements,
      context: definedContext(context),
      viaService,
      s3,
    };
  }

  /** The authorize hook. */
  readonly authorize = (call: Readonly<Call>): void => {
    if (!call.service || !call.operation || !call.principal || !call.accountId || !call.region) return;
    const scope = this.options.scope;
    if (scope && !scope.active()) return;
    const checks = checksFor(this.resolverCall(call, call.service, call.operation, call.input ?? {}));
    if (scope && !scope.covers(call, checks)) return;
    const view = this.view(call.principal);
    const evaluations: Evaluation[] = [];
    let denied: Evaluation | undefined;
    for (const check of checks) {
      const evaluation = this.evaluate(call, view, check);
      evaluations.push(evaluation);
      if (evaluation.decision !== 'allowed') {
        denied = evaluation;
        break;
      }
    }
    const principal = call.principal;
    // The log keeps the message exactly as the caller received it (S3 quotes the resource …).
    const error = denied && accessDeniedError(call.protocol, denied.message ?? `User: ${principal.arn} is not authorized to perform: ${denied.action}`, { anonymous: principal.type === 'Anonymous', resource: denied.resource });
    if (denied && error) evaluations[evaluations.length - 1] = { ...denied, message: error.message };
    this.decisions.add({
      requestId: call.requestId,
      time: call.receivedAt.toISOString(),
      accountId: call.accountId,
      region: call.region,
      service: call.service,
      operation: call.operation,
      principal: { type: principal.type, arn: principal.arn, accessKeyId: principal.accessKeyId },
      sourceIp: sourceIp(call.sourceIp),
      secure: call.secure,
      decision: denied?.decision ?? 'allowed',
      evaluations,
    });
    if (error) throw error;
  };

  /** For `ctx.authorizeOnBehalf`: the caller's permission for work a service does for it in another service. */
  readonly onBehalf = (call: Readonly<Call>, request: OnBehalfRequest): void => {
    if (!call.principal || !call.accountId || !call.region) return;
    const scope = this.options.scope;
    if (scope && !scope.active()) return;
    const checks = checksFor(this.resolverCall(call, request.service, request.operation, request.input));
    if (scope && !scope.covers(call, checks)) return;
    const view = this.view(call.principal);
    const via = `${request.viaService}.${call.region}.amazonaws.com`;
    for (const check of checks) {
      const extra = request.service === 'kms' ? { 'kms:ViaService': via } : {};
      const evaluation = this.evaluate(call, view, { ...check, context: { ...check.context, ...extra } }, request.viaService);
      this.decisions.append(call.requestId, evaluation);
      if (evaluation.decision !== 'allowed') {
        const protocol = this.options.router.get(request.service)?.definition.protocol;
        throw accessDeniedError(protocol, evaluation.message ?? `User: ${call.principal.arn} is not authorized to perform: ${check.action}`, { resource: check.resource });
      }
    }
  };
}
