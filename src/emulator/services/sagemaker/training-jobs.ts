/**
 * Training jobs: InProgress (Starting → Downloading → Training → Uploading) → Completed over the
 * transition delay, or Stopping → Stopped. Jobs are immutable and names are unique per account and
 * region for good (a job cannot be deleted). Each status change is published as a "SageMaker
 * Training Job State Change" event. Nothing is trained: the model artifact path is where SageMaker
 * would put it, and no object is written there.
 */
import { createHash } from 'node:crypto';
import type * as SM from '@aws-sdk/client-sagemaker';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import {
  after,
  checkCount,
  checkKmsKeyId,
  checkMap,
  checkName,
  checkRoleArn,
  checkS3Uri,
  checkVpcConfig,
  enumValues,
  enums,
  key,
  listPage,
  resourceInUse,
  sagemaker,
  sagemakerArn,
  validation,
} from './common.ts';
import { publishTrainingJobEvent } from './events.ts';
import { checkExecutionRole } from './execution-role.ts';
import { checkKmsKey, checkNetwork } from './peers.ts';
import { due, schedule } from './progress.ts';
import type { SageMakerState, Tag, TrainingJob, TuningOrigin, Transition } from './state.ts';
import { checkTags, setTags, tagsOf } from './tags.ts';

const TYPE = 'training-job';
const STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'];
const MAX_RUNTIME = 2_419_200;
/** Managed Spot training is billed for this share of the training time (a deterministic stand-in for Spot savings). */
export const SPOT_BILLED_SHARE = 0.3;

/** Secondary statuses and the messages SageMaker shows for them, with when each starts (share of the delay). */
const STAGES: readonly { status: string; message: string; at: number }[] = [
  { status: 'Starting', message: 'Preparing the instances for training', at: 0 },
  { status: 'Downloading', message: 'Downloading input data', at: 0.25 },
  { status: 'Training', message: 'Training image download completed. Training in progress.', at: 0.5 },
  { status: 'Uploading', message: 'Uploading generated training model', at: 0.85 },
  { status: 'Completed', message: 'Training job completed', at: 1 },
];

export function findTrainingJob(ctx: RequestContext, name: string): TrainingJob {
  const job = sagemaker(ctx).trainingJobs.get(key(name));
  // AWS answers a missing training job with ValidationException (not the modelled ResourceNotFound).
  if (!job) throw validation('Requested resource not found.');
  return job;
}

/**
 * The member constraints of a training job's specification, at `prefix` (empty for
 * CreateTrainingJob, `trainingJobDefinition` for a tuning job's definition of its trials).
 */
export async function checkTrainingMembers(problems: ProblemList, input: Partial<SM.CreateTrainingJobRequest>, prefix = ''): Promise<ProblemList> {
  const sdk = await enums();
  const at = (path: string) => (prefix ? `${prefix}.${path}` : path);
  checkRoleArn(problems, at('roleArn'), input.RoleArn);
  const algo = input.AlgorithmSpecification;
  problems.oneOf(at('algorithmSpecification.trainingInputMode'), algo?.TrainingInputMode, enumValues(sdk.TrainingInputMode));
  problems.maxLength(at('algorithmSpecification.trainingImage'), algo?.TrainingImage, 255).maxLength(at('algorithmSpecification.algorithmName'), algo?.AlgorithmName, 170);
  checkMap(problems, at('hyperParameters'), input.HyperParameters, { entries: 100, key: 256, value: 2500 });
  checkCount(problems, at('inputDataConfig'), input.InputDataConfig, 1, 20);
  input.InputDataConfig?.forEach((channel, i) => {
    const member = at(`inputDataConfig.${i + 1}.member`);
    problems.minLength(`${member}.channelName`, channel.ChannelName, 1).maxLength(`${member}.channelName`, channel.ChannelName, 64).pattern(`${member}.channelName`, channel.ChannelName, /^[A-Za-z0-9.\-_]+$/, '[A-Za-z0-9\\.\\-_]+');
    checkS3Uri(problems, `${member}.dataSource.s3DataSource.s3Uri`, channel.DataSource?.S3DataSource?.S3Uri);
    problems.oneOf(`${member}.inputMode`, channel.InputMode, enumValues(sdk.TrainingInputMode));
  });
  checkS3Uri(problems, at('outputDataConfig.s3OutputPath'), input.OutputDataConfig?.S3OutputPath);
  checkKmsKeyId(problems, at('outputDataConfig.kmsKeyId'), input.OutputDataConfig?.KmsKeyId);
  const resources = input.ResourceConfig;
  problems.oneOf(at('resourceConfig.instanceType'), resources?.InstanceType, enumValues(sdk.TrainingInstanceType));
  problems.range(at('resourceConfig.instanceCount'), resources?.InstanceCount, 0, Number.MAX_SAFE_INTEGER).range(at('resourceConfig.volumeSizeInGB'), resources?.VolumeSizeInGB, 0, Number.MAX_SAFE_INTEGER);
  checkKmsKeyId(problems, at('resourceConfig.volumeKmsKeyId'), resources?.VolumeKmsKeyId);
  checkVpcConfig(problems, at('vpcConfig'), input.VpcConfig);
  problems.range(at('stoppingCondition.maxRuntimeInSeconds'), input.StoppingCondition?.MaxRuntimeInSeconds, 1, MAX_RUNTIME);
  problems.range(at('stoppingCondition.maxWaitTimeInSeconds'), input.StoppingCondition?.MaxWaitTimeInSeconds, 1, MAX_RUNTIME);
  checkS3Uri(problems, at('checkpointConfig.s3Uri'), input.CheckpointConfig?.S3Uri);
  checkMap(problems, at('environment'), input.Environment, { entries: 100, key: 512, value: 512, keyPattern: [/^[a-zA-Z_][a-zA-Z0-9_]*$/, '[a-zA-Z_][a-zA-Z0-9_]*'] });
  return problems;
}

