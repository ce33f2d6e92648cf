/**
 * Where an S3 request names its bucket: in the host (virtual-hosted style, e.g.
 * `bucket.s3.localhost.localstack.cloud:4566`, `bucket.localhost:4566`, `bucket.s3.amazonaws.com`)
 * or in the first path segment (path style, e.g. `http://127.0.0.1:4566/bucket/key`).
 */
import { AwsServiceError } from '../../core/errors.ts';

const S3_HOST = /^(.+)\.s3(?:[.-][a-z0-9-]+)*\.(?:localhost\.localstack\.cloud|amazonaws\.com(?:\.cn)?|localhost)$/;
const LOCALHOST_LABEL = /^(.+)\.localhost$/;
/** First labels that name an endpoint, not a bucket (`s3.localhost`, `sts.localhost` …). */
const ENDPOINT_LABELS = new Set(['s3', 's3-control', 'localstack', 'localhost']);

export function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** The bucket a virtual-hosted-style host names, if any. */
export function virtualHostedBucket(host: string): string | undefined {
  const name = stripPort(host).toLowerCase();
  if (!name || name.startsWith('[') || /^[\d.]+$/.test(name)) return undefined;
  const s3 = S3_HOST.exec(name);
  if (s3) return s3[1];
  const local = LOCALHOST_LABEL.exec(name);
  if (local && !ENDPOINT_LABELS.has(local[1]!) && !local[1]!.endsWith('.localstack.cloud') && !local[1]!.startsWith('s3.')) return local[1];
  return undefined;
}

export interface S3Address {
  readonly bucket: string | undefined;
  /** Decoded path segments below the bucket (empty for bucket-level requests). */
  readonly segments: string[];
}

function decodeSegment(segment: string, path: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AwsServiceError('InvalidURI', `Couldn't parse the specified URI: ${path}`, { status: 400 });
  }
}

/** Splits a raw path into decoded segments (keeps empty segments: keys may contain `//`). */
export function pathSegments(path: string): string[] {
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  if (trimmed === '') return [];
  return trimmed.split('/').map((s) => decodeSegment(s, path));
}

export function s3Address(host: string, path: string): S3Address {
  const segments = pathSegments(path);
  let bucket = virtualHostedBucket(host);
  if (bucket === undefined && segments.length) bucket = segments.shift();
  if (bucket === '') bucket = undefined;
  // `/bucket/` is the bucket itself, not an object with an empty key.
  if (segments.length === 1 && segments[0] === '') segments.pop();
  return { bucket, segments };
}
