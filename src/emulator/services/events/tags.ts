/** Tags on rules and event buses: TagResource, UntagResource, ListTagsForResource. */
import { checkTagMembers, isReservedTagKey, MAX_TAGS_PER_RESOURCE, memberPaths } from '../../core/tags.ts';
import type * as EB from '@aws-sdk/client-eventbridge';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { type Ctx, notFound, ruleKey, validation } from './common.ts';

const MAX_TAGS = MAX_TAGS_PER_RESOURCE;

export function checkTags(tags: readonly EB.Tag[] | undefined, base: Record<string, string>): Record<string, string> {
  const problems = new ProblemList();
  checkTagMembers(problems, tags ?? [], memberPaths(), { keyOf: (t) => t.Key, valueOf: (t) => t.Value });
  problems.check();
  const merged = { ...base };
  for (const t of tags ?? []) {
    if (isReservedTagKey(t.Key!)) throw validation(`Tag keys starting with 'aws:' are reserved: ${t.Key}`);
    merged[t.Key!] = t.Value ?? '';
  }
  if (Object.keys(merged).length > MAX_TAGS) throw new AwsServiceError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
  return merged;
}

function taggable(ctx: Ctx, arn: string): { tags: Record<string, string>; set(tags: Record<string, string>): void } {
  const m = /^arn:aws[a-z-]*:events:([a-z0-9-]+):(\d{12}):(rule|event-bus)\/(.+)$/.exec(arn);
  if (!m) throw validation(`Parameter ResourceARN is not valid. Reason: ${arn} is not an EventBridge rule or event bus ARN.`);
  const state = ctx.state();
  if (m[1] === ctx.region && m[2] === ctx.accountId) {
    if (m[3] === 'event-bus') {
      const name = m[4]!;
      if (name === 'default' && !state.buses.has('default')) state.buses.set('default', { name: 'default', creationTime: ctx.now, lastModifiedTime: ctx.now, tags: {} });
      const bus = state.buses.get(name);
      if (bus) return { tags: bus.tags, set: (t) => (bus.tags = t) };
    } else {
      const parts = m[4]!.split('/');
      const rule = state.rules.get(parts.length === 1 ? ruleKey('default', parts[0]!) : ruleKey(parts[0]!, parts.slice(1).join('/')));
      if (rule) return { tags: rule.tags, set: (t) => (rule.tags = t) };
    }
  }
  throw notFound(`${m[3] === 'rule' ? 'Rule' : 'Event bus'} ${m[4]} does not exist.`);
}

export function tagResource(input: EB.TagResourceRequest, ctx: Ctx): Output<Record<string, never>> {
  const target = taggable(ctx, input.ResourceARN!);
  target.set(checkTags(input.Tags, target.tags));
  return {};
}

export function untagResource(input: EB.UntagResourceRequest, ctx: Ctx): Output<Record<string, never>> {
  const target = taggable(ctx, input.ResourceARN!);
  const tags = { ...target.tags };
  for (const k of input.TagKeys ?? []) delete tags[k];
  target.set(tags);
  return {};
}

export function listTagsForResource(input: EB.ListTagsForResourceRequest, ctx: Ctx): Output<EB.ListTagsForResourceResponse> {
  return { Tags: Object.entries(taggable(ctx, input.ResourceARN!).tags).map(([Key, Value]) => ({ Key, Value })) };
}
