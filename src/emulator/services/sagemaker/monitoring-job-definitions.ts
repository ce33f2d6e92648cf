/**
 * Model Monitor job definitions of the four kinds — data quality, model quality, model bias and
 * model explainability. Each keeps its request as sent; the security checks (SageMaker.9–13, .15,
 * .20, .25) read NetworkConfig (network isolation, inter-container encryption, VPC), the output and
 * volume KMS keys, and the role. One implementation serves the four APIs, whose members differ
 * only by prefix (`DataQualityJobInput`, `ModelBiasJobInput` …).
 */
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Handler, Output } from '../define-service.ts';
import { checkKmsKeyId, checkName, checkRoleArn, checkVpcConfig, enumValues, enums, key, listPage, resourceInUse, resourceNotFound, sagemaker, sagemakerArn } from './common.ts';
import { findEndpoint } from './endpoints.ts';
import { checkExecutionRole } from './execution-role.ts';
import { checkKmsKey, checkNetwork } from './peers.ts';
import type { MonitoringJobDefinition, MonitoringType } from './state.ts';
import { checkTags, dropTags, setTags } from './tags.ts';

interface Kind {
  readonly type: MonitoringType;
  /** ARN resource type, e.g. `data-quality-job-definition`. */
  readonly arnType: string;
  /** Words AWS uses in messages, e.g. `DataQualityJobDefinition`. */
  readonly label: string;
}

export const KINDS: Readonly<Record<MonitoringType, Kind>> = {
  DataQuality: { type: 'DataQuality', arnType: 'data-quality-job-definition', label: 'DataQualityJobDefinition' },
  ModelQuality: { type: 'ModelQuality', arnType: 'model-quality-job-definition', label: 'ModelQualityJobDefinition' },
  ModelBias: { type: 'ModelBias', arnType: 'model-bias-job-definition', label: 'ModelBiasJobDefinition' },
  ModelExplainability: { type: 'ModelExplainability', arnType: 'model-explainability-job-definition', label: 'ModelExplainabilityJobDefinition' },
};

type Spec = Record<string, any>;

export function findJobDefinition(ctx: RequestContext, type: MonitoringType, name: string): MonitoringJobDefinition {
  const definition = sagemaker(ctx).monitoringJobDefinitions.get(`${type}/${key(name)}`);
  if (!definition) throw resourceNotFound(`Job definition ${name} not found`);
  return definition;
}

/** The endpoint a job definition monitors (from its …JobInput.EndpointInput). */
export function endpointOfDefinition(definition: MonitoringJobDefinition): string | undefined {
  return (definition.spec[`${definition.type}JobInput`] as Spec | undefined)?.EndpointInput?.EndpointName;
}

async function validate(kind: Kind, input: Spec): Promise<void> {
  const sdk = await enums();
  const problems = checkName(new ProblemList(), 'jobDefinitionName', input.JobDefinitionName);
  checkRoleArn(problems, 'roleArn', input.RoleArn);
  const cluster = input.JobResources?.ClusterConfig;
  problems.oneOf('jobResources.clusterConfig.instanceType', cluster?.InstanceType, enumValues(sdk.ProcessingInstanceType));
  problems.range('jobResources.clusterConfig.instanceCount', cluster?.InstanceCount, 1, 100).range('jobResources.clusterConfig.volumeSizeInGB', cluster?.VolumeSizeInGB, 1, 512);
  checkKmsKeyId(problems, 'jobResources.clusterConfig.volumeKmsKeyId', cluster?.VolumeKmsKeyId);
  const outputPath = `${kind.type[0]!.toLowerCase()}${kind.type.slice(1)}JobOutputConfig`;
  checkKmsKeyId(problems, `${outputPath}.kmsKeyId`, input[`${kind.type}JobOutputConfig`]?.KmsKeyId);
  checkVpcConfig(problems, 'networkConfig.vpcConfig', input.NetworkConfig?.VpcConfig);
  problems.range('stoppingCondition.maxRuntimeInSeconds', input.StoppingCondition?.MaxRuntimeInSeconds, 1, 86400);
  problems.check();
}

