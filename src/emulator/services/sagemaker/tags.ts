/** Tags on every taggable SageMaker resource: AddTags, DeleteTags, ListTags, and Tags on create. */
import { checkTagMembers, isReservedTagKey, MAX_TAGS_PER_RESOURCE, memberPaths } from '../../core/tags.ts';
import type * as SM from '@aws-sdk/client-sagemaker';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { key, paginate, resourceLimitExceeded, sagemaker, validation } from './common.ts';
import { type SageMakerState, type Tag, tuningJobsOf } from './state.ts';

export const MAX_TAGS = MAX_TAGS_PER_RESOURCE;

/** Validates Tags as given on create or AddTags (AWS's lengths and pattern; `aws:` is reserved). */
export function checkTags(tags: readonly SM.Tag[] | undefined, path = 'tags'): Tag[] {
  if (!tags) return [];
  const problems = new ProblemList();
  if (tags.length > MAX_TAGS) problems.problems.push({ path, kind: 'constraint', value: tags.map((t) => t.Key), constraint: `Member must have length less than or equal to ${MAX_TAGS}` });
  checkTagMembers(problems, tags, memberPaths(path), { keyOf: (t) => t.Key, valueOf: (t) => t.Value, characters: true });
  problems.check();
  for (const tag of tags) {
    if (isReservedTagKey(tag.Key!)) throw validation(`Tag keys beginning with 'aws:' are reserved for AWS use: '${tag.Key}'.`);
  }
  // A key given twice keeps its last value, as AWS does.
  const byKey = new Map<string, Tag>();
  for (const tag of tags) byKey.set(tag.Key!, { Key: tag.Key!, Value: tag.Value ?? '' });
  return [...byKey.values()];
}

export function setTags(state: SageMakerState, arn: string, tags: Tag[]): void {
  if (tags.length) state.tags.set(arn, tags);
}

export function dropTags(state: SageMakerState, arn: string): void {
  state.tags.delete(arn);
}

export function tagsOf(state: SageMakerState, arn: string): Tag[] {
  return state.tags.get(arn) ?? [];
}

/** Whether an ARN names a resource that exists here (tags live and die with their resource). */
function exists(state: SageMakerState, ctx: RequestContext, arn: string): boolean {
  const m = /^arn:aws[a-z-]*:sagemaker:([a-z0-9-]+):(\d{12}):([a-z-]+)\/(.+)$/.exec(arn);
  if (!m || m[1] !== ctx.region || m[2] !== ctx.accountId) return false;
  const type = m[3]!;
  const name = m[4]!;
  switch (type) {
    case 'notebook-instance': return state.notebookInstances.get(key(name))?.arn === arn;
    case 'notebook-instance-lifecycle-config': return state.lifecycleConfigs.has(key(name));
    case 'training-job': return state.trainingJobs.has(key(name));
    case 'processing-job': return state.processingJobs.has(key(name));
    case 'hyper-parameter-tuning-job': return tuningJobsOf(state).has(key(name));
    case 'model': return state.models.has(key(name));
    case 'endpoint-config': return state.endpointConfigs.has(key(name));
    case 'endpoint': return state.endpoints.has(key(name));
    case 'model-package-group': return state.modelPackageGroups.has(key(name));
    case 'model-package': return state.modelPackages.has(key(name));
    case 'monitoring-schedule': return state.monitoringSchedules.has(key(name));
    case 'data-quality-job-definition': return state.monitoringJobDefinitions.has(`DataQuality/${key(name)}`);
    case 'model-quality-job-definition': return state.monitoringJobDefinitions.has(`ModelQuality/${key(name)}`);
    case 'model-bias-job-definition': return state.monitoringJobDefinitions.has(`ModelBias/${key(name)}`);
    case 'model-explainability-job-definition': return state.monitoringJobDefinitions.has(`ModelExplainability/${key(name)}`);
    case 'domain': return state.domains.has(name);
    default: return false;
  }
}

function requireResource(ctx: RequestContext, arn: string): SageMakerState {
  const state = sagemaker(ctx);
  if (!exists(state, ctx, arn)) throw validation(`Resource ${arn} does not exist or is not a taggable SageMaker resource of this account and region.`);
  return state;
}

function checkArn(problems: ProblemList, arn: string | undefined): ProblemList {
  return problems.maxLength('resourceArn', arn, 256).pattern('resourceArn', arn, /^arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:.+$/, 'arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:.+');
}

export function addTags(input: SM.AddTagsInput, ctx: RequestContext): Output<SM.AddTagsOutput> {
  checkArn(new ProblemList(), input.ResourceArn).check();
  const added = checkTags(input.Tags);
  const state = requireResource(ctx, input.ResourceArn!);
  const merged = new Map(tagsOf(state, input.ResourceArn!).map((t) => [t.Key, t]));
  for (const tag of added) merged.set(tag.Key, tag);
  if (merged.size > MAX_TAGS) throw resourceLimitExceeded(`A resource can have at most ${MAX_TAGS} tags; ${input.ResourceArn} would have ${merged.size}.`);
  state.tags.set(input.ResourceArn!, [...merged.values()]);
  return { Tags: added };
}

export function deleteTags(input: SM.DeleteTagsInput, ctx: RequestContext): Output<SM.DeleteTagsOutput> {
  const problems = checkArn(new ProblemList(), input.ResourceArn);
  if ((input.TagKeys?.length ?? 0) > MAX_TAGS) problems.problems.push({ path: 'tagKeys', kind: 'constraint', value: input.TagKeys, constraint: `Member must have length less than or equal to ${MAX_TAGS}` });
  problems.check();
  const state = requireResource(ctx, input.ResourceArn!);
  const remove = new Set(input.TagKeys);
  const left = tagsOf(state, input.ResourceArn!).filter((t) => !remove.has(t.Key));
  if (left.length) state.tags.set(input.ResourceArn!, left);
  else state.tags.delete(input.ResourceArn!);
  return {};
}

export function listTags(input: SM.ListTagsInput, ctx: RequestContext): Output<SM.ListTagsOutput> {
  checkArn(new ProblemList(), input.ResourceArn).range('maxResults', input.MaxResults, 50, 100).check();
  const state = requireResource(ctx, input.ResourceArn!);
  const { page, NextToken } = paginate(tagsOf(state, input.ResourceArn!), input.NextToken, input.MaxResults ?? 50);
  return { Tags: page, NextToken };
}
