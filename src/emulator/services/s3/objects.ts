/** Objects: put, get (ranges, conditions), head, delete (versions, markers), batch delete, copy. */
import type * as S3 from '@aws-sdk/client-s3';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import { checkAclsAllowed, isPublicAcl, ownerGrant, requestedGrants } from './acl.ts';
import { checkKey, etagOf, newVersionId, objectEncryption, parseTagging, reportsVersions, storeVersion, verifyIntegrity } from './object-write.ts';
import { openDataKey } from './sse-kms.ts';
import { blockedByPublicAccessBlock, effectiveBlock } from './public-access.ts';
import { bucketArn, findBucket, type S3Bucket, type S3ObjectVersion } from './state.ts';

function noSuchKey(key: string, deleteMarker = false): AwsServiceError {
  return new AwsServiceError('NoSuchKey', 'The specified key does not exist.', { status: 404, fields: { Key: key }, headers: deleteMarker ? { 'x-amz-delete-marker': 'true' } : undefined });
}

/** The version a read names (a given version id, or the current one). */
function readable(bucket: S3Bucket, key: string, versionId: string | undefined): S3ObjectVersion {
  const versions = bucket.objects.get(key);
  if (versionId !== undefined) {
    const v = versions?.find((x) => x.versionId === versionId);
    if (!v) {
      if (versionId !== 'null' && !/^[A-Za-z0-9._-]{1,1024}$/.test(versionId)) throw new AwsServiceError('InvalidArgument', 'Invalid version id specified', { status: 400, fields: { ArgumentName: 'versionId', ArgumentValue: versionId } });
      throw new AwsServiceError('NoSuchVersion', 'The specified version does not exist.', { status: 404, fields: { Key: key, VersionId: versionId } });
    }
    if (v.deleteMarker) throw new AwsServiceError('MethodNotAllowed', 'The specified method is not allowed against this resource.', { status: 405, headers: { 'x-amz-delete-marker': 'true' } });
    return v;
  }
  const latest = versions?.[versions.length - 1];
  if (!latest) throw noSuchKey(key);
  if (latest.deleteMarker) throw noSuchKey(key, true);
  return latest;
}

