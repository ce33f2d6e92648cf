/** GetMetricStatistics and GetMetricData: reading datapoints back, aggregated per period. */
import type * as CW from '@aws-sdk/client-cloudwatch';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { checkUnit, decodeToken, encodeToken, invalidCombination, invalidValue, validationError } from './errors.ts';
import { runQueries, validateQueries } from './metric-queries.ts';
import { findSeries, pointsBetween } from './metric-store.ts';
import type { CloudWatchState } from './state.ts';
import { aggregate, computeStat, isPercentile, type ParsedStat, roundStartTime } from './statistics.ts';

type Ctx = RequestContext<CloudWatchState>;

const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
const MAX_STATISTIC_DATAPOINTS = 1440;

export function getMetricStatistics(input: CW.GetMetricStatisticsInput, ctx: Ctx): Output<CW.GetMetricStatisticsOutput> {
  const problems = new ProblemList().minLength('namespace', input.Namespace, 1).maxLength('namespace', input.Namespace, 255).minLength('metricName', input.MetricName, 1).maxLength('metricName', input.MetricName, 255);
  (input.Statistics ?? []).forEach((s, i) => problems.oneOf(`statistics.${i + 1}.member`, s, STATISTICS));
  problems.check();
  checkUnit(input.Unit, 'Unit');
  const statistics = input.Statistics ?? [];
  const extended = input.ExtendedStatistics ?? [];
  if (statistics.length === 0 && extended.length === 0) throw invalidCombination('Must specify either Statistics or ExtendedStatistics');
  if (statistics.length > 5) throw invalidValue('The collection Statistics must not have a size greater than 5.');
  if (extended.length > 10) throw invalidValue('The collection ExtendedStatistics must not have a size greater than 10.');
  for (const e of extended) if (!isPercentile(e)) throw invalidValue(`The value ${e} for parameter ExtendedStatistics is not supported.`);
  if ((input.Dimensions ?? []).length > 30) throw invalidValue('The collection Dimensions must not have a size greater than 30.');
  const period = input.Period!;
  checkPeriod(period, 'Period');
  const now = ctx.now.getTime();
  const start = roundStartTime(input.StartTime!.getTime(), now, period);
  const end = input.EndTime!.getTime();
  if (start >= end) throw invalidValue('The parameter StartTime must be less than the parameter EndTime.');
  const requested = Math.ceil((end - start) / (period * 1000));
  if (requested > MAX_STATISTIC_DATAPOINTS) {
    throw invalidCombination(`You have requested up to ${requested.toLocaleString('en-US')} datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`);
  }
  const series = findSeries(ctx.state(), input.Namespace!, input.MetricName!, input.Dimensions);
  const datapoints: CW.Datapoint[] = [];
  if (series) {
    for (const agg of aggregate(pointsBetween(series, start, end), start, period * 1000, { unit: input.Unit, splitUnits: true })) {
      const dp: CW.Datapoint = { Timestamp: new Date(agg.t), Unit: agg.unit as CW.StandardUnit };
      for (const s of statistics) (dp as Record<string, unknown>)[s] = computeStat(agg, { kind: s } as ParsedStat);
      if (extended.length) {
        const values: Record<string, number> = {};
        for (const e of extended) {
          const v = computeStat(agg, { kind: 'percentile', p: Number(e.slice(1)) });
          if (v !== undefined) values[e] = v;
        }
        dp.ExtendedStatistics = values;
      }
      datapoints.push(dp);
    }
  }
  return { Label: input.MetricName, Datapoints: datapoints };
}

export function checkPeriod(period: number, name: string): void {
  if (period <= 0) throw invalidValue(`The parameter ${name} must be greater than 0.`);
  if (period >= 60 && period % 60 !== 0) throw invalidValue(`The parameter ${name} must be a multiple of 60.`);
  if (period < 60 && ![1, 5, 10, 20, 30].includes(period)) throw invalidValue(`The parameter ${name} must be 1, 5, 10, 20, 30, or a multiple of 60.`);
}

export function getMetricData(input: CW.GetMetricDataInput, ctx: Ctx): Output<CW.GetMetricDataOutput> {
  new ProblemList().oneOf('scanBy', input.ScanBy, ['TimestampDescending', 'TimestampAscending']).check();
  const queries = input.MetricDataQueries ?? [];
  const parsed = validateQueries(queries, 'MetricDataQueries', { maxQueries: 500 });
  const startRaw = input.StartTime!.getTime();
  const end = input.EndTime!.getTime();
  if (startRaw > end) throw validationError('The parameter EndTime must be greater than StartTime.');
  if (startRaw === end) throw validationError('The parameter StartTime must not equal parameter EndTime.');
  const periods = queries.map((q) => q.MetricStat?.Period ?? q.Period).filter((p): p is number => p !== undefined);
  const start = roundStartTime(startRaw, ctx.now.getTime(), periods.length ? Math.min(...periods) : 60);
  const maxDatapoints = input.MaxDatapoints ?? 100_800;
  if (maxDatapoints < 1) throw validationError('The parameter MaxDatapoints must be greater than 0.');
  const descending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
  const results = runQueries(ctx.state(), queries, parsed, start, end).filter((r) => r.returnData);
  // Pages cut the concatenation of every result's datapoints, in result order.
  const fingerprint = JSON.stringify(['GetMetricData', queries, startRaw, end, input.ScanBy ?? null, maxDatapoints]);
  const offset = Number(decodeToken(input.NextToken, fingerprint) ?? 0);
  let position = 0;
  let total = 0;
  const out: CW.MetricDataResult[] = [];
  for (const r of results) {
    const entries = [...r.series.points.entries()].sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0]));
    total += entries.length;
    const from = Math.max(0, offset - position);
    const to = Math.min(entries.length, offset + maxDatapoints - position);
    position += entries.length;
    if (from >= entries.length && !(entries.length === 0 && offset === 0)) continue;
    if (from > to) continue;
    const slice = entries.slice(from, to);
    out.push({
      Id: r.id,
      Label: r.label,
      Timestamps: slice.map(([t]) => new Date(t)),
      Values: slice.map(([, v]) => v),
      StatusCode: to < entries.length ? 'PartialData' : 'Complete',
    });
  }
  const next = offset + maxDatapoints < total ? encodeToken(offset + maxDatapoints, fingerprint) : undefined;
  return { MetricDataResults: out, NextToken: next, Messages: [] };
}
