/**
 * How CloudWatch words alarm states: StateReason sentences, StateReasonData JSON (with Java-style
 * numbers: 5.0, not 5), history summaries, and the dates inside them.
 */

/** Java's Double.toString, which CloudWatch's texts use: 5.0, 0.25, 1.0E7, 1.0E-4. */
export function javaDouble(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : n < 0 ? '-Infinity' : 'NaN';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(n);
    return s.includes('.') || s.includes('e') ? s : `${s}.0`;
  }
  const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** JSON with Java-style doubles for the number fields CloudWatch writes as doubles. */
export function jsonWithDoubles(value: unknown): string {
  const doubles = new Set(['threshold', 'value', 'sampleCount', 'recentDatapoints']);
  const write = (v: unknown, key: string): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number') return doubles.has(key) ? javaDouble(v) : String(v);
    if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map((x) => write(x, key)).join(',')}]`;
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${write(x, k)}`).join(',')}}`;
  };
  return write(value, '');
}

/** 2024-04-16T08:47:36.958+0000 — the timestamp format of CloudWatch's JSON texts. */
export function cwTimestamp(t: number | Date): string {
  return new Date(t).toISOString().replace('Z', '+0000');
}

/** 16/04/24 08:42:00 — the date format inside StateReason. */
export function reasonDate(t: number): string {
  const d = new Date(t);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

export const COMPARISON_PHRASE: Record<string, string> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

export function compare(operator: string, value: number, threshold: number): boolean {
  switch (operator) {
    case 'GreaterThanOrEqualToThreshold': return value >= threshold;
    case 'GreaterThanThreshold': return value > threshold;
    case 'LessThanThreshold': return value < threshold;
    case 'LessThanOrEqualToThreshold': return value <= threshold;
    default: return false;
  }
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
