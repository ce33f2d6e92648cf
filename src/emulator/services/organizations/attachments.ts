/**
 * Policies attached to the root, OUs and accounts: AttachPolicy, DetachPolicy, ListPoliciesForTarget,
 * ListTargetsForPolicy, and the bookkeeping other modules share (FullAWSAccess on new targets, a
 * target's removal, disabling a policy type).
 */
import type * as ORG from '@aws-sdk/client-organizations';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import { arns, checkPolicyId, checkTargetId, constraintViolation, ERRORS, FULL_AWS_ACCESS_ID, isAccountId, managedOrganization, page, visibleAccount } from './common.ts';
import { findPolicy, policySummary } from './policy-lookup.ts';
import { checkPolicyType } from './policy-types.ts';
import type { Organization, OrgPolicy, PolicyType } from './state.ts';

/** AWS allows ten policies of one type directly attached to a target (five before 2026-05-15). */
export const MAX_ATTACHED_PER_TYPE = 10;

export function attachedIds(org: Organization, targetId: string): string[] {
  return org.attachments.get(targetId) ?? [];
}

function attachedOfType(org: Organization, targetId: string, type: PolicyType): string[] {
  return attachedIds(org, targetId).filter((id) => org.policies.get(id)?.type === type);
}

/** The targets a policy is attached to, in a stable order (root, OUs, accounts). */
function targetsOf(org: Organization, policyId: string): string[] {
  return [...org.attachments.entries()].filter(([, ids]) => ids.includes(policyId)).map(([target]) => target);
}

function attach(org: Organization, targetId: string, policyId: string): void {
  const ids = attachedIds(org, targetId);
  if (!ids.includes(policyId)) org.attachments.set(targetId, [...ids, policyId]);
}

/** FullAWSAccess on every target (EnablePolicyType SERVICE_CONTROL_POLICY). */
export function attachEverywhere(org: Organization, policyId: string): void {
  attach(org, org.root.id, policyId);
  for (const id of org.ous.keys()) attach(org, id, policyId);
  for (const id of org.accounts.keys()) attach(org, id, policyId);
}

/** What a new OU or account gets: FullAWSAccess, when SCPs are enabled. */
export function attachDefaults(org: Organization, targetId: string): void {
  if (org.root.policyTypes.includes('SERVICE_CONTROL_POLICY')) attach(org, targetId, FULL_AWS_ACCESS_ID);
}

/** Forgets a target's attachments (its OU was deleted, its account left). */
export function forgetTarget(org: Organization, targetId: string): void {
  org.attachments.delete(targetId);
}

/** Detaches every policy of a type from every target (DisablePolicyType). */
export function detachType(org: Organization, type: PolicyType): void {
  for (const [target, ids] of org.attachments) {
    const kept = ids.filter((id) => org.policies.get(id)?.type !== type);
    if (kept.length) org.attachments.set(target, kept);
    else org.attachments.delete(target);
  }
}

export function isAttached(org: Organization, policyId: string): boolean {
  return targetsOf(org, policyId).length > 0;
}

/** The root, an OU, or a visible account, by id (TargetNotFoundException otherwise). */
function requireTarget(org: Organization, targetId: string, now: Date): void {
  checkTargetId(targetId);
  const exists = targetId === org.root.id || org.ous.has(targetId) || (isAccountId(targetId) && visibleAccount(org, targetId, now) !== undefined);
  if (!exists) throw ERRORS.targetNotFound();
}

function requireEnabled(org: Organization, policy: OrgPolicy): void {
  if (!org.root.policyTypes.includes(policy.type)) throw new AwsServiceError('PolicyTypeNotEnabledException', 'This operation can be performed only for enabled policy types.');
}

export function attachPolicy(input: ORG.AttachPolicyRequest, ctx: RequestContext): Output<unknown> {
  const org = managedOrganization(ctx, true);
  checkPolicyId(input.PolicyId!);
  const policy = findPolicy(org, input.PolicyId!);
  requireTarget(org, input.TargetId!, ctx.now);
  requireEnabled(org, policy);
  if (attachedIds(org, input.TargetId!).includes(policy.id)) {
    throw new AwsServiceError('DuplicatePolicyAttachmentException', 'The selected policy is already attached to the specified target.');
  }
  if (attachedOfType(org, input.TargetId!, policy.type).length >= MAX_ATTACHED_PER_TYPE) {
    throw constraintViolation('MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', 'You attempted to exceed the number of policies of a certain type that can be attached to an entity at one time.');
  }
  attach(org, input.TargetId!, policy.id);
  return {};
}

export function detachPolicy(input: ORG.DetachPolicyRequest, ctx: RequestContext): Output<unknown> {
  const org = managedOrganization(ctx, true);
  checkPolicyId(input.PolicyId!);
  const policy = findPolicy(org, input.PolicyId!);
  requireTarget(org, input.TargetId!, ctx.now);
  const ids = attachedIds(org, input.TargetId!);
  if (!ids.includes(policy.id)) throw new AwsServiceError('PolicyNotAttachedException', "The policy isn't attached to the specified target in the specified root.");
  // Every root, OU and account must keep at least one SCP: attach the replacement first.
  if (policy.type === 'SERVICE_CONTROL_POLICY' && attachedOfType(org, input.TargetId!, policy.type).length === 1) {
    throw constraintViolation('MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', 'You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a certain type required.');
  }
  const kept = ids.filter((id) => id !== policy.id);
  if (kept.length) org.attachments.set(input.TargetId!, kept);
  else org.attachments.delete(input.TargetId!);
  return {};
}

export function listPoliciesForTarget(input: ORG.ListPoliciesForTargetRequest, ctx: RequestContext): Output<ORG.ListPoliciesForTargetResponse> {
  const org = managedOrganization(ctx);
  const type = checkPolicyType(input.Filter);
  requireTarget(org, input.TargetId!, ctx.now);
  const policies = attachedOfType(org, input.TargetId!, type).map((id) => policySummary(org, org.policies.get(id)!));
  const { items, nextToken } = page(policies, input, ['policiesForTarget', input.TargetId, type]);
  return { Policies: items, NextToken: nextToken };
}

export function listTargetsForPolicy(input: ORG.ListTargetsForPolicyRequest, ctx: RequestContext): Output<ORG.ListTargetsForPolicyResponse> {
  const org = managedOrganization(ctx);
  checkPolicyId(input.PolicyId!);
  const policy = findPolicy(org, input.PolicyId!);
  const targets: ORG.PolicyTargetSummary[] = [];
  for (const id of targetsOf(org, policy.id)) {
    if (id === org.root.id) targets.push({ TargetId: id, Arn: arns.root(org), Name: org.root.name, Type: 'ROOT' });
    else if (org.ous.has(id)) targets.push({ TargetId: id, Arn: arns.ou(org, id), Name: org.ous.get(id)!.name, Type: 'ORGANIZATIONAL_UNIT' });
    else {
      const account = visibleAccount(org, id, ctx.now);
      if (account) targets.push({ TargetId: id, Arn: arns.account(org, id), Name: account.name, Type: 'ACCOUNT' });
    }
  }
  const { items, nextToken } = page(targets, input, ['targetsForPolicy', policy.id]);
  return { Targets: items, NextToken: nextToken };
}
