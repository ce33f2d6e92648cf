import { iamPolicy, iamRole } from './iam.ts';
import { kmsAlias, kmsKey } from './kms.ts';
import { s3Bucket } from './s3-bucket.ts';
import type { ResourceKind } from './types.ts';
import { cloudwatchAlarm } from './cloudwatch-alarm.ts';
import { eventsRule } from './events-rule.ts';
import { cloudtrailTrail, iamUser, trailLogGroup } from './audit.ts';
import { budget, endpointLogGroup, endpointScalableTarget, trainingJob } from './cost-and-capacity.ts';
import { sagemakerDataQualityJobDefinition, sagemakerEndpoint, sagemakerEndpointConfig, sagemakerHostedModel, sagemakerModelQualityJobDefinition, sagemakerMonitoringSchedule } from './sagemaker-hosting.ts';

export type { FoundResource, ResourceKind, SweepContext } from './types.ts';
export { applyUndo, describeUndo, type UndoRecord } from './undo.ts';
export { emptyBucket } from './s3-bucket.ts';

/**
 * Every resource kind labs may create. A lab's teardown sweeps the kinds of the services it
 * declares. To support a new kind, add a `ResourceKind` here (see docs/labs.md).
 */
export const resourceKinds: readonly ResourceKind[] = [kmsAlias, s3Bucket, kmsKey,
  sagemakerMonitoringSchedule, sagemakerDataQualityJobDefinition, sagemakerModelQualityJobDefinition, cloudwatchAlarm, sagemakerEndpoint, sagemakerEndpointConfig, sagemakerHostedModel,
  endpointLogGroup, budget, endpointScalableTarget, trainingJob,
  cloudtrailTrail, trailLogGroup, iamUser,
  eventsRule,
];
// IAM roles and customer managed policies (added on their own line so kinds for other services can be added beside it).
(resourceKinds as ResourceKind[]).push(iamRole, iamPolicy);

const byType = new Map(resourceKinds.map((k) => [k.type, k]));

export function getResourceKind(type: string): ResourceKind | undefined {
  return byType.get(type);
}
