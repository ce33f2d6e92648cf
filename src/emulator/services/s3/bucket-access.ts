/** Who may reach a bucket: Block Public Access, ACLs (bucket and object) and Object Ownership. */
import type * as S3 from '@aws-sdk/client-s3';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import { checkAclsAllowed, grantsOutput, isPublicAcl, requestedGrants } from './acl.ts';
import { blockedByPublicAccessBlock, effectiveBlock } from './public-access.ts';
import { bucketArn, canonicalId, findBucket, type PublicAccessBlock, type S3Bucket } from './state.ts';

// ── Block Public Access (bucket level; account level is S3 Control) ─────────────────────────────

export function putPublicAccessBlock(input: S3.PutPublicAccessBlockRequest, ctx: RequestContext): Output<unknown> {
  const bucket = findBucket(ctx, input.Bucket!);
  const c = input.PublicAccessBlockConfiguration ?? {};
  if (c.BlockPublicAcls === undefined && c.IgnorePublicAcls === undefined && c.BlockPublicPolicy === undefined && c.RestrictPublicBuckets === undefined) {
    throw new AwsServiceError('InvalidRequest', 'Must specify at least one configuration.', { status: 400 });
  }
  bucket.publicAccessBlock = {
    BlockPublicAcls: c.BlockPublicAcls ?? false,
    IgnorePublicAcls: c.IgnorePublicAcls ?? false,
    BlockPublicPolicy: c.BlockPublicPolicy ?? false,
    RestrictPublicBuckets: c.RestrictPublicBuckets ?? false,
  };
  return {};
}

export function getPublicAccessBlock(input: S3.GetPublicAccessBlockRequest, ctx: RequestContext): Output<S3.GetPublicAccessBlockOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  if (!bucket.publicAccessBlock) {
    throw new AwsServiceError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', { status: 404, fields: { BucketName: bucket.name } });
  }
  return { PublicAccessBlockConfiguration: { ...bucket.publicAccessBlock } as PublicAccessBlock };
}

export function deletePublicAccessBlock(input: S3.DeletePublicAccessBlockRequest, ctx: RequestContext): Output<unknown> {
  findBucket(ctx, input.Bucket!).publicAccessBlock = undefined;
  return {};
}

// ── ACLs ────────────────────────────────────────────────────────────────────────────────────────

function guardedGrants(ctx: RequestContext, bucket: S3Bucket, input: Record<string, unknown>, action: string, resource: string, owner: string) {
  const grants = requestedGrants(input as never, owner, bucket.owner);
  if (!grants) throw new AwsServiceError('MissingSecurityHeader', 'Your request was missing a required header', { status: 400, fields: { MissingHeaderName: 'x-amz-acl' } });
  checkAclsAllowed(bucket, grants);
  if (isPublicAcl(grants) && effectiveBlock(ctx, bucket).BlockPublicAcls) throw blockedByPublicAccessBlock(ctx, action, resource, 'BlockPublicAcls');
  return grants;
}

export function getBucketAcl(input: S3.GetBucketAclRequest, ctx: RequestContext): Output<S3.GetBucketAclOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  return { Owner: { ID: canonicalId(bucket.owner) }, Grants: grantsOutput(bucket.acl) };
}

export function putBucketAcl(input: S3.PutBucketAclRequest, ctx: RequestContext): Output<unknown> {
  const bucket = findBucket(ctx, input.Bucket!);
  bucket.acl = guardedGrants(ctx, bucket, input as unknown as Record<string, unknown>, 's3:PutBucketAcl', bucketArn(bucket.name), bucket.owner);
  return {};
}

function objectFor(bucket: S3Bucket, key: string, versionId: string | undefined) {
  const versions = bucket.objects.get(key);
  const o = versionId ? versions?.find((v) => v.versionId === versionId) : versions?.[versions.length - 1];
  if (!o || o.deleteMarker) throw new AwsServiceError('NoSuchKey', 'The specified key does not exist.', { status: 404, fields: { Key: key } });
  return o;
}

export function getObjectAcl(input: S3.GetObjectAclRequest, ctx: RequestContext): Output<S3.GetObjectAclOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  const o = objectFor(bucket, input.Key!, input.VersionId);
  return { Owner: { ID: canonicalId(o.owner) }, Grants: grantsOutput(o.acl) };
}

export function putObjectAcl(input: S3.PutObjectAclRequest, ctx: RequestContext): Output<S3.PutObjectAclOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  const o = objectFor(bucket, input.Key!, input.VersionId);
  o.acl = guardedGrants(ctx, bucket, input as unknown as Record<string, unknown>, 's3:PutObjectAcl', `${bucketArn(bucket.name)}/${o.key}`, o.owner);
  return {};
}

// ── Object Ownership ────────────────────────────────────────────────────────────────────────────

export function getBucketOwnershipControls(input: S3.GetBucketOwnershipControlsRequest, ctx: RequestContext): Output<S3.GetBucketOwnershipControlsOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  if (!bucket.ownership) {
    throw new AwsServiceError('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', { status: 404, fields: { BucketName: bucket.name } });
  }
  return { OwnershipControls: { Rules: [{ ObjectOwnership: bucket.ownership }] } };
}

export function putBucketOwnershipControls(input: S3.PutBucketOwnershipControlsRequest, ctx: RequestContext): Output<unknown> {
  const bucket = findBucket(ctx, input.Bucket!);
  const rules = input.OwnershipControls?.Rules ?? [];
  const value = rules[0]?.ObjectOwnership;
  if (rules.length !== 1 || !['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'].includes(value ?? '')) {
    throw new AwsServiceError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', { status: 400 });
  }
  if (value === 'BucketOwnerEnforced' && bucket.acl.some((g) => g.grantee.type !== 'CanonicalUser' || g.grantee.id !== canonicalId(bucket.owner))) {
    throw new AwsServiceError('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", { status: 400 });
  }
  bucket.ownership = value as S3Bucket['ownership'];
  return {};
}

export function deleteBucketOwnershipControls(input: S3.DeleteBucketOwnershipControlsRequest, ctx: RequestContext): Output<unknown> {
  findBucket(ctx, input.Bucket!).ownership = undefined;
  return {};
}
