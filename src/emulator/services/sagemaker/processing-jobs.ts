/**
 * Processing jobs (minimal): InProgress → Completed over the transition delay, or Stopping →
 * Stopped; the fields checks read (NetworkConfig, the volume and output KMS keys, the role and
 * environment) are kept as sent. Names are unique for good, like training jobs.
 */
import type * as SM from '@aws-sdk/client-sagemaker';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { after, checkKmsKeyId, checkMap, checkName, checkRoleArn, checkVpcConfig, enumValues, enums, key, listPage, resourceInUse, sagemaker, sagemakerArn, validation } from './common.ts';
import { publishProcessingJobEvent } from './events.ts';
import { checkExecutionRole } from './execution-role.ts';
import { checkKmsKey, checkNetwork } from './peers.ts';
import { due, schedule } from './progress.ts';
import type { ProcessingJob, SageMakerState } from './state.ts';
import { checkTags, setTags, tagsOf } from './tags.ts';

const TYPE = 'processing-job';
const STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'];

export function findProcessingJob(ctx: RequestContext, name: string): ProcessingJob {
  const job = sagemaker(ctx).processingJobs.get(key(name));
  if (!job) throw validation(`Could not find processing job '${sagemakerArn(ctx, TYPE, name)}'.`);
  return job;
}

function describe(job: ProcessingJob): Output<SM.DescribeProcessingJobResponse> {
  const spec = job.spec;
  return {
    ProcessingJobName: job.name,
    ProcessingJobArn: job.arn,
    ProcessingJobStatus: job.status as SM.ProcessingJobStatus,
    ProcessingInputs: spec.ProcessingInputs,
    ProcessingOutputConfig: spec.ProcessingOutputConfig,
    ProcessingResources: spec.ProcessingResources!,
    StoppingCondition: spec.StoppingCondition ?? { MaxRuntimeInSeconds: 86400 },
    AppSpecification: spec.AppSpecification!,
    Environment: spec.Environment,
    NetworkConfig: spec.NetworkConfig,
    RoleArn: spec.RoleArn,
    ExperimentConfig: spec.ExperimentConfig,
    ExitMessage: job.exitMessage,
    ProcessingStartTime: job.startTime,
    ProcessingEndTime: job.endTime,
    CreationTime: job.creationTime,
    LastModifiedTime: job.lastModifiedTime,
  };
}

export async function createProcessingJob(input: SM.CreateProcessingJobRequest, ctx: RequestContext): Promise<Output<SM.CreateProcessingJobResponse>> {
  const sdk = await enums();
  const problems = checkName(new ProblemList(), 'processingJobName', input.ProcessingJobName);
  checkRoleArn(problems, 'roleArn', input.RoleArn);
  const cluster = input.ProcessingResources?.ClusterConfig;
  problems.oneOf('processingResources.clusterConfig.instanceType', cluster?.InstanceType, enumValues(sdk.ProcessingInstanceType));
  problems.range('processingResources.clusterConfig.instanceCount', cluster?.InstanceCount, 1, 100).range('processingResources.clusterConfig.volumeSizeInGB', cluster?.VolumeSizeInGB, 1, 16384);
  checkKmsKeyId(problems, 'processingResources.clusterConfig.volumeKmsKeyId', cluster?.VolumeKmsKeyId);
  checkKmsKeyId(problems, 'processingOutputConfig.kmsKeyId', input.ProcessingOutputConfig?.KmsKeyId);
  checkVpcConfig(problems, 'networkConfig.vpcConfig', input.NetworkConfig?.VpcConfig);
  problems.maxLength('appSpecification.imageUri', input.AppSpecification?.ImageUri, 255);
  checkMap(problems, 'environment', input.Environment, { entries: 100, key: 256, value: 256, keyPattern: [/^[a-zA-Z_][a-zA-Z0-9_]*$/, '[a-zA-Z_][a-zA-Z0-9_]*'] });
  problems.range('stoppingCondition.maxRuntimeInSeconds', input.StoppingCondition?.MaxRuntimeInSeconds, 1, 777600);
  problems.check();
  const tags = checkTags(input.Tags);
  const state = sagemaker(ctx);
  const name = input.ProcessingJobName!;
  const arn = sagemakerArn(ctx, TYPE, name);
  if (state.processingJobs.has(key(name))) throw resourceInUse(`Processing job names must be unique within an AWS account and region, and a processing job with this name already exists (${arn})`);
  const vpc = input.NetworkConfig?.VpcConfig;
  if (vpc) checkNetwork(ctx, vpc.Subnets ?? [], vpc.SecurityGroupIds ?? []);
  checkKmsKey(ctx, cluster?.VolumeKmsKeyId, 'ProcessingResources.ClusterConfig.VolumeKmsKeyId');
  checkKmsKey(ctx, input.ProcessingOutputConfig?.KmsKeyId, 'ProcessingOutputConfig.KmsKeyId');
  checkExecutionRole(ctx, input.RoleArn!, arn);
  const job: ProcessingJob = { name, arn, creationTime: ctx.now, lastModifiedTime: ctx.now, status: 'InProgress', transitions: [], spec: { ...input, Tags: undefined } };
  schedule(job, [{ at: after(ctx, 0.25), status: 'InProgress', detail: { started: true } }, { at: after(ctx), status: 'Completed' }]);
  state.processingJobs.set(key(name), job);
  setTags(state, arn, tags);
  publishProcessingJobEvent(ctx, describe(job) as Record<string, unknown>, tags, ctx.now);
  return { ProcessingJobArn: arn };
}

