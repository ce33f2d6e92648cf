/**
 * What every KMS handler needs: AWS's errors (KMS answers every error with HTTP 400, whatever the
 * model's httpError says), key references resolved exactly as KMS resolves them (key id, key ARN,
 * alias name, alias ARN), key-state rules, and the lazy housekeeping that makes time pass
 * (deleting keys whose waiting period ended, rotating key material when rotation is due).
 */
import { pageByToken } from '../../core/next-token.ts';
import { formatArn } from '../../core/arn.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal.ts';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { parseResourcePolicy, policyAllows, type PolicyCaller } from '../resource-policy/resource-policy.ts';
import { AWS_MANAGED_KEYS, materializeAwsManagedKey } from './aws-managed-keys.ts';
import { kmsPrettyJson } from './policy-text.ts';
import { createKmsState, type KeyMaterial, type KmsKey, type KmsState } from './state.ts';

export const KMS_SERVICE_ID = 'kms';
const DAY_MS = 86_400_000;

/** KMS answers all of its errors with 400 on the wire, also those the model gives 404/409. */
export function kmsError(code: string, message: string): AwsServiceError {
  return new AwsServiceError(code, message, { status: 400 });
}

/** A validation error worded as AWS words it for sensitive members (no value is echoed). */
export function sensitiveValidation(member: string, constraint: string): AwsServiceError {
  return kmsError('ValidationException', `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`);
}

export function kmsState(ctx: RequestContext, accountId = ctx.accountId, region = ctx.region): KmsState {
  return ctx.stateOf<KmsState>(KMS_SERVICE_ID, accountId, region);
}

/** Another account's KMS state, without bringing an empty one into being when it has none. */
export function foreignKmsState(ctx: RequestContext, accountId: string): KmsState | undefined {
  return ctx.peekStateOf<KmsState>(KMS_SERVICE_ID, accountId, ctx.region) ? kmsState(ctx, accountId) : undefined;
}

export { createKmsState };

export function keyArn(region: string, accountId: string, keyId: string): string {
  return formatArn('kms', region, accountId, `key/${keyId}`);
}

export function aliasArn(region: string, accountId: string, aliasName: string): string {
  return formatArn('kms', region, accountId, aliasName);
}

export function newKeyId(): string {
  return randomUUID();
}

export function newMaterial(now: Date, rotation?: { type: 'AUTOMATIC' | 'ON_DEMAND' }): KeyMaterial {
  return { id: randomBytes(32).toString('hex'), secret: randomBytes(32), createdAt: now, ...(rotation ? { rotationDate: now, rotationType: rotation.type } : {}) };
}

/** The default key policy KMS attaches when CreateKey gets none, byte for byte as GetKeyPolicy returns it. */
export function defaultKeyPolicy(accountId: string): string {
  return kmsPrettyJson({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }],
  });
}

// ── housekeeping ────────────────────────────────────────────────────────────────────────────────

/**
 * Brings a key up to `now`: a key whose deletion date passed is deleted (with its aliases), and
 * due automatic rotation happens. Returns undefined when the key no longer exists.
 */
export function refreshKey(state: KmsState, key: KmsKey, now: Date, changed: () => void = () => {}): KmsKey | undefined {
  if (key.keyState === 'PendingDeletion' && key.deletionDate && key.deletionDate.getTime() <= now.getTime()) {
    state.keys.delete(key.keyId);
    for (const [name, alias] of state.aliases) if (alias.targetKeyId === key.keyId) state.aliases.delete(name);
    changed();
    return undefined;
  }
  const next = key.rotation.nextRotationDate;
  if (key.rotation.enabled && key.keyState === 'Enabled' && next && next.getTime() <= now.getTime()) {
    changed();
    key.materials.push(newMaterial(next, { type: 'AUTOMATIC' }));
    // One rotation however long the key sat idle; the schedule keeps its rhythm from the due date.
    const period = key.rotation.periodInDays * DAY_MS;
    let following = next.getTime() + period;
    while (following <= now.getTime()) following += period;
    key.rotation.nextRotationDate = new Date(following);
  }
  return key;
}

