/** Helpers every EC2 resource module uses: the region's state, lookups, tags, paging, ARNs. */
import { isReservedTagKey, MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS_PER_RESOURCE, mergeTagList } from '../../core/tags.ts';
import { pageByToken } from '../../core/next-token.ts';
import { arnIn } from '../../core/arn.ts';
import type { RequestContext } from '../../core/context.ts';
import { ec2Error, invalidParameterValue, missing, type ResourceKind } from './errors.ts';
import type { Ec2State, Tag } from './state.ts';
import { seededEc2State } from './network-lookup.ts';

export type Ctx = RequestContext<Ec2State>;

/** This account's and region's EC2 state; a region's first use creates its default VPC, as AWS does for a new account. */
export function ec2(ctx: Ctx): Ec2State {
  return seededEc2State(ctx.state(), ctx.accountId, ctx.region);
}

/** The resource with this id, or AWS's NotFound (Malformed when the prefix is wrong). */
export function lookup<T>(map: ReadonlyMap<string, T>, kind: ResourceKind, id: string | undefined): T {
  const found = id === undefined ? undefined : map.get(id);
  if (found === undefined) throw missing(kind, id ?? '');
  return found;
}

/** Resources by id (in the order asked, duplicates once), or every resource. */
export function selectByIds<T>(map: ReadonlyMap<string, T>, kind: ResourceKind, ids: readonly string[] | undefined): T[] {
  if (!ids?.length) return [...map.values()];
  return [...new Set(ids)].map((id) => lookup(map, kind, id));
}

export function arn(ctx: Ctx, resource: string): string {
  return arnIn(ctx, 'ec2', resource);
}

// ── tags ────────────────────────────────────────────────────────────────────────────────────────

export const MAX_TAGS = MAX_TAGS_PER_RESOURCE;

/** Tags as AWS returns them: absent when there are none. */
export function tagsOut(tags: readonly Tag[]): Tag[] | undefined {
  return tags.length ? tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined;
}

/** Validates tags as EC2 does (key 1–128 characters and not `aws:…`, value up to 256). */
export function checkTags(tags: readonly { Key?: string; Value?: string }[] | undefined): Tag[] {
  let out: Tag[] = [];
  for (const tag of tags ?? []) {
    const key = tag.Key ?? '';
    const value = tag.Value ?? '';
    if (key === '') throw invalidParameterValue('Tag key must not be empty');
    if (key.length > MAX_TAG_KEY_LENGTH) throw invalidParameterValue(`Tag key exceeds the maximum length of 128 characters: ${key.slice(0, 32)}…`);
    if (value.length > MAX_TAG_VALUE_LENGTH) throw invalidParameterValue(`Tag value exceeds the maximum length of 256 characters (key '${key}')`);
    if (isReservedTagKey(key)) throw invalidParameterValue(`Value ( ${key} ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use`);
    out = mergeTagList(out, [{ Key: key, Value: value }], (t) => t.Key);
  }
  if (out.length > MAX_TAGS) throw tagLimit();
  return out;
}

export function tagLimit() {
  return ec2Error('TagLimitExceeded', `The maximum number of Tags for a resource has been reached (${MAX_TAGS}).`);
}

/** Adds or replaces tags on a resource, within the per-resource limit. */
export function mergeTags(existing: Tag[], added: readonly Tag[]): void {
  const merged = mergeTagList(existing, added.map((t) => ({ ...t })), (t) => t.Key);
  if (merged.length > MAX_TAGS) throw tagLimit();
  existing.splice(0, existing.length, ...merged);
}

interface TagSpecificationInput {
  ResourceType?: string;
  Tags?: { Key?: string; Value?: string }[];
}

/** Tags from a create call's TagSpecifications, which must name the resource type created. */
export function tagsFromSpecs(specs: readonly TagSpecificationInput[] | undefined, resourceType: string): Tag[] {
  const tags: Tag[] = [];
  for (const spec of specs ?? []) {
    if (!spec.ResourceType) throw invalidParameterValue(`Tag specification resource type must have a value (expected '${resourceType}')`);
    if (spec.ResourceType !== resourceType) throw invalidParameterValue(`'${spec.ResourceType}' is not a valid taggable resource type for this operation.`);
    if (!spec.Tags?.length) throw invalidParameterValue('Tag specification must have at least one tag');
    mergeTags(tags, checkTags(spec.Tags));
  }
  return tags;
}

// ── paging: NextToken / MaxResults ──────────────────────────────────────────────────────────────

export interface PageLimits {
  min: number;
  max: number;
}

export const DEFAULT_PAGE_LIMITS: PageLimits = { min: 5, max: 1000 };

/** One page of `items`; without MaxResults every item is returned, as EC2 does. */
export function paginate<T>(items: readonly T[], input: { MaxResults?: number; NextToken?: string }, limits: PageLimits = DEFAULT_PAGE_LIMITS): { items: T[]; NextToken?: string } {
  const max = input.MaxResults;
  if (max !== undefined && (max < limits.min || max > limits.max || !Number.isInteger(max))) {
    throw invalidParameterValue(`Value ( ${max} ) for parameter maxResults is invalid. Parameter must be between ${limits.min} and ${limits.max}.`);
  }
  if (max === undefined && input.NextToken === undefined) return { items: [...items] };
  const page = pageByToken(items, { nextToken: input.NextToken, maxResults: max, defaultMaxResults: limits.max, invalidToken: (_, token) => ec2Error('InvalidNextToken', `The token '${token}' is invalid.`) });
  return page.nextToken ? { items: page.items, NextToken: page.nextToken } : { items: page.items };
}
