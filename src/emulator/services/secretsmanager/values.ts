/**
 * Secret values and their versions: encryption under the secret's KMS key (through the emulated
 * KMS, as AWS's Secrets Manager calls KMS), staging labels moved as AWS moves them, and the cleanup
 * of deprecated versions.
 */
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { kmsDecrypt, kmsEncrypt } from '../kms/key-access.ts';
import { AWSCURRENT, AWSPREVIOUS, DAY_MS, smError } from './common.ts';
import type { Secret, SecretVersion } from './state.ts';

export const DEFAULT_KEY_ALIAS = 'alias/aws/secretsmanager';
export const DEFAULT_KEY_LABEL = 'DefaultEncryptionKey';
const MAX_DEPRECATED_VERSIONS = 100;

export interface PlainValue {
  readonly kind: 'string' | 'binary';
  readonly bytes: Buffer;
}

function encryptionContext(secret: Secret, versionId: string): Record<string, string> {
  return { SecretARN: secret.arn, SecretVersionId: versionId };
}

/** KMS's refusal as Secrets Manager reports it. */
function kmsFailure(error: unknown, direction: 'encrypt' | 'decrypt'): AwsServiceError {
  if (!(error instanceof AwsServiceError)) return error as AwsServiceError;
  if (error.code === 'AccessDeniedException') return smError('AccessDeniedException', 'Access to KMS is not allowed');
  const detail = error.message ? ` (KMS: ${error.code}: ${error.message})` : ` (KMS: ${error.code})`;
  return direction === 'encrypt'
    ? smError('EncryptionFailure', `Secrets Manager can't encrypt the protected secret text using the provided KMS key. Check that the KMS key is available, enabled, and not in an invalid state.${detail}`)
    : smError('DecryptionFailure', `Secrets Manager can't decrypt the protected secret text using the provided KMS key.${detail}`);
}

export function encryptValue(ctx: RequestContext, secret: Secret, versionId: string, value: PlainValue): Pick<SecretVersion, 'value' | 'kmsKeyLabel'> {
  try {
    const { ciphertextBlob, keyArn } = kmsEncrypt(ctx, secret.kmsKeyId ?? DEFAULT_KEY_ALIAS, value.bytes, encryptionContext(secret, versionId), { viaService: 'secretsmanager', operation: 'GenerateDataKey' });
    return { value: { kind: value.kind, ciphertext: ciphertextBlob }, kmsKeyLabel: secret.kmsKeyId === undefined ? DEFAULT_KEY_LABEL : keyArn };
  } catch (error) {
    throw kmsFailure(error, 'encrypt');
  }
}

export function decryptValue(ctx: RequestContext, secret: Secret, version: SecretVersion): PlainValue | undefined {
  if (!version.value) return undefined;
  try {
    const { plaintext } = kmsDecrypt(ctx, version.value.ciphertext, encryptionContext(secret, version.versionId), { viaService: 'secretsmanager', operation: 'Decrypt' });
    return { kind: version.value.kind, bytes: plaintext };
  } catch (error) {
    throw kmsFailure(error, 'decrypt');
  }
}

export function sameValue(a: PlainValue | undefined, b: PlainValue | undefined): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && a.bytes.equals(b.bytes);
}

export function versionWith(secret: Secret, stage: string): SecretVersion | undefined {
  for (const v of secret.versions.values()) if (v.stages.includes(stage)) return v;
  return undefined;
}

/**
 * Attaches labels to a version, taking each from the version that had it. When AWSCURRENT moves,
 * the version it leaves becomes AWSPREVIOUS (and AWSPREVIOUS leaves wherever it was), as AWS does.
 */
export function attachStages(secret: Secret, target: SecretVersion, stages: readonly string[]): void {
  for (const stage of stages) {
    const holder = versionWith(secret, stage);
    if (holder === target) continue;
    if (holder) holder.stages = holder.stages.filter((s) => s !== stage);
    target.stages.push(stage);
    if (stage === AWSCURRENT) {
      target.stages = target.stages.filter((s) => s !== AWSPREVIOUS);
      if (holder) {
        const previous = versionWith(secret, AWSPREVIOUS);
        if (previous && previous !== holder) previous.stages = previous.stages.filter((s) => s !== AWSPREVIOUS);
        if (!holder.stages.includes(AWSPREVIOUS)) holder.stages.push(AWSPREVIOUS);
      }
    }
  }
}

/** AWS keeps at most 100 deprecated (unlabelled) versions, never removing one younger than a day. */
export function pruneDeprecated(secret: Secret, now: Date): void {
  const deprecated = [...secret.versions.values()].filter((v) => v.stages.length === 0);
  let excess = deprecated.length - MAX_DEPRECATED_VERSIONS;
  for (const v of deprecated) {
    if (excess <= 0) break;
    if (now.getTime() - v.createdDate.getTime() < DAY_MS) continue;
    secret.versions.delete(v.versionId);
    excess--;
  }
}

/** A new version holding `value`, labelled `stages` (taken from the versions that had them). */
export function addVersion(ctx: RequestContext, secret: Secret, versionId: string, value: PlainValue, stages: readonly string[]): SecretVersion {
  const encrypted = encryptValue(ctx, secret, versionId, value);
  const version: SecretVersion = { versionId, createdDate: ctx.now, stages: [], ...encrypted };
  secret.versions.set(versionId, version);
  attachStages(secret, version, stages);
  secret.lastChangedDate = ctx.now;
  pruneDeprecated(secret, ctx.now);
  return version;
}

/** SecretString / SecretBinary of a request as one value; both at once is refused as AWS refuses it. */
export function valueOf(input: { SecretString?: string; SecretBinary?: Uint8Array }): PlainValue | undefined {
  if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
    throw smError('InvalidParameterException', "You can't specify both a binary secret value and a string secret value in the same secret.");
  }
  if (input.SecretString !== undefined) {
    if (input.SecretString.length > 65_536) throw smError('ValidationException', "1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536");
    return { kind: 'string', bytes: Buffer.from(input.SecretString, 'utf8') };
  }
  if (input.SecretBinary !== undefined) {
    if (input.SecretBinary.byteLength > 65_536) throw smError('ValidationException', "1 validation error detected: Value at 'secretBinary' failed to satisfy constraint: Member must have length less than or equal to 65536");
    return { kind: 'binary', bytes: Buffer.from(input.SecretBinary) };
  }
  return undefined;
}

/** The value as GetSecretValue returns it. */
export function valueOutput(value: PlainValue | undefined): { SecretString?: string; SecretBinary?: Buffer } {
  if (!value) return {};
  return value.kind === 'string' ? { SecretString: value.bytes.toString('utf8') } : { SecretBinary: value.bytes };
}
