/** Secrets: CreateSecret, DescribeSecret, UpdateSecret, DeleteSecret, RestoreSecret, ListSecrets. */
import type * as SM from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { AWSCURRENT, AWSPENDING, AWSPREVIOUS, checkClientRequestToken, checkDescription, checkSecretName, checkTags, DAY_MS, pageOf, secretArn, smError, smState } from './common.ts';
import { findSecret, refreshAll, refreshSecret } from './lookup.ts';
import type { Secret, SecretsManagerState } from './state.ts';
import { addVersion, DEFAULT_KEY_ALIAS, decryptValue, encryptValue, sameValue, valueOf } from './values.ts';

/** How DescribeSecret reports the key: a key or alias ARN; undefined for the default key. */
export function kmsKeyIdFor(ctx: RequestContext, ref: string | undefined): string | undefined {
  if (ref === undefined || ref === '' || ref === DEFAULT_KEY_ALIAS) return undefined;
  new ProblemList().maxLength('kmsKeyId', ref, 2048).check();
  if (ref.startsWith('arn:')) return ref;
  if (ref.startsWith('alias/')) return `arn:aws:kms:${ctx.region}:${ctx.accountId}:${ref}`;
  return `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${ref}`;
}

function stagesMap(secret: Secret): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  for (const v of secret.versions.values()) if (v.stages.length) out[v.versionId] = [...v.stages];
  return Object.keys(out).length ? out : undefined;
}

/** The fields DescribeSecret and ListSecrets share; absent ones are omitted as AWS omits them. */
function common(secret: Secret) {
  return {
    ARN: secret.arn,
    Name: secret.name,
    Description: secret.description,
    KmsKeyId: secret.kmsKeyId,
    RotationEnabled: secret.rotation.enabled,
    RotationLambdaARN: secret.rotation.lambdaArn,
    RotationRules: secret.rotation.rules,
    LastRotatedDate: secret.rotation.lastRotatedDate,
    LastChangedDate: secret.lastChangedDate,
    LastAccessedDate: secret.lastAccessedDate,
    DeletedDate: secret.deletedDate,
    NextRotationDate: secret.rotation.enabled ? secret.rotation.nextRotationDate : undefined,
    Tags: secret.tags.length ? secret.tags : undefined,
    CreatedDate: secret.createdDate,
  };
}

