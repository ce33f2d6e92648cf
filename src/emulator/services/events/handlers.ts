/** The Amazon EventBridge operation handlers, loaded on the service's first call (service.ts lists their names). */
import type { Handler } from '../define-service.ts';
import * as buses from './event-buses.ts';
import * as events from './put-events.ts';
import * as rules from './rules.ts';
import * as tags from './tags.ts';
import * as targets from './targets.ts';
import type { EventBridgeState } from './state.ts';

export const EVENTBRIDGE_HANDLERS: Readonly<Record<string, Handler<any, any, EventBridgeState>>> = {
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
};
