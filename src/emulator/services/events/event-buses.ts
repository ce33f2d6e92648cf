/** Event buses: CreateEventBus, DescribeEventBus, ListEventBuses, UpdateEventBus, DeleteEventBus. The default bus always exists. */
import type * as EB from '@aws-sdk/client-eventbridge';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { BUS_NAME, busArn, busName, type Ctx, decodeToken, encodeToken, getBus, validation } from './common.ts';
import type { EventBusState } from './state.ts';
import { checkTags } from './tags.ts';

function checkKmsKey(key: string | undefined): void {
  new ProblemList().maxLength('kmsKeyIdentifier', key, 2048).check();
}

export function createEventBus(input: EB.CreateEventBusRequest, ctx: Ctx): Output<EB.CreateEventBusResponse> {
  new ProblemList().minLength('name', input.Name, 1).maxLength('name', input.Name, 256).pattern('name', input.Name, BUS_NAME, '[/\\.\\-_A-Za-z0-9]+').maxLength('description', input.Description, 512).check();
  checkKmsKey(input.KmsKeyIdentifier);
  const name = input.Name!;
  if (input.EventSourceName !== undefined) throw validation('Partner event buses (EventSourceName) are not supported by this emulator.');
  const state = ctx.state();
  if (name === 'default' || state.buses.has(name)) throw new AwsServiceError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
  if (name.includes('/')) throw validation("Event bus name must not contain '/'.");
  if (name.startsWith('aws.')) throw validation('Event bus names starting with aws. are reserved for partner event buses.');
  const now = ctx.now;
  const bus: EventBusState = {
    name,
    ...(input.Description !== undefined ? { description: input.Description } : {}),
    ...(input.KmsKeyIdentifier !== undefined ? { kmsKeyIdentifier: input.KmsKeyIdentifier } : {}),
    ...(input.DeadLetterConfig?.Arn !== undefined ? { deadLetterArn: input.DeadLetterConfig.Arn } : {}),
    creationTime: now,
    lastModifiedTime: now,
    tags: checkTags(input.Tags, {}),
  };
  state.buses.set(name, bus);
  return {
    EventBusArn: busArn(ctx, name),
    Description: bus.description,
    KmsKeyIdentifier: bus.kmsKeyIdentifier,
    DeadLetterConfig: bus.deadLetterArn ? { Arn: bus.deadLetterArn } : undefined,
  };
}

function describeBus(ctx: Ctx, bus: EventBusState): EB.DescribeEventBusResponse {
  return {
    Name: bus.name,
    Arn: busArn(ctx, bus.name),
    Description: bus.description,
    KmsKeyIdentifier: bus.kmsKeyIdentifier,
    DeadLetterConfig: bus.deadLetterArn ? { Arn: bus.deadLetterArn } : undefined,
    CreationTime: bus.creationTime,
    LastModifiedTime: bus.lastModifiedTime,
  };
}

export function describeEventBus(input: EB.DescribeEventBusRequest, ctx: Ctx): Output<EB.DescribeEventBusResponse> {
  return describeBus(ctx, getBus(ctx, busName(ctx, input.Name)));
}

export function listEventBuses(input: EB.ListEventBusesRequest, ctx: Ctx): Output<EB.ListEventBusesResponse> {
  new ProblemList().range('limit', input.Limit, 1, 100).check();
  getBus(ctx, 'default');
  const buses = [...ctx.state().buses.values()].filter((b) => input.NamePrefix === undefined || b.name.startsWith(input.NamePrefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
  const limit = input.Limit ?? 100;
  const fingerprint = JSON.stringify(['ListEventBuses', input.NamePrefix ?? null]);
  const offset = decodeToken(input.NextToken, fingerprint);
  return {
    EventBuses: buses.slice(offset, offset + limit).map((b) => {
      const d = describeBus(ctx, b);
      return { Name: d.Name, Arn: d.Arn, Description: d.Description, CreationTime: d.CreationTime, LastModifiedTime: d.LastModifiedTime };
    }),
    NextToken: offset + limit < buses.length ? encodeToken(offset + limit, fingerprint) : undefined,
  };
}

export function updateEventBus(input: EB.UpdateEventBusRequest, ctx: Ctx): Output<EB.UpdateEventBusResponse> {
  new ProblemList().maxLength('description', input.Description, 512).check();
  checkKmsKey(input.KmsKeyIdentifier);
  const bus = getBus(ctx, busName(ctx, input.Name));
  if (input.Description !== undefined) bus.description = input.Description;
  if (input.KmsKeyIdentifier !== undefined) bus.kmsKeyIdentifier = input.KmsKeyIdentifier;
  if (input.DeadLetterConfig !== undefined) bus.deadLetterArn = input.DeadLetterConfig.Arn;
  bus.lastModifiedTime = ctx.now;
  const d = describeBus(ctx, bus);
  return { Arn: d.Arn, Name: d.Name, Description: d.Description, KmsKeyIdentifier: d.KmsKeyIdentifier, DeadLetterConfig: d.DeadLetterConfig };
}

export function deleteEventBus(input: EB.DeleteEventBusRequest, ctx: Ctx): Output<Record<string, never>> {
  const name = busName(ctx, input.Name);
  if (name === 'default') throw validation('Cannot delete event bus default.');
  const state = ctx.state();
  // As on AWS: deleting a bus that does not exist succeeds; its rules go with it.
  if (state.buses.delete(name)) for (const [key, rule] of state.rules) if (rule.busName === name) state.rules.delete(key);
  return {};
}
