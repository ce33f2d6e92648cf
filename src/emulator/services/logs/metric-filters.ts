/**
 * Metric filters: PutMetricFilter, DescribeMetricFilters, DeleteMetricFilter, TestMetricFilter, and
 * their effect — every accepted log event is matched against the group's filters and the
 * resulting values are published as CloudWatch metrics through the metric sink (core/metrics.ts).
 */
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { MetricDatum } from '../../core/metrics.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { type Ctx, decodeToken, encodeToken, findGroup, invalidParameter } from './common.ts';
import { type FilterPattern, FilterPatternError, parseFilterPattern } from './filter-pattern.ts';
import type { LogGroupState, MetricFilterState, StoredLogEvent } from './state.ts';

const MAX_FILTERS_PER_GROUP = 100;
const UNITS = ['Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second', 'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None'];

export function compilePattern(pattern: string | undefined): FilterPattern {
  try {
    return parseFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternError) throw invalidParameter(`Invalid filter pattern: ${error.message}`);
    throw error;
  }
}

const FIELD_REF = /^\$(\.[A-Za-z0-9_.@[\]-]+|[A-Za-z_][A-Za-z0-9_]*)$/;

export function putMetricFilter(input: Logs.PutMetricFilterRequest, ctx: Ctx): Output<Record<string, never>> {
  const transformations = input.metricTransformations ?? [];
  const problems = new ProblemList()
    .minLength('filterName', input.filterName, 1)
    .maxLength('filterName', input.filterName, 512)
    .pattern('filterName', input.filterName, /^[^:*]*$/, '[^:*]*')
    .maxLength('filterPattern', input.filterPattern, 1024);
  transformations.forEach((t, i) => {
    const p = `metricTransformations.${i + 1}.member`;
    problems
      .maxLength(`${p}.metricName`, t.metricName, 255)
      .pattern(`${p}.metricName`, t.metricName, /^[^:*$]*$/, '[^:*$]*')
      .maxLength(`${p}.metricNamespace`, t.metricNamespace, 255)
      .pattern(`${p}.metricNamespace`, t.metricNamespace, /^[^:*$]*$/, '[^:*$]*')
      .maxLength(`${p}.metricValue`, t.metricValue, 100)
      .oneOf(`${p}.unit`, t.unit, UNITS);
  });
  problems.check();
  if (transformations.length !== 1) throw invalidParameter(`1 validation error detected: Value at 'metricTransformations' failed to satisfy constraint: Member must have length ${transformations.length ? 'less' : 'greater'} than or equal to 1`);
  const t = transformations[0]!;
  if (!FIELD_REF.test(t.metricValue!) && !Number.isFinite(Number(t.metricValue))) throw invalidParameter(`Invalid metric value: ${t.metricValue}. Use a number or a field the pattern extracts ($.field for JSON, $name for space-delimited patterns).`);
  const dims = Object.entries(t.dimensions ?? {});
  if (dims.length > 3) throw invalidParameter('A metric transformation can have at most 3 dimensions.');
  for (const [k, v] of dims) if (!FIELD_REF.test(v)) throw invalidParameter(`Invalid dimension value ${v} for dimension ${k}: dimension values must be fields the pattern extracts ($.field or $name).`);
  if (dims.length && t.defaultValue !== undefined) throw invalidParameter('A metric transformation cannot have both dimensions and a defaultValue.');
  const pattern = compilePattern(input.filterPattern);
  if ((FIELD_REF.test(t.metricValue!) || dims.length) && pattern.kind !== 'json' && pattern.kind !== 'delimited') {
    throw invalidParameter('The metric value or dimensions refer to fields, but the filter pattern extracts none: use a JSON or space-delimited pattern.');
  }
  const group = findGroup(ctx, input.logGroupName);
  if (!group.metricFilters.has(input.filterName!) && group.metricFilters.size >= MAX_FILTERS_PER_GROUP) throw new AwsServiceError('LimitExceededException', 'Resource limit exceeded.');
  group.metricFilters.set(input.filterName!, {
    filterName: input.filterName!,
    filterPattern: input.filterPattern ?? '',
    metricTransformations: [
      {
        metricName: t.metricName!,
        metricNamespace: t.metricNamespace!,
        metricValue: t.metricValue!,
        ...(t.defaultValue !== undefined ? { defaultValue: t.defaultValue } : {}),
        ...(dims.length ? { dimensions: { ...t.dimensions } } : {}),
        ...(t.unit !== undefined ? { unit: t.unit } : {}),
      },
    ],
    creationTime: group.metricFilters.get(input.filterName!)?.creationTime ?? ctx.now.getTime(),
    applyOnTransformedLogs: input.applyOnTransformedLogs ?? false,
  });
  return {};
}

