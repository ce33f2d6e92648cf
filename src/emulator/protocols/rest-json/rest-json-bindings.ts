/**
 * restJson1 HTTP bindings, both directions: input members from path labels, query, headers and a
 * JSON body (or a raw payload); output members to status, headers and a JSON body (or a raw
 * payload). Timestamps: epoch seconds in the body, http-date in headers, date-time in the query.
 */
import { AwsServiceError } from '../../core/errors.ts';
import { type InputProblem, InputValidationError, missing, pathSegment } from '../../core/validation.ts';
import type { Member, Shape, StructureShape } from '../../schema/shapes.ts';
import { decodeJsonInput, encodeJsonValue } from '../json/json-codec.ts';
import { formatTimestamp, INVALID, parseBase64, parseBoolean, parseNumber, parseTimestamp, toBytes } from '../values.ts';

export interface RestJsonSource {
  readonly labels: Readonly<Record<string, string>>;
  readonly query: ReadonlyMap<string, string[]>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

function scalarFromText(shape: Shape, text: string): unknown {
  switch (shape.type) {
    case 'string': return text;
    case 'number': return parseNumber(text.trim());
    case 'boolean': return parseBoolean(text.trim());
    case 'timestamp': return parseTimestamp(text);
    case 'blob': return parseBase64(text);
    default: return text;
  }
}

function isBound(member: Member): boolean {
  const t = member.traits;
  return Boolean(t.httpLabel || t.httpHeader || t.httpQuery || t.httpQueryParams || t.httpPrefixHeaders !== undefined || t.httpPayload || t.httpResponseCode || t.hostLabel);
}

/** Typed input for `shape` from a restJson1 request; throws validation or serialization errors. */
export function decodeRestJsonInput(shape: StructureShape, source: RestJsonSource): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const problems: InputProblem[] = [];
  const fromText = (member: Member, text: string, wireName: string): unknown => {
    const target = member.shape.type === 'list' ? member.shape.member.shape : member.shape;
    const values = member.shape.type === 'list' ? text.split(',').map((s) => s.trim()).filter(Boolean) : [text];
    const converted = values.map((v) => scalarFromText(target, v));
    if (converted.some((v) => v === INVALID)) {
      problems.push({ path: pathSegment(member.name), kind: 'type', value: text, constraint: `Member must be a valid ${target.type}`, wireName });
      return undefined;
    }
    return member.shape.type === 'list' ? converted : converted[0];
  };

