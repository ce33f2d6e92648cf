/**
 * Application Auto Scaling's state, per account and region: scalable targets, their scaling
 * policies and scheduled actions (keyed by namespace, resource id and dimension), and a bounded
 * history of scaling activities. Plain data so persistence writes it as is.
 */
import type * as AAS from '@aws-sdk/client-application-auto-scaling';

export interface ScalableTarget {
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  minCapacity: number;
  maxCapacity: number;
  roleArn: string;
  arn: string;
  createdAt: Date;
  suspendedState: AAS.SuspendedState;
  tags: Record<string, string>;
}

export interface ScalingPolicy {
  policyName: string;
  policyArn: string;
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  policyType: 'StepScaling' | 'TargetTrackingScaling';
  stepScaling?: AAS.StepScalingPolicyConfiguration;
  targetTracking?: AAS.TargetTrackingScalingPolicyConfiguration;
  /** The CloudWatch alarms a target tracking policy owns (created in CloudWatch when it is emulated). */
  alarms: { AlarmName: string; AlarmARN: string }[];
  createdAt: Date;
}

export interface ScheduledAction {
  name: string;
  arn: string;
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  schedule: string;
  timezone?: string;
  startTime?: Date;
  endTime?: Date;
  action: AAS.ScalableTargetAction;
  createdAt: Date;
}

export interface ScalingActivity {
  activityId: string;
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  description: string;
  cause: string;
  startTime: Date;
  endTime: Date;
  statusCode: 'Successful';
  statusMessage: string;
}

export interface ApplicationAutoScalingState {
  /** By `namespace|resource id|dimension`. */
  targets: Map<string, ScalableTarget>;
  /** By target key + `|policy name`. */
  policies: Map<string, ScalingPolicy>;
  /** By target key + `|action name`. */
  scheduledActions: Map<string, ScheduledAction>;
  /** Oldest first, at most MAX_ACTIVITIES. */
  activities: ScalingActivity[];
}

export function createApplicationAutoScalingState(): ApplicationAutoScalingState {
  return { targets: new Map(), policies: new Map(), scheduledActions: new Map(), activities: [] };
}
