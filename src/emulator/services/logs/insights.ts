/**
 * CloudWatch Logs Insights: StartQuery runs the query at once over the named log groups (the
 * stated subset in insights-parser.ts), GetQueryResults returns it as Complete, StopQuery and
 * DescribeQueries report on it. Queries outside the subset answer MalformedQueryException.
 */
import { randomUUID } from 'node:crypto';
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { type Ctx, decodeToken, encodeToken, identifierName, invalidParameter, retainedSince } from './common.ts';
import { type QueryEvent, runInsightsQuery } from './insights-engine.ts';
import { parseQuery, QueryError } from './insights-parser.ts';
import type { LogGroupState } from './state.ts';

const KEPT_QUERIES = 100;

export function startQuery(input: Logs.StartQueryRequest, ctx: Ctx): Output<Logs.StartQueryResponse> {
  new ProblemList().range('limit', input.limit, 1, 10_000).maxLength('queryString', input.queryString, 10_000).oneOf('queryLanguage', input.queryLanguage, ['CWLI', 'SQL', 'PPL']).check();
  if (input.queryLanguage !== undefined && input.queryLanguage !== 'CWLI') throw invalidParameter(`Query language ${input.queryLanguage} is not supported by this emulator; use CWLI (Logs Insights QL).`);
  const forms = [input.logGroupName, input.logGroupNames, input.logGroupIdentifiers].filter((f) => f !== undefined);
  if (forms.length > 1) throw invalidParameter('Only one of logGroupName, logGroupNames and logGroupIdentifiers can be specified.');
  const names = input.logGroupName !== undefined ? [input.logGroupName] : input.logGroupNames ?? (input.logGroupIdentifiers ?? []).map((i) => identifierName(i)!);
  if (names.length === 0) throw invalidParameter('Specify the log groups to query with logGroupName, logGroupNames or logGroupIdentifiers.');
  if (names.length > 50) throw invalidParameter('A query can search at most 50 log groups.');
  if (input.endTime! < input.startTime!) throw invalidParameter('End time should not be before the start time');
  const groups: LogGroupState[] = names.map((n) => {
    const g = ctx.state().groups.get(n);
    if (!g) throw new AwsServiceError('ResourceNotFoundException', `Log group '${n}' does not exist for account ID '${ctx.accountId}'`);
    return g;
  });
  let commands;
  try {
    commands = parseQuery(input.queryString!);
  } catch (error) {
    if (error instanceof QueryError) {
      throw new AwsServiceError('MalformedQueryException', error.message, { fields: { queryCompileError: { location: { startCharOffset: error.start, endCharOffset: error.end }, message: error.message } } });
    }
    throw error;
  }
  const from = input.startTime! * 1000;
  const to = input.endTime! * 1000;
  const now = ctx.now.getTime();
  const events: QueryEvent[] = [];
  for (const g of groups) {
    const cutoff = retainedSince(g, now);
    for (const s of g.streams.values()) {
      for (const e of s.events) {
        if (e.timestamp < from || e.timestamp > to || e.timestamp < cutoff) continue;
        events.push({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime, logStream: s.logStreamName, log: `${ctx.accountId}:${g.logGroupName}`, ptr: Buffer.from(`${g.logGroupName}\u0000${s.logStreamName}\u0000${e.eventId}`).toString('base64') });
      }
    }
  }
  const output = runInsightsQuery(commands, events, input.limit ?? 10_000);
  const queryId = randomUUID();
  const queries = ctx.state().queries;
  queries.set(queryId, {
    queryId,
    queryString: input.queryString!,
    logGroupNames: names,
    createTime: now,
    status: 'Complete',
    results: output.rows,
    statistics: { recordsMatched: output.recordsMatched, recordsScanned: output.recordsScanned, bytesScanned: output.bytesScanned, logGroupsScanned: groups.length },
  });
  while (queries.size > KEPT_QUERIES) queries.delete(queries.keys().next().value!);
  return { queryId };
}

function findQuery(ctx: Ctx, id: string) {
  const q = ctx.state().queries.get(id);
  if (!q) throw new AwsServiceError('ResourceNotFoundException', `Query with id ${id} does not exist.`);
  return q;
}

export function getQueryResults(input: Logs.GetQueryResultsRequest, ctx: Ctx): Output<Logs.GetQueryResultsResponse> {
  const q = findQuery(ctx, input.queryId!);
  return {
    queryLanguage: 'CWLI',
    status: q.status,
    results: q.results.map((row) => row.map((f) => ({ ...f }))),
    statistics: { recordsMatched: q.statistics.recordsMatched, recordsScanned: q.statistics.recordsScanned, bytesScanned: q.statistics.bytesScanned, logGroupsScanned: q.statistics.logGroupsScanned },
  };
}

export function stopQuery(input: Logs.StopQueryRequest, ctx: Ctx): Output<Logs.StopQueryResponse> {
  findQuery(ctx, input.queryId!);
  // Queries complete when they start, so there is never a running query to stop.
  return { success: false };
}

export function describeQueries(input: Logs.DescribeQueriesRequest, ctx: Ctx): Output<Logs.DescribeQueriesResponse> {
  new ProblemList().range('maxResults', input.maxResults, 1, 1000).oneOf('status', input.status, ['Scheduled', 'Running', 'Complete', 'Failed', 'Cancelled', 'Timeout', 'Unknown']).check();
  const all = [...ctx.state().queries.values()]
    .filter((q) => input.status === undefined || q.status === input.status)
    .filter((q) => input.logGroupName === undefined || q.logGroupNames.includes(input.logGroupName))
    .sort((a, b) => b.createTime - a.createTime);
  const max = input.maxResults ?? 1000;
  const fingerprint = JSON.stringify(['DescribeQueries', input.status ?? null, input.logGroupName ?? null]);
  const offset = Number(decodeToken(input.nextToken, fingerprint) ?? 0);
  return {
    queries: all.slice(offset, offset + max).map((q) => ({ queryLanguage: 'CWLI', queryId: q.queryId, queryString: q.queryString, status: q.status, createTime: q.createTime, logGroupName: q.logGroupNames[0], queryDuration: 0, bytesScanned: q.statistics.bytesScanned })),
    nextToken: offset + max < all.length ? encodeToken(offset + max, fingerprint) : undefined,
  };
}
