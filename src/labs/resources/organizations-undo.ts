/**
 * Organization-wide changes a guardrail lab makes to build its scenario: creating the organization
 * itself (when the caller had none) and turning on service control policies at its root. Teardown
 * undoes them after the lab's accounts, OUs and policies are gone.
 */
import { DeleteOrganizationCommand, DisablePolicyTypeCommand, ListRootsCommand } from '@aws-sdk/client-organizations';
import { toAwsErrorInfo, withThrottlingRetry } from '../../aws/index.ts';
import type { SweepContext } from './types.ts';

export type OrganizationsUndoRecord =
  /** Setup created the organization: delete it again (it must have no member accounts left). */
  | { kind: 'organizations:organization-created' }
  /** Setup enabled SERVICE_CONTROL_POLICY on the root of an organization that already existed. */
  | { kind: 'organizations:scp-type-enabled' };

export function describeOrganizationsUndo(record: OrganizationsUndoRecord): string {
  return record.kind === 'organizations:organization-created' ? 'delete the organization setup created' : 'turn service control policies off again at the organization root';
}

export async function applyOrganizationsUndo(ctx: SweepContext, record: OrganizationsUndoRecord): Promise<void> {
  const org = await ctx.aws.client('organizations');
  try {
    if (record.kind === 'organizations:organization-created') {
      await withThrottlingRetry(() => org.send(new DeleteOrganizationCommand({})));
      return;
    }
    const rootId = (await withThrottlingRetry(() => org.send(new ListRootsCommand({})))).Roots?.[0]?.Id;
    if (rootId) await withThrottlingRetry(() => org.send(new DisablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })));
  } catch (error) {
    // Already undone (the organization is gone, the policy type already off): nothing left to restore.
    const code = toAwsErrorInfo(error).code;
    if (code === 'AWSOrganizationsNotInUseException' || code === 'PolicyTypeNotEnabledException') return;
    throw error;
  }
}
