/** Log streams: CreateLogStream, DescribeLogStreams, DeleteLogStream. */
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { type Ctx, decodeToken, encodeToken, findGroup, findStream, groupArn, invalidParameter, STREAM_NAME } from './common.ts';
import type { LogGroupState, LogStreamState } from './state.ts';

function checkStreamName(name: string | undefined): void {
  new ProblemList().minLength('logStreamName', name, 1).maxLength('logStreamName', name, 512).pattern('logStreamName', name, STREAM_NAME, '[^:*]*').check();
}

export function createLogStream(input: Logs.CreateLogStreamRequest, ctx: Ctx): Output<Record<string, never>> {
  checkStreamName(input.logStreamName);
  const group = findGroup(ctx, input.logGroupName);
  if (group.streams.has(input.logStreamName!)) throw new AwsServiceError('ResourceAlreadyExistsException', 'The specified log stream already exists');
  group.streams.set(input.logStreamName!, newStream(input.logStreamName!, ctx.now.getTime()));
  return {};
}

export function newStream(name: string, now: number): LogStreamState {
  return { logStreamName: name, creationTime: now, events: [], storedBytes: 0 };
}

export function describeStream(ctx: Ctx, group: LogGroupState, s: LogStreamState): Logs.LogStream {
  const first = s.events[0];
  const last = s.events.at(-1);
  return {
    logStreamName: s.logStreamName,
    creationTime: s.creationTime,
    firstEventTimestamp: first?.timestamp,
    lastEventTimestamp: last?.timestamp,
    lastIngestionTime: s.lastIngestionTime,
    uploadSequenceToken: sequenceToken(s),
    arn: `${groupArn(ctx, group.logGroupName)}:log-stream:${s.logStreamName}`,
    storedBytes: s.storedBytes,
  };
}

/** PutLogEvents ignores sequence tokens now; AWS still hands one out. */
export function sequenceToken(s: LogStreamState): string {
  return String(49_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000n + BigInt(s.events.length));
}

export function describeLogStreams(input: Logs.DescribeLogStreamsRequest, ctx: Ctx): Output<Logs.DescribeLogStreamsResponse> {
  new ProblemList().range('limit', input.limit, 1, 50).oneOf('orderBy', input.orderBy, ['LogStreamName', 'LastEventTime']).maxLength('logStreamNamePrefix', input.logStreamNamePrefix, 512).check();
  const orderBy = input.orderBy ?? 'LogStreamName';
  if (orderBy === 'LastEventTime' && input.logStreamNamePrefix !== undefined) throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  const group = findGroup(ctx, input.logGroupName, input.logGroupIdentifier);
  const streams = [...group.streams.values()].filter((s) => input.logStreamNamePrefix === undefined || s.logStreamName.startsWith(input.logStreamNamePrefix));
  const lastEvent = (s: LogStreamState) => s.events.at(-1)?.timestamp ?? s.creationTime;
  streams.sort((a, b) => (orderBy === 'LastEventTime' ? lastEvent(a) - lastEvent(b) || (a.logStreamName < b.logStreamName ? -1 : 1) : a.logStreamName < b.logStreamName ? -1 : 1));
  if (input.descending) streams.reverse();
  const limit = input.limit ?? 50;
  const fingerprint = JSON.stringify(['DescribeLogStreams', group.logGroupName, input.logStreamNamePrefix ?? null, orderBy, input.descending ?? false]);
  const offset = Number(decodeToken(input.nextToken, fingerprint) ?? 0);
  return {
    logStreams: streams.slice(offset, offset + limit).map((s) => describeStream(ctx, group, s)),
    nextToken: offset + limit < streams.length ? encodeToken(offset + limit, fingerprint) : undefined,
  };
}

export function deleteLogStream(input: Logs.DeleteLogStreamRequest, ctx: Ctx): Output<Record<string, never>> {
  checkStreamName(input.logStreamName);
  const group = findGroup(ctx, input.logGroupName);
  findStream(group, input.logStreamName!);
  group.streams.delete(input.logStreamName!);
  return {};
}
