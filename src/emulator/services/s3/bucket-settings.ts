/** Bucket settings: default encryption, versioning, server access logging, tags, lifecycle rules. */
import type * as S3 from '@aws-sdk/client-s3';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import { bucketOwner, findBucket, type Tag } from './state.ts';

const MALFORMED_XML = 'The XML you provided was not well-formed or did not validate against our published schema';
const malformedXml = () => new AwsServiceError('MalformedXML', MALFORMED_XML, { status: 400 });

// ── default encryption ──────────────────────────────────────────────────────────────────────────

export function getBucketEncryption(input: S3.GetBucketEncryptionRequest, ctx: RequestContext): Output<S3.GetBucketEncryptionOutput> {
  const e = findBucket(ctx, input.Bucket!).encryption;
  return {
    ServerSideEncryptionConfiguration: {
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: e.algorithm, KMSMasterKeyID: e.kmsKeyId }, BucketKeyEnabled: e.bucketKeyEnabled }],
    },
  };
}

export function putBucketEncryption(input: S3.PutBucketEncryptionRequest, ctx: RequestContext): Output<unknown> {
  const bucket = findBucket(ctx, input.Bucket!);
  const rules = input.ServerSideEncryptionConfiguration?.Rules ?? [];
  const rule = rules[0];
  const defaults = rule?.ApplyServerSideEncryptionByDefault;
  if (rules.length !== 1 || !defaults?.SSEAlgorithm) throw malformedXml();
  const algorithm = defaults.SSEAlgorithm;
  if (!['AES256', 'aws:kms', 'aws:kms:dsse'].includes(algorithm)) throw malformedXml();
  if (defaults.KMSMasterKeyID && algorithm === 'AES256') {
    throw new AwsServiceError('InvalidArgument', 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse', { status: 400, fields: { ArgumentName: 'ApplyServerSideEncryptionByDefault' } });
  }
  bucket.encryption = { algorithm: algorithm as 'AES256', kmsKeyId: defaults.KMSMasterKeyID, bucketKeyEnabled: rule?.BucketKeyEnabled ?? false };
  return {};
}

/** Buckets are always encrypted now: deleting the configuration goes back to SSE-S3. */
export function deleteBucketEncryption(input: S3.DeleteBucketEncryptionRequest, ctx: RequestContext): Output<unknown> {
  findBucket(ctx, input.Bucket!).encryption = { algorithm: 'AES256', bucketKeyEnabled: false };
  return {};
}

// ── versioning ──────────────────────────────────────────────────────────────────────────────────

export function getBucketVersioning(input: S3.GetBucketVersioningRequest, ctx: RequestContext): Output<S3.GetBucketVersioningOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  return { Status: bucket.versioning, MFADelete: bucket.versioning ? bucket.mfaDelete : undefined };
}

export function putBucketVersioning(input: S3.PutBucketVersioningRequest, ctx: RequestContext): Output<unknown> {
  const bucket = findBucket(ctx, input.Bucket!);
  const status = input.VersioningConfiguration?.Status;
  const mfa = input.VersioningConfiguration?.MFADelete;
  if ((status !== undefined && status !== 'Enabled' && status !== 'Suspended') || (mfa !== undefined && mfa !== 'Enabled' && mfa !== 'Disabled')) throw malformedXml();
  if (status) bucket.versioning = status;
  if (mfa) bucket.mfaDelete = mfa;
  return {};
}

// ── server access logging ───────────────────────────────────────────────────────────────────────

export function getBucketLogging(input: S3.GetBucketLoggingRequest, ctx: RequestContext): Output<S3.GetBucketLoggingOutput> {
  const l = findBucket(ctx, input.Bucket!).logging;
  return { LoggingEnabled: l ? { TargetBucket: l.targetBucket, TargetPrefix: l.targetPrefix, TargetGrants: l.targetGrants as S3.TargetGrant[] | undefined, TargetObjectKeyFormat: l.targetObjectKeyFormat as S3.TargetObjectKeyFormat | undefined } : undefined };
}

