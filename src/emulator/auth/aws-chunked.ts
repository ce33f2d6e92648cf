/**
 * `Content-Encoding: aws-chunked` bodies, as S3 clients stream uploads: each chunk is
 * `<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n`, ended by a zero-size chunk and optional
 * trailers (`x-amz-checksum-crc32:…`). With STREAMING-AWS4-HMAC-SHA256-PAYLOAD every chunk is
 * signed, chained from the request's seed signature.
 */
import { createHmac } from 'node:crypto';
import { AwsServiceError } from '../core/errors.ts';
import { sha256Hex } from './sigv4.ts';

const EMPTY_SHA256 = sha256Hex('');

export interface ChunkedBody {
  readonly payload: Buffer;
  readonly trailers: Record<string, string>;
}

export interface ChunkVerifier {
  readonly signingKey: Buffer;
  readonly amzDate: string;
  /** `date/region/service/aws4_request` */
  readonly scope: string;
  readonly seedSignature: string;
}

function malformed(detail: string): AwsServiceError {
  return new AwsServiceError('IncompleteBody', `The request body is not valid aws-chunked encoding: ${detail}.`, { status: 400 });
}

function signatureMismatch(): AwsServiceError {
  return new AwsServiceError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', { status: 403 });
}

/** Whether the request carries an aws-chunked body. */
export function isAwsChunked(headers: Readonly<Record<string, string | undefined>>): boolean {
  const sha = headers['x-amz-content-sha256'] ?? '';
  return sha.startsWith('STREAMING-') || (headers['content-encoding'] ?? '').split(',').some((e) => e.trim() === 'aws-chunked');
}

export function decodeAwsChunked(body: Buffer, verifier?: ChunkVerifier): ChunkedBody {
  const parts: Buffer[] = [];
  const trailers: Record<string, string> = {};
  let pos = 0;
  let previous = verifier?.seedSignature ?? '';
  for (;;) {
    const lineEnd = body.indexOf('\r\n', pos);
    if (lineEnd === -1) throw malformed('a chunk header is not terminated');
    const header = body.subarray(pos, lineEnd).toString('latin1');
    const [sizeText = '', ...extensions] = header.split(';');
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText.trim())) throw malformed(`bad chunk size '${sizeText.slice(0, 20)}'`);
    const size = parseInt(sizeText.trim(), 16);
    const dataStart = lineEnd + 2;
    if (dataStart + size > body.length) throw malformed('a chunk is shorter than its declared size');
    const data = body.subarray(dataStart, dataStart + size);
    if (verifier) {
      const given = extensions.map((e) => e.trim()).find((e) => e.startsWith('chunk-signature='))?.slice('chunk-signature='.length);
      if (given !== undefined) {
        const stringToSign = `AWS4-HMAC-SHA256-PAYLOAD\n${verifier.amzDate}\n${verifier.scope}\n${previous}\n${EMPTY_SHA256}\n${sha256Hex(data)}`;
        const expected = createHmac('sha256', verifier.signingKey).update(stringToSign).digest('hex');
        if (expected !== given) throw signatureMismatch();
        previous = expected;
      }
    }
    if (size === 0) {
      pos = dataStart;
      break;
    }
    parts.push(data);
    pos = dataStart + size;
    if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n') throw malformed('a chunk is not followed by CRLF');
    pos += 2;
  }
  // Trailers: "name:value\r\n" lines until an empty line (or the end).
  const rest = body.subarray(pos).toString('latin1');
  for (const line of rest.split('\r\n')) {
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { payload: Buffer.concat(parts), trailers };
}