export function describeSecret(input: SM.DescribeSecretRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.DescribeSecretResponse> {
  const secret = findSecret(ctx, input.SecretId!, 'DescribeSecret', 'any');
  return { ...common(secret), VersionIdsToStages: stagesMap(secret) };
}

export function createSecret(input: SM.CreateSecretRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.CreateSecretResponse> {
  const name = input.Name!;
  checkSecretName(name);
  checkDescription(input.Description);
  checkClientRequestToken(input.ClientRequestToken);
  if (input.AddReplicaRegions?.length) throw smError('InvalidParameterException', 'Replicating secrets to other Regions is not emulated; create the secret in each Region instead.');
  const value = valueOf(input);
  const tags = checkTags(input.Tags);
  const state = smState(ctx);
  const found = state.secrets.get(name);
  const existing = found && refreshSecret(ctx, state, found);
  if (existing) {
    if (existing.deletedDate) throw smError('InvalidRequestException', "You can't create this secret because a secret with this name is already scheduled for deletion.");
    // A retried CreateSecret (same ClientRequestToken, same value) succeeds without creating anything.
    const token = input.ClientRequestToken;
    const version = token !== undefined ? existing.versions.get(token) : undefined;
    if (version && sameValue(decryptValue(ctx, existing, version), value)) return { ARN: existing.arn, Name: existing.name, VersionId: version.versionId };
    if (version) throw smError('ResourceExistsException', `You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ${existing.arn}.`);
    throw smError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
  }
  const secret: Secret = {
    name,
    arn: secretArn(ctx.region, ctx.accountId, name),
    accountId: ctx.accountId,
    region: ctx.region,
    description: input.Description,
    kmsKeyId: kmsKeyIdFor(ctx, input.KmsKeyId),
    createdDate: ctx.now,
    lastChangedDate: ctx.now,
    tags,
    versions: new Map(),
    rotation: {},
  };
  let versionId: string | undefined;
  if (value) {
    versionId = input.ClientRequestToken ?? randomUUID();
    addVersion(ctx, secret, versionId, value, [AWSCURRENT]);
  }
  state.secrets.set(name, secret);
  return { ARN: secret.arn, Name: secret.name, VersionId: versionId };
}

export function updateSecret(input: SM.UpdateSecretRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.UpdateSecretResponse> {
  checkDescription(input.Description);
  checkClientRequestToken(input.ClientRequestToken);
  const value = valueOf(input);
  const secret = findSecret(ctx, input.SecretId!, 'UpdateSecret', 'live');
  if (input.KmsKeyId !== undefined) {
    const next = kmsKeyIdFor(ctx, input.KmsKeyId);
    if (next !== secret.kmsKeyId) reencrypt(ctx, secret, next);
  }
  if (input.Description !== undefined) secret.description = input.Description;
  secret.lastChangedDate = ctx.now;
  let versionId: string | undefined;
  if (value) {
    const token = input.ClientRequestToken ?? randomUUID();
    const existing = secret.versions.get(token);
    if (existing) {
      if (!sameValue(decryptValue(ctx, secret, existing), value)) throw smError('ResourceExistsException', `You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ${secret.arn}.`);
    } else {
      addVersion(ctx, secret, token, value, [AWSCURRENT]);
    }
    versionId = token;
  }
  return { ARN: secret.arn, Name: secret.name, VersionId: versionId };
}

/** A new key for the secret: the labelled versions are re-encrypted under it, as AWS does. */
function reencrypt(ctx: RequestContext, secret: Secret, kmsKeyId: string | undefined): void {
  const labelled = [...secret.versions.values()].filter((v) => v.value && [AWSCURRENT, AWSPREVIOUS, AWSPENDING].some((s) => v.stages.includes(s)));
  const plain = labelled.map((v) => ({ version: v, value: decryptValue(ctx, secret, v)! }));
  const updated = { ...secret, kmsKeyId };
  const results = plain.map(({ version, value }) => ({ version, encrypted: encryptValue(ctx, updated, version.versionId, value) }));
  for (const { version, encrypted } of results) Object.assign(version, encrypted);
  secret.kmsKeyId = kmsKeyId;
}

export function deleteSecret(input: SM.DeleteSecretRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.DeleteSecretResponse> {
  const days = input.RecoveryWindowInDays;
  if (days !== undefined && input.ForceDeleteWithoutRecovery) throw smError('InvalidParameterException', "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  if (days !== undefined && (!Number.isInteger(days) || days < 7 || days > 30)) throw smError('InvalidParameterException', 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  const secret = findSecret(ctx, input.SecretId!, 'DeleteSecret', 'any');
  if (input.ForceDeleteWithoutRecovery) {
    smState(ctx, secret.accountId).secrets.delete(secret.name);
    return { ARN: secret.arn, Name: secret.name, DeletionDate: ctx.now };
  }
  if (secret.deletedDate) throw smError('InvalidRequestException', "You tried to perform the operation on a secret that's currently marked deleted.");
  secret.deletedDate = new Date(ctx.now.getTime() + (days ?? 30) * DAY_MS);
  secret.lastChangedDate = ctx.now;
  return { ARN: secret.arn, Name: secret.name, DeletionDate: secret.deletedDate };
}

export function restoreSecret(input: SM.RestoreSecretRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.RestoreSecretResponse> {
  const secret = findSecret(ctx, input.SecretId!, 'RestoreSecret', 'any');
  secret.deletedDate = undefined;
  secret.lastChangedDate = ctx.now;
  return { ARN: secret.arn, Name: secret.name };
}

// ── ListSecrets ─────────────────────────────────────────────────────────────────────────────────

const FILTER_KEYS = ['all', 'description', 'name', 'owning-service', 'primary-region', 'tag-key', 'tag-value'];

function prefixOf(value: string | undefined, prefix: string, caseInsensitive: boolean): boolean {
  if (value === undefined) return false;
  return caseInsensitive ? value.toLowerCase().startsWith(prefix.toLowerCase()) : value.startsWith(prefix);
}

/** Whether one filter value (a prefix, or `!prefix` to negate) matches the secret for a filter key. */
function matchesValue(secret: Secret, key: string, raw: string): boolean {
  const negate = raw.startsWith('!');
  const wanted = negate ? raw.slice(1) : raw;
  let hit: boolean;
  switch (key) {
    case 'name': hit = prefixOf(secret.name, wanted, false); break;
    case 'description': hit = prefixOf(secret.description, wanted, true); break;
    case 'tag-key': hit = secret.tags.some((t) => prefixOf(t.Key, wanted, false)); break;
    case 'tag-value': hit = secret.tags.some((t) => prefixOf(t.Value, wanted, false)); break;
    case 'primary-region':
    case 'owning-service': hit = false; break; // no replicas, no service-owned secrets here
    default: {
      // `all`: every word must match some attribute's word, case-insensitively.
      const words = [secret.name, secret.description ?? '', ...secret.tags.flatMap((t) => [t.Key, t.Value])].flatMap((s) => s.toLowerCase().split(/[\s/_+=.@-]+/)).filter(Boolean);
      const attributes = [secret.name, secret.description ?? '', ...secret.tags.flatMap((t) => [t.Key, t.Value])].map((s) => s.toLowerCase());
      hit = wanted.toLowerCase().split(/\s+/).filter(Boolean).every((w) => words.some((x) => x.startsWith(w)) || attributes.some((a) => a.startsWith(w)));
    }
  }
  return negate ? !hit : hit;
}

export function listSecrets(input: SM.ListSecretsRequest, ctx: RequestContext<SecretsManagerState>): Output<SM.ListSecretsResponse> {
  const problems = new ProblemList().oneOf('sortOrder', input.SortOrder, ['asc', 'desc']).oneOf('sortBy', input.SortBy, ['created-date', 'last-accessed-date', 'last-changed-date', 'name']);
  (input.Filters ?? []).forEach((f, i) => {
    problems.oneOf(`filters.${i + 1}.member.key`, f.Key, FILTER_KEYS);
    (f.Values ?? []).forEach((v, j) => problems.maxLength(`filters.${i + 1}.member.values.${j + 1}.member`, v, 512));
  });
  problems.check();
  for (const f of input.Filters ?? []) {
    if (!f.Key || !f.Values?.length) throw smError('InvalidParameterException', 'Each filter needs a Key and at least one value.');
  }
  const state = smState(ctx);
  refreshAll(ctx, state);
  let secrets = [...state.secrets.values()].filter((s) => input.IncludePlannedDeletion || !s.deletedDate);
  for (const f of input.Filters ?? []) {
    const positives = f.Values!.filter((v) => !v.startsWith('!'));
    const negatives = f.Values!.filter((v) => v.startsWith('!'));
    secrets = secrets.filter((s) => (positives.length === 0 || positives.some((v) => matchesValue(s, f.Key!, v))) && negatives.every((v) => matchesValue(s, f.Key!, v)));
  }
  const by = input.SortBy ?? 'created-date';
  const keyOf = (s: Secret): string | number =>
    by === 'name' ? s.name : by === 'last-changed-date' ? s.lastChangedDate.getTime() : by === 'last-accessed-date' ? (s.lastAccessedDate?.getTime() ?? 0) : s.createdDate.getTime();
  secrets.sort((a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  if (input.SortOrder === 'desc') secrets.reverse();
  const { items, NextToken } = pageOf(secrets, input.NextToken, input.MaxResults);
  return { SecretList: items.map((s) => ({ ...common(s), SecretVersionsToStages: stagesMap(s) })), NextToken };
}
