/**
 * `requestParameters` and `responseElements` from a call's typed input and output, walked by the
 * operation's API shapes: member names in lower camel case (`UserName` → `userName`), secrets
 * hidden (redaction.ts), blobs left out, timestamps in the `MMM d, yyyy, h:mm:ss AM` form AWS's
 * records use. S3 is written the way S3 writes it: `bucketName`, `Host`, `key`, headers by their
 * header names, query parameters by their names, the subresource (`policy`, `acl` …) as an empty
 * value, the bucket policy parsed as `bucketPolicy`, XML payloads with their element names.
 */
import type { Member, OperationShape, Shape, StructureShape } from '../../../schema/shapes.ts';
import { HIDDEN, isSecretMember } from './redaction.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Larger parameters are replaced by a marker, so one call cannot bloat the history. */
export const MAX_PARAMETERS_BYTES = 100 * 1024;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mar 5, 2026, 2:07:09 PM` (UTC), as AWS writes dates inside requestParameters/responseElements. */
export function recordDate(date: Date): string {
  const h = date.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${h % 12 || 12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

function lowerCamel(name: string): string {
  return name.length ? name[0]!.toLowerCase() + name.slice(1) : name;
}

type KeyStyle = 'camel' | 'asIs';

function formatValue(shape: Shape, value: unknown, style: KeyStyle): Json | undefined {
  if (value === undefined || value === null) return undefined;
  switch (shape.type) {
    case 'blob':
      return undefined;
    case 'timestamp':
      return value instanceof Date ? recordDate(value) : String(value);
    case 'string':
      return typeof value === 'string' ? value : String(value);
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return Boolean(value);
    case 'document':
      return value as Json;
    case 'list':
      return Array.isArray(value) ? value.map((v) => formatValue(shape.member.shape, v, style)).filter((v): v is Json => v !== undefined) : undefined;
    case 'map': {
      const out: Record<string, Json> = {};
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as Record<string, unknown>);
      for (const [k, v] of entries) {
        const f = shape.value.traits.sensitive ? HIDDEN : formatValue(shape.value.shape, v, style);
        if (f !== undefined) out[String(k)] = f;
      }
      return out;
    }
    case 'structure':
      return typeof value === 'object' ? formatStructure(shape, value as Record<string, unknown>, style) : undefined;
  }
}

function formatMember(member: Member, value: unknown, style: KeyStyle): Json | undefined {
  if (value === undefined || value === null) return undefined;
  if (member.shape.type === 'blob') return undefined;
  if (isSecretMember(member)) return HIDDEN;
  return formatValue(member.shape, value, style);
}

function formatStructure(shape: StructureShape, value: Record<string, unknown>, style: KeyStyle): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const member of shape.members) {
    const f = formatMember(member, value[member.name], style);
    if (f !== undefined) out[style === 'camel' ? lowerCamel(member.name) : member.name] = f;
  }
  return out;
}

function capped(value: Record<string, Json>): Record<string, Json> | null {
  if (Object.keys(value).length === 0) return null;
  const size = Buffer.byteLength(JSON.stringify(value));
  return size > MAX_PARAMETERS_BYTES ? { omitted: true, originalSize: size } : value;
}

/** Generic services: the input, member names in lower camel case. */
export function requestParametersOf(operation: OperationShape, input: Record<string, unknown> | undefined): Record<string, Json> | null {
  if (!input) return null;
  return capped(formatStructure(operation.input, input, 'camel'));
}

/** Generic services: the output of a write call (null for reads and failures, as AWS). */
export function responseElementsOf(operation: OperationShape, output: unknown): Record<string, Json> | null {
  if (!output || typeof output !== 'object') return null;
  return capped(formatStructure(operation.output, output as Record<string, unknown>, 'camel'));
}

// ── S3 ───────────────────────────────────────────────────────────────────────────────────────

/** Headers S3's records leave out: integrity and transfer details, not parameters. */
const S3_SKIPPED_HEADERS = /^(content-md5|content-length|x-amz-checksum-|x-amz-sdk-checksum-algorithm|x-amz-expected-bucket-owner|x-amz-content-sha256|x-amz-decoded-content-length)/i;

/** The subresource of an S3 operation (`/{Bucket}?policy` → `policy`). */
function subresourcesOf(operation: OperationShape): string[] {
  const query = operation.http?.uri.split('?')[1];
  if (!query) return [];
  return query.split('&').filter((p) => p && !p.includes('='));
}

export function s3RequestParametersOf(operation: OperationShape, input: Record<string, unknown> | undefined, host: string): Record<string, Json> | null {
  if (!input) return null;
  const out: Record<string, Json> = {};
  for (const sub of subresourcesOf(operation)) out[sub] = '';
  if (typeof input.Bucket === 'string') out.bucketName = input.Bucket;
  if (host) out.Host = host;
  if (typeof input.Key === 'string') out.key = input.Key;
  for (const member of operation.input.members) {
    if (member.name === 'Bucket' || member.name === 'Key') continue;
    const value = input[member.name];
    if (value === undefined || value === null) continue;
    if (member.traits.httpHeader !== undefined) {
      if (S3_SKIPPED_HEADERS.test(member.traits.httpHeader)) continue;
      const f = formatMember(member, value, 'asIs');
      if (f !== undefined) out[member.traits.httpHeader] = f;
    } else if (member.traits.httpQuery !== undefined) {
      const f = formatMember(member, value, 'asIs');
      if (f !== undefined) out[member.traits.httpQuery] = f;
    } else if (member.name === 'Policy' && typeof value === 'string') {
      try {
        out.bucketPolicy = JSON.parse(value) as Json;
      } catch {
        out.bucketPolicy = value;
      }
    } else if (member.traits.httpPayload) {
      const f = formatMember(member, value, 'asIs');
      if (f !== undefined) out[member.traits.xmlName ?? member.name] = f;
    }
  }
  return capped(out);
}

/** S3 writes answer with headers only; records keep the encryption and version ones. */
export function s3ResponseElementsOf(operation: OperationShape, output: unknown): Record<string, Json> | null {
  if (!output || typeof output !== 'object') return null;
  const out: Record<string, Json> = {};
  for (const member of operation.output.members) {
    const header = member.traits.httpHeader;
    if (!header || !/^x-amz-(server-side-encryption|version-id)/.test(header)) continue;
    const f = formatMember(member, (output as Record<string, unknown>)[member.name], 'asIs');
    if (f !== undefined) out[header] = f;
  }
  return capped(out);
}
