/**
 * Trail tags: AddTags, RemoveTags, ListTags (ResourceId / ResourceIdList are trail ARNs). Limits as
 * AWS documents them: at most 50 tags per trail, keys 1–128 and values up to 256 characters.
 */
import { isReservedTagKey, MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS_PER_RESOURCE } from '../../core/tags.ts';
import type * as CT from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import type { CloudTrailState, Trail, TrailTag } from './state.ts';

export const MAX_TAGS = MAX_TAGS_PER_RESOURCE;

function invalidTag(message: string): AwsServiceError {
  return new AwsServiceError('InvalidTagParameterException', message, { status: 400 });
}

/** Checks a tag list as AWS does; returns it as stored. */
export function checkTags(tags: readonly CT.Tag[]): TrailTag[] {
  const seen = new Set<string>();
  const out: TrailTag[] = [];
  for (const tag of tags) {
    const key = tag.Key ?? '';
    if (key.length < 1 || key.length > MAX_TAG_KEY_LENGTH) throw invalidTag(`Tag key "${key}" must be 1 to 128 characters long.`);
    if ((tag.Value ?? '').length > MAX_TAG_VALUE_LENGTH) throw invalidTag(`The value of tag "${key}" must be at most 256 characters long.`);
    if (isReservedTagKey(key)) throw invalidTag(`Tag key "${key}" uses the reserved prefix aws:.`);
    if (seen.has(key)) throw invalidTag(`Tag key "${key}" is given more than once.`);
    seen.add(key);
    out.push(tag.Value === undefined ? { Key: key } : { Key: key, Value: tag.Value });
  }
  if (out.length > MAX_TAGS) throw tooMany();
  return out;
}

function tooMany(): AwsServiceError {
  return new AwsServiceError('TagsLimitExceededException', `The number of tags per trail has exceeded the permitted amount. Currently, the limit is ${MAX_TAGS}.`, { status: 400 });
}

const TRAIL_ARN = /^arn:aws[a-z-]*:cloudtrail:([a-z0-9-]+):(\d{12}):trail\/([A-Za-z0-9._-]+)$/;

/** The trail an ARN names; tags are changed from the trail's home region. */
function trailByArn(ctx: RequestContext, arn: string, forChange: boolean): Trail {
  const m = TRAIL_ARN.exec(arn);
  if (!m) throw new AwsServiceError('CloudTrailARNInvalidException', `The ARN ${arn} is not a valid CloudTrail resource ARN. Use a trail ARN such as arn:aws:cloudtrail:${ctx.region}:${ctx.accountId}:trail/my-trail.`, { status: 400 });
  const trail = m[2] === ctx.accountId ? ctx.peekStateOf<CloudTrailState>('cloudtrail', ctx.accountId, m[1])?.trails.get(m[3]!) : undefined;
  if (!trail || (m[1] !== ctx.region && !trail.isMultiRegionTrail)) {
    throw new AwsServiceError('ResourceNotFoundException', `Resource not found: ${arn}`, { status: 400 });
  }
  if (forChange && m[1] !== ctx.region) {
    throw new AwsServiceError('InvalidHomeRegionException', 'This operation must be called from the region in which the trail was created.', { status: 400 });
  }
  return forChange ? ctx.stateOf<CloudTrailState>('cloudtrail', ctx.accountId, m[1])!.trails.get(m[3]!)! : trail;
}

export function addTags(input: CT.AddTagsRequest, ctx: RequestContext<CloudTrailState>): Output<CT.AddTagsResponse> {
  const trail = trailByArn(ctx, input.ResourceId!, true);
  const added = checkTags(input.TagsList ?? []);
  const merged = new Map(trail.tags.map((t) => [t.Key, t]));
  for (const tag of added) merged.set(tag.Key, tag);
  if (merged.size > MAX_TAGS) throw tooMany();
  trail.tags = [...merged.values()];
  return {};
}

export function removeTags(input: CT.RemoveTagsRequest, ctx: RequestContext<CloudTrailState>): Output<CT.RemoveTagsResponse> {
  const trail = trailByArn(ctx, input.ResourceId!, true);
  // AWS removes a tag when the key matches and, if a value is given, the value matches too.
  const removals = input.TagsList ?? [];
  trail.tags = trail.tags.filter((t) => !removals.some((r) => r.Key === t.Key && (r.Value === undefined || r.Value === t.Value)));
  return {};
}

export function listTags(input: CT.ListTagsRequest, ctx: RequestContext<CloudTrailState>): Output<CT.ListTagsResponse> {
  const ids = input.ResourceIdList ?? [];
  if (ids.length > 20) throw new AwsServiceError('InvalidParameterException', `ResourceIdList can name at most 20 resources; ${ids.length} were given.`, { status: 400 });
  return {
    ResourceTagList: ids.map((id) => ({ ResourceId: id, TagsList: trailByArn(ctx, id, false).tags.map((t) => ({ ...t })) })),
  };
}
