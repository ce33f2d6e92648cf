/**
 * S3's state. Buckets live in their owner's account (account-wide state); the bucket namespace is
 * global, so lookups by name scan the caller's account first and then every other account.
 */
import { formatArn } from '../../core/arn.ts';
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';

export interface Tag { Key: string; Value: string }

export interface Grant {
  grantee: { type: 'CanonicalUser'; id: string } | { type: 'Group'; uri: string } | { type: 'AmazonCustomerByEmail'; email: string };
  permission: 'FULL_CONTROL' | 'WRITE' | 'WRITE_ACP' | 'READ' | 'READ_ACP';
}

export interface ObjectEncryption {
  algorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse';
  /** The KMS key's ARN (SSE-KMS). */
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
  /** The object's data key, encrypted by KMS under `kmsKeyId` (sse-kms.ts); absent when KMS is not emulated. */
  encryptedDataKey?: Buffer;
}

export interface S3ObjectVersion {
  key: string;
  /** 'null' for objects written while versioning was never enabled (or suspended). */
  versionId: string;
  deleteMarker: boolean;
  body: Buffer;
  etag: string;
  lastModified: Date;
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: Date;
  metadata: Record<string, string>;
  storageClass: string;
  encryption?: ObjectEncryption;
  checksum?: { algorithm: string; value: string };
  tags: Tag[];
  acl: Grant[];
  /** Account that wrote the object (object ownership). */
  owner: string;
}

export interface PublicAccessBlock {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

export interface LoggingConfig {
  targetBucket: string;
  targetPrefix: string;
  targetGrants?: unknown[];
  targetObjectKeyFormat?: unknown;
}

export interface S3Bucket {
  name: string;
  region: string;
  owner: string;
  createdAt: Date;
  /** Versions of each key, oldest first; the last one is current (it may be a delete marker). */
  objects: Map<string, S3ObjectVersion[]>;
  versioning?: 'Enabled' | 'Suspended';
  mfaDelete?: 'Enabled' | 'Disabled';
  policy?: string;
  publicAccessBlock?: PublicAccessBlock;
  /** undefined after DeleteBucketOwnershipControls. */
  ownership?: 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';
  acl: Grant[];
  encryption: { algorithm: ObjectEncryption['algorithm']; kmsKeyId?: string; bucketKeyEnabled: boolean };
  logging?: LoggingConfig;
  tags?: Tag[];
  lifecycle?: unknown[];
  /** Multipart uploads in progress, by upload id. */
  uploads?: Map<string, MultipartUpload>;
}

export interface MultipartUpload {
  uploadId: string;
  key: string;
  initiated: Date;
  initiator: string;
  /** Object attributes given to CreateMultipartUpload, applied on completion. */
  template: Omit<S3ObjectVersion, 'versionId' | 'key' | 'body' | 'etag' | 'lastModified' | 'deleteMarker' | 'checksum'>;
  parts: Map<number, { etag: string; body: Buffer; lastModified: Date }>;
}

export interface S3State {
  buckets: Map<string, S3Bucket>;
}

export function createS3State(): S3State {
  return { buckets: new Map() };
}

/** The canonical user id S3 shows for an account (64 hex characters, stable per account). */
export function canonicalId(accountId: string): string {
  return createHash('sha256').update(`mlsec-sim:${accountId}`).digest('hex');
}

export function noSuchBucket(name: string): AwsServiceError {
  return new AwsServiceError('NoSuchBucket', 'The specified bucket does not exist', { status: 404, fields: { BucketName: name } });
}

/** Finds a bucket anywhere (the namespace is global); throws NoSuchBucket. Marks the owner's state as touched. */
export function findBucket(ctx: RequestContext, name: string): S3Bucket {
  const own = ctx.peekStateOf<S3State>('s3', ctx.accountId)?.buckets.get(name);
  if (own) return ctx.stateOf<S3State>('s3').buckets.get(name)!;
  const owner = bucketOwner(ctx, name);
  if (!owner) throw noSuchBucket(name);
  return ctx.stateOf<S3State>('s3', owner).buckets.get(name)!;
}

/** The account owning a bucket name, if any. */
export function bucketOwner(ctx: RequestContext, name: string): string | undefined {
  if (ctx.peekStateOf<S3State>('s3', ctx.accountId)?.buckets.has(name)) return ctx.accountId;
  for (const account of ctx.accountIds()) {
    if (ctx.peekStateOf<S3State>('s3', account)?.buckets.has(name)) return account;
  }
  return undefined;
}

export function bucketArn(name: string): string {
  return formatArn('s3', '', '', name);
}
