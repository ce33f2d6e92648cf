/** Secret versions: GetSecretValue, PutSecretValue, UpdateSecretVersionStage, ListSecretVersionIds. */
import type * as SM from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { AWSCURRENT, checkClientRequestToken, dayOf, pageOf, smError } from './common.ts';
import { findSecret } from './lookup.ts';
import type { SecretsManagerState } from './state.ts';
import { addVersion, attachStages, decryptValue, pruneDeprecated, sameValue, valueOf, valueOutput, versionWith } from './values.ts';

const MAX_STAGES_PER_VERSION = 20;

function checkStages(stages: readonly string[] | undefined, member: string): void {
  const problems = new ProblemList();
  (stages ?? []).forEach((s, i) => problems.minLength(`${member}.${i + 1}.member`, s, 1).maxLength(`${member}.${i + 1}.member`, s, 256));
  problems.check();
  if ((stages?.length ?? 0) > MAX_STAGES_PER_VERSION) throw smError('LimitExceededException', `A version can have at most ${MAX_STAGES_PER_VERSION} staging labels.`);
}

export function getSecretValue(input: SM.GetSecretValueRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.GetSecretValueResponse> {
  new ProblemList().minLength('versionId', input.VersionId, 32).maxLength('versionId', input.VersionId, 64).minLength('versionStage', input.VersionStage, 1).maxLength('versionStage', input.VersionStage, 256).check();
  const secret = findSecret(ctx, input.SecretId!, 'GetSecretValue', 'live');
  let version;
  if (input.VersionId !== undefined) {
    version = secret.versions.get(input.VersionId);
    if (!version) throw smError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${input.VersionId}`);
    if (input.VersionStage !== undefined && !version.stages.includes(input.VersionStage)) {
      throw smError('InvalidRequestException', 'You provided a VersionStage that is not associated to the provided VersionId.');
    }
  } else {
    const stage = input.VersionStage ?? AWSCURRENT;
    version = versionWith(secret, stage);
    if (!version || !version.value) throw smError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for staging label: ${stage}`);
  }
  if (!version.value) throw smError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${version.versionId}`);
  const value = decryptValue(ctx, secret, version);
  const today = dayOf(ctx.now);
  // LastAccessedDate is state a read writes: persist it when it moves (once a day at most).
  if (secret.lastAccessedDate?.getTime() !== today.getTime() || version.lastAccessedDate?.getTime() !== today.getTime()) ctx.stateChanged();
  secret.lastAccessedDate = today;
  version.lastAccessedDate = today;
  return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId, ...valueOutput(value), VersionStages: [...version.stages], CreatedDate: version.createdDate };
}

export function putSecretValue(input: SM.PutSecretValueRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.PutSecretValueResponse> {
  checkClientRequestToken(input.ClientRequestToken);
  checkStages(input.VersionStages, 'versionStages');
  const value = valueOf(input);
  if (!value) throw smError('InvalidRequestException', 'You must provide either SecretString or SecretBinary.');
  const secret = findSecret(ctx, input.SecretId!, 'PutSecretValue', 'live');
  const versionId = input.ClientRequestToken ?? randomUUID();
  const stages = input.VersionStages ?? [AWSCURRENT];
  const existing = secret.versions.get(versionId);
  if (existing) {
    // A retry with the same token and value changes nothing; the same token with another value is refused.
    if (!sameValue(decryptValue(ctx, secret, existing), value)) {
      throw smError('ResourceExistsException', `You can't use ClientRequestToken ${versionId} because that value is already in use for a version of secret ${secret.arn}.`);
    }
    return { ARN: secret.arn, Name: secret.name, VersionId: versionId, VersionStages: [...existing.stages] };
  }
  const version = addVersion(ctx, secret, versionId, value, stages);
  return { ARN: secret.arn, Name: secret.name, VersionId: versionId, VersionStages: [...version.stages] };
}

export function updateSecretVersionStage(input: SM.UpdateSecretVersionStageRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.UpdateSecretVersionStageResponse> {
  const stage = input.VersionStage!;
  new ProblemList().minLength('versionStage', stage, 1).maxLength('versionStage', stage, 256).check();
  const secret = findSecret(ctx, input.SecretId!, 'UpdateSecretVersionStage', 'live');
  const holder = versionWith(secret, stage);
  const from = input.RemoveFromVersionId;
  const to = input.MoveToVersionId;
  if (from !== undefined && !secret.versions.has(from)) throw smError('InvalidParameterException', `Not a valid version: ${from}`);
  if (to !== undefined && !secret.versions.has(to)) throw smError('InvalidParameterException', `Not a valid version: ${to}`);
  if (from !== undefined && holder?.versionId !== from) throw smError('InvalidParameterException', `Version stage ${stage} not found in version ${from}`);
  if (to !== undefined && holder && holder.versionId !== to && from === undefined) {
    throw smError('InvalidParameterException', `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.versionId}, so you must explicitly reference that version in RemoveFromVersionId.`);
  }
  if (stage === AWSCURRENT && to === undefined) throw smError('InvalidParameterException', 'AWSCURRENT must stay attached to a version: name the version it moves to in MoveToVersionId.');
  if (to !== undefined) {
    const target = secret.versions.get(to)!;
    if (!target.stages.includes(stage) && target.stages.length >= MAX_STAGES_PER_VERSION) throw smError('LimitExceededException', `A version can have at most ${MAX_STAGES_PER_VERSION} staging labels.`);
    attachStages(secret, target, [stage]);
  } else if (holder) {
    holder.stages = holder.stages.filter((s) => s !== stage);
  }
  secret.lastChangedDate = ctx.now;
  pruneDeprecated(secret, ctx.now);
  return { ARN: secret.arn, Name: secret.name };
}

export function listSecretVersionIds(input: SM.ListSecretVersionIdsRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.ListSecretVersionIdsResponse> {
  const secret = findSecret(ctx, input.SecretId!, 'ListSecretVersionIds', 'live');
  const versions = [...secret.versions.values()]
    .filter((v) => input.IncludeDeprecated || v.stages.length > 0)
    .reverse() // newest first; equal timestamps keep newest-first too (sort is stable)
    .sort((a, b) => b.createdDate.getTime() - a.createdDate.getTime());
  const { items, NextToken } = pageOf(versions, input.NextToken, input.MaxResults);
  return {
    ARN: secret.arn,
    Name: secret.name,
    Versions: items.map((v) => ({ VersionId: v.versionId, VersionStages: v.stages.length ? [...v.stages] : undefined, LastAccessedDate: v.lastAccessedDate, CreatedDate: v.createdDate, KmsKeyIds: [v.kmsKeyLabel] })),
    NextToken,
  };
}
