/**
 * GetCostAndUsage with no billing data: the shape AWS returns (one result per period of the
 * requested granularity, each requested metric at 0), so scripts and dashboards run unchanged.
 */
import type * as CE from '@aws-sdk/client-cost-explorer';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';

const METRICS = ['AmortizedCost', 'BlendedCost', 'NetAmortizedCost', 'NetUnblendedCost', 'NormalizedUsageAmount', 'UnblendedCost', 'UsageQuantity'];
/** Periods returned at most (a DAILY query over a year is 366). */
const MAX_PERIODS = 1000;

function validation(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

function parseDay(text: string, member: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2}):(\d{2})Z)?$/.exec(text);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0))) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(m![3])) throw validation(`${member} ${text} is not a date: use yyyy-MM-dd (or yyyy-MM-ddThh:mm:ssZ for HOURLY).`);
  return date;
}

function next(date: Date, granularity: string): Date {
  if (granularity === 'HOURLY') return new Date(date.getTime() + 3_600_000);
  if (granularity === 'DAILY') return new Date(date.getTime() + 86_400_000);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

function format(date: Date, granularity: string): string {
  return granularity === 'HOURLY' ? date.toISOString().replace('.000Z', 'Z') : date.toISOString().slice(0, 10);
}

export function getCostAndUsage(input: CE.GetCostAndUsageRequest, _ctx: RequestContext): Output<CE.GetCostAndUsageResponse> {
  new ProblemList().oneOf('granularity', input.Granularity, ['DAILY', 'MONTHLY', 'HOURLY']).check();
  const metrics = input.Metrics ?? [];
  if (!metrics.length) throw validation('Metrics is required: for example UnblendedCost or UsageQuantity.');
  const named = metrics.map((m) => METRICS.find((known) => known.toLowerCase() === m.replace(/_/g, '').toLowerCase()));
  const unknown = metrics.filter((_, i) => !named[i]);
  if (unknown.length) throw validation(`Metrics ${unknown.join(', ')} are not valid. Valid metrics are ${METRICS.join(', ')}.`);
  if ((input.GroupBy?.length ?? 0) > 2) throw validation('You can group by up to two dimensions, tags or cost categories.');
  const start = parseDay(input.TimePeriod!.Start!, 'Start');
  const end = parseDay(input.TimePeriod!.End!, 'End');
  if (start >= end) throw validation('Start date (and hour) should be before end date (and hour)');
  const granularity = input.Granularity!;
  const results: CE.ResultByTime[] = [];
  for (let from = start; from < end && results.length < MAX_PERIODS; ) {
    const to = next(from, granularity);
    const until = to < end ? to : end;
    const total = Object.fromEntries(metrics.map((m, i) => [m, { Amount: '0', Unit: named[i]!.includes('Cost') ? 'USD' : 'N/A' }]));
    results.push({ TimePeriod: { Start: format(from, granularity), End: format(until, granularity) }, Total: input.GroupBy?.length ? {} : total, Groups: [], Estimated: false });
    from = until;
  }
  return { ResultsByTime: results, GroupDefinitions: input.GroupBy, DimensionValueAttributes: [] };
}