export function putBucketLogging(input: S3.PutBucketLoggingRequest, ctx: RequestContext): Output<unknown> {
  const bucket = findBucket(ctx, input.Bucket!);
  const enabled = input.BucketLoggingStatus?.LoggingEnabled;
  if (!enabled) {
    bucket.logging = undefined;
    return {};
  }
  if (!enabled.TargetBucket || enabled.TargetPrefix === undefined) throw malformedXml();
  const targetOwner = bucketOwner(ctx, enabled.TargetBucket);
  if (!targetOwner) throw new AwsServiceError('InvalidTargetBucketForLogging', 'The target bucket for logging does not exist', { status: 400, fields: { TargetBucket: enabled.TargetBucket } });
  if (targetOwner !== bucket.owner) {
    throw new AwsServiceError('InvalidTargetBucketForLogging', 'The owner for the bucket to be logged and the target bucket must be the same.', { status: 400, fields: { TargetBucket: enabled.TargetBucket } });
  }
  if (findBucket(ctx, enabled.TargetBucket).region !== bucket.region) {
    throw new AwsServiceError('CrossLocationLoggingProhibited', 'Cross S3 location logging not allowed.', { status: 403, fields: { TargetBucketLocation: findBucket(ctx, enabled.TargetBucket).region } });
  }
  bucket.logging = { targetBucket: enabled.TargetBucket, targetPrefix: enabled.TargetPrefix, targetGrants: enabled.TargetGrants, targetObjectKeyFormat: enabled.TargetObjectKeyFormat };
  return {};
}

// ── tags ────────────────────────────────────────────────────────────────────────────────────────

function checkBucketTags(tags: Tag[]): void {
  if (tags.length > 50) throw new AwsServiceError('BadRequest', 'Bucket tag count cannot be greater than 50', { status: 400 });
  const keys = new Set<string>();
  for (const t of tags) {
    if (keys.has(t.Key)) throw new AwsServiceError('InvalidTag', 'Cannot provide multiple Tags with the same key', { status: 400 });
    keys.add(t.Key);
    if (!t.Key || t.Key.length > 128) throw new AwsServiceError('InvalidTag', 'The TagKey you have provided is invalid', { status: 400 });
    if (t.Value.length > 256) throw new AwsServiceError('InvalidTag', 'The TagValue you have provided is too long, max 256', { status: 400 });
    if (t.Key.toLowerCase().startsWith('aws:')) throw new AwsServiceError('InvalidTag', 'System tags cannot be added/updated by requester', { status: 400 });
  }
}

export function getBucketTagging(input: S3.GetBucketTaggingRequest, ctx: RequestContext): Output<S3.GetBucketTaggingOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  if (!bucket.tags) throw new AwsServiceError('NoSuchTagSet', 'The TagSet does not exist', { status: 404, fields: { BucketName: bucket.name } });
  return { TagSet: bucket.tags };
}

