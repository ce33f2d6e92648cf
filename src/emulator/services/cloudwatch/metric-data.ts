/** PutMetricData and ListMetrics. */
import type * as CW from '@aws-sdk/client-cloudwatch';
import type { RequestContext } from '../../core/context.ts';
import type { MetricBatch } from '../../core/metrics.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { evaluateAlarmsForSeries } from './alarm-evaluation.ts';
import { checkUnit, decodeToken, encodeToken, invalidCombination, invalidValue, missingParameter, requireParameter, STANDARD_UNITS } from './errors.ts';
import { addPoint, sortDimensions } from './metric-store.ts';
import type { CloudWatchState, MetricSeries, StoredPoint } from './state.ts';

type Ctx = RequestContext<CloudWatchState>;

const TWO_WEEKS = 14 * 24 * 3600 * 1000;
const TWO_HOURS = 2 * 3600 * 1000;
/** CloudWatch rejects values outside ±2^360. */
const VALUE_LIMIT = 2 ** 360;
const LIST_PAGE = 500;

export function putMetricData(input: CW.PutMetricDataInput, ctx: Ctx): Output<Record<string, never>> {
  const namespace = requireParameter(input.Namespace, 'Namespace');
  const data = requireParameter(input.MetricData, 'MetricData');
  new ProblemList().minLength('namespace', namespace, 1).maxLength('namespace', namespace, 255).pattern('namespace', namespace, /^[^:].*$/s, '[^:].*').check();
  if (namespace.startsWith('AWS/')) throw invalidValue('The value AWS/ for parameter Namespace is invalid.');
  if (data.length > 1000) throw invalidValue('The collection MetricData must not have a size greater than 1000.');
  const size = Buffer.byteLength(JSON.stringify(input));
  if (size > 1024 * 1024) throw invalidValue(`The request size ${size} exceeds the limit of 1048576 bytes for PutMetricData.`);
  const stored = data.map((datum, i) => toStoredPoint(datum, `MetricData.member.${i + 1}`, `metricData.${i + 1}.member`, ctx.now.getTime()));
  recordPoints(ctx, namespace, stored);
  return {};
}

/** Stores validated points and lets alarms on the touched series react. */
function recordPoints(ctx: Ctx, namespace: string, stored: { metricName: string; dimensions: ReturnType<typeof sortDimensions>; point: StoredPoint }[]): void {
  const state = ctx.state();
  const now = ctx.now.getTime();
  const touched = new Set<MetricSeries>();
  for (const s of stored) touched.add(addPoint(state, namespace, s.metricName, s.dimensions, s.point, now));
  evaluateAlarmsForSeries(ctx, [...touched]);
}

/** The metric sink (core/metrics.ts): datapoints other services record, stored as PutMetricData stores them. */
export function consumeMetrics(batch: MetricBatch, ctx: Ctx): void {
  const stored = batch.data.map((datum, i) => toStoredPoint(datum as CW.MetricDatum, `MetricData.member.${i + 1}`, `metricData.${i + 1}.member`, ctx.now.getTime(), true));
  recordPoints(ctx, batch.namespace, stored);
}

