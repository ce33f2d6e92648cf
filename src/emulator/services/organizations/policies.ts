/** Policies: CreatePolicy, DescribePolicy, UpdatePolicy, DeletePolicy, ListPolicies. */
import type * as ORG from '@aws-sdk/client-organizations';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import { isAttached } from './attachments.ts';
import { checkPolicyId, checkTags, ERRORS, invalidInput, managedOrganization, newPolicyId, page } from './common.ts';
import { checkPolicyContent } from './policy-content.ts';
import { findPolicy, policySummary } from './policy-lookup.ts';
import { checkPolicyType } from './policy-types.ts';
import type { Organization, OrgPolicy } from './state.ts';

function policyOutput(org: Organization, policy: OrgPolicy): ORG.Policy {
  return { PolicySummary: policySummary(org, policy), Content: policy.content };
}

function checkName(name: string): void {
  if (name.length < 1) throw invalidInput('MIN_LENGTH_EXCEEDED', 'You provided a policy name that is too short: use 1 to 128 characters.');
  if (name.length > 128) throw invalidInput('MAX_LENGTH_EXCEEDED', 'You provided a policy name that is too long: use 1 to 128 characters.');
}

function checkDescription(description: string | undefined): void {
  if (description !== undefined && description.length > 512) throw invalidInput('MAX_LENGTH_EXCEEDED', 'You provided a policy description that is too long: use up to 512 characters.');
}

function requireUniqueName(org: Organization, policy: Pick<OrgPolicy, 'name' | 'type'> & { id?: string }): void {
  for (const other of org.policies.values()) {
    if (other.id !== policy.id && other.type === policy.type && other.name === policy.name) {
      throw new AwsServiceError('DuplicatePolicyException', 'A policy with the same name already exists.');
    }
  }
}

export function createPolicy(input: ORG.CreatePolicyRequest, ctx: RequestContext): Output<ORG.CreatePolicyResponse> {
  const org = managedOrganization(ctx, true);
  const type = checkPolicyType(input.Type);
  checkName(input.Name!);
  checkDescription(input.Description);
  const tags = checkTags(input.Tags);
  if (org.featureSet !== 'ALL') {
    throw new AwsServiceError('PolicyTypeNotAvailableForOrganizationException', "You can't use the specified policy type with the feature set currently enabled for this organization. For example, you can enable SCPs only after you enable all features in the organization.");
  }
  requireUniqueName(org, { name: input.Name!, type });
  checkPolicyContent(type, input.Content!);
  const policy: OrgPolicy = { id: newPolicyId(), name: input.Name!, description: input.Description ?? '', type, content: input.Content!, awsManaged: false, tags, revision: 1 };
  org.policies.set(policy.id, policy);
  return { Policy: policyOutput(org, policy) };
}

export function describePolicy(input: ORG.DescribePolicyRequest, ctx: RequestContext): Output<ORG.DescribePolicyResponse> {
  const org = managedOrganization(ctx);
  checkPolicyId(input.PolicyId!);
  return { Policy: policyOutput(org, findPolicy(org, input.PolicyId!)) };
}

export function updatePolicy(input: ORG.UpdatePolicyRequest, ctx: RequestContext): Output<ORG.UpdatePolicyResponse> {
  const org = managedOrganization(ctx, true);
  checkPolicyId(input.PolicyId!);
  const policy = findPolicy(org, input.PolicyId!);
  if (policy.awsManaged) throw ERRORS.immutablePolicy();
  if (input.Name !== undefined) {
    checkName(input.Name);
    requireUniqueName(org, { id: policy.id, name: input.Name, type: policy.type });
  }
  checkDescription(input.Description);
  if (input.Content !== undefined) checkPolicyContent(policy.type, input.Content);
  if (input.Name !== undefined) policy.name = input.Name;
  if (input.Description !== undefined) policy.description = input.Description;
  if (input.Content !== undefined && input.Content !== policy.content) {
    policy.content = input.Content;
    policy.revision++;
  }
  return { Policy: policyOutput(org, policy) };
}

export function deletePolicy(input: ORG.DeletePolicyRequest, ctx: RequestContext): Output<unknown> {
  const org = managedOrganization(ctx, true);
  checkPolicyId(input.PolicyId!);
  const policy = findPolicy(org, input.PolicyId!);
  if (policy.awsManaged) throw ERRORS.immutablePolicy();
  if (isAttached(org, policy.id)) {
    throw new AwsServiceError('PolicyInUseException', 'The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.');
  }
  org.policies.delete(policy.id);
  return {};
}

export function listPolicies(input: ORG.ListPoliciesRequest, ctx: RequestContext): Output<ORG.ListPoliciesResponse> {
  const org = managedOrganization(ctx);
  const type = checkPolicyType(input.Filter);
  const policies = [...org.policies.values()].filter((p) => p.type === type).map((p) => policySummary(org, p));
  const { items, nextToken } = page(policies, input, ['policies', type]);
  return { Policies: items, NextToken: nextToken };
}
