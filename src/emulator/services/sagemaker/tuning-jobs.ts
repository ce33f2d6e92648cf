/**
 * Hyperparameter tuning jobs: InProgress → Completed over the transition delay, or Stopping →
 * Stopped. A tuning job launches its trials as real emulated training jobs, in waves of
 * MaxParallelTrainingJobs spread over the delay (the first wave when it is created), each with
 * hyperparameter values chosen deterministically inside the ranges and the tuning job's tags.
 * Completed trials report a deterministic objective value (training-jobs.ts `objectiveValue`), so
 * BestTrainingJob is stable. Deleting a tuning job keeps its training jobs, as on AWS.
 */
import { createHash } from 'node:crypto';
import type * as SM from '@aws-sdk/client-sagemaker';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import {
  after,
  byCodePoint,
  checkCount,
  checkMap,
  enumValues,
  enums,
  key,
  listPage,
  NAME_PATTERN,
  paginate,
  randomHex,
  resourceInUse,
  resourceNotFound,
  sagemaker,
  sagemakerArn,
  transitionDelay,
  validation,
} from './common.ts';
import { due, schedule } from './progress.ts';
import { type HyperParameterTuningJob, type SageMakerState, type Tag, type TrainingJob, type Transition, tuningJobsOf } from './state.ts';
import { checkTags, dropTags, setTags, tagsOf } from './tags.ts';
import { checkTrainingMembers, checkTrainingReferences, checkTrainingRules, haltTrainingJob, launchTrainingJob, objectiveValue } from './training-jobs.ts';

const TYPE = 'hyper-parameter-tuning-job';
const STATUSES = ['Completed', 'InProgress', 'Failed', 'Stopped', 'Stopping', 'Deleting', 'DeleteFailed'];
const TRAINING_STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'];
const NAME_TEXT = '^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}';
const DEFINITION_NAME_TEXT = '^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}';
/** The most trials the emulator launches for one tuning job (AWS's own default quota is far lower than what a lab needs to see). */
export const MAX_TRIALS = 500;

function notFound(name: string): Error {
  return resourceNotFound(`Amazon SageMaker can't find a tuning job called ${name}. Type another name.`);
}

export function findTuningJob(ctx: RequestContext, name: string): HyperParameterTuningJob {
  const job = tuningJobsOf(sagemaker(ctx)).get(key(name));
  if (!job) throw notFound(name);
  return job;
}

function checkJobName(problems: ProblemList, path: string, value: string | undefined): ProblemList {
  return problems.minLength(path, value, 1).maxLength(path, value, 32).pattern(path, value, NAME_PATTERN, NAME_TEXT);
}

/** A tuning job's definition of its trials, as the training job it becomes (without name and hyperparameters). */
function trainingSpec(def: SM.HyperParameterTrainingJobDefinition): SM.CreateTrainingJobRequest {
  const tuningResources = def.HyperParameterTuningResourceConfig;
  const first = tuningResources?.InstanceConfigs?.[0];
  const resources: SM.ResourceConfig | undefined = def.ResourceConfig ?? (tuningResources
    ? { InstanceType: tuningResources.InstanceType ?? first?.InstanceType, InstanceCount: tuningResources.InstanceCount ?? first?.InstanceCount, VolumeSizeInGB: tuningResources.VolumeSizeInGB ?? first?.VolumeSizeInGB ?? 0, VolumeKmsKeyId: tuningResources.VolumeKmsKeyId }
    : undefined);
  const algo = def.AlgorithmSpecification;
  return {
    TrainingJobName: undefined,
    RoleArn: def.RoleArn,
    AlgorithmSpecification: algo && { TrainingImage: algo.TrainingImage, AlgorithmName: algo.AlgorithmName, TrainingInputMode: algo.TrainingInputMode, MetricDefinitions: algo.MetricDefinitions },
    InputDataConfig: def.InputDataConfig,
    VpcConfig: def.VpcConfig,
    OutputDataConfig: def.OutputDataConfig,
    ResourceConfig: resources,
    StoppingCondition: def.StoppingCondition,
    EnableNetworkIsolation: def.EnableNetworkIsolation,
    EnableInterContainerTrafficEncryption: def.EnableInterContainerTrafficEncryption,
    EnableManagedSpotTraining: def.EnableManagedSpotTraining,
    CheckpointConfig: def.CheckpointConfig,
    RetryStrategy: def.RetryStrategy,
    Environment: def.Environment,
  };
}

