/** Multipart uploads (the AWS CLI uses them above 8 MB, the SDK's Upload helper above 5 MB). */
import { createHash } from 'node:crypto';
import type * as S3 from '@aws-sdk/client-s3';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { checkAclsAllowed, ownerGrant, requestedGrants } from './acl.ts';
import { checkKey, etagOf, newVersionId, objectEncryption, parseTagging, reportsVersions, storeVersion } from './object-write.ts';
import { canonicalId, findBucket, type MultipartUpload, type S3Bucket } from './state.ts';

const MIN_PART_BYTES = 5 * 1024 * 1024;

function uploadOf(bucket: S3Bucket, key: string, uploadId: string): MultipartUpload {
  const upload = bucket.uploads?.get(uploadId);
  if (!upload || upload.key !== key) {
    throw new AwsServiceError('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', { status: 404, fields: { UploadId: uploadId } });
  }
  return upload;
}

export function createMultipartUpload(input: S3.CreateMultipartUploadRequest, ctx: RequestContext): Output<S3.CreateMultipartUploadOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  checkKey(input.Key!);
  const grants = requestedGrants(input as never, ctx.accountId, bucket.owner);
  checkAclsAllowed(bucket, grants);
  const encryption = objectEncryption(ctx, bucket, input.Key!, input);
  const uploadId = newVersionId() + newVersionId();
  bucket.uploads ??= new Map();
  bucket.uploads.set(uploadId, {
    uploadId,
    key: input.Key!,
    initiated: ctx.now,
    initiator: ctx.accountId,
    template: {
      contentType: input.ContentType, contentEncoding: input.ContentEncoding, contentDisposition: input.ContentDisposition, contentLanguage: input.ContentLanguage,
      cacheControl: input.CacheControl, expires: input.Expires, metadata: input.Metadata ?? {}, storageClass: input.StorageClass ?? 'STANDARD', encryption,
      tags: parseTagging(input.Tagging), acl: grants ?? [ownerGrant(bucket.owner)], owner: bucket.ownership === 'BucketOwnerEnforced' ? bucket.owner : ctx.accountId,
    },
    parts: new Map(),
  });
  return { Bucket: bucket.name, Key: input.Key, UploadId: uploadId, ServerSideEncryption: encryption.algorithm, SSEKMSKeyId: encryption.kmsKeyId, BucketKeyEnabled: encryption.bucketKeyEnabled || undefined };
}

export function uploadPart(input: S3.UploadPartRequest, ctx: RequestContext): Output<S3.UploadPartOutput> {
  new ProblemList().range('partNumber', input.PartNumber, 1, 10000).check();
  const bucket = findBucket(ctx, input.Bucket!);
  const upload = uploadOf(bucket, input.Key!, input.UploadId!);
  const body = (input.Body as Buffer | undefined) ?? Buffer.alloc(0);
  const etag = etagOf(body);
  upload.parts.set(input.PartNumber!, { etag, body, lastModified: ctx.now });
  return { ETag: etag, ServerSideEncryption: upload.template.encryption?.algorithm };
}

export function completeMultipartUpload(input: S3.CompleteMultipartUploadRequest, ctx: RequestContext): Output<S3.CompleteMultipartUploadOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  const upload = uploadOf(bucket, input.Key!, input.UploadId!);
  const requested = input.MultipartUpload?.Parts ?? [];
  if (!requested.length) throw new AwsServiceError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', { status: 400 });
  const invalidPart = () => new AwsServiceError('InvalidPart', "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.", { status: 400 });
  let previous = 0;
  const parts = requested.map((p) => {
    const n = p.PartNumber ?? 0;
    if (n <= previous) throw new AwsServiceError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', { status: 400 });
    previous = n;
    const stored = upload.parts.get(n);
    const given = (p.ETag ?? '').replace(/"/g, '');
    if (!stored || stored.etag.replace(/"/g, '') !== given) throw invalidPart();
    return stored;
  });
  if (parts.slice(0, -1).some((p) => p.body.length < MIN_PART_BYTES)) {
    throw new AwsServiceError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', { status: 400, fields: { MinSizeAllowed: MIN_PART_BYTES } });
  }
  const digest = createHash('md5');
  for (const p of parts) digest.update(Buffer.from(p.etag.replace(/"/g, ''), 'hex'));
  const stored = storeVersion(bucket, {
    ...upload.template,
    key: upload.key,
    deleteMarker: false,
    body: Buffer.concat(parts.map((p) => p.body)),
    etag: `"${digest.digest('hex')}-${parts.length}"`,
    lastModified: ctx.now,
  });
  bucket.uploads!.delete(upload.uploadId);
  return {
    Location: `http://${bucket.name}.s3.${bucket.region}.amazonaws.com/${encodeURIComponent(upload.key).replace(/%2F/g, '/')}`,
    Bucket: bucket.name,
    Key: upload.key,
    ETag: stored.etag,
    VersionId: reportsVersions(bucket) ? stored.versionId : undefined,
    ServerSideEncryption: stored.encryption?.algorithm,
    SSEKMSKeyId: stored.encryption?.kmsKeyId,
  };
}

export function abortMultipartUpload(input: S3.AbortMultipartUploadRequest, ctx: RequestContext): Output<S3.AbortMultipartUploadOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  const upload = uploadOf(bucket, input.Key!, input.UploadId!);
  bucket.uploads!.delete(upload.uploadId);
  return {};
}

export function listParts(input: S3.ListPartsRequest, ctx: RequestContext): Output<S3.ListPartsOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  const upload = uploadOf(bucket, input.Key!, input.UploadId!);
  const max = Math.min(input.MaxParts ?? 1000, 1000);
  const after = Number(input.PartNumberMarker ?? 0);
  const all = [...upload.parts.entries()].filter(([n]) => n > after).sort((a, b) => a[0] - b[0]);
  const page = all.slice(0, max);
  const truncated = all.length > max;
  return {
    Bucket: bucket.name, Key: upload.key, UploadId: upload.uploadId, MaxParts: max, IsTruncated: truncated,
    PartNumberMarker: input.PartNumberMarker, NextPartNumberMarker: truncated ? String(page[page.length - 1]![0]) : undefined,
    Parts: page.map(([n, p]) => ({ PartNumber: n, ETag: p.etag, Size: p.body.length, LastModified: p.lastModified })),
    Initiator: { ID: canonicalId(upload.initiator) }, Owner: { ID: canonicalId(bucket.owner) }, StorageClass: upload.template.storageClass as S3.StorageClass,
  };
}

export function listMultipartUploads(input: S3.ListMultipartUploadsRequest, ctx: RequestContext): Output<S3.ListMultipartUploadsOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  const uploads = [...(bucket.uploads?.values() ?? [])].filter((u) => u.key.startsWith(input.Prefix ?? '')).sort((a, b) => a.key.localeCompare(b.key) || a.initiated.getTime() - b.initiated.getTime());
  const max = Math.min(input.MaxUploads ?? 1000, 1000);
  return {
    Bucket: bucket.name, Prefix: input.Prefix, MaxUploads: max, IsTruncated: uploads.length > max,
    Uploads: uploads.slice(0, max).map((u) => ({ Key: u.key, UploadId: u.uploadId, Initiated: u.initiated, StorageClass: u.template.storageClass as S3.StorageClass, Initiator: { ID: canonicalId(u.initiator) }, Owner: { ID: canonicalId(bucket.owner) } })),
  };
}
