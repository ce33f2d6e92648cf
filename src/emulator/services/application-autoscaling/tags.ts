/** Tags on scalable targets: TagResource, UntagResource, ListTagsForResource (by the target's ARN). */
import { isReservedTagKey, MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS_PER_RESOURCE, TAG_CHARACTERS } from '../../core/tags.ts';
import type * as AAS from '@aws-sdk/client-application-auto-scaling';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { aas } from './common.ts';
import type { ScalableTarget } from './state.ts';

const MAX_TAGS = MAX_TAGS_PER_RESOURCE;
const TAG = TAG_CHARACTERS;

function tooManyTags(resourceName: string): AwsServiceError {
  return new AwsServiceError('TooManyTagsException', `A scalable target can have up to ${MAX_TAGS} tags.`, { fields: { ResourceName: resourceName } });
}

/** Validates a Tags map (keys 1–128, values up to 256, at most 50, no `aws:` keys). */
export function checkTagMap(tags: Record<string, string>, resourceName: string): Record<string, string> {
  const problems = new ProblemList();
  for (const [key, value] of Object.entries(tags)) {
    problems.minLength('tags.key', key, 1).maxLength('tags.key', key, MAX_TAG_KEY_LENGTH).pattern('tags.key', key, TAG, '^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$');
    problems.maxLength(`tags.${key}`, value, MAX_TAG_VALUE_LENGTH).pattern(`tags.${key}`, value, TAG, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*');
    if (isReservedTagKey(key)) problems.problems.push({ path: 'tags.key', kind: 'constraint', value: key, constraint: "Member must satisfy regular expression pattern: ^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$" });
  }
  problems.check();
  if (Object.keys(tags).length > MAX_TAGS) throw tooManyTags(resourceName);
  return { ...tags };
}

function findByArn(ctx: RequestContext, arn: string): ScalableTarget {
  const target = [...aas(ctx).targets.values()].find((t) => t.arn === arn);
  if (!target) throw new AwsServiceError('ResourceNotFoundException', `No scalable target found for ResourceARN ${arn}.`, { fields: { ResourceName: arn } });
  return target;
}

function checkArn(arn: string): void {
  new ProblemList().minLength('resourceARN', arn, 1).maxLength('resourceARN', arn, 1011).pattern('resourceARN', arn, /^arn:.+:application-autoscaling:.+:[0-9]+:scalable-target\/[a-zA-Z0-9-]+$/, '^arn:.+:application-autoscaling:.+:[0-9]+:scalable-target\\/[a-zA-Z0-9-]+$').check();
}

export function tagResource(input: AAS.TagResourceRequest, ctx: RequestContext): Output<unknown> {
  checkArn(input.ResourceARN!);
  const target = findByArn(ctx, input.ResourceARN!);
  const added = checkTagMap(input.Tags ?? {}, input.ResourceARN!);
  const merged = { ...target.tags, ...added };
  if (Object.keys(merged).length > MAX_TAGS) throw tooManyTags(input.ResourceARN!);
  target.tags = merged;
  return {};
}

export function untagResource(input: AAS.UntagResourceRequest, ctx: RequestContext): Output<unknown> {
  checkArn(input.ResourceARN!);
  const target = findByArn(ctx, input.ResourceARN!);
  for (const key of input.TagKeys ?? []) delete target.tags[key];
  return {};
}

export function listTagsForResource(input: AAS.ListTagsForResourceRequest, ctx: RequestContext): Output<AAS.ListTagsForResourceResponse> {
  checkArn(input.ResourceARN!);
  return { Tags: { ...findByArn(ctx, input.ResourceARN!).tags } };
}