function definitionsOf(spec: SM.CreateHyperParameterTuningJobRequest): SM.HyperParameterTrainingJobDefinition[] {
  return spec.TrainingJobDefinition ? [spec.TrainingJobDefinition] : spec.TrainingJobDefinitions ?? [];
}

function rangesOf(spec: SM.CreateHyperParameterTuningJobRequest, def: SM.HyperParameterTrainingJobDefinition): SM.ParameterRanges {
  return def.HyperParameterRanges ?? spec.HyperParameterTuningJobConfig?.ParameterRanges ?? {};
}

function objectiveOf(spec: SM.CreateHyperParameterTuningJobRequest, def: SM.HyperParameterTrainingJobDefinition): SM.HyperParameterTuningJobObjective | undefined {
  return def.TuningObjective ?? spec.HyperParameterTuningJobConfig?.HyperParameterTuningJobObjective;
}

function checkRanges(ranges: SM.ParameterRanges, where: string): void {
  for (const range of ranges.IntegerParameterRanges ?? []) {
    const min = Number(range.MinValue);
    const max = Number(range.MaxValue);
    if (!Number.isInteger(min) || !Number.isInteger(max)) throw validation(`The IntegerParameterRange ${range.Name} in ${where} must have integer MinValue and MaxValue, not '${range.MinValue}' and '${range.MaxValue}'.`);
    if (min > max) throw validation(`The MinValue (${range.MinValue}) of the IntegerParameterRange ${range.Name} in ${where} is greater than its MaxValue (${range.MaxValue}).`);
  }
  for (const range of ranges.ContinuousParameterRanges ?? []) {
    const min = Number(range.MinValue);
    const max = Number(range.MaxValue);
    if (!Number.isFinite(min) || !Number.isFinite(max) || range.MinValue?.trim() === '' || range.MaxValue?.trim() === '') throw validation(`The ContinuousParameterRange ${range.Name} in ${where} must have numeric MinValue and MaxValue, not '${range.MinValue}' and '${range.MaxValue}'.`);
    if (min > max) throw validation(`The MinValue (${range.MinValue}) of the ContinuousParameterRange ${range.Name} in ${where} is greater than its MaxValue (${range.MaxValue}).`);
  }
  for (const range of ranges.CategoricalParameterRanges ?? []) {
    if (!range.Values?.length) throw validation(`The CategoricalParameterRange ${range.Name} in ${where} must list at least one value.`);
  }
}

