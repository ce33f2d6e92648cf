/**
 * Aggregation of stored points into periods, and the statistics CloudWatch computes over a period:
 * SampleCount, Sum, Average, Minimum, Maximum and percentiles (pNN, pNN.NN — nearest rank over the
 * raw values, weighted by their counts).
 */
import type { StoredPoint } from './state.ts';

export interface PeriodAggregate {
  /** Start of the period (epoch ms). */
  t: number;
  unit: string;
  n: number;
  sum: number;
  min: number;
  max: number;
  /** Raw values with counts, when every point in the period carried them (percentiles need them). */
  raw: { values: number[]; counts: number[] } | undefined;
}

export type ParsedStat =
  | { kind: 'SampleCount' | 'Sum' | 'Average' | 'Minimum' | 'Maximum' }
  | { kind: 'percentile'; p: number };

const SIMPLE = new Set(['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum']);
const PERCENTILE = /^p(\d{1,2}(?:\.\d{1,2})?|100(?:\.0{1,2})?)$/;

/** A statistic name as GetMetricData's `Stat` or an alarm's statistic; undefined when not one we know. */
export function parseStat(stat: string): ParsedStat | undefined {
  if (SIMPLE.has(stat)) return { kind: stat as 'Sum' };
  const m = PERCENTILE.exec(stat);
  if (m) return { kind: 'percentile', p: Number(m[1]) };
  return undefined;
}

export function isPercentile(stat: string): boolean {
  return PERCENTILE.test(stat);
}

/** Groups points into periods starting at `start`; with `splitUnits`, one aggregate per unit and period. */
export function aggregate(points: readonly StoredPoint[], start: number, periodMs: number, options: { unit?: string; splitUnits?: boolean } = {}): PeriodAggregate[] {
  const buckets = new Map<string, PeriodAggregate>();
  for (const p of points) {
    if (options.unit !== undefined && p.unit !== options.unit) continue;
    const t = start + Math.floor((p.t - start) / periodMs) * periodMs;
    const key = options.splitUnits ? `${t}\u0000${p.unit}` : String(t);
    let agg = buckets.get(key);
    if (!agg) {
      agg = { t, unit: p.unit, n: 0, sum: 0, min: Infinity, max: -Infinity, raw: { values: [], counts: [] } };
      buckets.set(key, agg);
    }
    if (agg.unit !== p.unit) agg.unit = 'None';
    agg.n += p.n;
    agg.sum += p.sum;
    agg.min = Math.min(agg.min, p.min);
    agg.max = Math.max(agg.max, p.max);
    if (agg.raw && p.values) {
      agg.raw.values.push(...p.values);
      agg.raw.counts.push(...(p.counts ?? p.values.map(() => 1)));
    } else {
      agg.raw = undefined;
    }
  }
  return [...buckets.values()].sort((a, b) => a.t - b.t || (a.unit < b.unit ? -1 : 1));
}

export function computeStat(agg: PeriodAggregate, stat: ParsedStat): number | undefined {
  switch (stat.kind) {
    case 'SampleCount':
      return agg.n;
    case 'Sum':
      return agg.sum;
    case 'Average':
      return agg.n === 0 ? undefined : agg.sum / agg.n;
    case 'Minimum':
      return agg.min;
    case 'Maximum':
      return agg.max;
    case 'percentile':
      return agg.raw ? percentile(agg.raw.values, agg.raw.counts, stat.p) : undefined;
  }
}

/** Nearest-rank percentile of values weighted by counts. */
export function percentile(values: readonly number[], counts: readonly number[], p: number): number | undefined {
  const pairs = values.map((v, i) => [v, counts[i] ?? 1] as const).filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const total = pairs.reduce((s, [, c]) => s + c, 0);
  if (total === 0) return undefined;
  if (p <= 0) return pairs[0]![0];
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const [v, c] of pairs) {
    seen += c;
    if (seen >= rank) return v;
  }
  return pairs[pairs.length - 1]![0];
}

/**
 * CloudWatch rounds a query's start time down: to the minute for data less than 15 days old, to
 * 5 minutes up to 63 days, to the hour beyond; high-resolution periods round to the period.
 */
export function roundStartTime(start: number, now: number, periodSeconds: number): number {
  const age = now - start;
  const day = 24 * 3600 * 1000;
  let unit: number;
  if (periodSeconds < 60) unit = periodSeconds * 1000;
  else if (age < 15 * day) unit = 60_000;
  else if (age < 63 * day) unit = 300_000;
  else unit = 3_600_000;
  return Math.floor(start / unit) * unit;
}

/** Periods CloudWatch accepts: 1, 5, 10, 20, 30 (high resolution) or a multiple of 60. */
export function isValidPeriod(period: number): boolean {
  return [1, 5, 10, 20, 30].includes(period) || (period >= 60 && period % 60 === 0);
}
