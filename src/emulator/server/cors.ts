/**
 * CORS for browser SDK calls (the learner's in-browser terminal, islands using the SDK): every
 * response allows the calling origin and exposes AWS's response headers; preflights are answered
 * at the edge. (S3 bucket CORS configurations are not consulted; see the coverage limitations.)
 */

const ALLOWED_METHODS = 'HEAD, GET, PUT, POST, DELETE, OPTIONS, PATCH';
const DEFAULT_ALLOWED_HEADERS = [
  'authorization', 'content-type', 'content-md5', 'cache-control', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-security-token',
  'x-amz-user-agent', 'x-amz-target', 'x-amz-acl', 'x-amz-version-id', 'x-amz-checksum-crc32', 'x-amz-sdk-checksum-algorithm',
  'x-amz-decoded-content-length', 'x-amz-trailer', 'x-amz-copy-source', 'x-amz-tagging', 'x-amz-server-side-encryption',
  'x-amz-meta-*', 'amz-sdk-invocation-id', 'amz-sdk-request', 'x-amzn-query-mode', 'x-amz-expected-bucket-owner',
].join(', ');

export const EXPOSED_HEADERS = [
  'etag', 'x-amz-request-id', 'x-amz-id-2', 'x-amzn-requestid', 'x-amzn-errortype', 'x-amzn-query-error', 'x-amz-version-id',
  'x-amz-delete-marker', 'x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-server-side-encryption-bucket-key-enabled', 'x-amz-bucket-region', 'x-amz-checksum-crc32', 'x-amz-tagging-count',
  'x-amz-expiration', 'x-amz-object-lock-mode', 'x-amz-storage-class', 'x-amz-mp-parts-count', 'content-range', 'content-length',
  'content-type', 'last-modified', 'accept-ranges', 'date', 'x-mlsec-unsupported-operation',
].join(', ');

export function corsHeaders(origin: string | undefined): Record<string, string> {
  return {
    'access-control-allow-origin': origin || '*',
    'access-control-expose-headers': EXPOSED_HEADERS,
    ...(origin ? { 'access-control-allow-credentials': 'true', vary: 'Origin' } : {}),
  };
}

export function preflightHeaders(origin: string | undefined, requestedHeaders: string | undefined): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': requestedHeaders || DEFAULT_ALLOWED_HEADERS,
    'access-control-max-age': '86400',
  };
}