function describeFilter(group: LogGroupState, f: MetricFilterState): Logs.MetricFilter {
  return {
    filterName: f.filterName,
    filterPattern: f.filterPattern,
    metricTransformations: f.metricTransformations.map((t) => ({ ...t, unit: t.unit as Logs.StandardUnit | undefined, dimensions: t.dimensions ? { ...t.dimensions } : undefined })),
    creationTime: f.creationTime,
    logGroupName: group.logGroupName,
    applyOnTransformedLogs: f.applyOnTransformedLogs,
  };
}

export function describeMetricFilters(input: Logs.DescribeMetricFiltersRequest, ctx: Ctx): Output<Logs.DescribeMetricFiltersResponse> {
  new ProblemList().range('limit', input.limit, 1, 50).check();
  if (input.filterNamePrefix !== undefined && input.logGroupName === undefined) throw invalidParameter('If you specify filterNamePrefix, you must also specify logGroupName.');
  if ((input.metricName === undefined) !== (input.metricNamespace === undefined)) throw invalidParameter('metricName and metricNamespace must be specified together.');
  const groups = input.logGroupName !== undefined ? [findGroup(ctx, input.logGroupName)] : [...ctx.state().groups.values()];
  const all: Logs.MetricFilter[] = [];
  for (const g of groups.sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1))) {
    for (const f of [...g.metricFilters.values()].sort((a, b) => (a.filterName < b.filterName ? -1 : 1))) {
      if (input.filterNamePrefix !== undefined && !f.filterName.startsWith(input.filterNamePrefix)) continue;
      if (input.metricName !== undefined && !f.metricTransformations.some((t) => t.metricName === input.metricName && t.metricNamespace === input.metricNamespace)) continue;
      all.push(describeFilter(g, f));
    }
  }
  const limit = input.limit ?? 50;
  const fingerprint = JSON.stringify(['DescribeMetricFilters', input.logGroupName ?? null, input.filterNamePrefix ?? null, input.metricName ?? null, input.metricNamespace ?? null]);
  const offset = Number(decodeToken(input.nextToken, fingerprint) ?? 0);
  return { metricFilters: all.slice(offset, offset + limit), nextToken: offset + limit < all.length ? encodeToken(offset + limit, fingerprint) : undefined };
}

export function deleteMetricFilter(input: Logs.DeleteMetricFilterRequest, ctx: Ctx): Output<Record<string, never>> {
  const group = findGroup(ctx, input.logGroupName);
  if (!group.metricFilters.delete(input.filterName!)) throw new AwsServiceError('ResourceNotFoundException', 'The specified metric filter does not exist.');
  return {};
}

export function testMetricFilter(input: Logs.TestMetricFilterRequest, ctx: Ctx): Output<Logs.TestMetricFilterResponse> {
  void ctx;
  const messages = input.logEventMessages ?? [];
  if (messages.length < 1 || messages.length > 50) throw invalidParameter(`1 validation error detected: Value at 'logEventMessages' failed to satisfy constraint: Member must have length ${messages.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 50'}`);
  const pattern = compilePattern(input.filterPattern);
  const matches: Logs.MetricFilterMatchRecord[] = [];
  messages.forEach((message, i) => {
    const m = pattern.match(message);
    if (m.matched) matches.push({ eventNumber: i + 1, eventMessage: message, extractedValues: m.extracted });
  });
  return { matches };
}

/** Publishes the metric values the group's filters extract from newly stored events. */
export function applyMetricFilters(ctx: RequestContext, accountId: string, region: string, group: LogGroupState, events: readonly StoredLogEvent[]): void {
  for (const f of group.metricFilters.values()) {
    let pattern: FilterPattern;
    try {
      pattern = parseFilterPattern(f.filterPattern);
    } catch {
      continue;
    }
    const t = f.metricTransformations[0]!;
    const data: MetricDatum[] = [];
    for (const e of events) {
      const m = pattern.match(e.message);
      if (!m.matched) {
        if (t.defaultValue !== undefined) data.push({ MetricName: t.metricName, Value: t.defaultValue, Timestamp: new Date(e.timestamp), Unit: t.unit });
        continue;
      }
      const raw = FIELD_REF.test(t.metricValue) ? pattern.valueOf(e.message, t.metricValue) : t.metricValue;
      const value = raw === undefined ? Number.NaN : Number(raw);
      if (!Number.isFinite(value)) continue;
      const dimensions: { Name: string; Value: string }[] = [];
      let complete = true;
      for (const [name, ref] of Object.entries(t.dimensions ?? {})) {
        const v = pattern.valueOf(e.message, ref);
        if (v === undefined || v === '') complete = false;
        else dimensions.push({ Name: name, Value: v });
      }
      if (!complete) continue;
      data.push({ MetricName: t.metricName, Value: value, Timestamp: new Date(e.timestamp), Unit: t.unit, ...(dimensions.length ? { Dimensions: dimensions } : {}) });
    }
    if (data.length) ctx.metrics.put(t.metricNamespace, data, { accountId, region });
  }
}
