/**
 * Log events: PutLogEvents (AWS's batch rules; sequence tokens accepted and ignored, as today),
 * GetLogEvents (forward/backward tokens), FilterLogEvents (filter patterns across streams), and
 * `deliverLogEvents`, the way other services write into a log group (EventBridge targets,
 * CloudTrail's CloudWatch Logs delivery). Accepted events feed the group's metric filters.
 */
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { type Ctx, decodeToken, encodeToken, findGroup, findStream, invalidParameter, retainedSince } from './common.ts';
import { FilterPatternError, parseFilterPattern } from './filter-pattern.ts';
import { newStream, sequenceToken } from './log-streams.ts';
import { applyMetricFilters } from './metric-filters.ts';
import type { LogGroupState, LogsState, LogStreamState, StoredLogEvent } from './state.ts';

const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD = 26;
const MAX_EVENT_BYTES = 1_048_576;
const DAY = 86_400_000;
/** A bound per stream so one runaway writer cannot exhaust memory (documented in limitations). */
export const MAX_EVENTS_PER_STREAM = 200_000;

function eventId(state: LogsState, timestamp: number): string {
  state.eventSeq += 1;
  return `${String(timestamp).padStart(20, '0')}${String(state.eventSeq).padStart(36, '0')}`;
}

/** Stores events (already validated and in time order) and runs the group's metric filters. */
function store(ctx: RequestContext, accountId: string, region: string, state: LogsState, group: LogGroupState, stream: LogStreamState, events: readonly { timestamp: number; message: string }[], now: number): void {
  if (!events.length) return;
  const stored: StoredLogEvent[] = events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: now, eventId: eventId(state, e.timestamp) }));
  const list = stream.events;
  for (const e of stored) {
    if (!list.length || list[list.length - 1]!.timestamp <= e.timestamp) list.push(e);
    else {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.timestamp <= e.timestamp) lo = mid + 1;
        else hi = mid;
      }
      list.splice(lo, 0, e);
    }
    stream.storedBytes += Buffer.byteLength(e.message);
  }
  const cutoff = retainedSince(group, now);
  let drop = 0;
  while (drop < list.length && list[drop]!.timestamp < cutoff) drop++;
  drop = Math.max(drop, list.length - MAX_EVENTS_PER_STREAM);
  if (drop > 0) for (const e of list.splice(0, drop)) stream.storedBytes -= Buffer.byteLength(e.message);
  stream.lastIngestionTime = now;
  applyMetricFilters(ctx, accountId, region, group, stored);
}

