/** Listing objects: ListObjectsV2, ListObjects (v1) and ListObjectVersions, with delimiters and paging. */
import type * as S3 from '@aws-sdk/client-s3';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import { canonicalId, findBucket, type S3Bucket, type S3ObjectVersion } from './state.ts';

interface Entry { key: string; object?: S3ObjectVersion; prefix?: string }

function checkMaxKeys(maxKeys: number | undefined): number {
  if (maxKeys === undefined) return 1000;
  if (!Number.isInteger(maxKeys) || maxKeys < 0) throw new AwsServiceError('InvalidArgument', 'Provided max-keys not an integer or within integer range', { status: 400, fields: { ArgumentName: 'max-keys', ArgumentValue: String(maxKeys) } });
  return Math.min(maxKeys, 1000);
}

/** Keys and common prefixes after `after`, at most `max`; `skipPrefix` resumes past a common prefix. */
function walk(bucket: S3Bucket, prefix: string, delimiter: string | undefined, after: string | undefined, skipPrefix: string | undefined, max: number) {
  const keys = [...bucket.objects.keys()].filter((k) => k.startsWith(prefix) && (after === undefined || k > after) && (skipPrefix === undefined || !k.startsWith(skipPrefix))).sort();
  const entries: Entry[] = [];
  const seen = new Set<string>();
  let truncated = false;
  for (const key of keys) {
    const versions = bucket.objects.get(key)!;
    const current = versions[versions.length - 1]!;
    if (current.deleteMarker) continue;
    let entry: Entry = { key, object: current };
    if (delimiter) {
      const i = key.indexOf(delimiter, prefix.length);
      if (i !== -1) {
        const p = key.slice(0, i + delimiter.length);
        if (seen.has(p)) continue;
        seen.add(p);
        entry = { key: p, prefix: p };
      }
    }
    if (entries.length === max) {
      truncated = true;
      break;
    }
    entries.push(entry);
  }
  return { entries, truncated };
}

const encodeKey = (text: string | undefined, encoding: string | undefined) => (text !== undefined && encoding === 'url' ? encodeURIComponent(text).replace(/%20/g, '+') : text);

function contents(entries: Entry[], encoding: string | undefined, withOwner: boolean): S3._Object[] {
  return entries.filter((e) => e.object).map((e) => ({
    Key: encodeKey(e.key, encoding),
    LastModified: e.object!.lastModified,
    ETag: e.object!.etag,
    Size: e.object!.body.length,
    StorageClass: e.object!.storageClass as S3.ObjectStorageClass,
    Owner: withOwner ? { ID: canonicalId(e.object!.owner) } : undefined,
    ChecksumAlgorithm: e.object!.checksum ? [e.object!.checksum.algorithm as S3.ChecksumAlgorithm] : undefined,
  }));
}

function prefixes(entries: Entry[], encoding: string | undefined): S3.CommonPrefix[] | undefined {
  const list = entries.filter((e) => e.prefix).map((e) => ({ Prefix: encodeKey(e.prefix, encoding) }));
  return list.length ? list : undefined;
}

function token(entry: Entry | undefined): string | undefined {
  return entry ? Buffer.from(JSON.stringify({ k: entry.key, p: Boolean(entry.prefix) })).toString('base64url') : undefined;
}

export function listObjectsV2(input: S3.ListObjectsV2Request, ctx: RequestContext): Output<S3.ListObjectsV2Output> {
  const bucket = findBucket(ctx, input.Bucket!);
  const max = checkMaxKeys(input.MaxKeys);
  let after = input.StartAfter;
  let skip: string | undefined;
  if (input.ContinuationToken !== undefined) {
    try {
      const t = JSON.parse(Buffer.from(input.ContinuationToken, 'base64url').toString('utf8')) as { k: string; p: boolean };
      if (typeof t.k !== 'string') throw new Error();
      after = t.k;
      if (t.p) skip = t.k;
    } catch {
      throw new AwsServiceError('InvalidArgument', 'The continuation token provided is incorrect', { status: 400, fields: { ArgumentName: 'continuation-token', ArgumentValue: input.ContinuationToken } });
    }
  }
  const { entries, truncated } = walk(bucket, input.Prefix ?? '', input.Delimiter || undefined, after, skip, max);
  const enc = input.EncodingType;
  const list = contents(entries, enc, Boolean(input.FetchOwner));
  return {
    Name: bucket.name,
    Prefix: encodeKey(input.Prefix ?? '', enc),
    Delimiter: encodeKey(input.Delimiter, enc),
    StartAfter: encodeKey(input.StartAfter, enc),
    MaxKeys: max,
    EncodingType: enc,
    KeyCount: entries.length,
    IsTruncated: truncated,
    ContinuationToken: input.ContinuationToken,
    NextContinuationToken: truncated ? token(entries[entries.length - 1]) : undefined,
    Contents: list.length ? list : undefined,
    CommonPrefixes: prefixes(entries, enc),
  };
}

