/** The Application Auto Scaling operation handlers, loaded on the service's first call (service.ts lists their names). */
import type { Handler } from '../define-service.ts';
import * as targets from './scalable-targets.ts';
import * as policies from './scaling-policies.ts';
import * as scheduled from './scheduled-actions.ts';
import * as tags from './tags.ts';
import type { ApplicationAutoScalingState } from './state.ts';

export const APPLICATION_AUTOSCALING_HANDLERS: Readonly<Record<string, Handler<any, any, ApplicationAutoScalingState>>> = {
  RegisterScalableTarget: targets.registerScalableTarget,
  DescribeScalableTargets: targets.describeScalableTargets,
  DeregisterScalableTarget: targets.deregisterScalableTarget,
  DescribeScalingActivities: targets.describeScalingActivities,
  PutScalingPolicy: policies.putScalingPolicy,
  DescribeScalingPolicies: policies.describeScalingPolicies,
  DeleteScalingPolicy: policies.deleteScalingPolicy,
  PutScheduledAction: scheduled.putScheduledAction,
  DescribeScheduledActions: scheduled.describeScheduledActions,
  DeleteScheduledAction: scheduled.deleteScheduledAction,
  TagResource: tags.tagResource,
  UntagResource: tags.untagResource,
  ListTagsForResource: tags.listTagsForResource,
};
