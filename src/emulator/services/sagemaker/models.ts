/**
 * Models: a container image, model data and environment, an execution role, optionally a VPC and
 * network isolation (SageMaker.5 reads EnableNetworkIsolation, secret checks read the container
 * environment). Deleting a model does not affect endpoints already running it, as on AWS.
 */
import type * as SM from '@aws-sdk/client-sagemaker';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { checkCount, checkMap, checkName, checkRoleArn, checkS3Uri, checkVpcConfig, key, listPage, sagemaker, sagemakerArn, validation } from './common.ts';
import { checkExecutionRole } from './execution-role.ts';
import { checkNetwork } from './peers.ts';
import type { Model } from './state.ts';
import { checkTags, dropTags, setTags } from './tags.ts';

const TYPE = 'model';
const ENV_KEY: [RegExp, string] = [/^[a-zA-Z_][a-zA-Z0-9_]*$/, '[a-zA-Z_][a-zA-Z0-9_]*'];

export function modelArn(ctx: RequestContext, name: string): string {
  return sagemakerArn(ctx, TYPE, name);
}

export function findModel(ctx: RequestContext, name: string): Model {
  const model = sagemaker(ctx).models.get(key(name));
  if (!model) throw validation(`Could not find model "${modelArn(ctx, name)}".`);
  return model;
}

function checkContainer(problems: ProblemList, path: string, container: SM.ContainerDefinition): void {
  problems.maxLength(`${path}.image`, container.Image, 255).maxLength(`${path}.containerHostname`, container.ContainerHostname, 63);
  checkS3Uri(problems, `${path}.modelDataUrl`, container.ModelDataUrl);
  checkMap(problems, `${path}.environment`, container.Environment, { entries: 100, key: 1024, value: 1024, keyPattern: ENV_KEY });
  problems.oneOf(`${path}.mode`, container.Mode, ['SingleModel', 'MultiModel']);
}

export function createModel(input: SM.CreateModelInput, ctx: RequestContext): Output<SM.CreateModelOutput> {
  const problems = checkName(new ProblemList(), 'modelName', input.ModelName);
  checkRoleArn(problems, 'executionRoleArn', input.ExecutionRoleArn);
  if (input.PrimaryContainer) checkContainer(problems, 'primaryContainer', input.PrimaryContainer);
  checkCount(problems, 'containers', input.Containers, 0, 15);
  input.Containers?.forEach((c, i) => checkContainer(problems, `containers.${i + 1}.member`, c));
  checkVpcConfig(problems, 'vpcConfig', input.VpcConfig);
  problems.check();
  const tags = checkTags(input.Tags);
  if (input.PrimaryContainer && input.Containers?.length) throw validation('Specify PrimaryContainer or Containers, not both.');
  if (!input.PrimaryContainer && !input.Containers?.length) throw validation('A model needs a container: specify PrimaryContainer or Containers.');

  const state = sagemaker(ctx);
  const name = input.ModelName!;
  const arn = modelArn(ctx, name);
  if (state.models.has(key(name))) throw validation(`Cannot create already existing model "${arn}".`);
  if (input.VpcConfig) checkNetwork(ctx, input.VpcConfig.Subnets ?? [], input.VpcConfig.SecurityGroupIds ?? []);
  if (input.ExecutionRoleArn) checkExecutionRole(ctx, input.ExecutionRoleArn, arn);
  state.models.set(key(name), { name, arn, creationTime: ctx.now, spec: { ...input, Tags: undefined } });
  setTags(state, arn, tags);
  return { ModelArn: arn };
}

export function describeModel(input: SM.DescribeModelInput, ctx: RequestContext): Output<SM.DescribeModelOutput> {
  const model = findModel(ctx, input.ModelName!);
  const spec = model.spec;
  return {
    ModelName: model.name,
    ModelArn: model.arn,
    CreationTime: model.creationTime,
    PrimaryContainer: spec.PrimaryContainer ? { Mode: 'SingleModel', ...spec.PrimaryContainer } : undefined,
    Containers: spec.Containers,
    InferenceExecutionConfig: spec.InferenceExecutionConfig,
    ExecutionRoleArn: spec.ExecutionRoleArn,
    VpcConfig: spec.VpcConfig,
    EnableNetworkIsolation: spec.EnableNetworkIsolation ?? false,
  };
}

export function deleteModel(input: SM.DeleteModelInput, ctx: RequestContext): Output<unknown> {
  const model = findModel(ctx, input.ModelName!);
  const state = sagemaker(ctx);
  state.models.delete(key(model.name));
  dropTags(state, model.arn);
  return {};
}

export function listModels(input: SM.ListModelsInput, ctx: RequestContext): Output<SM.ListModelsOutput> {
  const { page, NextToken } = listPage(sagemaker(ctx).models.values(), input, { sortBy: ['Name', 'CreationTime'], defaultSortBy: 'CreationTime', defaultSortOrder: 'Descending' });
  return { Models: page.map((m) => ({ ModelName: m.name, ModelArn: m.arn, CreationTime: m.creationTime })), NextToken };
}

/** Every container's environment of a model, merged (what a deployed variant runs with). */
export function modelEnvironment(model: Model | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of [model?.spec.PrimaryContainer, ...(model?.spec.Containers ?? [])]) Object.assign(out, c?.Environment ?? {});
  return out;
}