export function putBucketTagging(input: S3.PutBucketTaggingRequest, ctx: RequestContext): Output<unknown> {
  const bucket = findBucket(ctx, input.Bucket!);
  const tags = (input.Tagging?.TagSet ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
  checkBucketTags(tags);
  bucket.tags = tags;
  return {};
}

export function deleteBucketTagging(input: S3.DeleteBucketTaggingRequest, ctx: RequestContext): Output<unknown> {
  findBucket(ctx, input.Bucket!).tags = undefined;
  return {};
}

// ── object tags ─────────────────────────────────────────────────────────────────────────────────

function taggedObject(ctx: RequestContext, bucketName: string, key: string, versionId: string | undefined) {
  const bucket = findBucket(ctx, bucketName);
  const versions = bucket.objects.get(key);
  const o = versionId ? versions?.find((v) => v.versionId === versionId) : versions?.[versions.length - 1];
  if (!o || o.deleteMarker) throw new AwsServiceError('NoSuchKey', 'The specified key does not exist.', { status: 404, fields: { Key: key } });
  return { bucket, o };
}

export function getObjectTagging(input: S3.GetObjectTaggingRequest, ctx: RequestContext): Output<S3.GetObjectTaggingOutput> {
  const { bucket, o } = taggedObject(ctx, input.Bucket!, input.Key!, input.VersionId);
  return { TagSet: o.tags, VersionId: bucket.versioning ? o.versionId : undefined };
}

export function putObjectTagging(input: S3.PutObjectTaggingRequest, ctx: RequestContext): Output<S3.PutObjectTaggingOutput> {
  const { bucket, o } = taggedObject(ctx, input.Bucket!, input.Key!, input.VersionId);
  const tags = (input.Tagging?.TagSet ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
  if (tags.length > 10) throw new AwsServiceError('BadRequest', 'Object tags cannot be greater than 10', { status: 400 });
  checkBucketTags(tags);
  o.tags = tags;
  return { VersionId: bucket.versioning ? o.versionId : undefined };
}

export function deleteObjectTagging(input: S3.DeleteObjectTaggingRequest, ctx: RequestContext): Output<S3.DeleteObjectTaggingOutput> {
  const { bucket, o } = taggedObject(ctx, input.Bucket!, input.Key!, input.VersionId);
  o.tags = [];
  return { VersionId: bucket.versioning ? o.versionId : undefined };
}

// ── lifecycle ───────────────────────────────────────────────────────────────────────────────────

export function getBucketLifecycleConfiguration(input: S3.GetBucketLifecycleConfigurationRequest, ctx: RequestContext): Output<S3.GetBucketLifecycleConfigurationOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  if (!bucket.lifecycle) throw new AwsServiceError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', { status: 404, fields: { BucketName: bucket.name } });
  return { Rules: bucket.lifecycle as S3.LifecycleRule[] };
}

export function putBucketLifecycleConfiguration(input: S3.PutBucketLifecycleConfigurationRequest, ctx: RequestContext): Output<unknown> {
  const bucket = findBucket(ctx, input.Bucket!);
  const rules = input.LifecycleConfiguration?.Rules ?? [];
  if (!rules.length || rules.length > 1000) throw malformedXml();
  const ids = new Set<string>();
  for (const rule of rules) {
    if (rule.Status !== 'Enabled' && rule.Status !== 'Disabled') throw malformedXml();
    if (rule.ID !== undefined) {
      if (rule.ID.length > 255) throw new AwsServiceError('InvalidArgument', 'ID length should not exceed allowed limit of 255', { status: 400 });
      if (ids.has(rule.ID)) throw new AwsServiceError('InvalidArgument', 'Rule ID must be unique. Found same ID for more than one rule', { status: 400 });
      ids.add(rule.ID);
    }
    const days = rule.Expiration?.Days;
    if (days !== undefined && (!Number.isInteger(days) || days <= 0)) {
      throw new AwsServiceError('InvalidArgument', "'Days' for Expiration action must be a positive integer", { status: 400 });
    }
    const hasAction = rule.Expiration || rule.Transitions?.length || rule.NoncurrentVersionExpiration || rule.NoncurrentVersionTransitions?.length || rule.AbortIncompleteMultipartUpload;
    if (!hasAction) throw new AwsServiceError('InvalidRequest', 'At least one action needs to be specified in a rule', { status: 400 });
  }
  bucket.lifecycle = rules.map((r) => ({ ...r, ID: r.ID ?? Buffer.from(`${Date.now()}-${Math.random()}`).toString('base64').slice(0, 40) }));
  return {};
}

export function deleteBucketLifecycle(input: S3.DeleteBucketLifecycleRequest, ctx: RequestContext): Output<unknown> {
  findBucket(ctx, input.Bucket!).lifecycle = undefined;
  return {};
}
