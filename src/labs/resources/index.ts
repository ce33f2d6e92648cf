import { kmsAlias, kmsKey } from './kms.ts';
import { organizationsAccount, organizationsOu, organizationsPolicy } from './organizations.ts';
import { s3Bucket } from './s3-bucket.ts';
import type { ResourceKind } from './types.ts';

export type { FoundResource, ResourceKind, SweepContext } from './types.ts';
export { applyUndo, describeUndo, type UndoRecord } from './undo.ts';
export { emptyBucket } from './s3-bucket.ts';

/**
 * Every resource kind labs may create. A lab's teardown sweeps the kinds of the services it
 * declares. To support a new kind, add a `ResourceKind` here (see docs/labs.md).
 */
export const resourceKinds: readonly ResourceKind[] = [kmsAlias, s3Bucket, kmsKey, organizationsPolicy, organizationsAccount, organizationsOu];

const byType = new Map(resourceKinds.map((k) => [k.type, k]));

export function getResourceKind(type: string): ResourceKind | undefined {
  return byType.get(type);
}
