/** Shared pieces of writing objects: ids, ETags, checksums, encryption, tags, versions. */
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { sealDataKey } from './sse-kms.ts';
import type { ObjectEncryption, S3Bucket, S3ObjectVersion, Tag } from './state.ts';

export function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}

export function etagOf(body: Buffer): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

export function checkKey(key: string): void {
  if (Buffer.byteLength(key) > 1024) throw new AwsServiceError('KeyTooLongError', 'Your key is too long', { status: 400, fields: { Size: Buffer.byteLength(key), MaxSizeAllowed: 1024 } });
}

/** Verifies Content-MD5 and the flexible checksums a client sent; returns the checksum to keep. */
export function verifyIntegrity(body: Buffer, input: Record<string, unknown>): { algorithm: string; value: string } | undefined {
  const md5 = input.ContentMD5 as string | undefined;
  if (md5 !== undefined) {
    if (!/^[A-Za-z0-9+/]{22}==$/.test(md5)) throw new AwsServiceError('InvalidDigest', 'The Content-MD5 you specified was invalid.', { status: 400 });
    if (createHash('md5').update(body).digest('base64') !== md5) throw new AwsServiceError('BadDigest', 'The Content-MD5 you specified did not match what we received.', { status: 400 });
  }
  const checks: [string, string, () => string | undefined][] = [
    ['ChecksumCRC32', 'CRC32', () => { const b = Buffer.alloc(4); b.writeUInt32BE(crc32(body)); return b.toString('base64'); }],
    ['ChecksumSHA1', 'SHA1', () => createHash('sha1').update(body).digest('base64')],
    ['ChecksumSHA256', 'SHA256', () => createHash('sha256').update(body).digest('base64')],
    ['ChecksumCRC32C', 'CRC32C', () => undefined],
    ['ChecksumCRC64NVME', 'CRC64NVME', () => undefined],
  ];
  for (const [member, algorithm, compute] of checks) {
    const given = input[member] as string | undefined;
    if (given === undefined) continue;
    const actual = compute();
    if (actual !== undefined && actual !== given) {
      throw new AwsServiceError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, { status: 400 });
    }
    return { algorithm, value: given };
  }
  return undefined;
}

const ALGORITHMS = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

/**
 * The encryption an object gets: what the request asks for, else the bucket's default. SSE-KMS
 * goes through the emulated KMS (sse-kms.ts): the key must exist and be usable, and the object
 * reports the key's ARN.
 */
export function objectEncryption(ctx: RequestContext, bucket: S3Bucket, objectKey: string, input: { ServerSideEncryption?: string; SSEKMSKeyId?: string; BucketKeyEnabled?: boolean }): ObjectEncryption {
  const algorithm = input.ServerSideEncryption ?? bucket.encryption.algorithm;
  if (!ALGORITHMS.has(algorithm)) {
    throw new AwsServiceError('InvalidArgument', 'The encryption method specified is not supported', { status: 400, fields: { ArgumentName: 'x-amz-server-side-encryption', ArgumentValue: algorithm } });
  }
  if (input.SSEKMSKeyId && algorithm === 'AES256') {
    throw new AwsServiceError('InvalidArgument', 'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms', { status: 400 });
  }
  if (algorithm === 'AES256') return { algorithm };
  const fromBucket = input.ServerSideEncryption === undefined || input.ServerSideEncryption === bucket.encryption.algorithm;
  const keyRef = input.SSEKMSKeyId ?? (fromBucket ? bucket.encryption.kmsKeyId : undefined);
  const bucketKeyEnabled = input.BucketKeyEnabled ?? (fromBucket ? bucket.encryption.bucketKeyEnabled : false);
  return { algorithm: algorithm as ObjectEncryption['algorithm'], ...sealDataKey(ctx, bucket, objectKey, keyRef, bucketKeyEnabled), bucketKeyEnabled };
}

/** `x-amz-tagging: k1=v1&k2=v2` → tags, checked as S3 checks object tags. */
export function parseTagging(text: string | undefined): Tag[] {
  if (!text) return [];
  const tags = [...new URLSearchParams(text)].map(([Key, Value]) => ({ Key, Value }));
  checkObjectTags(tags);
  return tags;
}

export function checkObjectTags(tags: Tag[]): void {
  if (tags.length > 10) throw new AwsServiceError('BadRequest', 'Object tags cannot be greater than 10', { status: 400 });
  const keys = new Set<string>();
  for (const t of tags) {
    if (keys.has(t.Key)) throw new AwsServiceError('InvalidTag', 'Cannot provide multiple Tags with the same key', { status: 400 });
    keys.add(t.Key);
    if (t.Key.length > 128) throw new AwsServiceError('InvalidTag', 'The TagKey you have provided is too long, max 128', { status: 400 });
    if (t.Value.length > 256) throw new AwsServiceError('InvalidTag', 'The TagValue you have provided is too long, max 256', { status: 400 });
    if (t.Key.toLowerCase().startsWith('aws:')) throw new AwsServiceError('InvalidTag', 'System tags cannot be added/updated by requester', { status: 400 });
  }
}

/** Stores a new current version of a key, following the bucket's versioning state. */
export function storeVersion(bucket: S3Bucket, version: Omit<S3ObjectVersion, 'versionId'>): S3ObjectVersion {
  const versions = bucket.objects.get(version.key) ?? [];
  const enabled = bucket.versioning === 'Enabled';
  const stored: S3ObjectVersion = { ...version, versionId: enabled ? newVersionId() : 'null' };
  // Unversioned and suspended buckets keep one 'null' version per key, replaced on every write.
  const kept = enabled ? versions : versions.filter((v) => v.versionId !== 'null');
  kept.push(stored);
  bucket.objects.set(version.key, kept);
  return stored;
}

/** Whether responses name version ids (only once versioning has been turned on). */
export function reportsVersions(bucket: S3Bucket): boolean {
  return bucket.versioning !== undefined;
}