export function listObjects(input: S3.ListObjectsRequest, ctx: RequestContext): Output<S3.ListObjectsOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  const max = checkMaxKeys(input.MaxKeys);
  const marker = input.Marker || undefined;
  const skip = marker && input.Delimiter && marker.endsWith(input.Delimiter) ? marker : undefined;
  const { entries, truncated } = walk(bucket, input.Prefix ?? '', input.Delimiter || undefined, marker, skip, max);
  const enc = input.EncodingType;
  const list = contents(entries, enc, true);
  return {
    Name: bucket.name,
    Prefix: encodeKey(input.Prefix ?? '', enc),
    Delimiter: encodeKey(input.Delimiter, enc),
    Marker: encodeKey(input.Marker ?? '', enc),
    MaxKeys: max,
    EncodingType: enc,
    IsTruncated: truncated,
    NextMarker: truncated && input.Delimiter ? encodeKey(entries[entries.length - 1]?.key, enc) : undefined,
    Contents: list.length ? list : undefined,
    CommonPrefixes: prefixes(entries, enc),
  };
}

export function listObjectVersions(input: S3.ListObjectVersionsRequest, ctx: RequestContext): Output<S3.ListObjectVersionsOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  const max = checkMaxKeys(input.MaxKeys);
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter || undefined;
  const versions: S3.ObjectVersion[] = [];
  const markers: S3.DeleteMarkerEntry[] = [];
  const common = new Set<string>();
  let count = 0;
  let truncated = false;
  let nextKey: string | undefined;
  let nextVersion: string | undefined;
  let pastMarker = input.KeyMarker === undefined;
  const enc = input.EncodingType;
  outer: for (const key of [...bucket.objects.keys()].filter((k) => k.startsWith(prefix)).sort()) {
    if (!pastMarker) {
      if (key < input.KeyMarker!) continue;
      if (key === input.KeyMarker && !input.VersionIdMarker) continue;
    }
    if (delimiter) {
      const i = key.indexOf(delimiter, prefix.length);
      if (i !== -1) {
        const p = key.slice(0, i + delimiter.length);
        if (!common.has(p)) {
          if (count === max) { truncated = true; nextKey = key; break; }
          common.add(p);
          count++;
        }
        continue;
      }
    }
    const all = [...bucket.objects.get(key)!].reverse();
    let skipping = !pastMarker && key === input.KeyMarker;
    for (const [i, v] of all.entries()) {
      if (skipping) {
        if (v.versionId === input.VersionIdMarker) skipping = false;
        continue;
      }
      if (count === max) {
        truncated = true;
        nextKey = key;
        nextVersion = v.versionId;
        break outer;
      }
      const owner = { ID: canonicalId(v.owner) };
      if (v.deleteMarker) markers.push({ Key: encodeKey(key, enc), VersionId: v.versionId, IsLatest: i === 0, LastModified: v.lastModified, Owner: owner });
      else versions.push({ Key: encodeKey(key, enc), VersionId: v.versionId, IsLatest: i === 0, LastModified: v.lastModified, ETag: v.etag, Size: v.body.length, StorageClass: 'STANDARD', Owner: owner });
      count++;
    }
    pastMarker = true;
  }
  return {
    Name: bucket.name,
    Prefix: encodeKey(prefix, enc),
    Delimiter: encodeKey(input.Delimiter, enc),
    KeyMarker: encodeKey(input.KeyMarker ?? '', enc),
    VersionIdMarker: input.VersionIdMarker ?? '',
    MaxKeys: max,
    EncodingType: enc,
    IsTruncated: truncated,
    NextKeyMarker: truncated ? encodeKey(nextKey, enc) : undefined,
    NextVersionIdMarker: truncated ? nextVersion : undefined,
    Versions: versions.length ? versions : undefined,
    DeleteMarkers: markers.length ? markers : undefined,
    CommonPrefixes: common.size ? [...common].map((p) => ({ Prefix: encodeKey(p, enc) })) : undefined,
  };
}
