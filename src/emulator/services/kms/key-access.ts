/**
 * Using KMS keys — from KMS's own cryptographic operations and from other emulated services
 * (Secrets Manager, S3 SSE-KMS, SageMaker) that reference keys. Other services call these with
 * their own RequestContext and name themselves in `viaService` (as kms:ViaService would), which is
 * what lets them use AWS managed keys such as alias/aws/s3. Errors are KMS's own (NotFoundException,
 * DisabledException, KMSInvalidStateException, AccessDeniedException, InvalidCiphertextException …);
 * a calling service catches them and answers with its own error where AWS does.
 *
 * For IAM enforcement (src/emulator/policy/): `lookupKmsKey(state, keyIdOrArn)` finds a key in a
 * KmsState without a request, and `KmsKey.policy` is its key policy document as stored.
 */
import type { RequestContext } from '../../core/context.ts';
import { open, parseCiphertext, seal } from './ciphertext.ts';
import { AWS_MANAGED_KEYS } from './aws-managed-keys.ts';
import { checkKeyAccess, kmsError, requireEnabled, resolveKey } from './common.ts';
import type { KeyMaterial, KmsKey, KmsState } from './state.ts';

export type { KmsKey, KmsState } from './state.ts';

export interface KeyUseOptions {
  /** The service acting for the caller, e.g. `s3` or `secretsmanager` (kms:ViaService). */
  readonly viaService?: string;
  /** The KMS operation the use stands for, for access checks and messages (default Encrypt/Decrypt). */
  readonly operation?: string;
}

/** A key as other services see it. */
export interface KmsKeyInfo {
  readonly keyId: string;
  readonly arn: string;
  readonly accountId: string;
  readonly region: string;
  readonly keyManager: 'CUSTOMER' | 'AWS';
}

function info(key: KmsKey): KmsKeyInfo {
  return { keyId: key.keyId, arn: key.arn, accountId: key.accountId, region: key.region, keyManager: key.keyManager };
}

/** Resolves a key reference (id, ARN, alias, alias ARN) and checks that it may be used for cryptography now. */
export function keyForUse(ctx: RequestContext, ref: string, operation: string, viaService?: string): KmsKey {
  const { key } = resolveKey(ctx, ref, { aliases: true, crossAccount: true });
  checkKeyAccess(ctx, key, operation, viaService);
  requireEnabled(key);
  return key;
}

/** For other services: the key a reference names, if it exists, may be used and is Enabled. */
export function resolveUsableKmsKey(ctx: RequestContext, ref: string, options: KeyUseOptions = {}): KmsKeyInfo {
  return info(keyForUse(ctx, ref, options.operation ?? 'DescribeKey', options.viaService));
}

/** For other services: the ARN of an account's AWS managed key (`alias/aws/s3` …), created on first use as AWS does. */
export function awsManagedKeyArn(ctx: RequestContext, aliasName: string): string {
  if (!AWS_MANAGED_KEYS[aliasName]) throw new Error(`emulator: ${aliasName} is not an AWS managed key alias the emulator knows`);
  return resolveKey(ctx, aliasName, { aliases: true, crossAccount: false }).key.arn;
}

export function currentMaterial(key: KmsKey): KeyMaterial {
  const material = key.materials.at(-1);
  if (!material) throw new Error(`emulator: KMS key ${key.arn} has no key material`);
  return material;
}

export function encryptUnderKey(key: KmsKey, plaintext: Uint8Array, context: Readonly<Record<string, string>> | undefined): { blob: Buffer; materialId: string } {
  const material = currentMaterial(key);
  return { blob: seal(material.secret, { keyArn: key.arn, materialId: material.id }, Buffer.from(plaintext), context), materialId: material.id };
}

export interface Decrypted {
  readonly key: KmsKey;
  readonly plaintext: Buffer;
  readonly materialId: string;
}

/**
 * Decrypts a blob as KMS's Decrypt does: the key comes from the blob; a `keyRef` given must name
 * that same key (IncorrectKeyException otherwise); the key must be usable; a wrong encryption
 * context, another key's blob or any tampering is InvalidCiphertextException — with no message, as
 * on AWS, which does not tell which of those it was.
 */
export function decryptBlob(ctx: RequestContext, blob: Uint8Array, context: Readonly<Record<string, string>> | undefined, options: KeyUseOptions & { keyRef?: string } = {}): Decrypted {
  const operation = options.operation ?? 'Decrypt';
  const parsed = parseCiphertext(blob);
  const invalid = () => kmsError('InvalidCiphertextException', '');
  if (!parsed) throw invalid();
  const m = /^arn:aws[a-z-]*:kms:([^:]*):(\d{12}):key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(parsed.keyArn);
  if (!m || m[1] !== ctx.region) throw invalid();
  if (options.keyRef !== undefined) {
    const requested = resolveKey(ctx, options.keyRef, { aliases: true, crossAccount: true }).key;
    if (requested.arn !== parsed.keyArn) throw kmsError('IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');
  }
  const { key } = resolveKey(ctx, parsed.keyArn, { aliases: false, crossAccount: true });
  checkKeyAccess(ctx, key, operation, options.viaService);
  requireEnabled(key);
  const material = key.materials.find((k) => k.id === parsed.materialId);
  const plaintext = material && open(material.secret, parsed, context);
  if (!material || !plaintext) throw invalid();
  return { key, plaintext, materialId: material.id };
}

/** For other services: encrypts under a key reference. */
export function kmsEncrypt(ctx: RequestContext, ref: string, plaintext: Uint8Array, context: Readonly<Record<string, string>> | undefined, options: KeyUseOptions = {}): { ciphertextBlob: Buffer; keyArn: string } {
  const key = keyForUse(ctx, ref, options.operation ?? 'Encrypt', options.viaService);
  return { ciphertextBlob: encryptUnderKey(key, plaintext, context).blob, keyArn: key.arn };
}

/** For other services: decrypts a blob made by kmsEncrypt or KMS's Encrypt/GenerateDataKey. */
export function kmsDecrypt(ctx: RequestContext, blob: Uint8Array, context: Readonly<Record<string, string>> | undefined, options: KeyUseOptions = {}): { plaintext: Buffer; keyArn: string } {
  const { key, plaintext } = decryptBlob(ctx, blob, context, options);
  return { plaintext, keyArn: key.arn };
}

/** For IAM enforcement and inspection: a key of `state` by key id, key ARN, alias name or alias ARN, without side effects. */
export function lookupKmsKey(state: KmsState, ref: string): KmsKey | undefined {
  const alias = /(?:^|:)(alias\/.+)$/.exec(ref)?.[1];
  if (alias) {
    const target = state.aliases.get(alias)?.targetKeyId;
    return target === undefined ? undefined : state.keys.get(target);
  }
  const keyId = ref.startsWith('arn:') ? /:key\/([^:/]+)$/.exec(ref)?.[1] : ref;
  return keyId === undefined ? undefined : state.keys.get(keyId);
}
