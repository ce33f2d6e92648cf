/**
 * RotateSecret and CancelRotateSecret. The rotation configuration is recorded exactly (Lambda ARN,
 * AutomaticallyAfterDays or ScheduleExpression, Duration); since there is no Lambda to invoke, a
 * rotation is simulated (see rotation-schedule.ts): a new AWSCURRENT version with the same value.
 */
import type * as SM from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { AWSCURRENT, AWSPENDING, checkClientRequestToken, smError } from './common.ts';
import { findSecret } from './lookup.ts';
import { checkRotationRules, nextRotationDate, simulateRotation } from './rotation-schedule.ts';
import type { SecretsManagerState } from './state.ts';
import { versionWith } from './values.ts';

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$/;

export function rotateSecret(input: SM.RotateSecretRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.RotateSecretResponse> {
  checkClientRequestToken(input.ClientRequestToken);
  new ProblemList().maxLength('rotationLambdaARN', input.RotationLambdaARN, 2048).check();
  checkRotationRules(input.RotationRules);
  if (input.ExternalSecretRotationMetadata !== undefined || input.ExternalSecretRotationRoleArn !== undefined) {
    throw smError('InvalidParameterException', 'Rotation of externally managed secrets is not emulated.');
  }
  const secret = findSecret(ctx, input.SecretId!, 'RotateSecret', 'live');
  const lambdaArn = input.RotationLambdaARN || secret.rotation.lambdaArn;
  if (!lambdaArn) throw smError('InvalidRequestException', 'No Lambda rotation function ARN is associated with this secret.');
  if (!LAMBDA_ARN.test(lambdaArn)) {
    throw smError('InvalidParameterException', `${lambdaArn} is not the ARN of a Lambda function (arn:aws:lambda:<region>:<account>:function:<name>).`);
  }
  const pending = versionWith(secret, AWSPENDING);
  if (pending && !pending.stages.includes(AWSCURRENT)) throw smError('InvalidRequestException', "A previous rotation isn't complete. That rotation will be reattempted.");
  secret.rotation.enabled = true;
  secret.rotation.lambdaArn = lambdaArn;
  if (input.RotationRules) secret.rotation.rules = { ...input.RotationRules };
  secret.lastChangedDate = ctx.now;
  let versionId: string | undefined;
  if (input.RotateImmediately ?? true) {
    versionId = simulateRotation(ctx, secret, input.ClientRequestToken ?? randomUUID(), ctx.now);
  } else {
    // Without an immediate rotation, the first one happens in the next scheduled window.
    secret.rotation.nextRotationDate = nextRotationDate(secret.rotation.rules, secret.rotation.lastRotatedDate ?? ctx.now);
  }
  return { ARN: secret.arn, Name: secret.name, VersionId: versionId };
}

export function cancelRotateSecret(input: SM.CancelRotateSecretRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.CancelRotateSecretResponse> {
  const secret = findSecret(ctx, input.SecretId!, 'CancelRotateSecret', 'live');
  if (!secret.rotation.lambdaArn) {
    throw smError('InvalidRequestException', "You tried to enable rotation on a secret that doesn't already have a Lambda function ARN configured and you didn't include such an ARN as a parameter in this call.");
  }
  secret.rotation.enabled = false;
  secret.rotation.nextRotationDate = undefined;
  secret.lastChangedDate = ctx.now;
  return { ARN: secret.arn, Name: secret.name };
}
