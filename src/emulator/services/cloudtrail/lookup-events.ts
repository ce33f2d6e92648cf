/**
 * LookupEvents over the event history of the calling account and region: one lookup attribute at
 * most (as AWS enforces), an optional time range, newest first, up to 50 events a page, and a
 * NextToken that only continues the same query.
 */
import { decodeScopedToken, encodeScopedToken } from '../../core/next-token.ts';
import { createHash } from 'node:crypto';
import type * as CT from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { type HistoryEvent, LOOKUP_ATTRIBUTE_KEYS, type LookupAttributeKey } from './recording/event-history.ts';
import type { CloudTrailRuntime } from './recording/recorder.ts';
import type { CloudTrailState } from './state.ts';

const MAX_RESULTS = 50;

function error(code: string, message: string): AwsServiceError {
  return new AwsServiceError(code, message, { status: 400 });
}

/** A fingerprint of the query, so a token cannot continue a different one. */
function queryHash(input: CT.LookupEventsRequest): string {
  const attribute = input.LookupAttributes?.[0];
  const parts = [attribute?.AttributeKey ?? '', attribute?.AttributeValue ?? '', input.StartTime?.getTime() ?? '', input.EndTime?.getTime() ?? '', input.EventCategory ?? ''];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

function encodeToken(seq: number, hash: string): string {
  return encodeScopedToken(seq, hash);
}

function decodeToken(token: string, hash: string): number {
  const position = decodeScopedToken(token, hash, (reason) =>
    reason === 'foreign'
      ? error('InvalidNextTokenException', 'The NextToken was issued for a lookup with different parameters. Repeat the lookup attributes, StartTime, EndTime and EventCategory of the call that returned it.')
      : error('InvalidNextTokenException', 'The NextToken is not valid. Pass the NextToken of a previous LookupEvents response unchanged.'));
  if (typeof position !== 'number') throw error('InvalidNextTokenException', 'The NextToken is not valid. Pass the NextToken of a previous LookupEvents response unchanged.');
  return position;
}

function eventOutput(e: HistoryEvent): CT.Event {
  return {
    EventId: e.id,
    EventName: e.name,
    ReadOnly: e.readOnly ? 'true' : 'false',
    AccessKeyId: e.accessKeyId,
    EventTime: new Date(e.time),
    EventSource: e.source,
    Username: e.username,
    Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
    CloudTrailEvent: e.json,
  };
}

export function lookupEvents(input: CT.LookupEventsRequest, ctx: RequestContext<CloudTrailState>): Output<CT.LookupEventsResponse> {
  const attributes = input.LookupAttributes ?? [];
  const problems = new ProblemList();
  attributes.forEach((a, i) => {
    problems.oneOf(`lookupAttributes.${i + 1}.member.attributeKey`, a.AttributeKey, LOOKUP_ATTRIBUTE_KEYS);
    problems.minLength(`lookupAttributes.${i + 1}.member.attributeValue`, a.AttributeValue, 1);
    problems.maxLength(`lookupAttributes.${i + 1}.member.attributeValue`, a.AttributeValue, 2000);
  });
  problems.check();
  if (attributes.length > 1) {
    throw error('InvalidLookupAttributesException', `You can specify only one lookup attribute per request; ${attributes.length} were given.`);
  }
  const attribute = attributes[0] ? { key: attributes[0].AttributeKey as LookupAttributeKey, value: attributes[0].AttributeValue! } : undefined;
  if (attribute?.key === 'ReadOnly' && attribute.value !== 'true' && attribute.value !== 'false') {
    throw error('InvalidLookupAttributesException', `The value of the ReadOnly lookup attribute must be true or false, not "${attribute.value}".`);
  }
  if (input.MaxResults !== undefined && (input.MaxResults < 1 || input.MaxResults > MAX_RESULTS)) {
    throw error('InvalidMaxResultsException', `MaxResults ${input.MaxResults} is not valid. Specify a number from 1 to ${MAX_RESULTS}.`);
  }
  if (input.EventCategory !== undefined && input.EventCategory !== 'insight') {
    throw error('InvalidEventCategoryException', `EventCategory ${input.EventCategory} is not valid. The only valid value is insight.`);
  }
  if (input.StartTime && input.EndTime && input.StartTime.getTime() > input.EndTime.getTime()) {
    throw error('InvalidTimeRangeException', 'The StartTime must be before or equal to the EndTime.');
  }
  const hash = queryHash(input);
  const before = input.NextToken ? decodeToken(input.NextToken, hash) : undefined;
  // Insights events are not emulated: a lookup for them finds none.
  if (input.EventCategory === 'insight') return { Events: [] };

  const history = ctx.attachment<CloudTrailRuntime>()!.history(ctx.accountId, ctx.region);
  const page = history.query({
    attribute,
    start: input.StartTime?.getTime(),
    end: input.EndTime?.getTime(),
    before,
    max: input.MaxResults ?? MAX_RESULTS,
  });
  return { Events: page.events.map(eventOutput), NextToken: page.next === undefined ? undefined : encodeToken(page.next, hash) };
}
