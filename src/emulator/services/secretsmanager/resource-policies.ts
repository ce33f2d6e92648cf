/**
 * Secret resource policies: PutResourcePolicy (with BlockPublicPolicy), GetResourcePolicy,
 * DeleteResourcePolicy, ValidateResourcePolicy. Policies are stored as written.
 */
import type * as SM from '@aws-sdk/client-secrets-manager';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import { isPublicPolicy, parseResourcePolicy, type ParsedPolicy, PolicyParseError, policyDenies } from '../resource-policy/resource-policy.ts';
import type { Output } from '../define-service.ts';
import { smError } from './common.ts';
import { findSecret } from './lookup.ts';
import type { SecretsManagerState } from './state.ts';

function parse(text: string): ParsedPolicy {
  new ProblemList().minLength('resourcePolicy', text, 1).maxLength('resourcePolicy', text, 20_480).check();
  try {
    return parseResourcePolicy(text, { requirePrincipal: true });
  } catch (error) {
    if (error instanceof PolicyParseError) throw smError('MalformedPolicyDocumentException', `This policy has invalid syntax. (${error.message})`);
    throw error;
  }
}

const PUBLIC = 'The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the secret.';

export function putResourcePolicy(input: SM.PutResourcePolicyRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.PutResourcePolicyResponse> {
  const policy = parse(input.ResourcePolicy!);
  const secret = findSecret(ctx, input.SecretId!, 'PutResourcePolicy', 'live');
  if (input.BlockPublicPolicy && isPublicPolicy(policy)) throw smError('PublicPolicyException', PUBLIC);
  secret.resourcePolicy = input.ResourcePolicy!;
  secret.lastChangedDate = ctx.now;
  return { ARN: secret.arn, Name: secret.name };
}

export function getResourcePolicy(input: SM.GetResourcePolicyRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.GetResourcePolicyResponse> {
  const secret = findSecret(ctx, input.SecretId!, 'GetResourcePolicy', 'any');
  return { ARN: secret.arn, Name: secret.name, ResourcePolicy: secret.resourcePolicy };
}

export function deleteResourcePolicy(input: SM.DeleteResourcePolicyRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.DeleteResourcePolicyResponse> {
  const secret = findSecret(ctx, input.SecretId!, 'DeleteResourcePolicy', 'live');
  secret.resourcePolicy = undefined;
  secret.lastChangedDate = ctx.now;
  return { ARN: secret.arn, Name: secret.name };
}

/**
 * The checks AWS names: broad access (a wildcard principal without a condition that pins the
 * caller), and lockout (an unconditional Deny of secretsmanager:PutResourcePolicy to the caller).
 * Grammar problems answer MalformedPolicyDocumentException, as PutResourcePolicy would.
 */
export function validateResourcePolicy(input: SM.ValidateResourcePolicyRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.ValidateResourcePolicyResponse> {
  const policy = parse(input.ResourcePolicy!);
  const secret = input.SecretId !== undefined ? findSecret(ctx, input.SecretId, 'ValidateResourcePolicy', 'any') : undefined;
  const errors: SM.ValidationErrorsEntry[] = [];
  if (isPublicPolicy(policy)) {
    errors.push({ CheckName: 'BROAD_ACCESS', ErrorMessage: 'The policy grants a wildcard principal (*) access to the secret without a condition that limits it to known accounts, organizations or networks.' });
  }
  const resource = secret?.arn ?? `arn:aws:secretsmanager:${ctx.region}:${ctx.accountId}:secret:*`;
  const caller = { accountId: ctx.principal.accountId, arn: ctx.principal.arn, roleArn: ctx.principal.session?.roleArn };
  if (policyDenies(policy, caller, 'secretsmanager:PutResourcePolicy', resource)) errors.push({ CheckName: 'LOCKOUT', ErrorMessage: 'The policy denies you secretsmanager:PutResourcePolicy on this secret: you could not change or remove it afterwards.' });
  return { PolicyValidationPassed: errors.length === 0, ValidationErrors: errors };
}