/** The rules between members (image or algorithm, instances, unique channels, managed Spot and MaxWaitTimeInSeconds). */
export function checkTrainingRules(input: Partial<SM.CreateTrainingJobRequest>): void {
  const algo = input.AlgorithmSpecification;
  const resources = input.ResourceConfig;
  if (!input.ServerlessJobConfig) {
    if (!algo || (!algo.TrainingImage && !algo.AlgorithmName)) throw validation('AlgorithmSpecification must name a TrainingImage or an AlgorithmName.');
    if (algo.TrainingImage && algo.AlgorithmName) throw validation('AlgorithmSpecification takes a TrainingImage or an AlgorithmName, not both.');
    if (!resources?.InstanceType && !resources?.InstanceGroups?.length) throw validation('ResourceConfig must name an InstanceType (with InstanceCount and VolumeSizeInGB) or InstanceGroups.');
  }
  const channels = input.InputDataConfig?.map((c) => c.ChannelName) ?? [];
  const duplicate = channels.find((c, i) => channels.indexOf(c) !== i);
  if (duplicate) throw validation(`Channel names must be unique: '${duplicate}' is given more than once.`);
  const runtime = input.StoppingCondition?.MaxRuntimeInSeconds ?? 86400;
  const wait = input.StoppingCondition?.MaxWaitTimeInSeconds;
  if (input.EnableManagedSpotTraining) {
    if (wait === undefined || wait < runtime) throw validation('Invalid MaxWaitTimeInSeconds. It must be present and be greater than or equal to MaxRuntimeInSeconds');
  } else if (wait !== undefined) {
    throw validation('Invalid MaxWaitTimeInSeconds. It is only supported when EnableManagedSpotTraining is set to true');
  }
}

/** The references into other services (subnets, security groups, KMS keys) and the execution role, as SageMaker checks them. */
export function checkTrainingReferences(ctx: RequestContext, input: Partial<SM.CreateTrainingJobRequest>, resourceArn: string): void {
  if (input.VpcConfig) checkNetwork(ctx, input.VpcConfig.Subnets ?? [], input.VpcConfig.SecurityGroupIds ?? []);
  checkKmsKey(ctx, input.OutputDataConfig?.KmsKeyId, 'OutputDataConfig.KmsKeyId');
  checkKmsKey(ctx, input.ResourceConfig?.VolumeKmsKeyId, 'ResourceConfig.VolumeKmsKeyId');
  checkExecutionRole(ctx, input.RoleArn!, resourceArn);
}

async function validate(input: SM.CreateTrainingJobRequest): Promise<void> {
  const problems = checkName(new ProblemList(), 'trainingJobName', input.TrainingJobName);
  (await checkTrainingMembers(problems, input)).check();
  checkTrainingRules(input);
}

export async function createTrainingJob(input: SM.CreateTrainingJobRequest, ctx: RequestContext): Promise<Output<SM.CreateTrainingJobResponse>> {
  await validate(input);
  const tags = checkTags(input.Tags);
  const state = sagemaker(ctx);
  const name = input.TrainingJobName!;
  const arn = sagemakerArn(ctx, TYPE, name);
  if (state.trainingJobs.has(key(name))) {
    throw resourceInUse(`Training job names must be unique within an AWS account and region, and a training job with this name already exists (${arn})`);
  }
  checkTrainingReferences(ctx, input, arn);
  launchTrainingJob(ctx, { ...input, Tags: undefined }, tags, { start: ctx.now, end: after(ctx) });
  return { TrainingJobArn: arn };
}

