/** Application Auto Scaling: scalable targets (SageMaker variants checked against SageMaker), policies with their alarms, schedules, tags. */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { APPLICATION_AUTOSCALING_LIMITATIONS } from './limitations.ts';
import { type ApplicationAutoScalingState, createApplicationAutoScalingState } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const APPLICATION_AUTOSCALING_OPERATIONS: readonly string[] = [
  'RegisterScalableTarget', 'DescribeScalableTargets', 'DeregisterScalableTarget', 'DescribeScalingActivities', 'PutScalingPolicy',
  'DescribeScalingPolicies', 'DeleteScalingPolicy', 'PutScheduledAction', 'DescribeScheduledActions', 'DeleteScheduledAction',
  'TagResource', 'UntagResource', 'ListTagsForResource',
];

export const applicationAutoScaling = defineService<ApplicationAutoScalingState>({
  id: 'application-autoscaling',
  title: 'Application Auto Scaling',
  signingName: 'application-autoscaling',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2016-02-06', targetPrefix: 'AnyScaleFrontendService' },
  loadModel: () => import('@aws-sdk/client-application-auto-scaling') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createApplicationAutoScalingState },
  handlers: lazyHandlers(APPLICATION_AUTOSCALING_OPERATIONS, async () => (await import('./handlers.ts')).APPLICATION_AUTOSCALING_HANDLERS),
  limitations: APPLICATION_AUTOSCALING_LIMITATIONS,
});
