/** Buckets: create (regions, LocationConstraint, ownership defaults), delete, head, list, location. */
import type * as S3 from '@aws-sdk/client-s3';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import { checkAclsAllowed, isPublicAcl, ownerGrant, requestedGrants } from './acl.ts';
import { checkBucketName, REGIONS } from './names.ts';
import { blockedByPublicAccessBlock, accountBlock } from './public-access.ts';
import { bucketArn, bucketOwner, canonicalId, findBucket, type S3Bucket, type S3State } from './state.ts';

const OWNERSHIPS = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'] as const;

function illegalLocation(constraint: string | undefined): AwsServiceError {
  return new AwsServiceError('IllegalLocationConstraintException', `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`, { status: 400 });
}

export function createBucket(input: S3.CreateBucketRequest, ctx: RequestContext): Output<S3.CreateBucketOutput> {
  const name = input.Bucket!;
  checkBucketName(name);
  const constraint = input.CreateBucketConfiguration?.LocationConstraint as string | undefined;
  if (constraint !== undefined && (!REGIONS.has(constraint) || constraint === 'us-east-1')) {
    throw new AwsServiceError('InvalidLocationConstraint', 'The specified location-constraint is not valid', { status: 400, fields: { LocationConstraint: constraint } });
  }
  if (constraint !== undefined && constraint !== ctx.region) throw illegalLocation(constraint);
  if (constraint === undefined && ctx.region !== 'us-east-1') throw illegalLocation(undefined);
  const region = constraint ?? 'us-east-1';

  const owner = bucketOwner(ctx, name);
  if (owner === ctx.accountId) {
    // us-east-1 answers a repeated CreateBucket by the owner with success, every other region with 409.
    if (region === 'us-east-1' && findBucket(ctx, name).region === 'us-east-1') return { Location: `/${name}` };
    throw new AwsServiceError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', { status: 409, fields: { BucketName: name } });
  }
  if (owner !== undefined) {
    throw new AwsServiceError('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', { status: 409, fields: { BucketName: name } });
  }

  const ownership = (input.ObjectOwnership ?? 'BucketOwnerEnforced') as S3Bucket['ownership'];
  if (!OWNERSHIPS.includes(ownership as (typeof OWNERSHIPS)[number])) {
    throw new AwsServiceError('InvalidArgument', `Invalid x-amz-object-ownership header: ${input.ObjectOwnership}`, { status: 400, fields: { ArgumentName: 'x-amz-object-ownership', ArgumentValue: input.ObjectOwnership } });
  }
  const grants = requestedGrants(input as never, ctx.accountId);
  const bucket: S3Bucket = {
    name,
    region,
    owner: ctx.accountId,
    createdAt: ctx.now,
    objects: new Map(),
    ownership,
    acl: grants ?? [ownerGrant(ctx.accountId)],
    // New buckets block all public access and encrypt with SSE-S3 by default (AWS, since April 2023).
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    encryption: { algorithm: 'AES256', bucketKeyEnabled: false },
  };
  if (grants) {
    if (ownership === 'BucketOwnerEnforced' && !grants.every((g) => g.grantee.type === 'CanonicalUser')) {
      throw new AwsServiceError('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", { status: 400 });
    }
    checkAclsAllowed(bucket, grants);
    if (isPublicAcl(grants) && (bucket.publicAccessBlock?.BlockPublicAcls || accountBlock(ctx, ctx.accountId)?.BlockPublicAcls)) {
      throw blockedByPublicAccessBlock(ctx, 's3:CreateBucket', bucketArn(name), 'BlockPublicAcls');
    }
  }
  ctx.stateOf<S3State>('s3').buckets.set(name, bucket);
  return { Location: region === 'us-east-1' ? `/${name}` : `http://${name}.s3.${region}.amazonaws.com/` };
}

export function deleteBucket(input: S3.DeleteBucketRequest, ctx: RequestContext): Output<unknown> {
  const bucket = findBucket(ctx, input.Bucket!);
  if (bucket.objects.size) {
    const versions = [...bucket.objects.values()].some((v) => v.length > 1 || v[0]?.deleteMarker);
    const message = versions || bucket.versioning ? 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.' : 'The bucket you tried to delete is not empty';
    throw new AwsServiceError('BucketNotEmpty', message, { status: 409, fields: { BucketName: bucket.name } });
  }
  ctx.stateOf<S3State>('s3', bucket.owner).buckets.delete(bucket.name);
  return {};
}

export function headBucket(input: S3.HeadBucketRequest, ctx: RequestContext): Output<S3.HeadBucketOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  return { BucketRegion: bucket.region, AccessPointAlias: false };
}

export function listBuckets(input: S3.ListBucketsRequest, ctx: RequestContext): Output<S3.ListBucketsOutput> {
  const state = ctx.peekStateOf<S3State>('s3', ctx.accountId);
  let buckets = [...(state?.buckets.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  if (input.Prefix) buckets = buckets.filter((b) => b.name.startsWith(input.Prefix!));
  if (input.BucketRegion) buckets = buckets.filter((b) => b.region === input.BucketRegion);
  let start = 0;
  if (input.ContinuationToken) {
    const after = Buffer.from(input.ContinuationToken, 'base64url').toString('utf8');
    start = buckets.findIndex((b) => b.name > after);
    if (start === -1) start = buckets.length;
  }
  const max = input.MaxBuckets ?? 10000;
  if (max < 1 || max > 10000) throw new AwsServiceError('InvalidArgument', 'max-buckets must be between 1 and 10000', { status: 400, fields: { ArgumentName: 'max-buckets', ArgumentValue: String(max) } });
  const page = buckets.slice(start, start + max);
  const more = start + max < buckets.length;
  return {
    Buckets: page.map((b) => ({ Name: b.name, CreationDate: b.createdAt, BucketRegion: b.region })),
    Owner: { ID: canonicalId(ctx.accountId) },
    ContinuationToken: more ? Buffer.from(page[page.length - 1]!.name).toString('base64url') : undefined,
    Prefix: input.Prefix,
  };
}

export function getBucketLocation(input: S3.GetBucketLocationRequest, ctx: RequestContext): Output<S3.GetBucketLocationOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  return { LocationConstraint: bucket.region === 'us-east-1' ? undefined : (bucket.region as S3.BucketLocationConstraint) };
}

