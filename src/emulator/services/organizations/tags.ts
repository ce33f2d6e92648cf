/** Tags on accounts, OUs, the root and policies: TagResource, UntagResource, ListTagsForResource. */
import type * as ORG from '@aws-sdk/client-organizations';
import type { RequestContext } from '../../core/context.ts';
import type { Output } from '../define-service.ts';
import { checkTags, ERRORS, invalidInput, isAccountId, isOuId, isRootId, managedOrganization, mergeTags, page, visibleAccount } from './common.ts';
import type { Organization, Tag } from './state.ts';

/** The taggable entity a ResourceId names: `tags` is read and replaced through it. */
function taggable(org: Organization, resourceId: string, now: Date): { tags: Tag[] } {
  const isPolicy = /^p-[0-9a-zA-Z_]{8,128}$/.test(resourceId);
  if (!isRootId(resourceId) && !isOuId(resourceId) && !isAccountId(resourceId) && !isPolicy) {
    throw invalidInput('INVALID_PATTERN', "You provided a value that doesn't match the required pattern.");
  }
  const entity = resourceId === org.root.id ? org.root : isOuId(resourceId) ? org.ous.get(resourceId) : isAccountId(resourceId) ? visibleAccount(org, resourceId, now) : org.policies.get(resourceId);
  if (!entity) throw ERRORS.targetNotFound();
  if ('awsManaged' in entity && entity.awsManaged) throw ERRORS.immutablePolicy();
  return entity;
}

export function tagResource(input: ORG.TagResourceRequest, ctx: RequestContext): Output<unknown> {
  const org = managedOrganization(ctx, true);
  const entity = taggable(org, input.ResourceId!, ctx.now);
  entity.tags = mergeTags(entity.tags, checkTags(input.Tags));
  return {};
}

export function untagResource(input: ORG.UntagResourceRequest, ctx: RequestContext): Output<unknown> {
  const org = managedOrganization(ctx, true);
  const entity = taggable(org, input.ResourceId!, ctx.now);
  const removed = new Set(input.TagKeys ?? []);
  entity.tags = entity.tags.filter((t) => !removed.has(t.Key));
  return {};
}

export function listTagsForResource(input: ORG.ListTagsForResourceRequest, ctx: RequestContext): Output<ORG.ListTagsForResourceResponse> {
  const org = managedOrganization(ctx);
  const entity = taggable(org, input.ResourceId!, ctx.now);
  const { items, nextToken } = page(entity.tags, { NextToken: input.NextToken }, ['tags', input.ResourceId]);
  return { Tags: items, NextToken: nextToken };
}
