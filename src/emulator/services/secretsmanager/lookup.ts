/**
 * Finding the secret a SecretId names — by name, full ARN or partial ARN (without the six random
 * characters), as AWS resolves them — and bringing it up to the emulator's clock: a secret whose
 * recovery window ended is deleted, a rotation that fell due is performed.
 *
 * A full ARN may name a secret of another account; as on AWS, that works only when the secret's
 * resource policy allows the caller, and never for a secret encrypted with the default key.
 *
 * For IAM enforcement: `lookupSecret(state, secretId)` finds a secret without side effects, and
 * `Secret.resourcePolicy` is its policy document as stored.
 */
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { parseResourcePolicy, policyAllows } from '../resource-policy/resource-policy.ts';
import { checkSecretName, markedForDeletion, notFound, smError, smState } from './common.ts';
import { catchUpRotation } from './rotation-schedule.ts';
import type { Secret, SecretsManagerState } from './state.ts';

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/;

export type Phase = 'any' | 'live';

/** A secret of `state` by name, full ARN or partial ARN, without side effects. */
export function lookupSecret(state: SecretsManagerState, secretId: string): Secret | undefined {
  const m = SECRET_ARN.exec(secretId);
  if (!m) return state.secrets.get(secretId);
  const rest = m[3]!;
  for (const secret of state.secrets.values()) if (secret.arn === secretId) return secret;
  return state.secrets.get(rest);
}

/**
 * Purges the secret if its recovery window is over; performs due rotation. Undefined when gone.
 * Such changes are persisted even when the call only reads (ctx.stateChanged).
 */
export function refreshSecret(ctx: RequestContext, state: SecretsManagerState, secret: Secret): Secret | undefined {
  if (secret.deletedDate && secret.deletedDate.getTime() <= ctx.now.getTime()) {
    state.secrets.delete(secret.name);
    ctx.stateChanged();
    return undefined;
  }
  catchUpRotation(ctx, secret);
  return secret;
}

export function refreshAll(ctx: RequestContext, state: SecretsManagerState): void {
  for (const secret of [...state.secrets.values()]) refreshSecret(ctx, state, secret);
}

/**
 * The secret `secretId` names, for `operation`. `live` refuses a secret scheduled for deletion with
 * AWS's InvalidRequestException; `any` returns it (DescribeSecret, RestoreSecret, DeleteSecret …).
 */
export function findSecret(ctx: RequestContext, secretId: string, operation: string, phase: Phase): Secret {
  let accountId = ctx.accountId;
  const m = SECRET_ARN.exec(secretId);
  if (m) {
    if (m[1] !== ctx.region) throw notFound();
    accountId = m[2]!;
  } else if (!secretId.startsWith('arn:')) {
    checkSecretName(secretId);
  } else {
    throw notFound();
  }
  const state = accountId === ctx.accountId ? smState(ctx) : ctx.peekStateOf<SecretsManagerState>('secretsmanager', accountId) && smState(ctx, accountId);
  const found = state ? lookupSecret(state, secretId) : undefined;
  const secret = state && found && refreshSecret(ctx, state, found);
  if (!secret) throw notFound();
  if (accountId !== ctx.accountId) checkCrossAccount(ctx, secret, operation);
  if (phase === 'live' && secret.deletedDate) throw markedForDeletion();
  return secret;
}

function checkCrossAccount(ctx: RequestContext, secret: Secret, operation: string): void {
  const action = `secretsmanager:${operation}`;
  let allowed = false;
  try {
    allowed = secret.resourcePolicy !== undefined && policyAllows(parseResourcePolicy(secret.resourcePolicy, { requirePrincipal: true }), { accountId: ctx.principal.accountId, arn: ctx.principal.arn, roleArn: ctx.principal.session?.roleArn }, action, secret.arn);
  } catch {
    allowed = false;
  }
  if (!allowed) {
    throw new AwsServiceError('AccessDeniedException', `User: ${ctx.principal.arn} is not authorized to perform: ${action} on resource: ${secret.arn} because no resource-based policy allows the ${action} action`, { status: 400 });
  }
  if (secret.kmsKeyId === undefined && /SecretValue$/.test(operation)) {
    throw smError('InvalidRequestException', "You can't access a secret from a different AWS account if you encrypt the secret with the default KMS service key.");
  }
}
