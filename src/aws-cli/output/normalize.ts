/**
 * SDK output → the data the AWS CLI prints: `$metadata` dropped, members in the model's order,
 * timestamps as ISO 8601 (`2026-01-31T12:00:00+00:00`, the CLI v2 default), binary as base64.
 */
import type { Shape } from '../model/shape.ts';

export type CliData = null | boolean | number | string | CliData[] | { [key: string]: CliData };

export function normalizeOutput(shape: Shape | undefined, value: unknown): CliData {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return isoTimestamp(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) {
    const element = shape?.kind === 'list' ? shape.element : undefined;
    return value.map((v) => normalizeOutput(element, v));
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const out: { [key: string]: CliData } = {};
    if (shape && (shape.kind === 'structure' || shape.kind === 'union')) {
      for (const member of shape.members) {
        if (record[member.name] !== undefined) out[member.name] = normalizeOutput(member.shape, record[member.name]);
      }
      for (const [key, v] of Object.entries(record)) {
        if (key !== '$metadata' && !(key in out) && v !== undefined && !shape.member(key)) out[key] = normalizeOutput(undefined, v);
      }
      return out;
    }
    const valueShape = shape?.kind === 'map' ? shape.value : undefined;
    for (const [key, v] of Object.entries(record)) {
      if (key === '$metadata' || v === undefined) continue;
      out[key] = normalizeOutput(valueShape, v);
    }
    return out;
  }
  return value as CliData;
}

/** Python's `datetime.isoformat()` for an aware UTC time, as the CLI v2 prints timestamps. */
export function isoTimestamp(date: Date): string {
  const iso = date.toISOString(); // 2026-01-31T12:00:00.123Z
  const ms = date.getUTCMilliseconds();
  return `${iso.slice(0, 19)}${ms ? `.${String(ms).padStart(3, '0')}000` : ''}+00:00`;
}
