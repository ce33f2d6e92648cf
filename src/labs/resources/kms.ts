import { DeleteAliasCommand, DescribeKeyCommand, ListAliasesCommand, ListKeysCommand, ListResourceTagsCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { isNotFound, toAwsErrorInfo, withThrottlingRetry } from '../../aws/index.ts';
import { mapLimit, paginate } from '../../inventory/paginate.ts';
import { runTagKey } from '../naming.ts';
import type { FoundResource, ResourceKind } from './types.ts';

/** KMS aliases: `alias/mlsec-<run-id>-<name>`, found by that prefix. */
export const kmsAlias: ResourceKind = {
  type: 'kms:alias',
  service: 'kms',
  checkResourceType: 'AWS::KMS::Alias',
  physicalName: (prefix, name) => `alias/${prefix}-${name}`,
  deleteOrder: 10,
  async find(ctx) {
    const kms = await ctx.aws.client('kms');
    const aliases = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => kms.send(new ListAliasesCommand({ Marker: token, Limit: 100 })));
      return { items: page.Aliases ?? [], next: page.Truncated ? page.NextMarker : undefined };
    });
    return aliases.filter((a) => a.AliasName?.startsWith(`alias/${ctx.prefix}-`)).map((a) => ({ type: 'kms:alias', id: a.AliasName! }));
  },
  async delete(ctx, resource) {
    const kms = await ctx.aws.client('kms');
    try {
      await withThrottlingRetry(() => kms.send(new DeleteAliasCommand({ AliasName: resource.id })));
    } catch (error) {
      if (!isNotFound(toAwsErrorInfo(error))) throw error;
    }
  },
};

/**
 * KMS keys: found by the run tag. KMS never deletes a key at once; teardown schedules deletion with
 * the shortest waiting period (7 days) and a key pending deletion counts as gone.
 */
export const kmsKey: ResourceKind = {
  type: 'kms:key',
  service: 'kms',
  checkResourceType: 'AWS::KMS::Key',
  physicalName: (_prefix, name) => name,
  deleteOrder: 90,
  async find(ctx) {
    const kms = await ctx.aws.client('kms');
    const keys = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => kms.send(new ListKeysCommand({ Marker: token, Limit: 100 })));
      return { items: (page.Keys ?? []).map((k) => k.KeyId!).filter(Boolean), next: page.Truncated ? page.NextMarker : undefined };
    });
    const found = await mapLimit(keys, 8, async (keyId): Promise<FoundResource | undefined> => {
      let run: string | undefined;
      try {
        const tags = await withThrottlingRetry(() => kms.send(new ListResourceTagsCommand({ KeyId: keyId })));
        run = tags.Tags?.find((t) => t.TagKey === runTagKey)?.TagValue;
      } catch {
        return undefined; // AWS managed keys refuse tag reads; they are never ours
      }
      if (run !== ctx.runId) return undefined;
      const meta = await withThrottlingRetry(() => kms.send(new DescribeKeyCommand({ KeyId: keyId })));
      return { type: 'kms:key', id: keyId, taggedForRun: true, data: { state: meta.KeyMetadata?.KeyState ?? 'unknown' } };
    });
    return found.filter((f): f is FoundResource => f !== undefined);
  },
  async delete(ctx, resource) {
    if (resource.data?.state === 'PendingDeletion') return;
    const kms = await ctx.aws.client('kms');
    try {
      await withThrottlingRetry(() => kms.send(new ScheduleKeyDeletionCommand({ KeyId: resource.id, PendingWindowInDays: 7 })));
    } catch (error) {
      const info = toAwsErrorInfo(error);
      if (!isNotFound(info) && !/pending deletion|PendingDeletion/i.test(info.message)) throw error;
    }
  },
  isGone: (resource) => resource.data?.state === 'PendingDeletion',
};
