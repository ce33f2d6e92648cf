/**
 * IAM's policy simulator — SimulatePrincipalPolicy, SimulateCustomPolicy and
 * GetContextKeysFor{Principal,Custom}Policy — answered by the same policy engine that enforces
 * calls (src/emulator/policy/), so a simulation and a real call cannot disagree.
 *
 * - One EvaluationResult per action and resource (`*` when no ResourceArns), paged with
 *   MaxItems/Marker.
 * - Without a ResourcePolicy only the identity side is simulated (as IAM's simulator does): the
 *   resource counts as the caller's own, and KMS keys need no key policy. With one, the resource
 *   account (ResourceOwner, the ARN's account, or the caller's) decides whether the cross-account rules apply.
 * - SimulatePrincipalPolicy includes the entity's inline and managed policies (a user's groups too),
 *   its permissions boundary (PermissionsBoundaryPolicyInputList replaces it), PolicyInputList, and the
 *   SCPs of its account (OrganizationsDecisionDetail); PolicyExclusionList drops policies by ARN or name.
 * - MatchedStatements name each policy (PolicyInputList.N, PermissionsBoundaryPolicyInputList.N,
 *   the policy name, ResourcePolicy) with IAM's SourcePolicyType and the statement's position in
 *   the document text (statement-positions.ts).
 * - MissingContextValues lists keys read by conditions of statements for the action that neither
 *   ContextEntries nor the principal supplies.
 */
import type * as IAM from '@aws-sdk/client-iam';
import { parseArn } from '../../core/arn.ts';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import { authorize, contextKeysForAction, referencedContextKeys, validatePolicy, type ApplicablePolicies, type AuthorizationResult, type ContextValue, type MatchedStatement, type PolicyInput, type RequestPrincipal } from '../../policy/index.ts';
import type { Output } from '../define-service.ts';
import { serviceControlPolicies } from '../organizations/scp-hierarchy.ts';
import type { OrganizationsState } from '../organizations/state.ts';
import { iam, invalidInput, noSuchEntity, paginate } from './common.ts';
import { groupPolicies, permissionsBoundaryOf, rolePolicies, userPolicies, type PrincipalPolicy, type SourcePolicyType } from './principal-policies.ts';
import type { IamState } from './state.ts';
import { statementPositions, type StatementPosition } from './statement-positions.ts';

/** A policy taking part in a simulation, with what MatchedStatements reports about it. */
interface SimPolicy {
  /** Unique within the simulation; doubles as the engine's `source` to find the policy again. */
  readonly key: string;
  readonly sourcePolicyId: string;
  readonly sourcePolicyType?: SourcePolicyType;
  readonly document: string;
  readonly arn?: string;
  positions?: StatementPosition[];
}

interface Simulation {
  readonly principal: RequestPrincipal;
  readonly identity: SimPolicy[];
  readonly boundary?: SimPolicy;
  readonly resourcePolicy?: SimPolicy;
  readonly scps?: ApplicablePolicies['scps'];
  /** Context keys the principal supplies itself (aws:username …), lower-cased. */
  readonly derivedKeys: ReadonlySet<string>;
}

const CONTEXT_TYPES = new Set(['string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList', 'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList']);

function policyInputs(list: readonly string[] | undefined, member: 'PolicyInputList' | 'PermissionsBoundaryPolicyInputList', grammar: 'identity' | 'permissionsBoundary'): SimPolicy[] {
  return (list ?? []).map((document, i) => {
    const id = `${member}.${i + 1}`;
    const problem = validatePolicy(document, grammar);
    if (problem) throw invalidInput(`${id} is not a valid policy document: ${problem}`);
    return { key: id, sourcePolicyId: id, document };
  });
}

function fromPrincipalPolicy(p: PrincipalPolicy, index: number): SimPolicy {
  return { key: `principal.${index}`, sourcePolicyId: p.name, sourcePolicyType: p.sourceType, document: p.document, arn: p.arn };
}