async function validate(input: SM.CreateHyperParameterTuningJobRequest): Promise<void> {
  const sdk = await enums();
  const problems = checkJobName(new ProblemList(), 'hyperParameterTuningJobName', input.HyperParameterTuningJobName);
  const config = input.HyperParameterTuningJobConfig;
  problems.oneOf('hyperParameterTuningJobConfig.strategy', config?.Strategy, enumValues(sdk.HyperParameterTuningJobStrategyType));
  problems.oneOf('hyperParameterTuningJobConfig.trainingJobEarlyStoppingType', config?.TrainingJobEarlyStoppingType, enumValues(sdk.TrainingJobEarlyStoppingType));
  const limits = config?.ResourceLimits;
  problems.range('hyperParameterTuningJobConfig.resourceLimits.maxNumberOfTrainingJobs', limits?.MaxNumberOfTrainingJobs, 1, Number.MAX_SAFE_INTEGER);
  problems.range('hyperParameterTuningJobConfig.resourceLimits.maxParallelTrainingJobs', limits?.MaxParallelTrainingJobs, 1, Number.MAX_SAFE_INTEGER);
  problems.range('hyperParameterTuningJobConfig.resourceLimits.maxRuntimeInSeconds', limits?.MaxRuntimeInSeconds, 120, 15_768_000);
  const objective = config?.HyperParameterTuningJobObjective;
  problems.oneOf('hyperParameterTuningJobConfig.hyperParameterTuningJobObjective.type', objective?.Type, enumValues(sdk.HyperParameterTuningJobObjectiveType));
  problems.minLength('hyperParameterTuningJobConfig.hyperParameterTuningJobObjective.metricName', objective?.MetricName, 1).maxLength('hyperParameterTuningJobConfig.hyperParameterTuningJobObjective.metricName', objective?.MetricName, 255);
  checkCount(problems, 'trainingJobDefinitions', input.TrainingJobDefinitions, 1, 10);
  const defs: [string, SM.HyperParameterTrainingJobDefinition][] = input.TrainingJobDefinition
    ? [['trainingJobDefinition', input.TrainingJobDefinition]]
    : (input.TrainingJobDefinitions ?? []).map((d, i) => [`trainingJobDefinitions.${i + 1}.member`, d]);
  for (const [at, def] of defs) {
    problems.minLength(`${at}.definitionName`, def.DefinitionName, 1).maxLength(`${at}.definitionName`, def.DefinitionName, 64).pattern(`${at}.definitionName`, def.DefinitionName, NAME_PATTERN, DEFINITION_NAME_TEXT);
    problems.oneOf(`${at}.tuningObjective.type`, def.TuningObjective?.Type, enumValues(sdk.HyperParameterTuningJobObjectiveType));
    checkMap(problems, `${at}.staticHyperParameters`, def.StaticHyperParameters, { entries: 100, key: 256, value: 2500 });
    problems.oneOf(`${at}.hyperParameterTuningResourceConfig.instanceType`, def.HyperParameterTuningResourceConfig?.InstanceType, enumValues(sdk.TrainingInstanceType));
    await checkTrainingMembers(problems, trainingSpec(def), at);
  }
  problems.check();

  if (input.TrainingJobDefinition && input.TrainingJobDefinitions) throw validation('Specify either TrainingJobDefinition or TrainingJobDefinitions, not both.');
  if (!defs.length) throw validation('A hyperparameter tuning job needs a TrainingJobDefinition or TrainingJobDefinitions.');
  if (input.TrainingJobDefinitions) {
    const names = input.TrainingJobDefinitions.map((d) => d.DefinitionName);
    if (names.some((n) => !n)) throw validation('Every training job definition in TrainingJobDefinitions needs a DefinitionName.');
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) throw validation(`Training job definition names must be unique: '${duplicate}' is given more than once.`);
  }
  for (const [, def] of defs) {
    const where = def.DefinitionName ? `training job definition ${def.DefinitionName}` : 'the training job definition';
    if (!objectiveOf(input, def)) throw validation(`A tuning objective is required for ${where}: give HyperParameterTuningJobConfig.HyperParameterTuningJobObjective or the definition's TuningObjective.`);
    const ranges = rangesOf(input, def);
    checkRanges(ranges, where);
    const tuned = [...(ranges.IntegerParameterRanges ?? []), ...(ranges.ContinuousParameterRanges ?? []), ...(ranges.CategoricalParameterRanges ?? [])].map((r) => r.Name!);
    const both = tuned.find((name) => def.StaticHyperParameters?.[name] !== undefined);
    if (both) throw validation(`The hyperparameter ${both} is both static and tunable in ${where}; give it in StaticHyperParameters or in a parameter range, not both.`);
    if (config?.Strategy === 'Grid' && (ranges.IntegerParameterRanges?.length || ranges.ContinuousParameterRanges?.length)) {
      throw validation('The Grid strategy takes only CategoricalParameterRanges.');
    }
    // The training job rules (Spot and MaxWaitTimeInSeconds, image or algorithm, instances) hold for every trial.
    checkTrainingRules(trainingSpec(def));
  }
}

