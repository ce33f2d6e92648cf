import { ec2SecurityGroup, ec2Subnet, ec2Vpc, ec2VpcEndpoint } from './ec2.ts';
import { kmsAlias, kmsKey } from './kms.ts';
import { s3Bucket } from './s3-bucket.ts';
import { sagemakerExecutionRole } from './sagemaker-execution-role.ts';
import { sagemakerNotebook } from './sagemaker-notebook.ts';
import { sagemakerModel, sagemakerTrainingJob } from './sagemaker-training.ts';
import { sagemakerLifecycleConfig, secretsManagerSecret } from './secrets-and-lifecycle.ts';
import type { ResourceKind } from './types.ts';

export type { FoundResource, ResourceKind, SweepContext } from './types.ts';
export { applyUndo, describeUndo, type UndoRecord } from './undo.ts';
export { emptyBucket } from './s3-bucket.ts';
export { stopAndDeleteNotebook } from './sagemaker-notebook.ts';

/**
 * Every resource kind labs may create. A lab's teardown sweeps the kinds of the services it
 * declares. To support a new kind, add a `ResourceKind` here (see docs/labs.md).
 */
export const resourceKinds: readonly ResourceKind[] = [
  kmsAlias,
  s3Bucket,
  kmsKey,
  ec2VpcEndpoint,
  ec2SecurityGroup,
  ec2Subnet,
  ec2Vpc,
  sagemakerNotebook,
  sagemakerExecutionRole,
  sagemakerTrainingJob,
  sagemakerModel,
  sagemakerLifecycleConfig,
  secretsManagerSecret,
];

const byType = new Map(resourceKinds.map((k) => [k.type, k]));

export function getResourceKind(type: string): ResourceKind | undefined {
  return byType.get(type);
}
