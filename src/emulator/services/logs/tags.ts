/** Log group tags: TagLogGroup / UntagLogGroup / ListTagsLogGroup (legacy) and TagResource / UntagResource / ListTagsForResource. */
import { isReservedTagKey, MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS_PER_RESOURCE, TAG_CHARACTERS, TAG_CHARACTERS_TEXT } from '../../core/tags.ts';
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { type Ctx, findGroup, invalidParameter } from './common.ts';
import type { LogGroupState } from './state.ts';

const MAX_TAGS = MAX_TAGS_PER_RESOURCE;

export function checkTags(tags: Record<string, string> | undefined, base: Record<string, string>): Record<string, string> {
  const problems = new ProblemList();
  for (const [k, v] of Object.entries(tags ?? {})) {
    problems.minLength(`tags.${k}.key`, k, 1).maxLength(`tags.${k}.key`, k, MAX_TAG_KEY_LENGTH).pattern(`tags.${k}.key`, k, /^([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$/u, '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$');
    problems.maxLength(`tags.${k}.value`, v, MAX_TAG_VALUE_LENGTH).pattern(`tags.${k}.value`, v, TAG_CHARACTERS, TAG_CHARACTERS_TEXT);
  }
  problems.check();
  for (const k of Object.keys(tags ?? {})) if (isReservedTagKey(k)) throw invalidParameter(`Tag keys starting with 'aws:' are reserved: ${k}`);
  const merged = { ...base, ...(tags ?? {}) };
  if (Object.keys(merged).length > MAX_TAGS) throw new AwsServiceError('TooManyTagsException', `A resource can have no more than ${MAX_TAGS} tags.`);
  return merged;
}

function byArn(ctx: Ctx, arn: string): LogGroupState {
  const m = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:(.+?)(?::\*)?$/.exec(arn);
  if (!m) throw invalidParameter(`Invalid resource ARN ${arn}: tagging is supported for log groups (arn:aws:logs:<region>:<account>:log-group:<name>).`);
  if (m[1] !== ctx.region || m[2] !== ctx.accountId) throw new AwsServiceError('ResourceNotFoundException', `The specified resource ${arn} does not exist.`);
  const group = ctx.state().groups.get(m[3]!);
  if (!group) throw new AwsServiceError('ResourceNotFoundException', `The specified resource ${arn} does not exist.`);
  return group;
}

export function tagLogGroup(input: Logs.TagLogGroupRequest, ctx: Ctx): Output<Record<string, never>> {
  const group = findGroup(ctx, input.logGroupName);
  group.tags = checkTags(input.tags, group.tags);
  return {};
}

export function untagLogGroup(input: Logs.UntagLogGroupRequest, ctx: Ctx): Output<Record<string, never>> {
  const group = findGroup(ctx, input.logGroupName);
  for (const k of input.tags ?? []) delete group.tags[k];
  return {};
}

export function listTagsLogGroup(input: Logs.ListTagsLogGroupRequest, ctx: Ctx): Output<Logs.ListTagsLogGroupResponse> {
  return { tags: { ...findGroup(ctx, input.logGroupName).tags } };
}

export function tagResource(input: Logs.TagResourceRequest, ctx: Ctx): Output<Record<string, never>> {
  const group = byArn(ctx, input.resourceArn!);
  group.tags = checkTags(input.tags, group.tags);
  return {};
}

export function untagResource(input: Logs.UntagResourceRequest, ctx: Ctx): Output<Record<string, never>> {
  const group = byArn(ctx, input.resourceArn!);
  for (const k of input.tagKeys ?? []) delete group.tags[k];
  return {};
}

export function listTagsForResource(input: Logs.ListTagsForResourceRequest, ctx: Ctx): Output<Logs.ListTagsForResourceResponse> {
  return { tags: { ...byArn(ctx, input.resourceArn!).tags } };
}
