/**
 * SageMaker hyperparameter tuning jobs through the real SDK over HTTP: the lesson's Spot tuning job,
 * AWS's validation (names, strategy, resource limits, Spot stopping conditions, roles), the trials
 * it launches as training jobs (waves, tuned values inside the ranges, tags), InProgress →
 * Completed on a moved clock, Stop, Delete, and listing with filters, sorting and paging.
 */
import {
  type CreateHyperParameterTuningJobRequest,
  CreateHyperParameterTuningJobCommand,
  DeleteHyperParameterTuningJobCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeTrainingJobCommand,
  ListHyperParameterTuningJobsCommand,
  ListTagsCommand,
  ListTrainingJobsForHyperParameterTuningJobCommand,
  StopHyperParameterTuningJobCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError } from './support.ts';
import { DELAY_MS, executionRole, type SageMakerHarness, sageMakerHarness } from './sagemaker-support.ts';

const ACCOUNT = '123456789012';

describe('SageMaker hyperparameter tuning jobs', () => {
  let h: SageMakerHarness;
  let role: string;
  let tuning: (name: string, extra?: Partial<CreateHyperParameterTuningJobRequest>) => CreateHyperParameterTuningJobRequest;
  beforeAll(async () => {
    h = await sageMakerHarness();
    role = await executionRole(h.iam);
    // The lesson's tuning job: Bayesian, 20 trials 4 at a time, every trial on Spot with checkpoints.
    tuning = (name, extra = {}) => ({
      HyperParameterTuningJobName: name,
      HyperParameterTuningJobConfig: {
        Strategy: 'Bayesian',
        HyperParameterTuningJobObjective: { Type: 'Maximize', MetricName: 'validation:auc' },
        ResourceLimits: { MaxNumberOfTrainingJobs: 20, MaxParallelTrainingJobs: 4 },
        ParameterRanges: {
          ContinuousParameterRanges: [{ Name: 'eta', MinValue: '0.05', MaxValue: '0.5' }],
          IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '3', MaxValue: '10' }],
        },
      },
      TrainingJobDefinition: {
        StaticHyperParameters: { objective: 'binary:logistic', num_round: '200' },
        AlgorithmSpecification: { TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File' },
        RoleArn: role,
        InputDataConfig: [
          { ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://ml-data/churn/train/', S3DataDistributionType: 'FullyReplicated' } } },
          { ChannelName: 'validation', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://ml-data/churn/validation/', S3DataDistributionType: 'FullyReplicated' } } },
        ],
        OutputDataConfig: { S3OutputPath: 's3://ml-data/churn/hpo-output/' },
        ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
        EnableManagedSpotTraining: true,
        StoppingCondition: { MaxRuntimeInSeconds: 1800, MaxWaitTimeInSeconds: 3600 },
        CheckpointConfig: { S3Uri: 's3://ml-data/churn/hpo-checkpoints/' },
      },
      Tags: [{ Key: 'Project', Value: 'churn' }, { Key: 'Environment', Value: 'dev' }],
      ...extra,
    });
  });
  afterAll(async () => h.stop());

  const trials = async (name: string, extra = {}) => (await h.sm.send(new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name, MaxResults: 100, ...extra }))).TrainingJobSummaries!;

  it('creates the lesson\'s Spot tuning job and describes what the lesson queries', async () => {
    const created = await h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('Churn-HPO')));
    expect(created.HyperParameterTuningJobArn).toBe(`arn:aws:sagemaker:us-east-1:${ACCOUNT}:hyper-parameter-tuning-job/churn-hpo`);
    const d = await h.sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'churn-hpo' }));
    expect(d).toMatchObject({
      HyperParameterTuningJobName: 'Churn-HPO',
      HyperParameterTuningJobStatus: 'InProgress',
      HyperParameterTuningJobConfig: { Strategy: 'Bayesian', ResourceLimits: { MaxNumberOfTrainingJobs: 20, MaxParallelTrainingJobs: 4 }, TrainingJobEarlyStoppingType: 'Off' },
      TrainingJobDefinition: {
        EnableManagedSpotTraining: true,
        EnableNetworkIsolation: false,
        EnableInterContainerTrafficEncryption: false,
        StoppingCondition: { MaxRuntimeInSeconds: 1800, MaxWaitTimeInSeconds: 3600 },
        CheckpointConfig: { S3Uri: 's3://ml-data/churn/hpo-checkpoints/' },
      },
      // The first wave (MaxParallelTrainingJobs) starts with the tuning job.
      TrainingJobStatusCounters: { Completed: 0, InProgress: 4, RetryableError: 0, NonRetryableError: 0, Stopped: 0 },
      ObjectiveStatusCounters: { Succeeded: 0, Pending: 4, Failed: 0 },
    });
    expect(d.CreationTime!.getTime()).toBe(h.now().getTime());
    expect(d.BestTrainingJob).toBeUndefined();
    expect(d.HyperParameterTuningEndTime).toBeUndefined();
    expect((await h.sm.send(new ListTagsCommand({ ResourceArn: created.HyperParameterTuningJobArn }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }, { Key: 'Environment', Value: 'dev' }]);
  });

  it('launches its trials as Spot training jobs with tuned values inside the ranges and the tuning job\'s tags', async () => {
    const first = await trials('Churn-HPO');
    expect(first).toHaveLength(4);
    for (const trial of first) {
      expect(trial.TrainingJobName).toMatch(/^Churn-HPO-00[1-4]-[0-9a-f]{8}$/);
      expect(trial).toMatchObject({ TuningJobName: 'Churn-HPO', TrainingJobStatus: 'InProgress', ObjectiveStatus: 'Pending' });
      const eta = Number(trial.TunedHyperParameters!.eta);
      const depth = Number(trial.TunedHyperParameters!.max_depth);
      expect(eta).toBeGreaterThanOrEqual(0.05);
      expect(eta).toBeLessThanOrEqual(0.5);
      expect(Number.isInteger(depth) && depth >= 3 && depth <= 10).toBe(true);
      const job = await h.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: trial.TrainingJobName }));
      expect(job).toMatchObject({
        TuningJobArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:hyper-parameter-tuning-job/churn-hpo`,
        EnableManagedSpotTraining: true,
        StoppingCondition: { MaxRuntimeInSeconds: 1800, MaxWaitTimeInSeconds: 3600 },
        CheckpointConfig: { S3Uri: 's3://ml-data/churn/hpo-checkpoints/' },
        HyperParameters: { objective: 'binary:logistic', num_round: '200', eta: trial.TunedHyperParameters!.eta, max_depth: trial.TunedHyperParameters!.max_depth, _tuning_objective_metric: 'validation:auc' },
        RoleArn: role,
      });
      expect((await h.sm.send(new ListTagsCommand({ ResourceArn: trial.TrainingJobArn }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }, { Key: 'Environment', Value: 'dev' }]);
    }
  });

  it('runs the waves over the delay and completes with the best trial', async () => {
    const start = (await h.sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'Churn-HPO' }))).CreationTime!.getTime();
    h.advance(DELAY_MS / 5); // 20 trials, 4 at a time: 5 waves
    const mid = await h.sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'Churn-HPO' }));
    expect(mid.HyperParameterTuningJobStatus).toBe('InProgress');
    expect(mid.TrainingJobStatusCounters).toMatchObject({ Completed: 4, InProgress: 4 });
    expect(mid.BestTrainingJob).toMatchObject({ TrainingJobStatus: 'Completed', ObjectiveStatus: 'Succeeded', FinalHyperParameterTuningJobObjectiveMetric: { Type: 'Maximize', MetricName: 'validation:auc' } });
    h.advance(DELAY_MS);
    const done = await h.sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'Churn-HPO' }));
    expect(done).toMatchObject({
      HyperParameterTuningJobStatus: 'Completed',
      TrainingJobStatusCounters: { Completed: 20, InProgress: 0, Stopped: 0 },
      ObjectiveStatusCounters: { Succeeded: 20, Pending: 0, Failed: 0 },
      ConsumedResources: { RuntimeInSeconds: DELAY_MS / 1000 },
    });
    expect(done.HyperParameterTuningEndTime!.getTime()).toBe(start + DELAY_MS);
    const all = await trials('Churn-HPO');
    expect(all).toHaveLength(20);
    const values = all.map((t) => t.FinalHyperParameterTuningJobObjectiveMetric!.Value!);
    expect(done.BestTrainingJob!.FinalHyperParameterTuningJobObjectiveMetric!.Value).toBe(Math.max(...values));
    // A trial reports its objective in FinalMetricDataList too.
    const best = await h.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: done.BestTrainingJob!.TrainingJobName }));
    expect(best.FinalMetricDataList).toEqual([{ MetricName: 'validation:auc', Value: Math.max(...values), Timestamp: best.TrainingEndTime }]);
  });

  it('lists trials by name (default), by objective value, by status filter, with paging', async () => {
    const byName = await trials('Churn-HPO');
    expect(byName.map((t) => t.TrainingJobName)).toEqual([...byName.map((t) => t.TrainingJobName!)].sort());
    const byValue = await trials('Churn-HPO', { SortBy: 'FinalObjectiveMetricValue', SortOrder: 'Descending' });
    const values = byValue.map((t) => t.FinalHyperParameterTuningJobObjectiveMetric!.Value!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(await trials('Churn-HPO', { StatusEquals: 'InProgress' })).toEqual([]);
    const page1 = await h.sm.send(new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'Churn-HPO' }));
    expect(page1.TrainingJobSummaries).toHaveLength(10); // AWS's default page size
    const page2 = await h.sm.send(new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'Churn-HPO', NextToken: page1.NextToken }));
    expect([...page1.TrainingJobSummaries!, ...page2.TrainingJobSummaries!].map((t) => t.TrainingJobName)).toEqual(byName.slice(0, 20).map((t) => t.TrainingJobName));
    expect(page2.NextToken).toBeUndefined();
    const missing = await awsError(() => h.sm.send(new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'ghost' })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFound', "Amazon SageMaker can't find a tuning job called ghost. Type another name."]);
    const badSort = await awsError(() => h.sm.send(new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'Churn-HPO', SortBy: 'Size' as never })));
    expect(badSort.message).toContain("Value 'Size' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set:");
  });

  it('validates as AWS does: name, strategy, resource limits, managed Spot stopping conditions, role', async () => {
    const longName = await awsError(() => h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('a'.repeat(33)))));
    expect([longName.name, longName.message]).toEqual(['ValidationException', `1 validation error detected: Value '${'a'.repeat(33)}' at 'hyperParameterTuningJobName' failed to satisfy constraint: Member must have length less than or equal to 32`]);
    const badName = await awsError(() => h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('hpo_1'))));
    expect(badName.message).toBe("1 validation error detected: Value 'hpo_1' at 'hyperParameterTuningJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}");
    const base = tuning('x').HyperParameterTuningJobConfig!;
    const badStrategy = await awsError(() => h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('x', { HyperParameterTuningJobConfig: { ...base, Strategy: 'Genetic' as never } }))));
    expect(badStrategy.message).toBe("1 validation error detected: Value 'Genetic' at 'hyperParameterTuningJobConfig.strategy' failed to satisfy constraint: Member must satisfy enum value set: [Bayesian, Grid, Hyperband, Random]");
    const badLimits = await awsError(() => h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('x', { HyperParameterTuningJobConfig: { ...base, ResourceLimits: { MaxNumberOfTrainingJobs: 0, MaxParallelTrainingJobs: 0, MaxRuntimeInSeconds: 60 } } }))));
    expect(badLimits.message).toMatch(/^3 validation errors detected: /);
    expect(badLimits.message).toContain("Value '0' at 'hyperParameterTuningJobConfig.resourceLimits.maxParallelTrainingJobs' failed to satisfy constraint: Member must have value greater than or equal to 1");
    expect(badLimits.message).toContain("Value '60' at 'hyperParameterTuningJobConfig.resourceLimits.maxRuntimeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 120");
    const def = tuning('x').TrainingJobDefinition!;
    const noWait = await awsError(() => h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('x', { TrainingJobDefinition: { ...def, StoppingCondition: { MaxRuntimeInSeconds: 1800 } } }))));
    expect([noWait.name, noWait.message]).toEqual(['ValidationException', 'Invalid MaxWaitTimeInSeconds. It must be present and be greater than or equal to MaxRuntimeInSeconds']);
    const shortWait = await awsError(() => h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('x', { TrainingJobDefinition: { ...def, StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 1800 } } }))));
    expect(shortWait.message).toBe('Invalid MaxWaitTimeInSeconds. It must be present and be greater than or equal to MaxRuntimeInSeconds');
    const waitWithoutSpot = await awsError(() => h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('x', { TrainingJobDefinition: { ...def, EnableManagedSpotTraining: false } }))));
    expect(waitWithoutSpot.message).toBe('Invalid MaxWaitTimeInSeconds. It is only supported when EnableManagedSpotTraining is set to true');
    const badRoleArn = await awsError(() => h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('x', { TrainingJobDefinition: { ...def, RoleArn: 'not-a-role-arn-at-all' } }))));
    expect(badRoleArn.message).toContain("Value 'not-a-role-arn-at-all' at 'trainingJobDefinition.roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern");
    const ghostRole = `arn:aws:iam::${ACCOUNT}:role/NoSuchRole`;
    const unassumable = await awsError(() => h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('x', { TrainingJobDefinition: { ...def, RoleArn: ghostRole } }))));
    expect([unassumable.name, unassumable.message]).toEqual(['ValidationException', `Could not assume role ${ghostRole}. Please ensure that the role exists and allows principal 'sagemaker.amazonaws.com' to assume the role.`]);
    const missingLimits = await awsError(() => h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('x', { HyperParameterTuningJobConfig: { ...base, ResourceLimits: undefined } }))));
    expect(missingLimits.message).toBe("1 validation error detected: Value null at 'hyperParameterTuningJobConfig.resourceLimits' failed to satisfy constraint: Member must not be null");
    const badRange = await awsError(() => h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('x', { HyperParameterTuningJobConfig: { ...base, ParameterRanges: { IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '10', MaxValue: '3' }] } } }))));
    expect(badRange.name).toBe('ValidationException');
    expect(badRange.message).toContain('max_depth');
    const noDefinition = await awsError(() => h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('x', { TrainingJobDefinition: undefined }))));
    expect(noDefinition.name).toBe('ValidationException');
    expect((await h.sm.send(new ListHyperParameterTuningJobsCommand({ NameContains: 'x' }))).HyperParameterTuningJobSummaries).toEqual([]);
  });

  it('refuses a duplicate name and answers unknown names with ResourceNotFound', async () => {
    const dup = await awsError(() => h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('CHURN-hpo'))));
    expect([dup.name, dup.message]).toEqual(['ResourceInUse', 'A hyperparameter tuning job with the name, CHURN-hpo, already exists. Choose a different name.']);
    for (const send of [
      () => h.sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'ghost' })),
      () => h.sm.send(new StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'ghost' })),
      () => h.sm.send(new DeleteHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'ghost' })),
    ]) {
      const missing = await awsError(send);
      expect([missing.name, missing.message, missing.$metadata.httpStatusCode]).toEqual(['ResourceNotFound', "Amazon SageMaker can't find a tuning job called ghost. Type another name.", 400]);
    }
  });

  it('stops: Stopping with its running trials, then Stopped; no more waves', async () => {
    await h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('stop-me', { Tags: [{ Key: 'Project', Value: 'churn' }] })));
    h.advance(DELAY_MS / 5);
    await h.sm.send(new StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'stop-me' }));
    const stopping = await h.sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'stop-me' }));
    expect(stopping).toMatchObject({ HyperParameterTuningJobStatus: 'Stopping', TrainingJobStatusCounters: { Completed: 4, InProgress: 4 } });
    h.advance(DELAY_MS);
    const stopped = await h.sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'stop-me' }));
    expect(stopped).toMatchObject({ HyperParameterTuningJobStatus: 'Stopped', TrainingJobStatusCounters: { Completed: 4, InProgress: 0, Stopped: 4 }, ObjectiveStatusCounters: { Succeeded: 4, Failed: 4, Pending: 0 } });
    expect(stopped.HyperParameterTuningEndTime).toBeDefined();
    expect(await trials('stop-me')).toHaveLength(8);
    expect((await trials('stop-me', { StatusEquals: 'Stopped' })).every((t) => t.ObjectiveStatus === 'Failed')).toBe(true);
    const again = await awsError(() => h.sm.send(new StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'stop-me' })));
    expect(again.name).toBe('ValidationException');
  });

  it('lists tuning jobs by name ascending (AWS\'s default), with status and time filters and paging', async () => {
    await h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('another', { HyperParameterTuningJobConfig: { ...tuning('x').HyperParameterTuningJobConfig!, Strategy: 'Random', ResourceLimits: { MaxNumberOfTrainingJobs: 2, MaxParallelTrainingJobs: 2 } } })));
    const all = await h.sm.send(new ListHyperParameterTuningJobsCommand({}));
    expect(all.HyperParameterTuningJobSummaries!.map((s) => s.HyperParameterTuningJobName)).toEqual(['Churn-HPO', 'another', 'stop-me']);
    expect(all.HyperParameterTuningJobSummaries![1]).toMatchObject({
      HyperParameterTuningJobArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:hyper-parameter-tuning-job/another`,
      HyperParameterTuningJobStatus: 'InProgress',
      Strategy: 'Random',
      ResourceLimits: { MaxNumberOfTrainingJobs: 2, MaxParallelTrainingJobs: 2 },
      TrainingJobStatusCounters: { InProgress: 2 },
      ObjectiveStatusCounters: { Pending: 2 },
    });
    expect((await h.sm.send(new ListHyperParameterTuningJobsCommand({ StatusEquals: 'Stopped' }))).HyperParameterTuningJobSummaries!.map((s) => s.HyperParameterTuningJobName)).toEqual(['stop-me']);
    expect((await h.sm.send(new ListHyperParameterTuningJobsCommand({ CreationTimeAfter: new Date(h.now().getTime() - 1) }))).HyperParameterTuningJobSummaries!.map((s) => s.HyperParameterTuningJobName)).toEqual(['another']);
    const desc = await h.sm.send(new ListHyperParameterTuningJobsCommand({ SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 2 }));
    expect(desc.HyperParameterTuningJobSummaries!.map((s) => s.HyperParameterTuningJobName)).toEqual(['another', 'stop-me']);
    const rest = await h.sm.send(new ListHyperParameterTuningJobsCommand({ SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 2, NextToken: desc.NextToken }));
    expect(rest.HyperParameterTuningJobSummaries!.map((s) => s.HyperParameterTuningJobName)).toEqual(['Churn-HPO']);
    const badStatus = await awsError(() => h.sm.send(new ListHyperParameterTuningJobsCommand({ StatusEquals: 'Running' as never })));
    expect(badStatus.message).toContain("Value 'Running' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set:");
  });

  it('deletes a finished tuning job (Deleting, then gone) and keeps its training jobs; refuses one in progress', async () => {
    const running = await awsError(() => h.sm.send(new DeleteHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'another' })));
    expect(running.name).toBe('ValidationException');
    const kept = await trials('stop-me');
    await h.sm.send(new DeleteHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'stop-me' }));
    expect((await h.sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'stop-me' }))).HyperParameterTuningJobStatus).toBe('Deleting');
    h.advance(DELAY_MS);
    const gone = await awsError(() => h.sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'stop-me' })));
    expect(gone.name).toBe('ResourceNotFound');
    const trial = await h.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: kept[0]!.TrainingJobName }));
    expect(trial.TrainingJobArn).toBe(kept[0]!.TrainingJobArn);
    // The name can be used again once the old job is gone.
    await h.sm.send(new CreateHyperParameterTuningJobCommand(tuning('stop-me', { HyperParameterTuningJobConfig: { ...tuning('x').HyperParameterTuningJobConfig!, ResourceLimits: { MaxNumberOfTrainingJobs: 1, MaxParallelTrainingJobs: 1 } } })));
    expect((await trials('stop-me')).length).toBe(1);
  });

  it('runs a Grid search over every combination of categorical values, one definition per trial in turn', async () => {
    const def = tuning('x').TrainingJobDefinition!;
    await h.sm.send(new CreateHyperParameterTuningJobCommand({
      HyperParameterTuningJobName: 'grid',
      HyperParameterTuningJobConfig: {
        Strategy: 'Grid',
        HyperParameterTuningJobObjective: { Type: 'Minimize', MetricName: 'validation:logloss' },
        ResourceLimits: { MaxParallelTrainingJobs: 6 },
        ParameterRanges: { CategoricalParameterRanges: [{ Name: 'max_depth', Values: ['3', '5', '7'] }, { Name: 'booster', Values: ['gbtree', 'dart'] }] },
      },
      TrainingJobDefinition: { ...def, EnableManagedSpotTraining: undefined, StoppingCondition: { MaxRuntimeInSeconds: 600 } },
    }));
    const grid = await trials('grid');
    expect(grid.map((t) => `${t.TunedHyperParameters!.max_depth}/${t.TunedHyperParameters!.booster}`).sort()).toEqual(['3/dart', '3/gbtree', '5/dart', '5/gbtree', '7/dart', '7/gbtree']);
    h.advance(DELAY_MS);
    const done = await h.sm.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'grid' }));
    const values = (await trials('grid')).map((t) => t.FinalHyperParameterTuningJobObjectiveMetric!.Value!);
    expect(done.BestTrainingJob!.FinalHyperParameterTuningJobObjectiveMetric).toEqual({ Type: 'Minimize', MetricName: 'validation:logloss', Value: Math.min(...values) });
    expect(done.TrainingJobDefinition!.EnableManagedSpotTraining).toBe(false);
  });
});
