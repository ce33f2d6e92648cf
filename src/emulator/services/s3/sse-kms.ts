/**
 * SSE-KMS through the emulated KMS (services/kms/key-access.ts), as S3 does it. On a write, S3 has
 * KMS encrypt a fresh data key under the object's KMS key — the key the request names, else the
 * bucket's default key, else the AWS managed key `aws/s3` (created on first use) — with the
 * encryption context `{"aws:s3:arn": <object ARN>}` (the bucket's ARN with an S3 Bucket Key). The
 * object keeps the key's ARN, which is what SSEKMSKeyId reports however the key was named, and the
 * encrypted data key. On a read, S3 has KMS decrypt that data key, so an object whose key was
 * disabled or scheduled for deletion cannot be read, as on AWS.
 *
 * KMS's refusals reach the client the way S3 reports them: `KMS.<KMS error code>` with HTTP 400
 * (`KMS.NotFoundException: Invalid keyId 'x'`, `KMS.DisabledException: arn:… is disabled.` …),
 * and KMS's AccessDeniedException as S3's 403 AccessDenied with KMS's message.
 * Without KMS in the emulator, the key reference is recorded as an ARN, unchecked.
 */
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { kmsDecrypt, kmsEncrypt } from '../kms/key-access.ts';
import type { ObjectEncryption } from './state.ts';

export const S3_AWS_MANAGED_KEY = 'alias/aws/s3';

/** The encryption context S3 uses for an object's data key. */
function encryptionContext(bucket: string, objectKey: string, bucketKeyEnabled: boolean | undefined): Record<string, string> {
  return { 'aws:s3:arn': bucketKeyEnabled ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${objectKey}` };
}

/** KMS's error as S3 answers it. */
function asS3Error(error: unknown): unknown {
  if (!(error instanceof AwsServiceError)) return error;
  if (error.code === 'AccessDeniedException') return new AwsServiceError('AccessDenied', error.message, { status: 403 });
  return new AwsServiceError(`KMS.${error.code}`, error.message, { status: 400 });
}

/** A key reference as an ARN, without KMS (the emulator runs without it): recorded, not checked. */
function unchecked(keyRef: string, region: string, owner: string): string {
  if (keyRef.startsWith('arn:')) return keyRef;
  return keyRef.startsWith('alias/') ? `arn:aws:kms:${region}:${owner}:${keyRef}` : `arn:aws:kms:${region}:${owner}:key/${keyRef}`;
}

/**
 * Encrypts a new data key for an object under `keyRef` (undefined: the AWS managed key aws/s3);
 * returns the key's ARN and the encrypted data key to keep with the object.
 */
export function sealDataKey(ctx: RequestContext, bucket: { name: string; region: string; owner: string }, objectKey: string, keyRef: string | undefined, bucketKeyEnabled: boolean | undefined): Pick<ObjectEncryption, 'kmsKeyId' | 'encryptedDataKey'> {
  if (!ctx.hasService('kms')) return { kmsKeyId: unchecked(keyRef ?? S3_AWS_MANAGED_KEY, bucket.region, bucket.owner) };
  try {
    const sealed = kmsEncrypt(ctx, keyRef ?? S3_AWS_MANAGED_KEY, randomBytes(32), encryptionContext(bucket.name, objectKey, bucketKeyEnabled), { viaService: 's3', operation: 'GenerateDataKey' });
    return { kmsKeyId: sealed.keyArn, encryptedDataKey: sealed.ciphertextBlob };
  } catch (error) {
    throw asS3Error(error);
  }
}

/** Has KMS decrypt an object's data key before its content is read (GetObject, a copy's source). */
export function openDataKey(ctx: RequestContext, bucket: string, objectKey: string, encryption: ObjectEncryption | undefined): void {
  if (!encryption?.encryptedDataKey || !ctx.hasService('kms')) return;
  try {
    kmsDecrypt(ctx, encryption.encryptedDataKey, encryptionContext(bucket, objectKey, encryption.bucketKeyEnabled), { viaService: 's3', operation: 'Decrypt' });
  } catch (error) {
    throw asS3Error(error);
  }
}