/**
 * Starts a validated training job: InProgress from `start`, through the secondary statuses, to
 * Completed at `end` (a tuning job runs its trials in shorter waves). Publishes the creation event.
 */
export function launchTrainingJob(ctx: RequestContext, spec: SM.CreateTrainingJobRequest, tags: Tag[], timing: { start: Date; end: Date; tuning?: TuningOrigin }): TrainingJob {
  const state = sagemaker(ctx);
  const name = spec.TrainingJobName!;
  const { start, end } = timing;
  const job: TrainingJob = {
    name,
    arn: sagemakerArn(ctx, TYPE, name),
    creationTime: start,
    lastModifiedTime: start,
    status: 'InProgress',
    transitions: [],
    spec,
    secondaryStatus: 'Starting',
    secondaryTransitions: [{ Status: 'Starting', StartTime: start, StatusMessage: STAGES[0]!.message }],
    ...(timing.tuning ? { tuning: timing.tuning } : {}),
  };
  const span = end.getTime() - start.getTime();
  schedule(job, STAGES.slice(1).map((stage): Transition => ({
    at: new Date(start.getTime() + Math.round(span * stage.at)),
    status: stage.status === 'Completed' ? 'Completed' : 'InProgress',
    detail: { secondary: stage.status, message: stage.message },
  })));
  state.trainingJobs.set(key(name), job);
  setTags(state, job.arn, tags);
  publishTrainingJobEvent(ctx, describe(job) as Record<string, unknown>, tags, start);
  return job;
}

/**
 * The final objective metric a tuning job's trial reports once it completes: deterministic, from
 * the job's name (uint32 of SHA-256 / 2^32, 6 decimals), so tests and labs can rely on it.
 */
export function objectiveValue(job: TrainingJob): number {
  return Math.round((createHash('sha256').update(job.name).digest().readUInt32BE(0) / 2 ** 32) * 1e6) / 1e6;
}

function modelArtifacts(job: TrainingJob): SM.ModelArtifacts | undefined {
  const trained = job.secondaryTransitions.some((t) => t.Status === 'Uploading' || t.Status === 'Completed');
  if (!trained) return undefined;
  const base = job.spec.OutputDataConfig!.S3OutputPath!.replace(/\/+$/, '');
  return { S3ModelArtifacts: `${base}/${job.name}/output/model.tar.gz` };
}

function seconds(from: Date | undefined, to: Date | undefined): number | undefined {
  if (!from || !to) return undefined;
  return Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 1000));
}

function describe(job: TrainingJob): Output<SM.DescribeTrainingJobResponse> {
  const spec = job.spec;
  const trainingTime = seconds(job.trainingStartTime, job.trainingEndTime);
  const billable = trainingTime === undefined ? undefined : spec.EnableManagedSpotTraining ? Math.max(1, Math.ceil(trainingTime * SPOT_BILLED_SHARE)) : trainingTime;
  return {
    TrainingJobName: job.name,
    TrainingJobArn: job.arn,
    ModelArtifacts: modelArtifacts(job),
    TrainingJobStatus: job.status as SM.TrainingJobStatus,
    SecondaryStatus: job.secondaryStatus as SM.SecondaryStatus,
    FailureReason: job.failureReason,
    TuningJobArn: job.tuning?.jobArn,
    HyperParameters: spec.HyperParameters,
    AlgorithmSpecification: spec.AlgorithmSpecification,
    RoleArn: spec.RoleArn,
    InputDataConfig: spec.InputDataConfig,
    // AWS reports an empty KmsKeyId when the output is encrypted with the default S3 key.
    OutputDataConfig: { KmsKeyId: '', CompressionType: 'GZIP', ...spec.OutputDataConfig } as SM.OutputDataConfig,
    ResourceConfig: spec.ResourceConfig,
    VpcConfig: spec.VpcConfig,
    StoppingCondition: { MaxRuntimeInSeconds: 86400, ...spec.StoppingCondition },
    CreationTime: job.creationTime,
    TrainingStartTime: job.trainingStartTime,
    TrainingEndTime: job.trainingEndTime,
    LastModifiedTime: job.lastModifiedTime,
    SecondaryStatusTransitions: job.secondaryTransitions as SM.SecondaryStatusTransition[],
    EnableNetworkIsolation: spec.EnableNetworkIsolation ?? false,
    EnableInterContainerTrafficEncryption: spec.EnableInterContainerTrafficEncryption ?? false,
    EnableManagedSpotTraining: spec.EnableManagedSpotTraining ?? false,
    CheckpointConfig: spec.CheckpointConfig,
    FinalMetricDataList: job.tuning && job.status === 'Completed' ? [{ MetricName: job.tuning.objective.MetricName, Value: objectiveValue(job), Timestamp: job.trainingEndTime }] : undefined,
    TrainingTimeInSeconds: trainingTime,
    BillableTimeInSeconds: billable,
    DebugHookConfig: spec.DebugHookConfig,
    ExperimentConfig: spec.ExperimentConfig,
    DebugRuleConfigurations: spec.DebugRuleConfigurations,
    TensorBoardOutputConfig: spec.TensorBoardOutputConfig,
    ProfilerConfig: spec.ProfilerConfig,
    Environment: spec.Environment,
    RetryStrategy: spec.RetryStrategy,
    RemoteDebugConfig: spec.RemoteDebugConfig,
    InfraCheckConfig: spec.InfraCheckConfig,
  };
}

