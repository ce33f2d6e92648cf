/** Application Auto Scaling: scalable targets (SageMaker variants checked against SageMaker), policies with their alarms, schedules, tags. */
import { defineService } from '../define-service.ts';
import { APPLICATION_AUTOSCALING_LIMITATIONS } from './limitations.ts';
import * as targets from './scalable-targets.ts';
import * as policies from './scaling-policies.ts';
import * as scheduled from './scheduled-actions.ts';
import { type ApplicationAutoScalingState, createApplicationAutoScalingState } from './state.ts';
import * as tags from './tags.ts';

export const applicationAutoScaling = defineService<ApplicationAutoScalingState>({
  id: 'application-autoscaling',
  title: 'Application Auto Scaling',
  signingName: 'application-autoscaling',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2016-02-06', targetPrefix: 'AnyScaleFrontendService' },
  loadModel: () => import('@aws-sdk/client-application-auto-scaling') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createApplicationAutoScalingState },
  handlers: {
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
  },
  limitations: APPLICATION_AUTOSCALING_LIMITATIONS,
});