/** How many trials the job launches: MaxNumberOfTrainingJobs, or every grid point, or one wave. */
function plannedTrials(spec: SM.CreateHyperParameterTuningJobRequest): number {
  const limits = spec.HyperParameterTuningJobConfig!.ResourceLimits!;
  if (limits.MaxNumberOfTrainingJobs !== undefined) return Math.min(limits.MaxNumberOfTrainingJobs, MAX_TRIALS);
  if (spec.HyperParameterTuningJobConfig!.Strategy === 'Grid') {
    const sizes = definitionsOf(spec).map((def) => (rangesOf(spec, def).CategoricalParameterRanges ?? []).reduce((n, r) => n * r.Values!.length, 1));
    return Math.min(sizes.reduce((a, b) => a + b, 0), MAX_TRIALS);
  }
  return Math.min(limits.MaxParallelTrainingJobs!, MAX_TRIALS);
}

export async function createHyperParameterTuningJob(input: SM.CreateHyperParameterTuningJobRequest, ctx: RequestContext): Promise<Output<SM.CreateHyperParameterTuningJobResponse>> {
  await validate(input);
  const tags = checkTags(input.Tags);
  const jobs = tuningJobsOf(sagemaker(ctx));
  const name = input.HyperParameterTuningJobName!;
  if (jobs.has(key(name))) throw resourceInUse(`A hyperparameter tuning job with the name, ${name}, already exists. Choose a different name.`);
  const arn = sagemakerArn(ctx, TYPE, name);
  for (const def of definitionsOf(input)) checkTrainingReferences(ctx, trainingSpec(def), arn);

  const job: HyperParameterTuningJob = {
    name,
    arn,
    creationTime: ctx.now,
    lastModifiedTime: ctx.now,
    status: 'InProgress',
    transitions: [],
    spec: { ...input, Tags: undefined },
    plannedTrainingJobs: plannedTrials(input),
    trainingJobNames: [],
  };
  // Trials run in waves of MaxParallelTrainingJobs; the delay is shared between the waves.
  const parallel = Math.min(input.HyperParameterTuningJobConfig!.ResourceLimits!.MaxParallelTrainingJobs!, job.plannedTrainingJobs);
  const waves = Math.ceil(job.plannedTrainingJobs / parallel);
  const delay = transitionDelay(ctx);
  const boundary = (wave: number) => new Date(ctx.now.getTime() + Math.round((delay * wave) / waves));
  const transitions: Transition[] = [];
  for (let wave = 1; wave < waves; wave++) transitions.push({ at: boundary(wave), status: 'InProgress', detail: { wave, parallel, waves, delay } });
  transitions.push({ at: boundary(waves), status: 'Completed' });
  schedule(job, transitions);
  jobs.set(key(name), job);
  setTags(sagemaker(ctx), arn, tags);
  launchWave(ctx, job, 0, parallel, waves, ctx.now, delay);
  return { HyperParameterTuningJobArn: arn };
}