function create(kind: Kind): Handler {
  return async (input: Spec, ctx: RequestContext): Promise<Output<{ JobDefinitionArn: string }>> => {
    await validate(kind, input);
    const tags = checkTags(input.Tags);
    const state = sagemaker(ctx);
    const name = input.JobDefinitionName as string;
    const id = `${kind.type}/${key(name)}`;
    if (state.monitoringJobDefinitions.has(id)) throw resourceInUse(`Resource Already Exists: ${kind.label} with name ${name} already exists. Choose a different name.`);
    const endpoint = input[`${kind.type}JobInput`]?.EndpointInput?.EndpointName as string | undefined;
    if (endpoint) findEndpoint(ctx, endpoint, state);
    const vpc = input.NetworkConfig?.VpcConfig;
    if (vpc) checkNetwork(ctx, vpc.Subnets ?? [], vpc.SecurityGroupIds ?? []);
    checkKmsKey(ctx, input.JobResources?.ClusterConfig?.VolumeKmsKeyId, 'JobResources.ClusterConfig.VolumeKmsKeyId');
    checkKmsKey(ctx, input[`${kind.type}JobOutputConfig`]?.KmsKeyId, `${kind.type}JobOutputConfig.KmsKeyId`);
    const arn = sagemakerArn(ctx, kind.arnType, name);
    checkExecutionRole(ctx, input.RoleArn, arn);
    state.monitoringJobDefinitions.set(id, { type: kind.type, name, arn, creationTime: ctx.now, spec: { ...input, Tags: undefined } });
    setTags(state, arn, tags);
    return { JobDefinitionArn: arn };
  };
}

function describe(kind: Kind): Handler {
  return (input: Spec, ctx: RequestContext) => {
    const d = findJobDefinition(ctx, kind.type, input.JobDefinitionName);
    const out: Spec = { JobDefinitionArn: d.arn, JobDefinitionName: d.name, CreationTime: d.creationTime };
    for (const member of [`${kind.type}AppSpecification`, `${kind.type}JobInput`, `${kind.type}JobOutputConfig`, `${kind.type}BaselineConfig`, 'JobResources', 'RoleArn', 'NetworkConfig', 'StoppingCondition']) {
      if (d.spec[member] !== undefined) out[member] = d.spec[member];
    }
    out.StoppingCondition ??= { MaxRuntimeInSeconds: 3600 };
    return out;
  };
}

function list(kind: Kind): Handler {
  return (input: Spec, ctx: RequestContext) => {
    const candidates = [...sagemaker(ctx).monitoringJobDefinitions.values()].filter((d) => d.type === kind.type && (input.EndpointName === undefined || key(endpointOfDefinition(d) ?? '') === key(input.EndpointName)));
    const { page, NextToken } = listPage(candidates, input, { sortBy: ['Name', 'CreationTime'], defaultSortBy: 'CreationTime', defaultSortOrder: 'Descending' });
    return {
      JobDefinitionSummaries: page.map((d) => ({ MonitoringJobDefinitionName: d.name, MonitoringJobDefinitionArn: d.arn, CreationTime: d.creationTime, EndpointName: endpointOfDefinition(d) })),
      NextToken,
    };
  };
}

function remove(kind: Kind): Handler {
  return (input: Spec, ctx: RequestContext) => {
    const d = findJobDefinition(ctx, kind.type, input.JobDefinitionName);
    const state = sagemaker(ctx);
    state.monitoringJobDefinitions.delete(`${kind.type}/${key(d.name)}`);
    dropTags(state, d.arn);
    return {};
  };
}

/** The sixteen handlers: Create/Describe/List/Delete for each of the four kinds. */
export const monitoringJobDefinitionHandlers: Record<string, Handler> = Object.fromEntries(
  Object.values(KINDS).flatMap((kind) => [
    [`Create${kind.label}`, create(kind)],
    [`Describe${kind.label}`, describe(kind)],
    [`List${kind.label}s`, list(kind)],
    [`Delete${kind.label}`, remove(kind)],
  ]),
);
