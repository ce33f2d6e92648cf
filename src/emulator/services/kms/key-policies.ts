/** Key policies: GetKeyPolicy, PutKeyPolicy, ListKeyPolicies (the only policy name is `default`). */
import type * as KMS from '@aws-sdk/client-kms';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { checkKeyAccess, kmsError, resolveKey } from './common.ts';
import { validateKeyPolicy } from './key-policy-validation.ts';
import type { KmsState } from './state.ts';

const KEY_ONLY = { aliases: false, crossAccount: false };

function checkPolicyName(name: string | undefined): void {
  new ProblemList().minLength('policyName', name, 1).maxLength('policyName', name, 128).pattern('policyName', name, /^[\w]+$/, '[\\w]+').check();
  if (name !== undefined && name !== 'default') throw kmsError('NotFoundException', 'No such policy exists');
}

export function getKeyPolicy(input: KMS.GetKeyPolicyRequest, ctx: RequestContext<KmsState>): Output<KMS.GetKeyPolicyResponse> {
  checkPolicyName(input.PolicyName);
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'GetKeyPolicy');
  return { Policy: key.policy, PolicyName: 'default' };
}

export function putKeyPolicy(input: KMS.PutKeyPolicyRequest, ctx: RequestContext<KmsState>): Output<Record<string, never>> {
  checkPolicyName(input.PolicyName);
  new ProblemList().minLength('policy', input.Policy, 1).maxLength('policy', input.Policy, 131_072).check();
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'PutKeyPolicy');
  validateKeyPolicy(ctx, input.Policy!, key.arn, input.BypassPolicyLockoutSafetyCheck === true);
  key.policy = input.Policy!;
  return {};
}

export function listKeyPolicies(input: KMS.ListKeyPoliciesRequest, ctx: RequestContext<KmsState>): Output<KMS.ListKeyPoliciesResponse> {
  new ProblemList().range('limit', input.Limit, 1, 1000).check();
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'ListKeyPolicies');
  return { PolicyNames: ['default'], Truncated: false };
}
