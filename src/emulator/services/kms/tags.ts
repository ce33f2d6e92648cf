/** KMS key tags: TagResource, UntagResource, ListResourceTags, and the tag rules CreateKey shares. */
import { checkTagMembers, isReservedTagKey, MAX_TAGS_PER_RESOURCE, memberPaths, mergeTagList } from '../../core/tags.ts';
import type * as KMS from '@aws-sdk/client-kms';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { checkKeyAccess, kmsError, page, requireNotPendingDeletion, resolveKey } from './common.ts';
import type { KmsState, KmsTag } from './state.ts';

export const MAX_TAGS_PER_KEY = MAX_TAGS_PER_RESOURCE;
const KEY_ONLY = { aliases: false, crossAccount: false };

/** Checks tags as KMS does (lengths, reserved aws: prefix, duplicates) and returns them as stored. */
export function checkTags(tags: readonly KMS.Tag[] | undefined): KmsTag[] {
  const list = tags ?? [];
  const problems = new ProblemList();
  checkTagMembers(problems, list, memberPaths('tags', 'tagKey', 'tagValue'), { keyOf: (t) => t.TagKey, valueOf: (t) => t.TagValue });
  problems.check();
  const seen = new Set<string>();
  for (const t of list) {
    if (isReservedTagKey(t.TagKey!)) throw kmsError('TagException', 'Tags beginning with aws: are reserved');
    if (seen.has(t.TagKey!)) throw kmsError('TagException', 'Duplicate tag keys');
    seen.add(t.TagKey!);
  }
  if (list.length > MAX_TAGS_PER_KEY) throw kmsError('TagException', 'Too many tags');
  return list.map((t) => ({ TagKey: t.TagKey!, TagValue: t.TagValue ?? '' }));
}

export function tagResource(input: KMS.TagResourceRequest, ctx: RequestContext<KmsState>): Output<Record<string, never>> {
  const tags = checkTags(input.Tags);
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'TagResource');
  requireNotPendingDeletion(key);
  const merged = mergeTagList(key.tags, tags, (t) => t.TagKey);
  if (merged.length > MAX_TAGS_PER_KEY) throw kmsError('TagException', `Too many tags: a KMS key can have at most ${MAX_TAGS_PER_KEY} tags, and ${key.arn} would have ${merged.length}.`);
  key.tags = merged;
  return {};
}

export function untagResource(input: KMS.UntagResourceRequest, ctx: RequestContext<KmsState>): Output<Record<string, never>> {
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'UntagResource');
  requireNotPendingDeletion(key);
  const remove = new Set(input.TagKeys ?? []);
  key.tags = key.tags.filter((t) => !remove.has(t.TagKey));
  return {};
}

export function listResourceTags(input: KMS.ListResourceTagsRequest, ctx: RequestContext<KmsState>): Output<KMS.ListResourceTagsResponse> {
  new ProblemList().range('limit', input.Limit, 1, 50).check();
  const { key } = resolveKey(ctx, input.KeyId!, KEY_ONLY);
  checkKeyAccess(ctx, key, 'ListResourceTags');
  const { items, NextMarker, Truncated } = page(key.tags, input.Marker, input.Limit, 50);
  return { Tags: items, NextMarker, Truncated };
}
