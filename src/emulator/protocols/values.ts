/**
 * Scalar conversions shared by the codecs: text on the wire ↔ typed values (numbers, booleans,
 * timestamps, blobs). Parsing returns `INVALID` instead of throwing so codecs can collect every
 * problem of a request into one validation error.
 */
import type { TimestampFormat } from '../schema/shapes.ts';

export const INVALID: unique symbol = Symbol('invalid');
export type Parsed<T> = T | typeof INVALID;

export function parseNumber(text: string): Parsed<number> {
  if (text.trim() === '') return INVALID;
  const n = Number(text);
  return Number.isFinite(n) || text === 'NaN' || /^-?Infinity$/.test(text) ? n : INVALID;
}

export function parseBoolean(text: string): Parsed<boolean> {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return INVALID;
}

/** Accepts any of the three formats: clients differ, and AWS is lenient on input. */
export function parseTimestamp(text: string): Parsed<Date> {
  const trimmed = text.trim();
  if (trimmed === '') return INVALID;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return new Date(Number(trimmed) * 1000);
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? INVALID : new Date(ms);
}

export function parseBase64(text: string): Parsed<Buffer> {
  const cleaned = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(cleaned)) return INVALID;
  return Buffer.from(cleaned, 'base64');
}

/** A value a provider returned for a timestamp member: Date, epoch milliseconds or ISO text. */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : new Date(ms);
  }
  return undefined;
}

export function formatTimestamp(value: unknown, format: TimestampFormat): string | number | undefined {
  const date = toDate(value);
  if (!date) return undefined;
  switch (format) {
    case 5: return date.toISOString().replace('.000Z', 'Z');
    case 6: return date.toUTCString();
    case 7: return Math.round(date.getTime()) / 1000;
  }
}

export function toBytes(value: unknown): Buffer | undefined {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return undefined;
}
