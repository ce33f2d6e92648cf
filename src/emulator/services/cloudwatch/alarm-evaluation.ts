/**
 * Alarm evaluation, done lazily: when data for an alarm's metric arrives and whenever alarms are
 * described, the alarm is evaluated as of the request's time — no timers keep the process alive.
 * The rules are CloudWatch's: the last EvaluationPeriods periods (epoch-aligned; the current,
 * still filling period counts once it has data, so an alarm reacts at once), DatapointsToAlarm of them
 * breaching for ALARM, and TreatMissingData for periods without data. A state change records
 * history, runs (records) the alarm's actions, and emits a "CloudWatch Alarm State Change" event.
 */
import type * as CW from '@aws-sdk/client-cloudwatch';
import type { RequestContext } from '../../core/context.ts';
import { BAND_PHRASE, bandAt, outsideBand, parseBand } from './anomaly-band.ts';
import { evaluateComposite } from './composite-rule.ts';
import { COMPARISON_PHRASE, compare, cwTimestamp, javaDouble, jsonWithDoubles, plural, reasonDate } from './alarm-text.ts';
import { runQueries, validateQueries } from './metric-queries.ts';
import { pointsBetween, seriesKey } from './metric-store.ts';
import type { AlarmStateValue, CloudWatchState, HistoryEntry, MetricSeries, StoredAlarm } from './state.ts';
import { aggregate, computeStat, parseStat } from './statistics.ts';

type Ctx = RequestContext<CloudWatchState>;

/** AWS keeps alarm history for 30 days; a count bound keeps memory flat. */
const HISTORY_MS = 30 * 24 * 3600 * 1000;
const MAX_HISTORY = 10_000;
export const UNCHECKED = 'Unchecked: Initial alarm creation';
const FIRST_EVALUATION_MS = 60_000;
const BAND_TRAINING_MS = 14 * 86_400_000;
/** After SetAlarmState the state holds until the next evaluation, a minute later on AWS. */
export const MANUAL_STATE_HOLD_MS = 60_000;

interface Bucket {
  t: number;
  value?: number;
  sampleCount?: number;
  /** Anomaly detection alarms: the band this period's value is compared with (none while the model trains). */
  band?: { lower: number; upper: number };
}

interface Verdict {
  state: AlarmStateValue;
  reason: string;
  reasonData: string;
}

/** Evaluates the metric alarms that watch any of these series (new data arrived). */
export function evaluateAlarmsForSeries(ctx: Ctx, series: readonly MetricSeries[]): void {
  const keys = new Set(series.map((s) => seriesKey(s.namespace, s.metricName, s.dimensions)));
  const affected = [...ctx.state().alarms.values()].filter((a) => a.kind === 'metric' && watchedKeys(a).some((k) => keys.has(k)));
  if (affected.length) evaluateAlarms(ctx, affected);
}

function watchedKeys(alarm: StoredAlarm): string[] {
  if (alarm.Metrics) return alarm.Metrics.filter((q) => q.MetricStat).map((q) => seriesKey(q.MetricStat!.Metric.Namespace, q.MetricStat!.Metric.MetricName, q.MetricStat!.Metric.Dimensions));
  return [seriesKey(alarm.Namespace!, alarm.MetricName!, alarm.Dimensions ?? [])];
}

/** Evaluates alarms (metric alarms first, then composites, which read their children's states). */
export function evaluateAlarms(ctx: Ctx, alarms: readonly StoredAlarm[] = [...ctx.state().alarms.values()]): void {
  const now = ctx.now.getTime();
  let changed = false;
  for (const alarm of alarms) {
    if (alarm.kind !== 'metric' || (alarm.manualUntil !== undefined && now < alarm.manualUntil)) continue;
    const verdict = evaluateMetricAlarm(ctx.state(), alarm, now);
    if (verdict && verdict.state !== alarm.StateValue) changed = transition(ctx, alarm, verdict) || changed;
    else if (verdict && alarm.StateReason === UNCHECKED && now - alarm.StateUpdatedTimestamp.getTime() >= FIRST_EVALUATION_MS) {
      // AWS's first evaluation, within a minute of creation, replaces the "Unchecked" reason even
      // when the state stays the same.
      alarm.StateReason = verdict.reason;
      alarm.StateReasonData = verdict.reasonData;
      alarm.StateUpdatedTimestamp = ctx.now;
      changed = true;
    }
  }
  // Composite alarms follow their children; re-evaluate until stable (a rule may reference a composite).
  for (let round = 0; round < 5; round++) {
    let moved = false;
    for (const alarm of ctx.state().alarms.values()) {
      if (alarm.kind !== 'composite' || (alarm.manualUntil !== undefined && now < alarm.manualUntil)) continue;
      const verdict = evaluateComposite(ctx.state(), alarm, now);
      if (verdict && verdict.state !== alarm.StateValue) moved = transition(ctx, alarm, verdict) || moved;
    }
    changed ||= moved;
    if (!moved) break;
  }
  if (changed) ctx.stateChanged();
}

