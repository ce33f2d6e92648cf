/**
 * KMS keys: CreateKey, DescribeKey, ListKeys, UpdateKeyDescription, EnableKey, DisableKey,
 * ScheduleKeyDeletion, CancelKeyDeletion. Symmetric encryption keys (SYMMETRIC_DEFAULT) only.
 */
import type * as KMS from '@aws-sdk/client-kms';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import {
  checkKeyAccess,
  defaultKeyPolicy,
  keyArn,
  keyMetadata,
  kmsError,
  kmsState,
  newKeyId,
  newMaterial,
  page,
  refreshAll,
  requireNotPendingDeletion,
  resolveKey,
} from './common.ts';
import { validateKeyPolicy } from './key-policy-validation.ts';
import type { KmsKey, KmsState } from './state.ts';
import { checkTags } from './tags.ts';

const DAY_MS = 86_400_000;
const KEY_ONLY = { aliases: false, crossAccount: false };

export const KEY_SPECS = ['ECC_NIST_EDWARDS25519', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'ML_KEM_1024', 'ML_KEM_512', 'ML_KEM_768', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'SM2', 'SYMMETRIC_DEFAULT'];
const KEY_USAGES = ['ENCAPSULATE_DECAPSULATE', 'ENCRYPT_DECRYPT', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT', 'SIGN_VERIFY'];
const ORIGINS = ['AWS_CLOUDHSM', 'AWS_KMS', 'EXTERNAL', 'EXTERNAL_KEY_STORE'];

function unsupported(what: string): never {
  throw kmsError('UnsupportedOperationException', `${what} The emulator supports symmetric encryption keys only (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT, Origin AWS_KMS, single-Region); see docs/emulator-coverage.md.`);
}

export function createKey(input: KMS.CreateKeyRequest, ctx: RequestContext<KmsState>): Output<KMS.CreateKeyResponse> {
  const spec = input.KeySpec ?? input.CustomerMasterKeySpec;
  new ProblemList()
    .oneOf('keySpec', input.KeySpec, KEY_SPECS)
    .oneOf('customerMasterKeySpec', input.CustomerMasterKeySpec, KEY_SPECS.filter((s) => !s.startsWith('ML_') && s !== 'ECC_NIST_EDWARDS25519'))
    .oneOf('keyUsage', input.KeyUsage, KEY_USAGES)
    .oneOf('origin', input.Origin, ORIGINS)
    .maxLength('description', input.Description, 8192)
    .minLength('policy', input.Policy, 1)
    .maxLength('policy', input.Policy, 131_072)
    .check();
  if (input.KeySpec && input.CustomerMasterKeySpec) throw kmsError('ValidationException', 'You cannot specify both KeySpec and CustomerMasterKeySpec. Use KeySpec; CustomerMasterKeySpec is deprecated.');
  if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') {
    if (input.KeyUsage === undefined && spec.startsWith('HMAC')) throw kmsError('ValidationException', 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
    unsupported(`KeySpec ${spec} is not emulated.`);
  }
  if (input.KeyUsage !== undefined && input.KeyUsage !== 'ENCRYPT_DECRYPT') throw kmsError('ValidationException', `KeyUsage ${input.KeyUsage} is not compatible with KeySpec SYMMETRIC_DEFAULT`);
  if (input.Origin !== undefined && input.Origin !== 'AWS_KMS') unsupported(`Origin ${input.Origin} is not emulated.`);
  if (input.MultiRegion) unsupported('Multi-Region keys are not emulated.');
  if (input.CustomKeyStoreId !== undefined || input.XksKeyId !== undefined) unsupported('Custom key stores are not emulated.');
  const tags = checkTags(input.Tags);
  const keyId = newKeyId();
  const arn = keyArn(ctx.region, ctx.accountId, keyId);
  if (input.Policy !== undefined) validateKeyPolicy(ctx, input.Policy, arn, input.BypassPolicyLockoutSafetyCheck === true);
  const key: KmsKey = {
    keyId,
    arn,
    accountId: ctx.accountId,
    region: ctx.region,
    creationDate: ctx.now,
    description: input.Description ?? '',
    keyState: 'Enabled',
    keyManager: 'CUSTOMER',
    policy: input.Policy ?? defaultKeyPolicy(ctx.accountId),
    tags,
    rotation: { enabled: false, periodInDays: 365 },
    onDemandRotations: 0,
    materials: [newMaterial(ctx.now)],
  };
  ctx.state().keys.set(keyId, key);
  return { KeyMetadata: keyMetadata(key) };
}

export function describeKey(input: KMS.DescribeKeyRequest, ctx: RequestContext<KmsState>): Output<KMS.DescribeKeyResponse> {
  const { key } = resolveKey(ctx, input.KeyId!, { aliases: true, crossAccount: true });
  checkKeyAccess(ctx, key, 'DescribeKey');
  return { KeyMetadata: keyMetadata(key) };
}

export function listKeys(input: KMS.ListKeysRequest, ctx: RequestContext<KmsState>): Output<KMS.ListKeysResponse> {
  new ProblemList().range('limit', input.Limit, 1, 1000).check();
  const state = kmsState(ctx);
  refreshAll(ctx, state);
  const { items, NextMarker, Truncated } = page([...state.keys.values()], input.Marker, input.Limit, 100);
  return { Keys: items.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })), NextMarker, Truncated };
}

export function updateKeyDescription(input: KMS.UpdateKeyDescriptionRequest, ctx: RequestContext<KmsState>): Output<Record<string, never>> {
  new ProblemList().maxLength('description', input.Description, 8192).check();
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'UpdateKeyDescription');
  requireNotPendingDeletion(key);
  key.description = input.Description ?? '';
  return {};
}

export function enableKey(input: KMS.EnableKeyRequest, ctx: RequestContext<KmsState>): Output<Record<string, never>> {
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'EnableKey');
  requireNotPendingDeletion(key);
  key.keyState = 'Enabled';
  return {};
}

export function disableKey(input: KMS.DisableKeyRequest, ctx: RequestContext<KmsState>): Output<Record<string, never>> {
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'DisableKey');
  requireNotPendingDeletion(key);
  key.keyState = 'Disabled';
  return {};
}

export function scheduleKeyDeletion(input: KMS.ScheduleKeyDeletionRequest, ctx: RequestContext<KmsState>): Output<KMS.ScheduleKeyDeletionResponse> {
  const days = input.PendingWindowInDays ?? 30;
  if (!Number.isInteger(days) || days < 7 || days > 30) throw kmsError('ValidationException', `PendingWindowInDays should be between 7 and 30, but it is ${days}`);
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'ScheduleKeyDeletion');
  requireNotPendingDeletion(key);
  key.keyState = 'PendingDeletion';
  key.deletionDate = new Date(ctx.now.getTime() + days * DAY_MS);
  return { KeyId: key.arn, DeletionDate: key.deletionDate, KeyState: 'PendingDeletion', PendingWindowInDays: days };
}

export function cancelKeyDeletion(input: KMS.CancelKeyDeletionRequest, ctx: RequestContext<KmsState>): Output<KMS.CancelKeyDeletionResponse> {
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'CancelKeyDeletion');
  if (key.keyState !== 'PendingDeletion') throw kmsError('KMSInvalidStateException', `${key.arn} is not pending deletion.`);
  // As on AWS, a key whose deletion is cancelled comes back Disabled, not in its former state.
  key.keyState = 'Disabled';
  key.deletionDate = undefined;
  return { KeyId: key.arn };
}
