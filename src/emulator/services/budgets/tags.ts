/** Tags on budgets: ResourceTags on CreateBudget, TagResource, UntagResource, ListTagsForResource. */
import { isReservedTagKey, MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS_PER_RESOURCE, TAG_CHARACTERS, TAG_CHARACTERS_TEXT } from '../../core/tags.ts';
import type * as BUD from '@aws-sdk/client-budgets';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { budgetsOf, invalidParameter, notFound } from './common.ts';
import type { StoredBudget, Tag } from './state.ts';

const MAX_TAGS = MAX_TAGS_PER_RESOURCE;
const TAG = TAG_CHARACTERS;

export function checkResourceTags(tags: readonly BUD.ResourceTag[] | undefined, path = 'resourceTags'): Tag[] {
  const problems = new ProblemList();
  (tags ?? []).forEach((t, i) => {
    const at = `${path}.${i + 1}.member`;
    problems.minLength(`${at}.key`, t.Key, 1).maxLength(`${at}.key`, t.Key, MAX_TAG_KEY_LENGTH).pattern(`${at}.key`, t.Key, TAG, '^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$');
    problems.maxLength(`${at}.value`, t.Value, MAX_TAG_VALUE_LENGTH).pattern(`${at}.value`, t.Value, TAG, TAG_CHARACTERS_TEXT);
  });
  problems.check();
  const out = (tags ?? []).map((t) => ({ Key: t.Key!, Value: t.Value ?? '' }));
  if (out.some((t) => isReservedTagKey(t.Key))) throw invalidParameter("Tag keys that begin with 'aws:' are reserved for AWS use.");
  if (out.length > MAX_TAGS) throw new AwsServiceError('ServiceQuotaExceededException', `You've exceeded the tag limit: a budget has up to ${MAX_TAGS} tags.`);
  return out;
}

/** The budget an ARN names (`arn:aws:budgets::<account>:budget/<name>`), in the caller's account. */
function budgetByArn(ctx: RequestContext, arn: string | undefined): StoredBudget {
  new ProblemList().minLength('resourceARN', arn, 1).maxLength('resourceARN', arn, 2048).check();
  const m = /^arn:aws[a-z-]*:budgets::(\d{12}):budget\/(.+)$/.exec(arn!);
  if (!m) throw invalidParameter(`${arn} is not the ARN of a budget (arn:aws:budgets::<account id>:budget/<name>).`);
  const budget = budgetsOf(ctx, m[1], 'ViewBudget', m[2]).budgets.get(m[2]!);
  if (!budget) throw notFound(`Unable to find budget: ${m[2]} - the budget doesn't exist.`);
  return budget;
}

export function tagResource(input: BUD.TagResourceRequest, ctx: RequestContext): Output<unknown> {
  const budget = budgetByArn(ctx, input.ResourceARN);
  const added = checkResourceTags(input.ResourceTags);
  const byKey = new Map(budget.tags.map((t) => [t.Key, t]));
  for (const t of added) byKey.set(t.Key, t);
  budget.tags = checkResourceTags([...byKey.values()]);
  return {};
}

export function untagResource(input: BUD.UntagResourceRequest, ctx: RequestContext): Output<unknown> {
  const budget = budgetByArn(ctx, input.ResourceARN);
  const removed = new Set(input.ResourceTagKeys ?? []);
  budget.tags = budget.tags.filter((t) => !removed.has(t.Key));
  return {};
}

export function listTagsForResource(input: BUD.ListTagsForResourceRequest, ctx: RequestContext): Output<BUD.ListTagsForResourceResponse> {
  return { ResourceTags: budgetByArn(ctx, input.ResourceARN).tags };
}
