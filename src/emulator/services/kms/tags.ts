/** KMS key tags: TagResource, UntagResource, ListResourceTags, and the tag rules CreateKey shares. */
import type * as KMS from '@aws-sdk/client-kms';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { checkKeyAccess, kmsError, page, requireNotPendingDeletion, resolveKey } from './common.ts';
import type { KmsState, KmsTag } from './state.ts';

export const MAX_TAGS_PER_KEY = 50;
const KEY_ONLY = { aliases: false, crossAccount: false };

/** Checks tags as KMS does (lengths, reserved aws: prefix, duplicates) and returns them as stored. */
export function checkTags(tags: readonly KMS.Tag[] | undefined): KmsTag[] {
  const list = tags ?? [];
  const problems = new ProblemList();
  list.forEach((t, i) => {
    problems.minLength(`tags.${i + 1}.member.tagKey`, t.TagKey, 1).maxLength(`tags.${i + 1}.member.tagKey`, t.TagKey, 128);
    problems.maxLength(`tags.${i + 1}.member.tagValue`, t.TagValue, 256);
  });
  problems.check();
  const seen = new Set<string>();
  for (const t of list) {
    if (t.TagKey!.toLowerCase().startsWith('aws:')) throw kmsError('TagException', 'Tags beginning with aws: are reserved');
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
  const merged = [...key.tags];
  for (const tag of tags) {
    const i = merged.findIndex((t) => t.TagKey === tag.TagKey);
    if (i === -1) merged.push(tag);
    else merged[i] = tag;
  }
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
