/**
 * Amazon EventBridge (CloudWatch Events): event buses, rules with event patterns matched as
 * EventBridge matches them, targets, PutEvents, TestEventPattern, tags — and the consumer of the
 * emulator's internal event bus, so AWS service events reach the rules too.
 */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { EVENTBRIDGE_LIMITATIONS } from './limitations.ts';
import * as events from './put-events.ts';
import { createEventBridgeState, type EventBridgeState } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const EVENTBRIDGE_OPERATIONS: readonly string[] = [
  'CreateEventBus', 'DescribeEventBus', 'ListEventBuses', 'UpdateEventBus', 'DeleteEventBus',
  'PutRule', 'DescribeRule', 'ListRules', 'EnableRule', 'DisableRule',
  'DeleteRule', 'ListRuleNamesByTarget', 'TestEventPattern', 'PutTargets', 'RemoveTargets',
  'ListTargetsByRule', 'PutEvents', 'TagResource', 'UntagResource', 'ListTagsForResource',
];

export const eventbridge = defineService<EventBridgeState>({
  id: 'events',
  title: 'Amazon EventBridge',
  signingName: 'events',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2015-10-07', targetPrefix: 'AWSEvents' },
  loadModel: () => import('@aws-sdk/client-eventbridge') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createEventBridgeState },
  handlers: lazyHandlers(EVENTBRIDGE_OPERATIONS, async () => (await import('./handlers.ts')).EVENTBRIDGE_HANDLERS),
  consumes: { events: events.consumeEvent },
  limitations: EVENTBRIDGE_LIMITATIONS,
});
