/**
 * Request compression (Smithy's `@requestCompression`): RPC clients gzip large bodies and say so in
 * `Content-Encoding` — the AWS SDKs do it for CloudWatch PutMetricData above 10 KB. The signature
 * covers the compressed bytes, so bodies are inflated after authentication. REST services are left
 * alone: for S3, Content-Encoding is object metadata.
 */
import { gunzipSync } from 'node:zlib';
import { AwsServiceError } from '../core/errors.ts';
import type { ProtocolName, WireRequest } from '../protocols/wire.ts';

export function inflateRequestBody(request: WireRequest, protocol: ProtocolName, maxBytes: number): Buffer {
  if (protocol === 'restXml') return request.body;
  const encodings = (request.headers['content-encoding'] ?? '').split(',').map((e) => e.trim().toLowerCase()).filter((e) => e && e !== 'aws-chunked' && e !== 'identity');
  if (encodings.length === 0) return request.body;
  if (encodings.length > 1 || encodings[0] !== 'gzip') {
    throw new AwsServiceError('SerializationException', `Content-Encoding ${request.headers['content-encoding']} is not supported; send the body uncompressed or gzip-compressed.`, { status: 400 });
  }
  try {
    return gunzipSync(request.body, { maxOutputLength: maxBytes });
  } catch (error) {
    const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new AwsServiceError(
      tooLarge ? 'RequestEntityTooLarge' : 'SerializationException',
      tooLarge ? `The decompressed request body exceeds the emulator's limit of ${maxBytes} bytes (maxBodyBytes).` : `The request body is not valid gzip data (Content-Encoding: gzip): ${(error as Error).message}`,
      { status: tooLarge ? 413 : 400 },
    );
  }
}