export function describeTrainingJob(input: SM.DescribeTrainingJobRequest, ctx: RequestContext): Output<SM.DescribeTrainingJobResponse> {
  return describe(findTrainingJob(ctx, input.TrainingJobName!));
}

export function stopTrainingJob(input: SM.StopTrainingJobRequest, ctx: RequestContext): Output<unknown> {
  const job = findTrainingJob(ctx, input.TrainingJobName!);
  if (job.status !== 'InProgress') {
    throw validation(`The training job ${job.name} cannot be stopped: its status is ${job.status}. Only a job that is InProgress can be stopped.`);
  }
  haltTrainingJob(ctx, job);
  return {};
}

/** Moves an InProgress job to Stopping now and to Stopped shortly after (StopTrainingJob, or its tuning job being stopped). */
export function haltTrainingJob(ctx: RequestContext, job: TrainingJob): void {
  job.status = 'Stopping';
  job.lastModifiedTime = ctx.now;
  enterSecondary(job, 'Stopping', 'Stopping the training job', ctx.now);
  schedule(job, [{ at: after(ctx, 0.25), status: 'Stopped', detail: { secondary: 'Stopped', message: 'Training job stopped' } }]);
  publishTrainingJobEvent(ctx, describe(job) as Record<string, unknown>, tagsOf(sagemaker(ctx), job.arn), ctx.now);
}

export function listTrainingJobs(input: SM.ListTrainingJobsRequest, ctx: RequestContext): Output<SM.ListTrainingJobsResponse> {
  const { page, NextToken } = listPage(sagemaker(ctx).trainingJobs.values(), input, { sortBy: ['Name', 'CreationTime', 'Status'], defaultSortBy: 'CreationTime', defaultSortOrder: 'Ascending', statuses: STATUSES });
  return {
    TrainingJobSummaries: page.map((job) => ({
      TrainingJobName: job.name,
      TrainingJobArn: job.arn,
      CreationTime: job.creationTime,
      TrainingEndTime: job.trainingEndTime,
      LastModifiedTime: job.lastModifiedTime,
      TrainingJobStatus: job.status as SM.TrainingJobStatus,
      SecondaryStatus: job.secondaryStatus as SM.SecondaryStatus,
    })),
    NextToken,
  };
}

function enterSecondary(job: TrainingJob, status: string, message: string, at: Date): void {
  const current = job.secondaryTransitions[job.secondaryTransitions.length - 1];
  if (current && !current.EndTime) current.EndTime = at;
  job.secondaryStatus = status;
  const final = status === 'Completed' || status === 'Stopped' || status === 'Failed';
  job.secondaryTransitions.push(final ? { Status: status, StartTime: at, EndTime: at, StatusMessage: message } : { Status: status, StartTime: at, StatusMessage: message });
  if (status === 'Downloading') job.trainingStartTime = at;
  if (final) job.trainingEndTime = at;
}

export function settleTrainingJobs(state: SageMakerState, ctx: RequestContext): boolean {
  let changed = false;
  for (const job of state.trainingJobs.values()) {
    for (const transition of due(job, ctx.now)) {
      changed = true;
      const detail = transition.detail as { secondary: string; message: string } | undefined;
      if (detail) enterSecondary(job, detail.secondary, detail.message, transition.at);
      publishTrainingJobEvent(ctx, describe(job) as Record<string, unknown>, tagsOf(state, job.arn), transition.at);
    }
  }
  return changed;
}