/**
 * Refreshes every key of a state (for List operations). What time changed is persisted even when
 * the call only reads (ctx.stateChanged), so a restart does not bring a deleted key back.
 */
export function refreshAll(ctx: RequestContext, state: KmsState): void {
  for (const key of [...state.keys.values()]) refreshKey(state, key, ctx.now, () => ctx.stateChanged());
}

// ── key references ──────────────────────────────────────────────────────────────────────────────

const KEY_ID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})$/;
const KMS_ARN = /^arn:(aws[a-z-]*):kms:([a-z0-9-]*):(\d{12}):(key\/.+|alias\/.+)$/;

export interface ResolveOptions {
  /** Whether the operation accepts alias names and alias ARNs (DescribeKey and the cryptographic operations do). */
  aliases: boolean;
  /** Whether the operation works on keys of other accounts (by key or alias ARN). */
  crossAccount: boolean;
}

export interface ResolvedKey {
  readonly key: KmsKey;
  readonly state: KmsState;
}

function invalidKeyId(ref: string): AwsServiceError {
  return kmsError('NotFoundException', `Invalid keyId '${ref}'`);
}

function keyDoesNotExist(arn: string): AwsServiceError {
  return kmsError('NotFoundException', `Key '${arn}' does not exist`);
}

export function aliasNotFound(arn: string): AwsServiceError {
  return kmsError('NotFoundException', `Alias ${arn} is not found.`);
}

function findKey(ctx: RequestContext, state: KmsState | undefined, keyId: string, arnForError: string): ResolvedKey {
  const found = state?.keys.get(keyId);
  const key = state && found && refreshKey(state, found, ctx.now, () => ctx.stateChanged());
  if (!key || !state) throw keyDoesNotExist(arnForError);
  return { key, state };
}

function findByAlias(ctx: RequestContext, accountId: string, aliasName: string): ResolvedKey {
  const own = accountId === ctx.accountId;
  const state = own ? kmsState(ctx) : foreignKmsState(ctx, accountId);
  if (!state) throw aliasNotFound(aliasArn(ctx.region, accountId, aliasName));
  let alias = state.aliases.get(aliasName);
  // Another account's AWS managed keys are never usable from here, so they are not created for it.
  if (!alias && own && AWS_MANAGED_KEYS[aliasName]) {
    // AWS creates its managed key on first use, a DescribeKey included: that is a change to keep.
    alias = materializeAwsManagedKey(state, aliasName, accountId, ctx.region, ctx.now, (now) => newMaterial(now));
    ctx.stateChanged();
  }
  const key = alias && state.keys.get(alias.targetKeyId);
  const live = key && refreshKey(state, key, ctx.now, () => ctx.stateChanged());
  if (!live) throw aliasNotFound(aliasArn(ctx.region, accountId, aliasName));
  return { key: live, state };
}

/**
 * Finds the key a reference names, as KMS does: key id, key ARN, and (where the operation allows)
 * alias name or alias ARN. Throws KMS's NotFoundException wording for each way it can fail.
 */
export function resolveKey(ctx: RequestContext, ref: string, options: ResolveOptions): ResolvedKey {
  if (ref.startsWith('arn:')) {
    const m = KMS_ARN.exec(ref);
    if (!m) throw invalidKeyId(ref);
    const [, , region, accountId, resource] = m as unknown as [string, string, string, string, string];
    if (region !== ctx.region) throw kmsError('NotFoundException', `Invalid arn ${region}`);
    const foreign = accountId !== ctx.accountId;
    if (resource.startsWith('alias/')) {
      if (!options.aliases) throw invalidKeyId(ref);
      if (foreign && !options.crossAccount) throw aliasNotFound(ref);
      return findByAlias(ctx, accountId, resource);
    }
    const keyId = resource.slice('key/'.length);
    if (!KEY_ID.test(keyId)) throw invalidKeyId(keyId);
    if (foreign && !options.crossAccount) throw keyDoesNotExist(ref);
    return findKey(ctx, foreign ? foreignKmsState(ctx, accountId) : kmsState(ctx), keyId, ref);
  }
  if (ref.startsWith('alias/')) {
    if (!options.aliases) throw invalidKeyId(ref);
    return findByAlias(ctx, ctx.accountId, ref);
  }
  if (!KEY_ID.test(ref)) throw invalidKeyId(ref);
  return findKey(ctx, kmsState(ctx), ref, keyArn(ctx.region, ctx.accountId, ref));
}