/**
 * The evaluation window's buckets, oldest first: the last EvaluationPeriods periods, ending with
 * the current period once it has data (so alarms react at once) and otherwise with the last
 * complete one (a period still filling is not "missing" yet).
 */
function windowBuckets(state: CloudWatchState, alarm: StoredAlarm, now: number): { period: number; buckets: Bucket[] } | undefined {
  const n = alarm.EvaluationPeriods!;
  let period: number;
  let buckets: Bucket[];
  if (alarm.Metrics && alarm.ThresholdMetricId !== undefined) {
    return bandBuckets(state, alarm, now);
  } else if (alarm.Metrics) {
    const queries = alarm.Metrics as CW.MetricDataQuery[];
    const target = queries.find((q) => q.ReturnData !== false) ?? queries[0]!;
    const periods = queries.map((q) => q.MetricStat?.Period ?? q.Period).filter((p): p is number => p !== undefined);
    period = target.MetricStat?.Period ?? target.Period ?? (periods.length ? Math.min(...periods) : 60);
    const { start, end, times } = window(now, period, n + 1);
    let results;
    try {
      results = runQueries(state, queries, validateQueries(queries, 'Metrics', { maxQueries: 20 }), start, end);
    } catch {
      return undefined; // an expression that cannot be computed leaves the state alone
    }
    const series = results.find((r) => r.id === target.Id)?.series;
    buckets = times.map((t) => ({ t, value: series?.points.get(t) }));
  } else {
    period = alarm.Period!;
    const { start, end, times } = window(now, period, n + 1);
    const stat = parseStat(alarm.ExtendedStatistic ?? alarm.Statistic!)!;
    const series = state.series.get(seriesKey(alarm.Namespace!, alarm.MetricName!, alarm.Dimensions ?? []));
    const byTime = new Map<number, Bucket>();
    if (series) {
      for (const agg of aggregate(pointsBetween(series, start, end), start, period * 1000, { unit: alarm.Unit })) {
        const value = computeStat(agg, stat);
        if (value !== undefined) byTime.set(agg.t, { t: agg.t, value, sampleCount: agg.n });
      }
    }
    buckets = times.map((t) => byTime.get(t) ?? { t });
  }
  const currentHasData = buckets.at(-1)!.value !== undefined;
  return { period, buckets: currentHasData ? buckets.slice(1) : buckets.slice(0, -1) };
}

/**
 * The window of an anomaly detection alarm: the metric's values, each with the band it is compared
 * with (anomaly-band.ts), from the metric's own history of the last two weeks.
 */
function bandBuckets(state: CloudWatchState, alarm: StoredAlarm, now: number): { period: number; buckets: Bucket[] } | undefined {
  const n = alarm.EvaluationPeriods!;
  const all = alarm.Metrics as CW.MetricDataQuery[];
  const band = parseBand(all.find((q) => q.Id === alarm.ThresholdMetricId)?.Expression);
  if (!band) return undefined;
  const queries = all.filter((q) => q.Id !== alarm.ThresholdMetricId);
  const target = queries.find((q) => q.ReturnData !== false) ?? queries[0]!;
  const period = target.MetricStat?.Period ?? target.Period ?? 60;
  const { start, end, times } = window(now, period, n + 1);
  let results;
  try {
    results = runQueries(state, queries, validateQueries(queries, 'Metrics', { maxQueries: 20 }), start - BAND_TRAINING_MS, end);
  } catch {
    return undefined;
  }
  const series = results.find((r) => r.id === target.Id)?.series;
  const history = results.find((r) => r.id === band.input)?.series.points ?? new Map<number, number>();
  const buckets: Bucket[] = times.map((t) => {
    const value = series?.points.get(t);
    const edges = bandAt(history, t, band.width);
    // While the model trains there is nothing to compare with: the period counts as missing.
    return value === undefined || !edges ? { t } : { t, value, band: edges };
  });
  const currentHasData = buckets.at(-1)!.value !== undefined;
  return { period, buckets: currentHasData ? buckets.slice(1) : buckets.slice(0, -1) };
}

function window(now: number, period: number, n: number): { start: number; end: number; times: number[] } {
  const p = period * 1000;
  const current = Math.floor(now / p) * p;
  const start = current - (n - 1) * p;
  return { start, end: current + p, times: Array.from({ length: n }, (_, i) => start + i * p) };
}