function checkConditions(o: S3ObjectVersion, input: { IfMatch?: string; IfNoneMatch?: string; IfModifiedSince?: Date; IfUnmodifiedSince?: Date }): void {
  const failed = () => new AwsServiceError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { status: 412, fields: { Condition: 'If-Match' } });
  const notModified = () => new AwsServiceError('NotModified', 'Not Modified', { status: 304, headers: { etag: o.etag } });
  const matches = (list: string) => list.split(',').map((s) => s.trim()).some((e) => e === '*' || e === o.etag || `"${e}"` === o.etag);
  const modifiedSeconds = Math.floor(o.lastModified.getTime() / 1000);
  if (input.IfMatch !== undefined && !matches(input.IfMatch)) throw failed();
  if (input.IfUnmodifiedSince && input.IfMatch === undefined && modifiedSeconds > Math.floor(input.IfUnmodifiedSince.getTime() / 1000)) throw failed();
  if (input.IfNoneMatch !== undefined && matches(input.IfNoneMatch)) throw notModified();
  if (input.IfModifiedSince && input.IfNoneMatch === undefined && modifiedSeconds <= Math.floor(input.IfModifiedSince.getTime() / 1000)) throw notModified();
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` → inclusive range; undefined = the whole object. */
function parseRange(range: string | undefined, size: number): [number, number] | undefined {
  if (!range) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined; // S3 ignores ranges it cannot parse (and multi-ranges)
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) {
    throw new AwsServiceError('InvalidRange', 'The requested range is not satisfiable', { status: 416, fields: { RangeRequested: range, ActualObjectSize: size } });
  }
  return [start, end];
}

function describe(bucket: S3Bucket, o: S3ObjectVersion): S3.HeadObjectOutput {
  return {
    ContentLength: o.body.length,
    ContentType: o.contentType ?? 'binary/octet-stream',
    ContentEncoding: o.contentEncoding,
    ContentDisposition: o.contentDisposition,
    ContentLanguage: o.contentLanguage,
    CacheControl: o.cacheControl,
    Expires: o.expires,
    ETag: o.etag,
    LastModified: o.lastModified,
    Metadata: o.metadata,
    VersionId: reportsVersions(bucket) ? o.versionId : undefined,
    ServerSideEncryption: o.encryption?.algorithm,
    SSEKMSKeyId: o.encryption?.kmsKeyId,
    BucketKeyEnabled: o.encryption?.bucketKeyEnabled || undefined,
    StorageClass: o.storageClass === 'STANDARD' ? undefined : (o.storageClass as S3.StorageClass),
    AcceptRanges: 'bytes',
    TagCount: o.tags.length || undefined,
  } as S3.HeadObjectOutput;
}

export function putObject(input: S3.PutObjectRequest, ctx: RequestContext): Output<S3.PutObjectOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  const key = input.Key!;
  checkKey(key);
  const body = (input.Body as Buffer | undefined) ?? Buffer.alloc(0);
  const checksum = verifyIntegrity(body, input as unknown as Record<string, unknown>);
  const grants = requestedGrants(input as never, ctx.accountId, bucket.owner);
  checkAclsAllowed(bucket, grants);
  if (grants && isPublicAcl(grants) && effectiveBlock(ctx, bucket).BlockPublicAcls) throw blockedByPublicAccessBlock(ctx, 's3:PutObject', `${bucketArn(bucket.name)}/${key}`, 'BlockPublicAcls');
  const encryption = objectEncryption(ctx, bucket, key, input);
  const encoding = input.ContentEncoding?.split(',').map((e) => e.trim()).filter((e) => e && e !== 'aws-chunked').join(', ');
  const stored = storeVersion(bucket, {
    key,
    deleteMarker: false,
    body,
    etag: etagOf(body),
    lastModified: ctx.now,
    contentType: input.ContentType,
    contentEncoding: encoding || undefined,
    contentDisposition: input.ContentDisposition,
    contentLanguage: input.ContentLanguage,
    cacheControl: input.CacheControl,
    expires: input.Expires,
    metadata: input.Metadata ?? {},
    storageClass: input.StorageClass ?? 'STANDARD',
    encryption,
    checksum,
    tags: parseTagging(input.Tagging),
    acl: grants ?? [ownerGrant(bucket.ownership === 'BucketOwnerEnforced' ? bucket.owner : ctx.accountId)],
    owner: bucket.ownership === 'BucketOwnerEnforced' ? bucket.owner : ctx.accountId,
  });
  return {
    ETag: stored.etag,
    VersionId: reportsVersions(bucket) ? stored.versionId : undefined,
    ServerSideEncryption: encryption.algorithm,
    SSEKMSKeyId: encryption.kmsKeyId,
    BucketKeyEnabled: encryption.bucketKeyEnabled || undefined,
    ...(checksum ? { [`Checksum${checksum.algorithm}`]: checksum.value } : {}),
  };
}

export function getObject(input: S3.GetObjectRequest, ctx: RequestContext): Output<S3.GetObjectOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  const o = readable(bucket, input.Key!, input.VersionId);
  checkConditions(o, input);
  openDataKey(ctx, bucket.name, o.key, o.encryption);
  const range = parseRange(input.Range, o.body.length);
  const body = range ? o.body.subarray(range[0], range[1] + 1) : o.body;
  return {
    ...describe(bucket, o),
    Body: body as never,
    ContentLength: body.length,
    ContentRange: range ? `bytes ${range[0]}-${range[1]}/${o.body.length}` : undefined,
    ContentType: input.ResponseContentType ?? o.contentType ?? 'binary/octet-stream',
    ContentDisposition: input.ResponseContentDisposition ?? o.contentDisposition,
    CacheControl: input.ResponseCacheControl ?? o.cacheControl,
    ...(input.ChecksumMode === 'ENABLED' && o.checksum && !range ? { [`Checksum${o.checksum.algorithm}`]: o.checksum.value } : {}),
  };
}

export function headObject(input: S3.HeadObjectRequest, ctx: RequestContext): Output<S3.HeadObjectOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  const o = readable(bucket, input.Key!, input.VersionId);
  checkConditions(o, input);
  const range = parseRange(input.Range, o.body.length);
  return {
    ...describe(bucket, o),
    ContentLength: range ? range[1] - range[0] + 1 : o.body.length,
    ...(input.ChecksumMode === 'ENABLED' && o.checksum ? { [`Checksum${o.checksum.algorithm}`]: o.checksum.value } : {}),
  };
}

/** Deletes one key (or one version); returns what happened, as DeleteObject reports it. */
function deleteOne(bucket: S3Bucket, key: string, versionId: string | undefined, ctx: RequestContext): { DeleteMarker?: boolean; VersionId?: string } {
  const versions = bucket.objects.get(key) ?? [];
  if (versionId !== undefined) {
    const target = versions.find((v) => v.versionId === versionId);
    if (!target) return { VersionId: versionId };
    const rest = versions.filter((v) => v !== target);
    if (rest.length) bucket.objects.set(key, rest);
    else bucket.objects.delete(key);
    return { VersionId: versionId, DeleteMarker: target.deleteMarker || undefined };
  }
  if (bucket.versioning === undefined) {
    bucket.objects.delete(key);
    return {};
  }
  const marker: S3ObjectVersion = {
    key, versionId: bucket.versioning === 'Enabled' ? newVersionId() : 'null', deleteMarker: true, body: Buffer.alloc(0), etag: '', lastModified: ctx.now,
    metadata: {}, storageClass: 'STANDARD', tags: [], acl: [], owner: ctx.accountId,
  };
  const kept = bucket.versioning === 'Enabled' ? versions : versions.filter((v) => v.versionId !== 'null');
  bucket.objects.set(key, [...kept, marker]);
  return { DeleteMarker: true, VersionId: marker.versionId };
}

export function deleteObject(input: S3.DeleteObjectRequest, ctx: RequestContext): Output<S3.DeleteObjectOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  return deleteOne(bucket, input.Key!, input.VersionId, ctx);
}

export function deleteObjects(input: S3.DeleteObjectsRequest, ctx: RequestContext): Output<S3.DeleteObjectsOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  const objects = input.Delete?.Objects ?? [];
  if (objects.length > 1000) throw new AwsServiceError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', { status: 400 });
  const deleted: S3.DeletedObject[] = [];
  for (const o of objects) {
    const result = deleteOne(bucket, o.Key!, o.VersionId, ctx);
    deleted.push({ Key: o.Key, VersionId: o.VersionId, DeleteMarker: result.DeleteMarker, DeleteMarkerVersionId: o.VersionId === undefined && result.DeleteMarker ? result.VersionId : undefined });
  }
  return { Deleted: input.Delete?.Quiet ? undefined : deleted, Errors: undefined };
}

function parseCopySource(source: string): { bucket: string; key: string; versionId?: string } {
  const [path = '', query = ''] = source.split('?', 2);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replace(/^\//, ''));
  } catch {
    // A stray '%' (not followed by two hex digits) cannot be decoded: the header is malformed.
    throw new AwsServiceError('InvalidArgument', 'Invalid copy source encoding.', { status: 400, fields: { ArgumentName: 'x-amz-copy-source', ArgumentValue: source } });
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    throw new AwsServiceError('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', { status: 400, fields: { ArgumentName: 'x-amz-copy-source', ArgumentValue: source } });
  }
  const versionId = new URLSearchParams(query).get('versionId') ?? undefined;
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), versionId };
}

export function copyObject(input: S3.CopyObjectRequest, ctx: RequestContext): Output<S3.CopyObjectOutput> {
  const src = parseCopySource(input.CopySource!);
  const sourceBucket = findBucket(ctx, src.bucket);
  const source = readable(sourceBucket, src.key, src.versionId);
  checkConditions(source, { IfMatch: input.CopySourceIfMatch, IfNoneMatch: input.CopySourceIfNoneMatch, IfModifiedSince: input.CopySourceIfModifiedSince, IfUnmodifiedSince: input.CopySourceIfUnmodifiedSince });
  const bucket = findBucket(ctx, input.Bucket!);
  const key = input.Key!;
  checkKey(key);
  const replace = input.MetadataDirective === 'REPLACE';
  const changesSomething = replace || input.StorageClass !== undefined || input.ServerSideEncryption !== undefined || input.WebsiteRedirectLocation !== undefined || input.SSEKMSKeyId !== undefined;
  if (sourceBucket === bucket && src.key === key && src.versionId === undefined && !changesSomething) {
    throw new AwsServiceError('InvalidRequest', "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.", { status: 400 });
  }
  const grants = requestedGrants(input as never, ctx.accountId, bucket.owner);
  checkAclsAllowed(bucket, grants);
  if (grants && isPublicAcl(grants) && effectiveBlock(ctx, bucket).BlockPublicAcls) throw blockedByPublicAccessBlock(ctx, 's3:PutObject', `${bucketArn(bucket.name)}/${key}`, 'BlockPublicAcls');
  openDataKey(ctx, sourceBucket.name, src.key, source.encryption);
  const encryption = objectEncryption(ctx, bucket, key, input);
  const stored = storeVersion(bucket, {
    ...source,
    key,
    deleteMarker: false,
    lastModified: ctx.now,
    contentType: replace ? input.ContentType : source.contentType,
    contentEncoding: replace ? input.ContentEncoding : source.contentEncoding,
    contentDisposition: replace ? input.ContentDisposition : source.contentDisposition,
    contentLanguage: replace ? input.ContentLanguage : source.contentLanguage,
    cacheControl: replace ? input.CacheControl : source.cacheControl,
    expires: replace ? input.Expires : source.expires,
    metadata: replace ? (input.Metadata ?? {}) : { ...source.metadata },
    storageClass: input.StorageClass ?? source.storageClass,
    encryption,
    tags: input.TaggingDirective === 'REPLACE' ? parseTagging(input.Tagging) : [...source.tags],
    acl: grants ?? [ownerGrant(bucket.owner)],
    owner: bucket.ownership === 'BucketOwnerEnforced' ? bucket.owner : ctx.accountId,
  });
  return {
    CopyObjectResult: { ETag: stored.etag, LastModified: stored.lastModified },
    VersionId: reportsVersions(bucket) ? stored.versionId : undefined,
    CopySourceVersionId: reportsVersions(sourceBucket) ? source.versionId : undefined,
    ServerSideEncryption: encryption.algorithm,
    SSEKMSKeyId: encryption.kmsKeyId,
    BucketKeyEnabled: encryption.bucketKeyEnabled || undefined,
  };
}