export function describeProcessingJob(input: SM.DescribeProcessingJobRequest, ctx: RequestContext): Output<SM.DescribeProcessingJobResponse> {
  return describe(findProcessingJob(ctx, input.ProcessingJobName!));
}

export function stopProcessingJob(input: SM.StopProcessingJobRequest, ctx: RequestContext): Output<unknown> {
  const job = findProcessingJob(ctx, input.ProcessingJobName!);
  if (job.status !== 'InProgress') throw validation(`The processing job ${job.name} cannot be stopped: its status is ${job.status}. Only a job that is InProgress can be stopped.`);
  job.status = 'Stopping';
  job.lastModifiedTime = ctx.now;
  schedule(job, [{ at: after(ctx, 0.25), status: 'Stopped' }]);
  publishProcessingJobEvent(ctx, describe(job) as Record<string, unknown>, tagsOf(sagemaker(ctx), job.arn), ctx.now);
  return {};
}

export function listProcessingJobs(input: SM.ListProcessingJobsRequest, ctx: RequestContext): Output<SM.ListProcessingJobsResponse> {
  const { page, NextToken } = listPage(sagemaker(ctx).processingJobs.values(), input, { sortBy: ['Name', 'CreationTime', 'Status'], defaultSortBy: 'CreationTime', defaultSortOrder: 'Descending', statuses: STATUSES });
  return {
    ProcessingJobSummaries: page.map((j) => ({ ProcessingJobName: j.name, ProcessingJobArn: j.arn, CreationTime: j.creationTime, ProcessingEndTime: j.endTime, LastModifiedTime: j.lastModifiedTime, ProcessingJobStatus: j.status as SM.ProcessingJobStatus, ExitMessage: j.exitMessage })),
    NextToken,
  };
}

export function settleProcessingJobs(state: SageMakerState, ctx: RequestContext): boolean {
  let changed = false;
  for (const job of state.processingJobs.values()) {
    for (const t of due(job, ctx.now)) {
      changed = true;
      if (t.detail?.started) {
        job.startTime = t.at;
        continue;
      }
      if (t.status === 'Completed' || t.status === 'Stopped') job.endTime = t.at;
      if (t.status === 'Completed') job.exitMessage = 'Processing job completed';
      publishProcessingJobEvent(ctx, describe(job) as Record<string, unknown>, tagsOf(state, job.arn), t.at);
    }
  }
  return changed;
}