export function putLogEvents(input: Logs.PutLogEventsRequest, ctx: Ctx): Output<Logs.PutLogEventsResponse> {
  new ProblemList()
    .minLength('logGroupName', input.logGroupName, 1)
    .maxLength('logGroupName', input.logGroupName, 512)
    .minLength('logStreamName', input.logStreamName, 1)
    .maxLength('logStreamName', input.logStreamName, 512)
    .check();
  const events = input.logEvents ?? [];
  if (events.length === 0) throw invalidParameter("1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (events.length > 10_000) throw invalidParameter(`1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000`);
  const problems = new ProblemList();
  events.forEach((e, i) => problems.minLength(`logEvents.${i + 1}.member.message`, e.message, 1));
  problems.check();
  const state = ctx.state();
  const group = findGroup(ctx, input.logGroupName);
  const stream = findStream(group, input.logStreamName!);
  let batchBytes = 0;
  for (const e of events) {
    const size = Buffer.byteLength(e.message!);
    if (size > MAX_EVENT_BYTES) throw invalidParameter(`Log event too large: ${size} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
    batchBytes += size + EVENT_OVERHEAD;
  }
  if (batchBytes > MAX_BATCH_BYTES) throw invalidParameter(`Upload too large: ${batchBytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.timestamp! < events[i - 1]!.timestamp!) throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
  }
  const now = ctx.now.getTime();
  const tooOld = now - 14 * DAY;
  const retention = retainedSince(group, now);
  const tooNew = now + 2 * 3_600_000;
  const rejected: Logs.RejectedLogEventsInfo = {};
  const accepted: { timestamp: number; message: string }[] = [];
  events.forEach((e, i) => {
    const t = e.timestamp!;
    if (t < tooOld) rejected.tooOldLogEventEndIndex = i;
    else if (t < retention) rejected.expiredLogEventEndIndex = i;
    else if (t > tooNew) rejected.tooNewLogEventStartIndex ??= i;
    else accepted.push({ timestamp: t, message: e.message! });
  });
  if (accepted.length && accepted.at(-1)!.timestamp - accepted[0]!.timestamp > DAY) {
    throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
  }
  store(ctx, ctx.accountId, ctx.region, state, group, stream, accepted, now);
  return { nextSequenceToken: sequenceToken(stream), rejectedLogEventsInfo: Object.keys(rejected).length ? rejected : undefined };
}

/**
 * Writes events into a log group from inside the emulator (EventBridge targets, CloudTrail
 * delivery). The stream is created when missing; the group must exist. Returns false when it
 * does not (the caller records a failed delivery).
 */
export function deliverLogEvents(ctx: RequestContext, target: { accountId: string; region: string; logGroupName: string; logStreamName: string }, events: readonly { timestamp: number; message: string }[]): boolean {
  const state = ctx.stateOf<LogsState>('logs', target.accountId, target.region);
  const group = state.groups.get(target.logGroupName);
  if (!group) return false;
  let stream = group.streams.get(target.logStreamName);
  if (!stream) {
    stream = newStream(target.logStreamName, ctx.now.getTime());
    group.streams.set(target.logStreamName, stream);
  }
  store(ctx, target.accountId, target.region, state, group, stream, [...events].sort((a, b) => a.timestamp - b.timestamp), ctx.now.getTime());
  return true;
}

function parseIndexToken(token: string): { direction: 'f' | 'b'; index: number } {
  const m = /^([fb])\/(\d{56})$/.exec(token);
  if (!m) throw invalidParameter('The specified nextToken is invalid.');
  return { direction: m[1] as 'f' | 'b', index: Number(m[2]) };
}

const indexToken = (direction: 'f' | 'b', index: number) => `${direction}/${String(index).padStart(56, '0')}`;

export function getLogEvents(input: Logs.GetLogEventsRequest, ctx: Ctx): Output<Logs.GetLogEventsResponse> {
  new ProblemList().range('limit', input.limit, 1, 10_000).minLength('logStreamName', input.logStreamName, 1).maxLength('logStreamName', input.logStreamName, 512).check();
  const group = findGroup(ctx, input.logGroupName, input.logGroupIdentifier);
  const stream = findStream(group, input.logStreamName!);
  const cutoff = retainedSince(group, ctx.now.getTime());
  const events = stream.events.filter((e) => e.timestamp >= cutoff && (input.startTime === undefined || e.timestamp >= input.startTime) && (input.endTime === undefined || e.timestamp < input.endTime));
  const limit = input.limit ?? 10_000;
  let from: number;
  let to: number;
  if (input.nextToken !== undefined) {
    const { direction, index } = parseIndexToken(input.nextToken);
    if (direction === 'f') {
      from = Math.min(index, events.length);
      to = Math.min(from + limit, events.length);
    } else {
      to = Math.min(index, events.length);
      from = Math.max(0, to - limit);
    }
  } else if (input.startFromHead) {
    from = 0;
    to = Math.min(limit, events.length);
  } else {
    to = events.length;
    from = Math.max(0, to - limit);
  }
  return {
    events: events.slice(from, to).map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: indexToken('f', to),
    nextBackwardToken: indexToken('b', from),
  };
}

export function filterLogEvents(input: Logs.FilterLogEventsRequest, ctx: Ctx): Output<Logs.FilterLogEventsResponse> {
  new ProblemList().range('limit', input.limit, 1, 10_000).maxLength('filterPattern', input.filterPattern, 1024).maxLength('logStreamNamePrefix', input.logStreamNamePrefix, 512).check();
  if (input.logStreamNames && input.logStreamNames.length > 100) throw invalidParameter(`1 validation error detected: Value at 'logStreamNames' failed to satisfy constraint: Member must have length less than or equal to 100`);
  if (input.logStreamNames?.length && input.logStreamNamePrefix !== undefined) throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  const group = findGroup(ctx, input.logGroupName, input.logGroupIdentifier);
  let pattern;
  try {
    pattern = parseFilterPattern(input.filterPattern);
  } catch (error) {
    if (error instanceof FilterPatternError) throw invalidParameter(`Invalid filter pattern: ${error.message}`);
    throw error;
  }
  const cutoff = retainedSince(group, ctx.now.getTime());
  const streams = [...group.streams.values()].filter((s) => (input.logStreamNames?.length ? input.logStreamNames.includes(s.logStreamName) : input.logStreamNamePrefix === undefined || s.logStreamName.startsWith(input.logStreamNamePrefix)));
  const matches: Logs.FilteredLogEvent[] = [];
  for (const s of streams) {
    for (const e of s.events) {
      if (e.timestamp < cutoff || (input.startTime !== undefined && e.timestamp < input.startTime) || (input.endTime !== undefined && e.timestamp > input.endTime)) continue;
      if (!pattern.match(e.message).matched) continue;
      matches.push({ logStreamName: s.logStreamName, timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime, eventId: e.eventId });
    }
  }
  matches.sort((a, b) => a.timestamp! - b.timestamp! || (a.eventId! < b.eventId! ? -1 : 1));
  const limit = input.limit ?? 10_000;
  const fingerprint = JSON.stringify(['FilterLogEvents', group.logGroupName, input.logStreamNames ?? null, input.logStreamNamePrefix ?? null, input.startTime ?? null, input.endTime ?? null, input.filterPattern ?? '']);
  const offset = Number(decodeToken(input.nextToken, fingerprint) ?? 0);
  return {
    events: matches.slice(offset, offset + limit),
    searchedLogStreams: [],
    nextToken: offset + limit < matches.length ? encodeToken(offset + limit, fingerprint) : undefined,
  };
}