function contextOf(entries: readonly IAM.ContextEntry[] | undefined): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const [i, e] of (entries ?? []).entries()) {
    const where = `ContextEntries.member.${i + 1}`;
    if (!e.ContextKeyName) throw invalidInput(`${where}.ContextKeyName is required.`);
    const type = e.ContextKeyType ?? 'string';
    if (!CONTEXT_TYPES.has(type)) throw invalidInput(`${where}.ContextKeyType '${type}' is not one of ${[...CONTEXT_TYPES].join(', ')}.`);
    const values = e.ContextKeyValues ?? [];
    if (type === 'numeric' || type === 'numericList') {
      for (const v of values) if (!Number.isFinite(Number(v))) throw invalidInput(`${where}: '${v}' is not a number (ContextKeyType ${type}).`);
    }
    if (type === 'boolean' || type === 'booleanList') {
      for (const v of values) if (!/^(true|false)$/i.test(v)) throw invalidInput(`${where}: '${v}' is not true or false (ContextKeyType ${type}).`);
    }
    if (type === 'date' || type === 'dateList') {
      for (const v of values) if (Number.isNaN(Date.parse(v)) && !/^\d+$/.test(v)) throw invalidInput(`${where}: '${v}' is not a date (ContextKeyType ${type}).`);
    }
    out[e.ContextKeyName] = type.endsWith('List') ? values : values.length === 1 ? values[0]! : values;
  }
  return out;
}

function resourceOwnerAccount(owner: string | undefined): string | undefined {
  if (owner === undefined) return undefined;
  if (/^\d{12}$/.test(owner)) return owner;
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(owner);
  if (!m) throw invalidInput(`ResourceOwner ${owner} must be an account root ARN such as arn:aws:iam::123456789012:root.`);
  return m[1];
}

function callerPrincipal(callerArn: string | undefined): RequestPrincipal | undefined {
  if (callerArn === undefined) return undefined;
  const arn = parseArn(callerArn);
  if (!arn || arn.service !== 'iam' || !arn.resource.startsWith('user/')) throw invalidInput(`CallerArn ${callerArn} must be the ARN of an IAM user.`);
  return { type: 'user', arn: callerArn, accountId: arn.accountId };
}

function checkCommon(input: { ActionNames?: string[]; ResourceArns?: string[]; MaxItems?: number }): void {
  const problems = new ProblemList().range('maxItems', input.MaxItems, 1, 1000);
  (input.ActionNames ?? []).forEach((a, i) => problems.minLength(`actionNames.${i + 1}.member`, a, 3).maxLength(`actionNames.${i + 1}.member`, a, 128));
  (input.ResourceArns ?? []).forEach((r, i) => problems.minLength(`resourceArns.${i + 1}.member`, r, 1).maxLength(`resourceArns.${i + 1}.member`, r, 2048));
  problems.check();
  if (!input.ActionNames?.length) throw invalidInput('ActionNames must name at least one action.');
  for (const action of input.ActionNames) {
    if (!/^[^:\s]+:[^:\s]+$/.test(action)) throw invalidInput(`Action ${action} is not in the form service:Action (for example s3:GetObject).`);
  }
}

function source(list: readonly SimPolicy[]): PolicyInput[] {
  return list.map((p) => ({ name: p.sourcePolicyId, arn: p.arn, source: p.key, document: p.document }));
}

function organizationsAllowed(result: AuthorizationResult, scps: ApplicablePolicies['scps']): boolean {
  if (!scps || scps.managementAccount) return true;
  const matched = result.matchedStatements.filter((m) => m.policyType === 'scp');
  if (matched.some((m) => m.effect === 'Deny')) return false;
  return scps.levels.every((level) => matched.some((m) => m.effect === 'Allow' && m.orgTarget === level.target));
}

function boundaryAllowed(result: AuthorizationResult): boolean {
  const matched = result.matchedStatements.filter((m) => m.policyType === 'permissionsBoundary');
  return matched.some((m) => m.effect === 'Allow') && !matched.some((m) => m.effect === 'Deny');
}

/** The statements that determine the result, as IAM reports them. */
function deciding(result: AuthorizationResult): MatchedStatement[] {
  const m = result.matchedStatements.filter((s) => s.policyType === 'identity' || s.policyType === 'resource');
  if (result.decision === 'explicitDeny') return result.matchedStatements.filter((s) => s.effect === 'Deny' && s.policyType !== 'scp');
  if (result.decision === 'allowed') return m.filter((s) => s.effect === 'Allow');
  return [];
}