// ── who may use a key ───────────────────────────────────────────────────────────────────────────

export function callerOf(principal: Principal): PolicyCaller {
  return { accountId: principal.accountId, arn: principal.arn, roleArn: principal.session?.roleArn };
}

export function accessDenied(principal: Principal, action: string, resource: string, reason: string): AwsServiceError {
  return kmsError('AccessDeniedException', `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource} because ${reason}`);
}

/**
 * The checks KMS makes before the IAM engine exists: a key of another account may be used only when
 * its key policy allows the caller; an AWS managed key only through its service (kms:ViaService)
 * or for Describe/Get/List, as the key policies AWS attaches to those keys allow.
 */
export function checkKeyAccess(ctx: RequestContext, key: KmsKey, operation: string, viaService?: string): void {
  const action = `kms:${operation}`;
  // Another service using the key for its caller: with IAM enforcement on, the caller needs the
  // permission itself (kms:ViaService names the service). Direct KMS calls were authorized before dispatch.
  if (viaService !== undefined) ctx.authorizeOnBehalf({ service: 'kms', operation, input: { KeyId: key.arn }, viaService });
  if (key.keyManager === 'AWS') {
    const service = key.managedAlias ? AWS_MANAGED_KEYS[key.managedAlias]?.service : undefined;
    const metadata = /^(Describe|Get|List)/.test(operation);
    if (!metadata && !(viaService && viaService === service)) {
      throw accessDenied(ctx.principal, action, key.arn, `no resource-based policy allows the ${action} action`);
    }
    return;
  }
  if (key.accountId === ctx.accountId) return;
  let allowed = false;
  try {
    allowed = policyAllows(parseResourcePolicy(key.policy, { requirePrincipal: false }), callerOf(ctx.principal), action, key.arn);
  } catch {
    allowed = false;
  }
  if (!allowed) throw accessDenied(ctx.principal, action, key.arn, `no resource-based policy allows the ${action} action`);
}

// ── key states ──────────────────────────────────────────────────────────────────────────────────

/** For cryptographic operations: only Enabled keys. */
export function requireEnabled(key: KmsKey): void {
  if (key.keyState === 'Disabled') throw kmsError('DisabledException', `${key.arn} is disabled.`);
  if (key.keyState === 'PendingDeletion') throw kmsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
}

/** For management operations that a key pending deletion refuses (tags, description, enable/disable …). */
export function requireNotPendingDeletion(key: KmsKey): void {
  if (key.keyState === 'PendingDeletion') throw kmsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
}

// ── output ──────────────────────────────────────────────────────────────────────────────────────

export function keyMetadata(key: KmsKey) {
  return {
    AWSAccountId: key.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: key.creationDate,
    Enabled: key.keyState === 'Enabled',
    Description: key.description,
    KeyUsage: 'ENCRYPT_DECRYPT' as const,
    KeyState: key.keyState,
    DeletionDate: key.keyState === 'PendingDeletion' ? key.deletionDate : undefined,
    Origin: 'AWS_KMS' as const,
    KeyManager: key.keyManager,
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT' as const,
    KeySpec: 'SYMMETRIC_DEFAULT' as const,
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT' as const],
    MultiRegion: false,
    CurrentKeyMaterialId: key.materials.at(-1)?.id,
  };
}

// ── paging: Limit / Marker / NextMarker / Truncated ─────────────────────────────────────────────

export function page<T>(items: readonly T[], marker: string | undefined, limit: number | undefined, defaultLimit: number): { items: T[]; NextMarker?: string; Truncated: boolean } {
  const { items: slice, nextToken } = pageByToken(items, {
    nextToken: marker,
    maxResults: limit,
    defaultMaxResults: defaultLimit,
    invalidToken: (_, token) => kmsError('InvalidMarkerException', `The marker ${token} is not one this operation returned; pass the NextMarker of the previous response unchanged.`),
  });
  return nextToken ? { items: slice, NextMarker: nextToken, Truncated: true } : { items: slice, Truncated: false };
}
