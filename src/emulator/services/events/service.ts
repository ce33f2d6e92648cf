/**
 * Amazon EventBridge (CloudWatch Events): event buses, rules with event patterns matched as
 * EventBridge matches them, targets, PutEvents, TestEventPattern, tags — and the consumer of the
 * emulator's internal event bus, so AWS service events reach the rules too.
 */
import { defineService } from '../define-service.ts';
import * as buses from './event-buses.ts';
import { EVENTBRIDGE_LIMITATIONS } from './limitations.ts';
import * as events from './put-events.ts';
import * as rules from './rules.ts';
import { createEventBridgeState, type EventBridgeState } from './state.ts';
import * as tags from './tags.ts';
import * as targets from './targets.ts';

export const eventbridge = defineService<EventBridgeState>({
  id: 'events',
  title: 'Amazon EventBridge',
  signingName: 'events',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2015-10-07', targetPrefix: 'AWSEvents' },
  loadModel: () => import('@aws-sdk/client-eventbridge') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createEventBridgeState },
  handlers: {
    CreateEventBus: buses.createEventBus,
    DescribeEventBus: buses.describeEventBus,
    ListEventBuses: buses.listEventBuses,
    UpdateEventBus: buses.updateEventBus,
    DeleteEventBus: buses.deleteEventBus,
    PutRule: rules.putRule,
    DescribeRule: rules.describeRule,
    ListRules: rules.listRules,
    EnableRule: rules.enableRule,
    DisableRule: rules.disableRule,
    DeleteRule: rules.deleteRule,
    ListRuleNamesByTarget: rules.listRuleNamesByTarget,
    TestEventPattern: rules.testEventPattern,
    PutTargets: targets.putTargets,
    RemoveTargets: targets.removeTargets,
    ListTargetsByRule: targets.listTargetsByRule,
    PutEvents: events.putEvents,
    TagResource: tags.tagResource,
    UntagResource: tags.untagResource,
    ListTagsForResource: tags.listTagsForResource,
  },
  consumes: { events: events.consumeEvent },
  limitations: EVENTBRIDGE_LIMITATIONS,
});
