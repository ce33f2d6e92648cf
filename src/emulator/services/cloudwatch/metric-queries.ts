/**
 * Runs MetricDataQueries — MetricStat queries over stored points and metric-math expressions over
 * their results — for GetMetricData and for metric-math alarms.
 */
import type * as CW from '@aws-sdk/client-cloudwatch';
import { validationError } from './errors.ts';
import { findSeries, pointsBetween } from './metric-store.ts';
import { evaluate, MathError, type MathValue, type Node, parseExpression, referencedIds, type Series } from './metric-math.ts';
import type { CloudWatchState } from './state.ts';
import { aggregate, computeStat, isValidPeriod, parseStat } from './statistics.ts';

export interface QueryResult {
  id: string;
  label: string;
  series: Series;
  returnData: boolean;
}

const ID = /^[a-z][a-zA-Z0-9_]*$/;

/** Checks queries as CloudWatch does before running them (shared with PutMetricAlarm's Metrics). */
export function validateQueries(queries: readonly CW.MetricDataQuery[], member: string, options: { maxQueries: number }): Map<string, Node> {
  if (queries.length === 0) throw validationError(`The parameter ${member} is required.`);
  if (queries.length > options.maxQueries) throw validationError(`The collection ${member} must not have a size greater than ${options.maxQueries}.`);
  const seen = new Set<string>();
  const parsed = new Map<string, Node>();
  queries.forEach((q, i) => {
    const name = `${member}.member.${i + 1}`;
    if (!q.Id) throw validationError(`The parameter ${name}.Id is required.`);
    if (!ID.test(q.Id) || q.Id.length > 255) throw validationError(`The value ${q.Id} for parameter ${name}.Id is invalid: it must start with a lowercase letter and contain only letters, numbers and underscores.`);
    if (seen.has(q.Id)) throw validationError(`The value ${q.Id} for parameter ${name}.Id is not unique.`);
    seen.add(q.Id);
    if (q.MetricStat && q.Expression !== undefined) throw validationError(`The parameters ${name}.MetricStat and ${name}.Expression are mutually exclusive and you have specified both.`);
    if (!q.MetricStat && q.Expression === undefined) throw validationError(`The parameter ${name}.MetricStat is required.\n`);
    if (q.MetricStat) {
      const stat = q.MetricStat;
      if (!stat.Metric?.Namespace) throw validationError(`The parameter ${name}.MetricStat.Metric.Namespace is required.`);
      if (!stat.Metric.MetricName) throw validationError(`The parameter ${name}.MetricStat.Metric.MetricName is required.`);
      if (stat.Period === undefined) throw validationError(`The parameter ${name}.MetricStat.Period is required.`);
      if (!isValidPeriod(stat.Period)) throw validationError(`The parameter ${name}.MetricStat.Period must be 1, 5, 10, 20, 30, or a multiple of 60.`);
      if (!stat.Stat) throw validationError(`The parameter ${name}.MetricStat.Stat is required.`);
      if (!parseStat(stat.Stat)) throw validationError(`The value ${stat.Stat} for parameter ${name}.MetricStat.Stat is not supported.`);
    } else {
      try {
        parsed.set(q.Id, parseExpression(q.Expression!));
      } catch (error) {
        if (error instanceof MathError) throw validationError(`Error in expression ${q.Id} [${q.Expression}]: ${error.message}`);
        throw error;
      }
    }
    if (q.Period !== undefined && !isValidPeriod(q.Period)) throw validationError(`The parameter ${name}.Period must be 1, 5, 10, 20, 30, or a multiple of 60.`);
  });
  for (const [id, node] of parsed) {
    for (const ref of referencedIds(node)) {
      if (!seen.has(ref)) throw validationError(`Error in expression ${id}: Unknown metric id ${ref}.`);
      if (ref === id) throw validationError(`Error in expression ${id}: an expression cannot refer to itself.`);
    }
  }
  return parsed;
}

/** Series of one MetricStat over [start, end): one point per period that has data. */
export function metricStatSeries(state: CloudWatchState, stat: CW.MetricStat, start: number, end: number, label: string): Series {
  const metric = stat.Metric!;
  const series = findSeries(state, metric.Namespace!, metric.MetricName!, metric.Dimensions);
  const points = new Map<number, number>();
  if (series) {
    const parsed = parseStat(stat.Stat!)!;
    for (const agg of aggregate(pointsBetween(series, start, end), start, stat.Period! * 1000, { unit: stat.Unit })) {
      const v = computeStat(agg, parsed);
      if (v !== undefined) points.set(agg.t, v);
    }
  }
  return { label, points };
}

/** Runs every query; expressions in dependency order. Throws ValidationError for math errors and cycles. */
export function runQueries(state: CloudWatchState, queries: readonly CW.MetricDataQuery[], parsed: Map<string, Node>, start: number, end: number): QueryResult[] {
  const byId = new Map(queries.map((q) => [q.Id!, q]));
  const values = new Map<string, MathValue>();
  const statSeries: Series[] = [];
  for (const q of queries) {
    if (!q.MetricStat) continue;
    const s = metricStatSeries(state, q.MetricStat, start, end, q.Label ?? q.MetricStat.Metric!.MetricName!);
    values.set(q.Id!, s);
    statSeries.push(s);
  }
  const periods = queries.map((q) => q.MetricStat?.Period ?? q.Period).filter((p): p is number => p !== undefined);
  const period = (periods.length ? Math.min(...periods) : 60) * 1000;
  const grid: number[] = [];
  for (let t = start; t < end && grid.length < 100_800; t += period) grid.push(t);
  const visiting = new Set<string>();
  const compute = (id: string): MathValue => {
    const have = values.get(id);
    if (have !== undefined) return have;
    if (visiting.has(id)) throw validationError(`Error in expression ${id}: circular reference to ${id}.`);
    visiting.add(id);
    const q = byId.get(id)!;
    try {
      const v = evaluate(parsed.get(id)!, {
        resolve: (ref) => (byId.has(ref) ? compute(ref) : undefined),
        metricStats: () => statSeries,
        grid,
        label: q.Label ?? id,
      });
      values.set(id, v);
      return v;
    } catch (error) {
      if (error instanceof MathError) throw validationError(`Error in expression ${id} [${q.Expression}]: ${error.message}`);
      throw error;
    } finally {
      visiting.delete(id);
    }
  };
  const results: QueryResult[] = [];
  for (const q of queries) {
    const v = compute(q.Id!);
    const returnData = q.ReturnData !== false;
    if (typeof v === 'number') {
      if (!returnData) continue;
      throw validationError(`Error in expression ${q.Id} [${q.Expression}]: the expression returns a single number; it must return a time series or an array of time series.`);
    }
    if (Array.isArray(v)) for (const s of v) results.push({ id: q.Id!, label: s.label, series: s, returnData });
    else results.push({ id: q.Id!, label: q.MetricStat ? v.label : q.Label ?? q.Id!, series: v, returnData });
  }
  return results;
}
