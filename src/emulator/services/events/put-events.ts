/**
 * PutEvents (entry checks as EventBridge reports them: FailedEntryCount and per-entry ErrorCode /
 * ErrorMessage; the 256 KB request limit) and the consumer of the emulator's internal event bus
 * (core/events.ts): AWS service events (SageMaker state changes, CloudWatch alarm state changes,
 * CloudTrail API calls) go through the default bus's rules exactly like PutEvents entries.
 */
import { randomUUID } from 'node:crypto';
import type * as EB from '@aws-sdk/client-eventbridge';
import type { RequestContext } from '../../core/context.ts';
import type { AwsEvent } from '../../core/events.ts';
import type { Output } from '../define-service.ts';
import { busName, type Ctx, getBus, validation } from './common.ts';
import { dispatch } from './delivery.ts';
import type { EventBridgeState } from './state.ts';

const MAX_REQUEST_BYTES = 256 * 1024;

/** EventBridge's entry size: Time counts 14 bytes, the strings their UTF-8 length. */
function entrySize(e: EB.PutEventsRequestEntry): number {
  let size = e.Time ? 14 : 0;
  for (const s of [e.Source, e.DetailType, e.Detail, ...(e.Resources ?? [])]) if (s) size += Buffer.byteLength(s);
  return size;
}

export function putEvents(input: EB.PutEventsRequest, ctx: Ctx): Output<EB.PutEventsResponse> {
  const entries = input.Entries ?? [];
  if (entries.length === 0) throw validation("1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (entries.length > 10) throw validation("1 validation error detected: Value '[PutEventsRequestEntry]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10");
  if (input.EndpointId !== undefined) throw validation('Global endpoints (EndpointId) are not supported by this emulator.');
  if (entries.reduce((n, e) => n + entrySize(e), 0) > MAX_REQUEST_BYTES) throw validation('Total size of the entries in the request is over the limit.');
  const state = ctx.state();
  const results: EB.PutEventsResultEntry[] = entries.map((e) => {
    if (!e.Source) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' };
    if (!e.DetailType) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' };
    if (!e.Detail) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' };
    let detail: unknown;
    try {
      detail = JSON.parse(e.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    if (e.Source.startsWith('aws.')) return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
    let bus: string;
    try {
      bus = busName(ctx, e.EventBusName);
      getBus(ctx, bus);
    } catch (error) {
      return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: (error as Error).message };
    }
    const event: AwsEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': e.DetailType,
      source: e.Source,
      account: ctx.accountId,
      time: (e.Time ?? ctx.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: ctx.region,
      resources: [...(e.Resources ?? [])],
      detail: detail as Record<string, unknown>,
    };
    dispatch(ctx, state, bus, event);
    return { EventId: event.id };
  });
  return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
}

/** The internal event bus's consumer: AWS service events arrive on the default bus. */
export function consumeEvent(event: AwsEvent, ctx: RequestContext<EventBridgeState>): void {
  dispatch(ctx, ctx.state(), 'default', event);
}
