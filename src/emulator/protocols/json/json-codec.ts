/**
 * JSON body codec: JSON values ↔ typed values by shape. Timestamps travel as epoch seconds,
 * blobs as base64. awsJson uses member names as is (it ignores jsonName); restJson1 honours
 * jsonName (`{ jsonName: true }`).
 * A value of the wrong JSON type is a SerializationException, as AWS's JSON services answer;
 * a missing required member is a validation error.
 */
import { AwsServiceError } from '../../core/errors.ts';
import { type InputProblem, InputValidationError, missing, pathSegment } from '../../core/validation.ts';
import type { Member, Shape, StructureShape } from '../../schema/shapes.ts';
import { formatTimestamp, INVALID, parseBase64, parseTimestamp, toBytes } from '../values.ts';

function typeName(value: unknown): string {
  if (value === null) return 'NULL_VALUE';
  if (Array.isArray(value)) return 'START_ARRAY';
  switch (typeof value) {
    case 'string': return 'STRING_VALUE';
    case 'number': return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
    case 'boolean': return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
    default: return 'START_OBJECT';
  }
}

function mismatch(value: unknown, expected: string, path: string): AwsServiceError {
  return new AwsServiceError('SerializationException', `${typeName(value)} can not be converted to ${expected} (at '${path}')`, { status: 400 });
}

function decodeValue(shape: Shape, value: unknown, path: string, problems: InputProblem[], jsonName: boolean): unknown {
  if (value === null) return undefined;
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') throw mismatch(value, 'a String', path);
      return value;
    case 'number':
      if (typeof value !== 'number') throw mismatch(value, 'a Number', path);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(value, 'a Boolean', path);
      return value;
    case 'timestamp': {
      if (typeof value === 'number') return new Date(value * 1000);
      if (typeof value === 'string') {
        const d = parseTimestamp(value);
        if (d !== INVALID) return d;
      }
      throw mismatch(value, 'a Timestamp', path);
    }
    case 'blob': {
      if (typeof value !== 'string') throw mismatch(value, 'a Blob', path);
      const bytes = parseBase64(value);
      if (bytes === INVALID) throw new AwsServiceError('SerializationException', `Value at '${path}' is not valid base64`, { status: 400 });
      return bytes;
    }
    case 'document':
      return value;
    case 'list': {
      if (!Array.isArray(value)) throw mismatch(value, 'a List', path);
      const out: unknown[] = [];
      value.forEach((v, i) => {
        const d = decodeValue(shape.member.shape, v, `${path}.${i + 1}.member`, problems, jsonName);
        if (d !== undefined) out.push(d);
      });
      return out;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, 'a Map', path);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const d = decodeValue(shape.value.shape, v, `${path}.${k}`, problems, jsonName);
        if (d !== undefined) out[k] = d;
      }
      return out;
    }
    case 'structure':
      if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, 'a Structure', path);
      return decodeStructure(shape, value as Record<string, unknown>, path ? `${path}.` : '', problems, jsonName);
  }
}

function decodeStructure(shape: StructureShape, value: Record<string, unknown>, prefix: string, problems: InputProblem[], jsonName: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of shape.members) {
    const path = prefix + pathSegment(member.name);
    const key = wireName(member, jsonName);
    const raw = Object.hasOwn(value, key) ? value[key] : undefined;
    const decoded = raw === undefined ? undefined : decodeValue(member.shape, raw, path, problems, jsonName);
    if (decoded !== undefined) out[member.name] = decoded;
    else if (member.required) problems.push(missing(path, member.name));
  }
  return out;
}

export interface JsonCodecOptions {
  /** Use members' jsonName traits as keys (restJson1); awsJson ignores them. */
  readonly jsonName?: boolean;
}

function wireName(member: Member, jsonName: boolean): string {
  return jsonName && member.traits.jsonName ? member.traits.jsonName : member.name;
}

/** Parses and checks a request body for `shape`. */
export function decodeJsonInput(body: Buffer, shape: StructureShape, options: JsonCodecOptions = {}): Record<string, unknown> {
  let parsed: unknown = {};
  const text = body.toString('utf8');
  if (text.trim() !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AwsServiceError('SerializationException', 'Start of structure or map found where not expected, or the request body is not valid JSON.', { status: 400 });
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsServiceError('SerializationException', 'The request body must be a JSON object.', { status: 400 });
  }
  const problems: InputProblem[] = [];
  const input = decodeStructure(shape, parsed as Record<string, unknown>, '', problems, options.jsonName ?? false);
  if (problems.length) throw new InputValidationError(problems);
  return input;
}

/** Typed output → JSON-ready value (only members the shape defines). */
export function encodeJsonValue(shape: Shape, value: unknown, options: JsonCodecOptions = {}): unknown {
  if (value === undefined || value === null) return undefined;
  switch (shape.type) {
    case 'timestamp':
      return formatTimestamp(value, shape.format ?? 7);
    case 'blob': {
      const bytes = toBytes(value);
      return bytes?.toString('base64');
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => encodeJsonValue(shape.member.shape, v, options)).filter((v) => v !== undefined) : undefined;
    case 'map': {
      if (typeof value !== 'object') return undefined;
      const out: Record<string, unknown> = {};
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as Record<string, unknown>);
      for (const [k, v] of entries) {
        const e = encodeJsonValue(shape.value.shape, v, options);
        if (e !== undefined) out[String(k)] = e;
      }
      return out;
    }
    case 'structure': {
      if (typeof value !== 'object') return undefined;
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const member of shape.members) {
        const e = encodeJsonValue(member.shape, source[member.name], options);
        if (e !== undefined) out[wireName(member, options.jsonName ?? false)] = e;
      }
      return out;
    }
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    default:
      return value;
  }
}
