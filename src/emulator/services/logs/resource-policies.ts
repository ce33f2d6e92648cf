/**
 * Account-level resource policies (PutResourcePolicy, DescribeResourcePolicies,
 * DeleteResourcePolicy): what lets services such as EventBridge and Route 53 write to log groups.
 * Stored and returned; the emulator does not enforce them on deliveries.
 */
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { type Ctx, invalidParameter } from './common.ts';

const MAX_POLICIES = 10;

export function putResourcePolicy(input: Logs.PutResourcePolicyRequest, ctx: Ctx): Output<Logs.PutResourcePolicyResponse> {
  if (input.resourceArn !== undefined) throw invalidParameter('Resource policies on a single log group (resourceArn) are not supported by this emulator; put an account-level policy.');
  new ProblemList().maxLength('policyDocument', input.policyDocument, 5120).check();
  if (input.policyName === undefined || input.policyDocument === undefined) throw invalidParameter('policyName and policyDocument are required.');
  try {
    JSON.parse(input.policyDocument);
  } catch {
    throw invalidParameter('Policy document is not valid JSON.');
  }
  const policies = ctx.state().resourcePolicies;
  if (!policies.has(input.policyName) && policies.size >= MAX_POLICIES) throw new AwsServiceError('LimitExceededException', 'Resource limit exceeded.');
  const policy = { policyName: input.policyName, policyDocument: input.policyDocument, lastUpdatedTime: ctx.now.getTime() };
  policies.set(input.policyName, policy);
  return { resourcePolicy: { ...policy, policyScope: 'ACCOUNT' } };
}

export function describeResourcePolicies(_input: Logs.DescribeResourcePoliciesRequest, ctx: Ctx): Output<Logs.DescribeResourcePoliciesResponse> {
  return { resourcePolicies: [...ctx.state().resourcePolicies.values()].map((p) => ({ ...p, policyScope: 'ACCOUNT' })) };
}

export function deleteResourcePolicy(input: Logs.DeleteResourcePolicyRequest, ctx: Ctx): Output<Record<string, never>> {
  if (input.policyName === undefined || !ctx.state().resourcePolicies.delete(input.policyName)) throw new AwsServiceError('ResourceNotFoundException', 'Policy with name [' + (input.policyName ?? '') + '] does not exist');
  return {};
}