/** A number in [0, 1) from a seed: the same trial always gets the same values. */
function unit(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

function tunedValues(job: HyperParameterTuningJob, ranges: SM.ParameterRanges, trial: number): Record<string, string> {
  const out: Record<string, string> = {};
  const seed = (name: string) => unit(`${job.name}#${trial}#${name}`);
  if (job.spec.HyperParameterTuningJobConfig!.Strategy === 'Grid') {
    // Grid: the trial-th point of the cartesian product of the categorical values.
    let rest = trial;
    for (const range of ranges.CategoricalParameterRanges ?? []) {
      out[range.Name!] = range.Values![rest % range.Values!.length]!;
      rest = Math.floor(rest / range.Values!.length);
    }
    return out;
  }
  for (const range of ranges.IntegerParameterRanges ?? []) {
    const min = Number(range.MinValue);
    const max = Number(range.MaxValue);
    out[range.Name!] = String(min + Math.floor(seed(range.Name!) * (max - min + 1)));
  }
  for (const range of ranges.ContinuousParameterRanges ?? []) {
    const min = Number(range.MinValue);
    const max = Number(range.MaxValue);
    out[range.Name!] = String(Math.round((min + seed(range.Name!) * (max - min)) * 1e6) / 1e6);
  }
  for (const range of ranges.CategoricalParameterRanges ?? []) out[range.Name!] = range.Values![Math.floor(seed(range.Name!) * range.Values!.length)]!;
  return out;
}

/** Launches the trials of one wave as training jobs running from the wave's start to its end. */
function launchWave(ctx: RequestContext, job: HyperParameterTuningJob, wave: number, parallel: number, waves: number, start: Date, delay: number): void {
  const state = sagemaker(ctx);
  const end = new Date(job.creationTime.getTime() + Math.round((delay * (wave + 1)) / waves));
  const defs = definitionsOf(job.spec);
  const tags: Tag[] = tagsOf(state, job.arn);
  const first = wave * parallel;
  for (let trial = first; trial < Math.min(first + parallel, job.plannedTrainingJobs); trial++) {
    const def = defs[trial % defs.length]!;
    const objective = objectiveOf(job.spec, def)!;
    const tuned = tunedValues(job, rangesOf(job.spec, def), trial);
    const name = `${job.name}-${String(trial + 1).padStart(3, '0')}-${randomHex(8)}`;
    const spec: SM.CreateTrainingJobRequest = {
      ...trainingSpec(def),
      TrainingJobName: name,
      // SageMaker passes the objective metric's name to every trial, with the static and chosen values.
      HyperParameters: { ...def.StaticHyperParameters, ...tuned, _tuning_objective_metric: objective.MetricName! },
    };
    launchTrainingJob(ctx, spec, tags, {
      start,
      end,
      tuning: { jobName: job.name, jobArn: job.arn, definitionName: def.DefinitionName, tuned, objective: { Type: objective.Type, MetricName: objective.MetricName! } },
    });
    job.trainingJobNames.push(name);
  }
}

function trialsOf(state: SageMakerState, job: HyperParameterTuningJob): TrainingJob[] {
  return job.trainingJobNames.map((n) => state.trainingJobs.get(key(n))).filter((j): j is TrainingJob => j !== undefined);
}

function trialSummary(trial: TrainingJob): SM.HyperParameterTrainingJobSummary {
  const origin = trial.tuning!;
  const completed = trial.status === 'Completed';
  return {
    TrainingJobDefinitionName: origin.definitionName,
    TrainingJobName: trial.name,
    TrainingJobArn: trial.arn,
    TuningJobName: origin.jobName,
    CreationTime: trial.creationTime,
    TrainingStartTime: trial.trainingStartTime,
    TrainingEndTime: trial.trainingEndTime,
    TrainingJobStatus: trial.status as SM.TrainingJobStatus,
    TunedHyperParameters: origin.tuned,
    FinalHyperParameterTuningJobObjectiveMetric: completed ? { Type: origin.objective.Type as SM.HyperParameterTuningJobObjectiveType, MetricName: origin.objective.MetricName, Value: objectiveValue(trial) } : undefined,
    ObjectiveStatus: completed ? 'Succeeded' : trial.status === 'InProgress' || trial.status === 'Stopping' ? 'Pending' : 'Failed',
  };
}

function counters(trials: readonly TrainingJob[]): { training: SM.TrainingJobStatusCounters; objective: SM.ObjectiveStatusCounters } {
  const count = (...statuses: string[]) => trials.filter((t) => statuses.includes(t.status)).length;
  return {
    training: { Completed: count('Completed'), InProgress: count('InProgress', 'Stopping'), RetryableError: 0, NonRetryableError: count('Failed'), Stopped: count('Stopped') },
    objective: { Succeeded: count('Completed'), Pending: count('InProgress', 'Stopping'), Failed: count('Failed', 'Stopped') },
  };
}

function best(trials: readonly TrainingJob[]): SM.HyperParameterTrainingJobSummary | undefined {
  const scored = trials.filter((t) => t.status === 'Completed');
  if (!scored.length) return undefined;
  const minimize = scored[0]!.tuning!.objective.Type === 'Minimize';
  const winner = scored.reduce((a, b) => ((minimize ? objectiveValue(b) < objectiveValue(a) : objectiveValue(b) > objectiveValue(a)) ? b : a));
  return trialSummary(winner);
}

/** What DescribeHyperParameterTuningJob reports of a definition: as sent, with AWS's false defaults for the security switches. */
function describeDefinition(def: SM.HyperParameterTrainingJobDefinition | undefined): SM.HyperParameterTrainingJobDefinition | undefined {
  if (!def) return undefined;
  return {
    ...def,
    EnableNetworkIsolation: def.EnableNetworkIsolation ?? false,
    EnableInterContainerTrafficEncryption: def.EnableInterContainerTrafficEncryption ?? false,
    EnableManagedSpotTraining: def.EnableManagedSpotTraining ?? false,
  };
}

function describe(state: SageMakerState, job: HyperParameterTuningJob, now: Date): Output<SM.DescribeHyperParameterTuningJobResponse> {
  const trials = trialsOf(state, job);
  const { training, objective } = counters(trials);
  const end = job.endTime ?? now;
  return {
    HyperParameterTuningJobName: job.name,
    HyperParameterTuningJobArn: job.arn,
    HyperParameterTuningJobConfig: { TrainingJobEarlyStoppingType: 'Off', ...job.spec.HyperParameterTuningJobConfig! },
    TrainingJobDefinition: describeDefinition(job.spec.TrainingJobDefinition),
    TrainingJobDefinitions: job.spec.TrainingJobDefinitions?.map((d) => describeDefinition(d)!),
    HyperParameterTuningJobStatus: job.status as SM.HyperParameterTuningJobStatus,
    CreationTime: job.creationTime,
    HyperParameterTuningEndTime: job.endTime,
    LastModifiedTime: job.lastModifiedTime,
    TrainingJobStatusCounters: training,
    ObjectiveStatusCounters: objective,
    BestTrainingJob: best(trials),
    WarmStartConfig: job.spec.WarmStartConfig,
    Autotune: job.spec.Autotune,
    FailureReason: job.failureReason,
    ConsumedResources: { RuntimeInSeconds: Math.max(0, Math.floor((end.getTime() - job.creationTime.getTime()) / 1000)) },
  };
}

export function describeHyperParameterTuningJob(input: SM.DescribeHyperParameterTuningJobRequest, ctx: RequestContext): Output<SM.DescribeHyperParameterTuningJobResponse> {
  checkJobName(new ProblemList(), 'hyperParameterTuningJobName', input.HyperParameterTuningJobName).check();
  return describe(sagemaker(ctx), findTuningJob(ctx, input.HyperParameterTuningJobName!), ctx.now);
}

export function listHyperParameterTuningJobs(input: SM.ListHyperParameterTuningJobsRequest, ctx: RequestContext): Output<SM.ListHyperParameterTuningJobsResponse> {
  const state = sagemaker(ctx);
  const { page, NextToken } = listPage(tuningJobsOf(state).values(), input, { sortBy: ['Name', 'Status', 'CreationTime'], defaultSortBy: 'Name', defaultSortOrder: 'Ascending', statuses: STATUSES });
  return {
    HyperParameterTuningJobSummaries: page.map((job) => {
      const { training, objective } = counters(trialsOf(state, job));
      return {
        HyperParameterTuningJobName: job.name,
        HyperParameterTuningJobArn: job.arn,
        HyperParameterTuningJobStatus: job.status as SM.HyperParameterTuningJobStatus,
        Strategy: job.spec.HyperParameterTuningJobConfig!.Strategy!,
        CreationTime: job.creationTime,
        HyperParameterTuningEndTime: job.endTime,
        LastModifiedTime: job.lastModifiedTime,
        TrainingJobStatusCounters: training,
        ObjectiveStatusCounters: objective,
        ResourceLimits: job.spec.HyperParameterTuningJobConfig!.ResourceLimits,
      };
    }),
    NextToken,
  };
}

export function stopHyperParameterTuningJob(input: SM.StopHyperParameterTuningJobRequest, ctx: RequestContext): Output<unknown> {
  checkJobName(new ProblemList(), 'hyperParameterTuningJobName', input.HyperParameterTuningJobName).check();
  const job = findTuningJob(ctx, input.HyperParameterTuningJobName!);
  if (job.status !== 'InProgress') throw validation(`The hyperparameter tuning job ${job.name} cannot be stopped: its status is ${job.status}. Only a job that is InProgress can be stopped.`);
  job.status = 'Stopping';
  job.lastModifiedTime = ctx.now;
  // No more waves; the running trials stop with it.
  for (const trial of trialsOf(sagemaker(ctx), job)) if (trial.status === 'InProgress') haltTrainingJob(ctx, trial);
  schedule(job, [{ at: after(ctx, 0.25), status: 'Stopped' }]);
  return {};
}

export function deleteHyperParameterTuningJob(input: SM.DeleteHyperParameterTuningJobRequest, ctx: RequestContext): Output<unknown> {
  checkJobName(new ProblemList(), 'hyperParameterTuningJobName', input.HyperParameterTuningJobName).check();
  const job = findTuningJob(ctx, input.HyperParameterTuningJobName!);
  if (job.status === 'InProgress' || job.status === 'Stopping') {
    throw validation(`The hyperparameter tuning job ${job.name} cannot be deleted while its status is ${job.status}. Stop it and wait until it is Stopped.`);
  }
  if (job.status === 'Deleting') return {};
  job.status = 'Deleting';
  job.lastModifiedTime = ctx.now;
  schedule(job, [{ at: after(ctx, 0.25), status: 'deleted' }]);
  return {};
}

export function listTrainingJobsForHyperParameterTuningJob(input: SM.ListTrainingJobsForHyperParameterTuningJobRequest, ctx: RequestContext): Output<SM.ListTrainingJobsForHyperParameterTuningJobResponse> {
  const problems = checkJobName(new ProblemList(), 'hyperParameterTuningJobName', input.HyperParameterTuningJobName);
  problems.range('maxResults', input.MaxResults, 1, 100).oneOf('statusEquals', input.StatusEquals, TRAINING_STATUSES);
  problems.oneOf('sortBy', input.SortBy, ['Name', 'CreationTime', 'Status', 'FinalObjectiveMetricValue']).oneOf('sortOrder', input.SortOrder, ['Ascending', 'Descending']);
  problems.maxLength('nextToken', input.NextToken, 8192).check();
  const state = sagemaker(ctx);
  const job = findTuningJob(ctx, input.HyperParameterTuningJobName!);
  let trials = trialsOf(state, job).filter((t) => input.StatusEquals === undefined || t.status === input.StatusEquals);
  const sortBy = input.SortBy ?? 'Name';
  if (sortBy === 'FinalObjectiveMetricValue') {
    // As on AWS: trials without an objective value are left out of this order.
    trials = trials.filter((t) => t.status === 'Completed').sort((a, b) => objectiveValue(a) - objectiveValue(b) || byCodePoint(a.name, b.name));
  } else {
    trials = sortTrials(trials, sortBy);
  }
  if ((input.SortOrder ?? 'Ascending') === 'Descending') trials.reverse();
  const { page, NextToken } = paginate(trials, input.NextToken, input.MaxResults ?? 10);
  return { TrainingJobSummaries: page.map(trialSummary), NextToken };
}

function sortTrials(trials: TrainingJob[], sortBy: string): TrainingJob[] {
  const byName = (a: TrainingJob, b: TrainingJob) => byCodePoint(a.name, b.name);
  switch (sortBy) {
    case 'CreationTime': return [...trials].sort((a, b) => a.creationTime.getTime() - b.creationTime.getTime() || byName(a, b));
    case 'Status': return [...trials].sort((a, b) => byCodePoint(a.status, b.status) || byName(a, b));
    default: return [...trials].sort(byName);
  }
}

export function settleTuningJobs(state: SageMakerState, ctx: RequestContext): boolean {
  let changed = false;
  const jobs = tuningJobsOf(state);
  for (const job of [...jobs.values()]) {
    for (const t of due(job, ctx.now)) {
      changed = true;
      const wave = t.detail as { wave: number; parallel: number; waves: number; delay: number } | undefined;
      if (wave) launchWave(ctx, job, wave.wave, wave.parallel, wave.waves, t.at, wave.delay);
      if (t.status === 'Completed' || t.status === 'Stopped') job.endTime = t.at;
      if (t.status === 'deleted') {
        jobs.delete(key(job.name));
        dropTags(state, job.arn);
      }
    }
  }
  return changed;
}