export function evaluateMetricAlarm(state: CloudWatchState, alarm: StoredAlarm, now: number): Verdict | undefined {
  const computed = windowBuckets(state, alarm, now);
  if (!computed) return undefined;
  const { period, buckets } = computed;
  const n = buckets.length;
  const m = alarm.DatapointsToAlarm ?? n;
  const treat = alarm.TreatMissingData ?? 'missing';
  const threshold = alarm.Threshold ?? Number.NaN;
  const op = alarm.ComparisonOperator!;
  const present = buckets.filter((b) => b.value !== undefined);
  const missing = n - present.length;
  const reasonData = (extra: Record<string, unknown> = {}) =>
    jsonWithDoubles({
      version: '1.0',
      queryDate: cwTimestamp(now),
      startDate: present.length ? cwTimestamp(present[0]!.t) : undefined,
      unit: alarm.Unit,
      statistic: alarm.Metrics ? undefined : alarm.Statistic,
      extendedStatistic: alarm.Metrics ? undefined : alarm.ExtendedStatistic,
      period,
      recentDatapoints: present.map((b) => b.value!),
      threshold: alarm.ThresholdMetricId === undefined ? threshold : undefined,
      evaluatedDatapoints: [...buckets].reverse().map((b) => (b.value === undefined ? { timestamp: cwTimestamp(b.t) } : { timestamp: cwTimestamp(b.t), sampleCount: b.sampleCount, value: b.value })),
      ...extra,
    });
  if (present.length === 0) {
    const periods = plural(n, 'period');
    const were = n === 1 ? 'was' : 'were';
    switch (treat) {
      case 'ignore':
        return undefined;
      case 'breaching':
        return { state: 'ALARM', reason: `Threshold Crossed: no datapoints were received for ${periods} and ${plural(n, 'missing datapoint')} ${were} treated as [Breaching].`, reasonData: reasonData() };
      case 'notBreaching':
        return { state: 'OK', reason: `Threshold Crossed: no datapoints were received for ${periods} and ${plural(n, 'missing datapoint')} ${were} treated as [NonBreaching].`, reasonData: reasonData() };
      default:
        return { state: 'INSUFFICIENT_DATA', reason: `Insufficient Data: ${plural(n, 'datapoint')} ${were} unknown.`, reasonData: reasonData() };
    }
  }
  const isBreaching = (b: Bucket) => (b.value === undefined ? treat === 'breaching' : b.band ? outsideBand(op, b.value, b.band) : compare(op, b.value, threshold));
  const considered = treat === 'breaching' || treat === 'notBreaching' ? buckets : present;
  const required = Math.min(m, considered.length);
  const breaching = considered.filter(isBreaching);
  const alarmed = breaching.length >= required;
  const newState: AlarmStateValue = alarmed ? 'ALARM' : 'OK';
  const phrase = COMPARISON_PHRASE[op] ?? BAND_PHRASE[op] ?? op;
  // The datapoints named: the breaching ones for ALARM, the others for OK; most recent first.
  const named = (alarmed ? breaching : considered.filter((b) => !isBreaching(b))).filter((b) => b.value !== undefined).reverse();
  const list = `[${named.slice(0, 10).map((b) => `${javaDouble(b.value!)} (${reasonDate(b.t)})`).join(', ')}]`;
  const count = alarmed ? breaching.length : considered.length - breaching.length;
  const verb = count === 1 ? 'was' : 'were';
  const relation = alarmed ? phrase : `not ${phrase}`;
  let reason: string;
  if (alarm.ThresholdMetricId !== undefined) {
    const edges = `[${named.slice(0, 10).map((b) => `${javaDouble(b.band!.lower)}..${javaDouble(b.band!.upper)}`).join(', ')}]`;
    reason = `Thresholds Crossed: ${count} out of the last ${n} datapoints ${list} ${verb} ${relation} ${edges} (minimum ${plural(alarmed ? m : n - m + 1, 'datapoint')} for ${alarmed ? 'OK -> ALARM' : 'ALARM -> OK'} transition).`;
  } else if (alarm.DatapointsToAlarm === undefined && n === 1) {
    reason = `Threshold Crossed: 1 datapoint ${list} ${verb} ${relation} the threshold (${javaDouble(threshold)}).`;
  } else {
    const minimum = alarmed ? m : n - m + 1;
    reason = `Threshold Crossed: ${count} out of the last ${n} datapoints ${list} ${verb} ${relation} the threshold (${javaDouble(threshold)}) (minimum ${plural(minimum, 'datapoint')} for ${alarmed ? 'OK -> ALARM' : 'ALARM -> OK'} transition).`;
  }
  if (missing && (treat === 'breaching' || treat === 'notBreaching')) {
    reason = reason.replace(/\.$/, ` and ${plural(missing, 'missing datapoint')} ${missing === 1 ? 'was' : 'were'} treated as [${treat === 'breaching' ? 'Breaching' : 'NonBreaching'}].`);
  }
  return { state: newState, reason, reasonData: reasonData() };
}

