/**
 * Account-wide settings a lab had to change to build its scenario (they are not resources, so
 * teardown cannot delete them). Setup records the previous value; teardown puts it back. Records
 * are plain JSON so they survive in the session store across restarts.
 */
import { DeletePublicAccessBlockCommand, PutPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { withThrottlingRetry } from '../../aws/index.ts';
import { applyOrganizationsUndo, describeOrganizationsUndo, type OrganizationsUndoRecord } from './organizations-undo.ts';
import type { SweepContext } from './types.ts';
import { restoreCostAllocationTags } from './undo-cost-allocation-tags.ts';

export type UndoRecord =
  | {
      kind: 's3:account-public-access-block';
      /** The configuration before setup changed it; null when there was none. */
      previous: { BlockPublicAcls: boolean; IgnorePublicAcls: boolean; BlockPublicPolicy: boolean; RestrictPublicBuckets: boolean } | null;
    }
  | CostAllocationTagsUndo
  | OrganizationsUndoRecord;

/** Cost allocation tag keys a lab activates: their status before (absent = never seen by billing). */
export type CostAllocationTagsUndo = { kind: 'ce:cost-allocation-tags'; previous: Record<string, string> };

export function describeUndo(record: UndoRecord): string {
  switch (record.kind) {
    case 'ce:cost-allocation-tags':
      return `set the cost allocation tags ${Object.keys(record.previous).join(', ')} back to their previous status`;
    case 's3:account-public-access-block':
      return record.previous ? 'restore the account-level S3 Block Public Access settings' : 'remove the account-level S3 Block Public Access configuration setup added';
    default:
      return describeOrganizationsUndo(record);
  }
}

export async function applyUndo(ctx: SweepContext, record: UndoRecord): Promise<void> {
  switch (record.kind) {
    case 'ce:cost-allocation-tags':
      return restoreCostAllocationTags(ctx, record);
    case 's3:account-public-access-block': {
      const s3control = await ctx.aws.client('s3control');
      if (record.previous) {
        await withThrottlingRetry(() => s3control.send(new PutPublicAccessBlockCommand({ AccountId: ctx.accountId, PublicAccessBlockConfiguration: record.previous! })));
      } else {
        await withThrottlingRetry(() => s3control.send(new DeletePublicAccessBlockCommand({ AccountId: ctx.accountId })));
      }
      return;
    }
    default:
      return applyOrganizationsUndo(ctx, record);
  }
}