  const bodyMembers: Member[] = [];
  for (const member of shape.members) {
    const t = member.traits;
    let value: unknown;
    if (t.httpLabel) {
      const text = source.labels[member.name];
      if (text !== undefined && text !== '') value = fromText(member, text, member.name);
    } else if (t.httpHeader) {
      const text = source.headers[t.httpHeader.toLowerCase()];
      if (text !== undefined) value = fromText(member, text, t.httpHeader);
    } else if (t.httpPrefixHeaders !== undefined) {
      const prefix = t.httpPrefixHeaders.toLowerCase();
      const map: Record<string, string> = {};
      for (const [name, v] of Object.entries(source.headers)) if (v !== undefined && name.startsWith(prefix)) map[name.slice(prefix.length)] = v;
      if (Object.keys(map).length) value = map;
    } else if (t.httpQuery) {
      const values = source.query.get(t.httpQuery);
      if (values?.length) value = member.shape.type === 'list' ? values.map((v) => scalarFromText((member.shape as { member: Member }).member.shape, v)) : fromText(member, values[0]!, t.httpQuery);
    } else if (t.httpQueryParams) {
      const map: Record<string, string> = {};
      for (const [k, v] of source.query) if (v.length) map[k] = v[0]!;
      value = map;
    } else if (t.httpPayload) {
      value = decodePayload(member, source.body);
    } else if (!t.hostLabel) {
      bodyMembers.push(member);
      continue;
    }
    if (value !== undefined) input[member.name] = value;
    else if (member.required) problems.push(missing(pathSegment(member.name), t.httpHeader ?? t.httpQuery ?? member.name));
  }
  if (bodyMembers.length) {
    const partial: StructureShape = { ...shape, members: bodyMembers, byName: {}, required: bodyMembers.filter((m) => m.required).map((m) => m.name) };
    try {
      Object.assign(input, decodeJsonInput(source.body, partial, { jsonName: true }));
    } catch (error) {
      if (error instanceof InputValidationError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length) throw new InputValidationError(problems);
  return input;
}

function decodePayload(member: Member, body: Buffer): unknown {
  const shape = member.shape;
  if (shape.type === 'blob') return body.length ? body : undefined;
  if (shape.type === 'string') return body.length ? body.toString('utf8') : undefined;
  if (shape.type === 'structure') return body.length ? decodeJsonInput(body, shape, { jsonName: true }) : undefined;
  if (shape.type === 'document') {
    if (!body.length) return undefined;
    try {
      return JSON.parse(body.toString('utf8'));
    } catch {
      throw new AwsServiceError('SerializationException', 'The request body is not valid JSON.', { status: 400 });
    }
  }
  return undefined;
}

function headerText(shape: Shape, value: unknown): string | undefined {
  switch (shape.type) {
    case 'timestamp': {
      const text = formatTimestamp(value, shape.format ?? 6);
      return text === undefined ? undefined : String(text);
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => headerText(shape.member.shape, v) ?? '').join(', ') : undefined;
    case 'blob':
      return toBytes(value)?.toString('base64');
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return String(value);
  }
}

export interface EncodedRestJson {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** A restJson1 response: bound members to status and headers, the rest to the payload or a JSON body. */
export function encodeRestJsonOutput(shape: StructureShape, value: Record<string, unknown>, defaultStatus: number): EncodedRestJson {
  const headers: Record<string, string> = {};
  let status = defaultStatus;
  let body: string | Buffer = '';
  let payload = false;
  const bodyValue: Record<string, unknown> = {};
  const bodyMembers: Member[] = [];
  for (const member of shape.members) {
    const t = member.traits;
    const v = value[member.name];
    if (t.httpHeader) {
      if (v === undefined || v === null) continue;
      const text = headerText(member.shape, v);
      if (text !== undefined) headers[t.httpHeader.toLowerCase()] = text;
    } else if (t.httpPrefixHeaders !== undefined) {
      if (v && typeof v === 'object') {
        for (const [k, hv] of Object.entries(v as Record<string, unknown>)) if (hv !== undefined && hv !== null) headers[`${t.httpPrefixHeaders}${k}`.toLowerCase()] = String(hv);
      }
    } else if (t.httpResponseCode) {
      if (typeof v === 'number') status = v;
    } else if (t.httpPayload) {
      payload = true;
      if (v === undefined || v === null) continue;
      const s = member.shape;
      if (s.type === 'blob') {
        body = toBytes(v) ?? Buffer.alloc(0);
        headers['content-type'] ??= t.mediaType ?? 'application/octet-stream';
      } else if (s.type === 'string') {
        body = String(v);
        headers['content-type'] ??= t.mediaType ?? 'text/plain';
      } else {
        body = JSON.stringify(encodeJsonValue(s, v, { jsonName: true }) ?? {});
        headers['content-type'] ??= 'application/json';
      }
    } else if (!isBound(member)) {
      bodyMembers.push(member);
      if (v !== undefined) bodyValue[member.name] = v;
    }
  }
  if (!payload && bodyMembers.length) {
    const partial: StructureShape = { ...shape, members: bodyMembers };
    body = JSON.stringify(encodeJsonValue(partial, bodyValue, { jsonName: true }) ?? {});
    headers['content-type'] = 'application/json';
  }
  return { status, headers, body };
}