function statementOutput(sim: Simulation, s: MatchedStatement): IAM.Statement {
  const all = [...sim.identity, ...(sim.boundary ? [sim.boundary] : []), ...(sim.resourcePolicy ? [sim.resourcePolicy] : [])];
  const policy = all.find((p) => p.key === s.policySource);
  if (!policy) return { SourcePolicyId: s.policyName };
  policy.positions ??= statementPositions(policy.document);
  const at = policy.positions[s.statementIndex];
  return {
    SourcePolicyId: policy.sourcePolicyId,
    ...(policy.sourcePolicyType ? { SourcePolicyType: policy.sourcePolicyType } : {}),
    ...(at ? { StartPosition: at.start, EndPosition: at.end } : {}),
  };
}

function run(ctx: RequestContext, sim: Simulation, input: Omit<IAM.SimulateCustomPolicyRequest, 'PolicyInputList'>): Output<IAM.SimulatePolicyResponse> {
  const context = contextOf(input.ContextEntries);
  const given = new Set(Object.keys(context).map((k) => k.toLowerCase()));
  const identityOnly = input.ResourcePolicy === undefined;
  const resourceAccount = resourceOwnerAccount(input.ResourceOwner);
  const policies: ApplicablePolicies = {
    identity: source(sim.identity),
    permissionsBoundary: sim.boundary ? source([sim.boundary])[0] : undefined,
    scps: sim.scps,
    resourcePolicy: sim.resourcePolicy ? { name: sim.resourcePolicy.sourcePolicyId, source: sim.resourcePolicy.key, document: sim.resourcePolicy.document } : undefined,
  };
  const resources = input.ResourceArns?.length ? input.ResourceArns : ['*'];
  const results: IAM.EvaluationResult[] = [];
  for (const action of input.ActionNames!) {
    const keys = contextKeysForAction(policies, action);
    const missing = keys.filter((k) => !given.has(k.toLowerCase()) && !sim.derivedKeys.has(k.toLowerCase()) && !/^aws:(CurrentTime|EpochTime)$/i.test(k));
    for (const resource of resources) {
      const result = authorize(
        { principal: sim.principal, action, resource, resourceAccount: resourceAccount ?? (resource.startsWith('arn:aws:s3:::') ? sim.principal.accountId ?? ctx.accountId : undefined), context, identityOnly },
        policies,
        ctx.now,
      );
      const matched = deciding(result).map((s) => statementOutput(sim, s));
      const boundary = sim.boundary ? { AllowedByPermissionsBoundary: boundaryAllowed(result) } : undefined;
      const evaluation: IAM.EvaluationResult = {
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: result.decision,
        MatchedStatements: matched,
        MissingContextValues: missing,
        ...(sim.scps ? { OrganizationsDecisionDetail: { AllowedByOrganizations: organizationsAllowed(result, sim.scps) } } : {}),
        ...(boundary ? { PermissionsBoundaryDecisionDetail: boundary } : {}),
      };
      if (resource !== '*') {
        evaluation.ResourceSpecificResults = [{ EvalResourceName: resource, EvalResourceDecision: result.decision, MatchedStatements: matched, MissingContextValues: missing, ...(boundary ? { PermissionsBoundaryDecisionDetail: boundary } : {}) }];
      }
      results.push(evaluation);
    }
  }
  const page = paginate(results, input.Marker, input.MaxItems);
  return { EvaluationResults: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

function resourcePolicyOf(document: string | undefined): SimPolicy | undefined {
  if (document === undefined) return undefined;
  const problem = validatePolicy(document, 'resource');
  if (problem) throw invalidInput(`ResourcePolicy is not a valid resource-based policy: ${problem}`);
  return { key: 'ResourcePolicy', sourcePolicyId: 'ResourcePolicy', sourcePolicyType: 'resource', document };
}

export function simulateCustomPolicy(input: IAM.SimulateCustomPolicyRequest, ctx: RequestContext): Output<IAM.SimulatePolicyResponse> {
  checkCommon(input);
  const identity = policyInputs(input.PolicyInputList, 'PolicyInputList', 'identity');
  const boundaries = policyInputs(input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList', 'permissionsBoundary');
  if (boundaries.length > 1) throw invalidInput('PermissionsBoundaryPolicyInputList takes one policy: a principal has at most one permissions boundary.');
  const resourcePolicy = resourcePolicyOf(input.ResourcePolicy);
  const caller = callerPrincipal(input.CallerArn);
  if (resourcePolicy && !caller) throw invalidInput('CallerArn is required when ResourcePolicy is given, so that the resource policy\'s Principal element has a caller to match.');
  const principal = caller ?? { type: 'user' as const, accountId: ctx.accountId };
  return run(ctx, { principal, identity, boundary: boundaries[0], resourcePolicy, derivedKeys: derived(principal) }, input);
}

function derived(p: RequestPrincipal): Set<string> {
  const keys = new Set(['aws:principalaccount', 'aws:principaltype', 'aws:principalisawsservice']);
  if (p.arn) keys.add('aws:principalarn');
  if (p.type === 'user' && p.arn) keys.add('aws:username');
  if (p.userId) keys.add('aws:userid');
  for (const k of Object.keys(p.tags ?? {})) keys.add(`aws:principaltag/${k.toLowerCase()}`);
  return keys;
}

interface Entity {
  readonly principal: RequestPrincipal;
  readonly policies: PrincipalPolicy[];
  readonly boundary?: PrincipalPolicy;
}

/** The user, group or role a PolicySourceArn names, in the caller's account. */
function entityOf(ctx: RequestContext, sourceArn: string): Entity {
  const arn = parseArn(sourceArn);
  const kind = arn?.resource.split('/')[0];
  if (!arn || arn.service !== 'iam' || (kind !== 'user' && kind !== 'group' && kind !== 'role')) {
    throw invalidInput(`PolicySourceArn ${sourceArn} must be the ARN of an IAM user, group or role.`);
  }
  const name = arn.resource.split('/').pop()!;
  const state: IamState | undefined = arn.accountId === ctx.accountId ? iam(ctx) : undefined;
  const tags = (list: readonly { Key: string; Value: string }[]) => Object.fromEntries(list.map((t) => [t.Key, t.Value]));
  if (kind === 'user') {
    const user = state?.users.get(name);
    if (!user || user.arn !== sourceArn) throw noSuchEntity(`The user with name ${name} cannot be found.`);
    return { principal: { type: 'user', arn: user.arn, accountId: arn.accountId, userId: user.userId, tags: tags(user.tags) }, policies: userPolicies(state!, user), boundary: permissionsBoundaryOf(state!, user) };
  }
  if (kind === 'role') {
    const role = state?.roles.get(name);
    if (!role || role.arn !== sourceArn) throw noSuchEntity(`The role with name ${name} cannot be found.`);
    return { principal: { type: 'role', arn: role.arn, accountId: arn.accountId, userId: role.roleId, tags: tags(role.tags) }, policies: rolePolicies(state!, role), boundary: permissionsBoundaryOf(state!, role) };
  }
  const group = state?.groups.get(name);
  if (!group || group.arn !== sourceArn) throw noSuchEntity(`The group with name ${name} cannot be found.`);
  return { principal: { type: 'user', accountId: arn.accountId }, policies: groupPolicies(state!, group) };
}

function wildcard(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(value);
}

/** PolicyExclusionList: by policy type, by (wildcard) ARN, or by inline policy name and holder. */
function excluded(p: PrincipalPolicy, exclusions: readonly IAM.PolicyIdentifier[] | undefined, boundary = false): boolean {
  return Boolean(exclusions?.some((e) => {
    if (e.PolicyType !== undefined) {
      if (e.PolicyType === 'permission-boundary') return boundary;
      if (boundary) return false;
      if (e.PolicyType === 'inline') return p.arn === undefined;
      return e.PolicyType === p.sourceType;
    }
    if (e.PolicyArn !== undefined) return p.arn !== undefined && wildcard(e.PolicyArn, p.arn);
    const inline = e.InlinePolicyIdentifier;
    if (inline && !boundary && p.arn === undefined) return inline.PolicyName === p.name && inline.AttachmentType === p.sourceType && wildcard(inline.AttachmentName ?? '*', p.holder ?? '');
    return false;
  }));
}

export function simulatePrincipalPolicy(input: IAM.SimulatePrincipalPolicyRequest, ctx: RequestContext): Output<IAM.SimulatePolicyResponse> {
  checkCommon(input);
  const entity = entityOf(ctx, input.PolicySourceArn!);
  const identity = [...entity.policies.filter((p) => !excluded(p, input.PolicyExclusionList)).map(fromPrincipalPolicy), ...policyInputs(input.PolicyInputList, 'PolicyInputList', 'identity')];
  const boundaries = policyInputs(input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList', 'permissionsBoundary');
  if (boundaries.length > 1) throw invalidInput('PermissionsBoundaryPolicyInputList takes one policy: a principal has at most one permissions boundary.');
  const boundary = boundaries[0] ?? (entity.boundary && !excluded(entity.boundary, input.PolicyExclusionList, true) ? { ...fromPrincipalPolicy(entity.boundary, -1), key: 'boundary' } : undefined);
  const resourcePolicy = resourcePolicyOf(input.ResourcePolicy);
  const caller = callerPrincipal(input.CallerArn);
  if (resourcePolicy && !caller && entity.principal.arn === undefined) throw invalidInput('CallerArn is required when ResourcePolicy is given and PolicySourceArn is not a user or role.');
  const principal = caller ? { ...caller, tags: entity.principal.tags } : entity.principal;
  const hierarchy = serviceControlPolicies(ctx.accountId, (id) => ctx.peekStateOf<OrganizationsState>('organizations', id));
  const scps = input.PolicyExclusionList?.some((e) => e.PolicyType === 'scp') ? undefined : hierarchy;
  return run(ctx, {
    principal,
    identity,
    boundary,
    resourcePolicy,
    scps: scps && { managementAccount: scps.managementAccount, levels: scps.levels.map((l) => ({ target: l.target, policies: l.policies.map((p) => ({ name: p.name, arn: p.arn, source: p.source, document: p.document })) })) },
    derivedKeys: derived(principal),
  }, input);
}

// ── context keys ─────────────────────────────────────────────────────────────────────────────────

function keysOf(policies: readonly { document: string }[], member: string): string[] {
  return referencedContextKeys({ identity: policies.map((p, i) => ({ name: `${member}.${i + 1}`, document: p.document })) });
}

export function getContextKeysForCustomPolicy(input: IAM.GetContextKeysForCustomPolicyRequest, _ctx: RequestContext): Output<IAM.GetContextKeysForPolicyResponse> {
  const policies = (input.PolicyInputList ?? []).map((document, i) => {
    const problem = validatePolicy(document, 'identity') && validatePolicy(document, 'resource');
    if (problem) throw invalidInput(`PolicyInputList.${i + 1} is not a valid policy document: ${problem}`);
    return { document };
  });
  return { ContextKeyNames: contextKeyNames(policies, 'PolicyInputList') };
}

/** Keys of identity and resource policies alike (a resource policy's grammar differs only in Principal). */
function contextKeyNames(policies: readonly { document: string }[], member: string): string[] {
  const names = new Map<string, string>();
  for (const [i, p] of policies.entries()) {
    const grammar = validatePolicy(p.document, 'identity') === undefined ? 'identity' : 'resource';
    const keys = grammar === 'identity' ? keysOf([p], member) : referencedContextKeys({ resourcePolicy: { name: `${member}.${i + 1}`, document: p.document } });
    for (const k of keys) if (!names.has(k.toLowerCase())) names.set(k.toLowerCase(), k);
  }
  return [...names.values()];
}

export function getContextKeysForPrincipalPolicy(input: IAM.GetContextKeysForPrincipalPolicyRequest, ctx: RequestContext): Output<IAM.GetContextKeysForPolicyResponse> {
  const entity = entityOf(ctx, input.PolicySourceArn!);
  const extra = (input.PolicyInputList ?? []).map((document, i) => {
    const problem = validatePolicy(document, 'identity');
    if (problem) throw invalidInput(`PolicyInputList.${i + 1} is not a valid policy document: ${problem}`);
    return { document };
  });
  return { ContextKeyNames: contextKeyNames([...entity.policies, ...(entity.boundary ? [entity.boundary] : []), ...extra], 'policy') };
}
