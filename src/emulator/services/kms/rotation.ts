/**
 * Key rotation: EnableKeyRotation (RotationPeriodInDays 90–2560, default 365), DisableKeyRotation,
 * GetKeyRotationStatus, ListKeyRotations, RotateKeyOnDemand. A rotation adds new key material and
 * keeps the old, so ciphertexts made before it still decrypt. Automatic rotation happens when the
 * emulator's clock passes NextRotationDate (see refreshKey).
 */
import type * as KMS from '@aws-sdk/client-kms';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { checkKeyAccess, kmsError, newMaterial, page, requireEnabled, resolveKey } from './common.ts';
import type { KmsState } from './state.ts';

const DAY_MS = 86_400_000;
export const MAX_ON_DEMAND_ROTATIONS = 25;
const KEY_ONLY = { aliases: false, crossAccount: false };

export function enableKeyRotation(input: KMS.EnableKeyRotationRequest, ctx: RequestContext<KmsState>): Output<Record<string, never>> {
  new ProblemList().range('rotationPeriodInDays', input.RotationPeriodInDays, 90, 2560).check();
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'EnableKeyRotation');
  requireEnabled(key);
  const period = input.RotationPeriodInDays ?? 365;
  // Rotation dates count from the last rotation (or from enabling, for a key that never rotated).
  const lastRotation = key.materials.at(-1)?.rotationDate;
  const from = key.rotation.enabled && lastRotation ? lastRotation.getTime() : ctx.now.getTime();
  key.rotation = { enabled: true, periodInDays: period, nextRotationDate: new Date(Math.max(from + period * DAY_MS, ctx.now.getTime() + DAY_MS)) };
  return {};
}

export function disableKeyRotation(input: KMS.DisableKeyRotationRequest, ctx: RequestContext<KmsState>): Output<Record<string, never>> {
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'DisableKeyRotation');
  requireEnabled(key);
  key.rotation = { enabled: false, periodInDays: key.rotation.periodInDays };
  return {};
}

export function getKeyRotationStatus(input: KMS.GetKeyRotationStatusRequest, ctx: RequestContext<KmsState>): Output<KMS.GetKeyRotationStatusResponse> {
  const { key } = resolveKey(ctx, input.KeyId!, { aliases: false, crossAccount: true });
  checkKeyAccess(ctx, key, 'GetKeyRotationStatus');
  // A key pending deletion reports rotation as off, as AWS does (it will not rotate any more).
  const enabled = key.rotation.enabled && key.keyState !== 'PendingDeletion';
  return {
    KeyRotationEnabled: enabled,
    KeyId: key.arn,
    RotationPeriodInDays: enabled ? key.rotation.periodInDays : undefined,
    NextRotationDate: enabled ? key.rotation.nextRotationDate : undefined,
  };
}

export function listKeyRotations(input: KMS.ListKeyRotationsRequest, ctx: RequestContext<KmsState>): Output<KMS.ListKeyRotationsResponse> {
  new ProblemList().range('limit', input.Limit, 1, 1000).oneOf('includeKeyMaterial', input.IncludeKeyMaterial, ['ALL_KEY_MATERIAL', 'ROTATIONS_ONLY']).check();
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'ListKeyRotations');
  const all = input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL';
  const current = key.materials.at(-1);
  const entries = key.materials
    .filter((m) => all || m.rotationDate !== undefined)
    .map((m) => ({
      KeyId: key.keyId,
      KeyMaterialId: m.id,
      KeyMaterialState: m === current ? ('CURRENT' as const) : ('NON_CURRENT' as const),
      RotationDate: m.rotationDate,
      RotationType: m.rotationType,
    }));
  const { items, NextMarker, Truncated } = page(entries, input.Marker, input.Limit, 100);
  return { Rotations: items, NextMarker, Truncated };
}

export function rotateKeyOnDemand(input: KMS.RotateKeyOnDemandRequest, ctx: RequestContext<KmsState>): Output<KMS.RotateKeyOnDemandResponse> {
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'RotateKeyOnDemand');
  requireEnabled(key);
  if (key.onDemandRotations >= MAX_ON_DEMAND_ROTATIONS) {
    throw kmsError('LimitExceededException', `${key.arn} has been rotated on demand ${key.onDemandRotations} times, the most KMS allows for a key.`);
  }
  key.onDemandRotations++;
  // The rotation completes at once here; on AWS it takes a moment (OnDemandRotationStartDate shows it in progress).
  key.materials.push(newMaterial(ctx.now, { type: 'ON_DEMAND' }));
  return { KeyId: key.keyId };
}
