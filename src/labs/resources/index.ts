import { ec2SecurityGroup, ec2Subnet, ec2Vpc, ec2VpcEndpoint } from './ec2.ts';
import { iamPolicy, iamRole } from './iam.ts';
import { kmsAlias, kmsKey } from './kms.ts';
import { organizationsAccount, organizationsOu, organizationsPolicy } from './organizations.ts';
import { s3Bucket } from './s3-bucket.ts';
import { sagemakerNotebook } from './sagemaker-notebook.ts';
import { sagemakerModel, sagemakerTrainingJob } from './sagemaker-training.ts';
import { sagemakerLifecycleConfig, secretsManagerSecret } from './secrets-and-lifecycle.ts';
import type { ResourceKind } from './types.ts';
import { cloudwatchAlarm } from './cloudwatch-alarm.ts';
import { eventsRule } from './events-rule.ts';
import { cloudtrailTrail, iamUser, trailLogGroup } from './audit.ts';
import { budget, endpointLogGroup, endpointScalableTarget } from './cost-and-capacity.ts';
import { sagemakerDataQualityJobDefinition, sagemakerEndpoint, sagemakerEndpointConfig, sagemakerModelQualityJobDefinition, sagemakerMonitoringSchedule } from './sagemaker-hosting.ts';

export type { FoundResource, ResourceKind, SweepContext } from './types.ts';
export { applyUndo, describeUndo, type UndoRecord } from './undo.ts';
export { emptyBucket } from './s3-bucket.ts';
export { stopAndDeleteNotebook } from './sagemaker-notebook.ts';

/**
 * Every resource kind labs may create. A lab's teardown sweeps the kinds of the services it
 * declares. To support a new kind, add a `ResourceKind` here (see docs/labs.md).
 */
export const resourceKinds: readonly ResourceKind[] = [kmsAlias, s3Bucket, kmsKey,
  sagemakerMonitoringSchedule, sagemakerDataQualityJobDefinition, sagemakerModelQualityJobDefinition, cloudwatchAlarm, sagemakerEndpoint, sagemakerEndpointConfig,
  endpointLogGroup, budget, endpointScalableTarget,
  cloudtrailTrail, trailLogGroup, iamUser,
  eventsRule,
  ec2VpcEndpoint, ec2SecurityGroup, ec2Subnet, ec2Vpc,
  sagemakerNotebook, sagemakerLifecycleConfig, sagemakerTrainingJob, sagemakerModel,
  secretsManagerSecret,
  organizationsPolicy, organizationsAccount, organizationsOu,
];
// IAM roles and customer managed policies (added on their own line so kinds for other services can be added beside it).
(resourceKinds as ResourceKind[]).push(iamRole, iamPolicy);

const byType = new Map<string, ResourceKind>();
for (const kind of resourceKinds) {
  // Two kinds of one type would sweep twice and one would shadow the other in lookups: refuse at load.
  if (byType.has(kind.type)) throw new Error(`Resource kind "${kind.type}" is defined twice in src/labs/resources; merge the two into one kind.`);
  byType.set(kind.type, kind);
}

export function getResourceKind(type: string): ResourceKind | undefined {
  return byType.get(type);
}