function toStoredPoint(datum: CW.MetricDatum, name: string, path: string, now: number, internal = false) {
  const metricName = requireParameter(datum.MetricName, `${name}.MetricName`);
  const problems = new ProblemList()
    .minLength(`${path}.metricName`, metricName, 1)
    .maxLength(`${path}.metricName`, metricName, 255)
    .oneOf(`${path}.unit`, datum.Unit, STANDARD_UNITS);
  (datum.Dimensions ?? []).forEach((d, j) => {
    problems
      .minLength(`${path}.dimensions.${j + 1}.member.name`, d.Name, 1)
      .maxLength(`${path}.dimensions.${j + 1}.member.name`, d.Name, 255)
      .minLength(`${path}.dimensions.${j + 1}.member.value`, d.Value, 1)
      .maxLength(`${path}.dimensions.${j + 1}.member.value`, d.Value, 1024);
  });
  problems.check();
  checkUnit(datum.Unit, `${name}.Unit`);
  const dimensions = datum.Dimensions ?? [];
  if (dimensions.length > 30) throw invalidValue(`The collection ${name}.Dimensions must not have a size greater than 30.`);
  dimensions.forEach((d, j) => {
    if (d.Name === undefined) throw missingParameter(`The parameter ${name}.Dimensions.member.${j + 1}.Name is required.`);
    if (d.Value === undefined) throw missingParameter(`The parameter ${name}.Dimensions.member.${j + 1}.Value is required.`);
    if (d.Name.startsWith(':')) throw invalidValue(`The value ${d.Name} for parameter ${name}.Dimensions.member.${j + 1}.Name is invalid.`);
  });
  if (new Set(dimensions.map((d) => d.Name)).size !== dimensions.length) {
    throw invalidValue(`The collection ${name}.Dimensions must not contain duplicate dimension names.`);
  }
  const t = datum.Timestamp ? datum.Timestamp.getTime() : now;
  if (!internal && t < now - TWO_WEEKS) throw invalidValue(`The parameter ${name}.Timestamp must specify a time within the past two weeks.`);
  if (!internal && t > now + TWO_HOURS) throw invalidValue(`The parameter ${name}.Timestamp must specify a time no more than two hours in the future.`);
  if (datum.StorageResolution !== undefined && datum.StorageResolution !== 1 && datum.StorageResolution !== 60) {
    throw invalidValue(`The value ${datum.StorageResolution} for parameter ${name}.StorageResolution is invalid. Valid values are 1 and 60.`);
  }
  const point: StoredPoint = { t, unit: datum.Unit ?? 'None', n: 0, sum: 0, min: 0, max: 0 };
  if (datum.StorageResolution === 1) point.highRes = true;
  const hasValues = datum.Values !== undefined && datum.Values.length > 0;
  if (datum.Value !== undefined && datum.StatisticValues !== undefined) {
    throw invalidCombination(`The parameters ${name}.Value and ${name}.StatisticValues are mutually exclusive and you have specified both.`);
  }
  if (datum.Value !== undefined && hasValues) {
    throw invalidCombination(`The parameters ${name}.Value and ${name}.Values are mutually exclusive and you have specified both.`);
  }
  if (hasValues && datum.StatisticValues !== undefined) {
    throw invalidCombination(`The parameters ${name}.Values and ${name}.StatisticValues are mutually exclusive and you have specified both.`);
  }
  if (datum.Value !== undefined) {
    checkValue(datum.Value, `${name}.Value`);
    Object.assign(point, { n: 1, sum: datum.Value, min: datum.Value, max: datum.Value, values: [datum.Value], counts: [1] });
  } else if (hasValues) {
    const values = datum.Values!;
    if (values.length > 150) throw invalidValue(`The collection ${name}.Values must not have a size greater than 150.`);
    const counts = datum.Counts && datum.Counts.length ? datum.Counts : values.map(() => 1);
    if (counts.length !== values.length) throw invalidValue(`The parameters ${name}.Values and ${name}.Counts must be of the same size.`);
    values.forEach((v) => checkValue(v, `${name}.Values`));
    counts.forEach((c) => {
      if (!(c >= 0) || !Number.isFinite(c)) throw invalidValue(`The value ${c} for parameter ${name}.Counts is invalid.`);
    });
    let n = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    values.forEach((v, k) => {
      const c = counts[k]!;
      if (c === 0) return;
      n += c;
      sum += v * c;
      min = Math.min(min, v);
      max = Math.max(max, v);
    });
    if (n === 0) throw invalidValue(`The parameter ${name}.Counts must contain at least one count greater than 0.`);
    Object.assign(point, { n, sum, min, max, values: [...values], counts: [...counts] });
  } else if (datum.StatisticValues) {
    const s = datum.StatisticValues;
    const sv = `${name}.StatisticValues`;
    for (const member of ['SampleCount', 'Sum', 'Minimum', 'Maximum'] as const) {
      if (s[member] === undefined) throw missingParameter(`The parameter ${sv}.${member} is required.`);
      checkValue(s[member]!, `${sv}.${member}`);
    }
    if (s.Maximum! < s.Minimum!) throw invalidValue(`The parameter ${sv}.Maximum must be greater than ${sv}.Minimum.`);
    if (s.SampleCount! <= 0) throw invalidValue(`The parameter ${sv}.SampleCount must be greater than 0.`);
    Object.assign(point, { n: s.SampleCount, sum: s.Sum, min: s.Minimum, max: s.Maximum });
  } else {
    throw missingParameter(`At least one of the parameters ${name}.Value or ${name}.StatisticValues must be specified.`);
  }
  return { metricName, dimensions: sortDimensions(dimensions), point };
}

function checkValue(value: number, name: string): void {
  if (!Number.isFinite(value) || Math.abs(value) > VALUE_LIMIT) throw invalidValue(`The value ${value} for parameter ${name} is invalid.`);
}

export function listMetrics(input: CW.ListMetricsInput, ctx: Ctx): Output<CW.ListMetricsOutput> {
  const filters = input.Dimensions ?? [];
  const problems = new ProblemList().maxLength('namespace', input.Namespace, 255).maxLength('metricName', input.MetricName, 255).oneOf('recentlyActive', input.RecentlyActive, ['PT3H']);
  filters.forEach((f, i) => problems.maxLength(`dimensions.${i + 1}.member.name`, f.Name, 255).maxLength(`dimensions.${i + 1}.member.value`, f.Value, 1024));
  problems.check();
  if (filters.length > 10) throw invalidValue('The collection Dimensions must not have a size greater than 10.');
  filters.forEach((f, i) => {
    if (!f.Name) throw missingParameter(`The parameter Dimensions.member.${i + 1}.Name is required.`);
  });
  const now = ctx.now.getTime();
  const activeSince = input.RecentlyActive === 'PT3H' ? now - 3 * 3600 * 1000 : now - TWO_WEEKS;
  const matches = [...ctx.state().series.values()]
    .filter((s) => s.lastPutAt >= activeSince)
    .filter((s) => input.Namespace === undefined || s.namespace === input.Namespace)
    .filter((s) => input.MetricName === undefined || s.metricName === input.MetricName)
    .filter((s) => filters.every((f) => s.dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value))))
    .sort(compareSeries);
  const fingerprint = JSON.stringify(['ListMetrics', input.Namespace, input.MetricName, filters, input.RecentlyActive]);
  const offset = Number(decodeToken(input.NextToken, fingerprint) ?? 0);
  const page = matches.slice(offset, offset + LIST_PAGE);
  return {
    Metrics: page.map((s) => ({ Namespace: s.namespace, MetricName: s.metricName, Dimensions: s.dimensions.map((d) => ({ ...d })) })),
    NextToken: offset + LIST_PAGE < matches.length ? encodeToken(offset + LIST_PAGE, fingerprint) : undefined,
  };
}

function compareSeries(a: MetricSeries, b: MetricSeries): number {
  const ka = [a.namespace, a.metricName, ...a.dimensions.flatMap((d) => [d.Name, d.Value])].join('\u0000');
  const kb = [b.namespace, b.metricName, ...b.dimensions.flatMap((d) => [d.Name, d.Value])].join('\u0000');
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