/** Applies a state change: state fields, history, actions (recorded), and the EventBridge event. */
export function transition(ctx: Ctx, alarm: StoredAlarm, verdict: Verdict, options: { manual?: boolean } = {}): boolean {
  const now = ctx.now;
  const previous = { value: alarm.StateValue, reason: alarm.StateReason, reasonData: alarm.StateReasonData, timestamp: alarm.StateUpdatedTimestamp };
  const moved = verdict.state !== alarm.StateValue;
  alarm.StateValue = verdict.state;
  alarm.StateReason = verdict.reason;
  alarm.StateReasonData = verdict.reasonData;
  alarm.StateUpdatedTimestamp = now;
  if (moved) alarm.StateTransitionedTimestamp = now;
  if (options.manual) alarm.manualUntil = now.getTime() + MANUAL_STATE_HOLD_MS;
  else delete alarm.manualUntil;
  const type = alarm.kind === 'composite' ? 'CompositeAlarm' : 'MetricAlarm';
  const parse = (s: string | undefined) => {
    try {
      return s ? JSON.parse(s) : undefined;
    } catch {
      return undefined;
    }
  };
  recordHistory(ctx.state(), now.getTime(), {
    AlarmName: alarm.AlarmName,
    AlarmType: type,
    Timestamp: now,
    HistoryItemType: 'StateUpdate',
    HistorySummary: `Alarm updated from ${previous.value} to ${alarm.StateValue}`,
    HistoryData: JSON.stringify({
      version: '1.0',
      oldState: { stateValue: previous.value, stateReason: previous.reason, stateReasonData: parse(previous.reasonData) },
      newState: { stateValue: alarm.StateValue, stateReason: alarm.StateReason, stateReasonData: parse(alarm.StateReasonData) },
    }),
  });
  const actions = alarm.StateValue === 'ALARM' ? alarm.AlarmActions : alarm.StateValue === 'OK' ? alarm.OKActions : alarm.InsufficientDataActions;
  if (alarm.ActionsEnabled && moved) {
    for (const action of actions) {
      recordHistory(ctx.state(), now.getTime(), {
        AlarmName: alarm.AlarmName,
        AlarmType: type,
        Timestamp: now,
        HistoryItemType: 'Action',
        HistorySummary: `Successfully executed action ${action}`,
        HistoryData: JSON.stringify({ actionState: 'Succeeded', stateUpdateTimestamp: now.getTime(), notificationResource: action }),
      });
    }
  }
  if (moved) {
    ctx.events.publish({
      source: 'aws.cloudwatch',
      detailType: 'CloudWatch Alarm State Change',
      resources: [alarm.AlarmArn],
      time: now,
      detail: {
        alarmName: alarm.AlarmName,
        state: { value: alarm.StateValue, reason: alarm.StateReason, reasonData: alarm.StateReasonData, timestamp: cwTimestamp(now) },
        previousState: { value: previous.value, reason: previous.reason, reasonData: previous.reasonData, timestamp: cwTimestamp(previous.timestamp) },
        configuration: eventConfiguration(alarm),
      },
    });
  }
  return moved;
}

function eventConfiguration(alarm: StoredAlarm): Record<string, unknown> {
  if (alarm.kind === 'composite') return { alarmRule: alarm.AlarmRule, description: alarm.AlarmDescription };
  const dims = (d: { Name: string; Value: string }[]) => Object.fromEntries(d.map((x) => [x.Name, x.Value]));
  const metrics = alarm.Metrics
    ? alarm.Metrics.map((q) => ({
        id: q.Id,
        ...(q.Expression !== undefined ? { expression: q.Expression } : {}),
        ...(q.MetricStat ? { metricStat: { metric: { namespace: q.MetricStat.Metric.Namespace, name: q.MetricStat.Metric.MetricName, dimensions: dims(q.MetricStat.Metric.Dimensions) }, period: q.MetricStat.Period, stat: q.MetricStat.Stat } } : {}),
        ...(q.Label !== undefined ? { label: q.Label } : {}),
        returnData: q.ReturnData !== false,
      }))
    : [{ id: 'm1', metricStat: { metric: { namespace: alarm.Namespace, name: alarm.MetricName, dimensions: dims(alarm.Dimensions ?? []) }, period: alarm.Period, stat: alarm.ExtendedStatistic ?? alarm.Statistic }, returnData: true }];
  return { description: alarm.AlarmDescription, metrics };
}

export function recordHistory(state: CloudWatchState, now: number, entry: HistoryEntry): void {
  state.history.push(entry);
  const cutoff = now - HISTORY_MS;
  let drop = 0;
  while (drop < state.history.length && state.history[drop]!.Timestamp.getTime() < cutoff) drop++;
  drop = Math.max(drop, state.history.length - MAX_HISTORY);
  if (drop > 0) state.history.splice(0, drop);
}
