/** TagResource, UntagResource, ListTagsForResource for alarms and dashboards. */
import { checkTagMembers, isReservedTagKey, MAX_TAGS_PER_RESOURCE, memberPaths, TAG_CHARACTERS } from '../../core/tags.ts';
import type * as CW from '@aws-sdk/client-cloudwatch';
import { AwsServiceError } from '../../core/errors.ts';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { invalidValue } from './errors.ts';
import type { CloudWatchState } from './state.ts';

type Ctx = RequestContext<CloudWatchState>;

const MAX_TAGS = MAX_TAGS_PER_RESOURCE;

/** Validates tags (AWS's limits) and merges them over `base`. */
export function checkTags(tags: readonly CW.Tag[] | undefined, base: Record<string, string>): Record<string, string> {
  const problems = new ProblemList();
  checkTagMembers(problems, tags ?? [], memberPaths(), { keyOf: (t) => t.Key, valueOf: (t) => t.Value });
  (tags ?? []).forEach((t, i) => {
    if (t.Key !== undefined) problems.pattern(`tags.${i + 1}.member.key`, t.Key, TAG_CHARACTERS, '([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)');
  });
  problems.check();
  const merged = { ...base };
  for (const t of tags ?? []) {
    if (t.Key !== undefined && isReservedTagKey(t.Key)) throw invalidValue(`Tag keys starting with 'aws:' are reserved for AWS use: ${t.Key}`);
    merged[t.Key!] = t.Value ?? '';
  }
  if (Object.keys(merged).length > MAX_TAGS) throw new AwsServiceError('LimitExceededException', `The resource would have more than ${MAX_TAGS} tags.`);
  return merged;
}

/** Where a CloudWatch ARN's tags live: an alarm in this region, or a (global) dashboard. */
function taggable(ctx: Ctx, arn: string): { tags: Record<string, string>; set(tags: Record<string, string>): void } {
  const alarm = /^arn:aws[a-z-]*:cloudwatch:([a-z0-9-]+):(\d{12}):alarm:(.+)$/.exec(arn);
  if (alarm && alarm[1] === ctx.region && alarm[2] === ctx.accountId) {
    const a = ctx.state().alarms.get(alarm[3]!);
    if (a) return { tags: a.tags, set: (t) => (a.tags = t) };
  }
  const dashboard = /^arn:aws[a-z-]*:cloudwatch::(\d{12}):dashboard\/(.+)$/.exec(arn);
  if (dashboard && dashboard[1] === ctx.accountId) {
    const d = ctx.stateOf<CloudWatchState>('cloudwatch', ctx.accountId, 'us-east-1').dashboards.get(dashboard[2]!);
    if (d) return { tags: d.tags ?? {}, set: (t) => (d.tags = t) };
  }
  if (!/^arn:aws[a-z-]*:cloudwatch:/.test(arn)) {
    throw new AwsServiceError('InvalidParameterValueException', `The ARN ${arn} is not a CloudWatch resource ARN.`);
  }
  const type = alarm ? 'alarm' : dashboard ? 'dashboard' : 'resource';
  throw new AwsServiceError('ResourceNotFoundException', `The ${type} ${arn} does not exist.`, { fields: { ResourceType: type, ResourceId: arn } });
}

export function tagResource(input: CW.TagResourceInput, ctx: Ctx): Output<CW.TagResourceOutput> {
  const target = taggable(ctx, input.ResourceARN!);
  target.set(checkTags(input.Tags, target.tags));
  return {};
}

export function untagResource(input: CW.UntagResourceInput, ctx: Ctx): Output<CW.UntagResourceOutput> {
  const target = taggable(ctx, input.ResourceARN!);
  const tags = { ...target.tags };
  for (const key of input.TagKeys ?? []) delete tags[key];
  target.set(tags);
  return {};
}

export function listTagsForResource(input: CW.ListTagsForResourceInput, ctx: Ctx): Output<CW.ListTagsForResourceOutput> {
  const target = taggable(ctx, input.ResourceARN!);
  return { Tags: Object.entries(target.tags).map(([Key, Value]) => ({ Key, Value })) };
}
