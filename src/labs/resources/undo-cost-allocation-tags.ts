import { UpdateCostAllocationTagsStatusCommand } from '@aws-sdk/client-cost-explorer';
import { withThrottlingRetry } from '../../aws/index.ts';
import type { SweepContext } from './types.ts';
import type { CostAllocationTagsUndo } from './undo.ts';

/** Puts each key back to its status before the lab ran; a key billing had never seen goes back to Inactive. */
export async function restoreCostAllocationTags(ctx: SweepContext, record: CostAllocationTagsUndo): Promise<void> {
  const ce = await ctx.aws.client('ce');
  const statuses = Object.entries(record.previous).map(([TagKey, status]) => ({ TagKey, Status: (status === 'Active' ? 'Active' : 'Inactive') as 'Active' | 'Inactive' }));
  if (statuses.length === 0) return;
  // Per-key problems (a key no resource carries any more) come back in Errors, not as an exception.
  await withThrottlingRetry(() => ce.send(new UpdateCostAllocationTagsStatusCommand({ CostAllocationTagsStatus: statuses })));
}
