/**
 * AWS Signature Version 4: reading the credential scope from a request (Authorization header or
 * presigned query string) and, in strict mode, recomputing the signature from the issued secret.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { WireRequest } from '../protocols/wire.ts';

export interface SignatureInfo {
  readonly kind: 'header' | 'query' | 'sigv2';
  readonly accessKeyId: string;
  /** Credential scope: yyyymmdd / region / service. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  /** X-Amz-Date (yyyymmddThhmmssZ). */
  readonly amzDate: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** Presigned URLs: validity in seconds. */
  readonly expires?: number;
  readonly securityToken?: string;
}

const HEADER_AUTH = /^AWS4-HMAC-SHA256\s+(.*)$/;

/** Reads who signed the request and for which scope; undefined for anonymous requests. */
export function readSignature(request: WireRequest): SignatureInfo | undefined {
  const auth = request.headers.authorization;
  if (auth) {
    const m = HEADER_AUTH.exec(auth);
    if (m) {
      const parts: Record<string, string> = {};
      for (const piece of m[1]!.split(',')) {
        const eq = piece.indexOf('=');
        if (eq > 0) parts[piece.slice(0, eq).trim()] = piece.slice(eq + 1).trim();
      }
      const scope = (parts.Credential ?? '').split('/');
      return {
        kind: 'header',
        accessKeyId: scope[0] ?? '',
        date: scope[1] ?? '',
        region: scope[2] ?? '',
        service: scope[3] ?? '',
        amzDate: request.headers['x-amz-date'] ?? '',
        signedHeaders: (parts.SignedHeaders ?? '').split(';').filter(Boolean),
        signature: parts.Signature ?? '',
        securityToken: request.headers['x-amz-security-token'],
      };
    }
    if (auth.startsWith('AWS ')) {
      const [accessKeyId = '', signature = ''] = auth.slice(4).split(':');
      return { kind: 'sigv2', accessKeyId, date: '', region: '', service: '', amzDate: '', signedHeaders: [], signature };
    }
    return undefined;
  }
  const q = request.query;
  if (q.get('X-Amz-Algorithm')?.[0] === 'AWS4-HMAC-SHA256') {
    const scope = (q.get('X-Amz-Credential')?.[0] ?? '').split('/');
    const expires = Number(q.get('X-Amz-Expires')?.[0]);
    return {
      kind: 'query',
      accessKeyId: scope[0] ?? '',
      date: scope[1] ?? '',
      region: scope[2] ?? '',
      service: scope[3] ?? '',
      amzDate: q.get('X-Amz-Date')?.[0] ?? '',
      signedHeaders: (q.get('X-Amz-SignedHeaders')?.[0] ?? '').split(';').filter(Boolean),
      signature: q.get('X-Amz-Signature')?.[0] ?? '',
      expires: Number.isFinite(expires) ? expires : undefined,
      securityToken: q.get('X-Amz-Security-Token')?.[0],
    };
  }
  if (q.has('AWSAccessKeyId')) {
    return { kind: 'sigv2', accessKeyId: q.get('AWSAccessKeyId')![0]!, date: '', region: '', service: '', amzDate: '', signedHeaders: [], signature: q.get('Signature')?.[0] ?? '' };
  }
  return undefined;
}

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent plus !'()*). */
export function uriEscape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function canonicalQuery(rawQuery: string, presigned: boolean): string {
  if (!rawQuery) return '';
  const pairs: [string, string][] = [];
  for (const piece of rawQuery.split('&')) {
    if (!piece) continue;
    const eq = piece.indexOf('=');
    const key = safeDecode(eq === -1 ? piece : piece.slice(0, eq));
    const value = eq === -1 ? '' : safeDecode(piece.slice(eq + 1));
    if (presigned && key === 'X-Amz-Signature') continue;
    pairs.push([uriEscape(key), uriEscape(value)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function canonicalPath(path: string, s3: boolean): string {
  if (s3) return path || '/';
  // Other services normalise the path and encode it once more (the request path is already encoded).
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  const normalised = `/${out.join('/')}${out.length && path.endsWith('/') ? '/' : ''}`;
  return normalised.split('/').map(uriEscape).join('/');
}

function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

const keyCache = new Map<string, Buffer>();

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${secret}\n${date}\n${region}\n${service}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    key = createHmac('sha256', kService).update('aws4_request').digest();
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(cacheKey, key);
  }
  return key;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacHex(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

export interface SignatureCheck {
  readonly valid: boolean;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  /** The key the signature was made with (needed to verify streaming chunk signatures). */
  readonly signingKey: Buffer;
  readonly expected: string;
}

/** The payload hash the client signed (x-amz-content-sha256, UNSIGNED-PAYLOAD for presigned S3 …). */
export function signedPayloadHash(request: WireRequest, info: SignatureInfo, s3: boolean, rawBody: Buffer): string {
  const header = request.headers['x-amz-content-sha256'];
  if (header) return header;
  if (info.kind === 'query' && s3) return 'UNSIGNED-PAYLOAD';
  return sha256Hex(rawBody);
}

/** Recomputes the SigV4 signature of a request with `secret` and compares it. */
export function checkSignature(request: WireRequest, info: SignatureInfo, secret: string, s3: boolean, rawBody: Buffer): SignatureCheck {
  const headerLines = info.signedHeaders.map((name) => {
    const value = name === 'host' ? request.host : request.headers[name];
    return `${name}:${canonicalHeaderValue(value ?? '')}\n`;
  });
  const canonicalRequest = [
    request.method,
    canonicalPath(request.path, s3),
    canonicalQuery(request.rawQuery, info.kind === 'query'),
    headerLines.join(''),
    info.signedHeaders.join(';'),
    signedPayloadHash(request, info, s3, rawBody),
  ].join('\n');
  const scope = `${info.date}/${info.region}/${info.service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${info.amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const key = signingKey(secret, info.date, info.region, info.service);
  const expected = hmacHex(key, stringToSign);
  const given = Buffer.from(info.signature);
  const valid = given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
  return { valid, canonicalRequest, stringToSign, signingKey: key, expected };
}

/** Parses X-Amz-Date (yyyymmddThhmmssZ) into epoch ms; NaN when malformed. */
export function amzDateToMs(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
