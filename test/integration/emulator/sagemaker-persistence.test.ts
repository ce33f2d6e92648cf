/**
 * SageMaker state is plain data that persists: resources survive a restart, time-based statuses
 * keep moving on the schedule set before the restart (computed from the clock, no timers), and a
 * Describe that moved a status on is itself written to disk.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateHyperParameterTuningJobCommand,
  CreateModelCommand,
  CreateModelPackageGroupCommand,
  CreateNotebookInstanceCommand,
  CreateTrainingJobCommand,
  DescribeEndpointCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeModelPackageGroupCommand,
  DescribeNotebookInstanceCommand,
  DescribeTrainingJobCommand,
  ListTagsCommand,
  ListTrainingJobsForHyperParameterTuningJobCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { optionsFromEnv } from '../../../src/emulator/index.ts';
import { clientConfig, emulator } from './support.ts';

const KEYS = { accessKeyId: '246813579024', secretAccessKey: 'x' };
const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SageMaker persistence', () => {
  it('keeps resources, tags and pending transitions across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlsec-sagemaker-'));
    dirs.push(dataDir);
    let clock = Date.parse('2026-06-01T10:00:00Z');
    const options = { dataDir, now: () => clock, serviceSettings: { sagemaker: { transitionDelayMs: 60_000 } }, persistDebounceMs: 0 };

    const first = await emulator(options);
    const config = clientConfig(first.url, KEYS);
    const role = (await new IAMClient(config).send(new CreateRoleCommand({ RoleName: 'SageMakerExecution', AssumeRolePolicyDocument: trust }))).Role!.Arn!;
    const sm = new SageMakerClient(config);
    const notebookArn = (await sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: 'nb', InstanceType: 'ml.t3.medium', RoleArn: role, RootAccess: 'Disabled', Tags: [{ Key: 'Project', Value: 'churn' }] }))).NotebookInstanceArn!;
    await sm.send(new CreateTrainingJobCommand({
      TrainingJobName: 'train', RoleArn: role,
      AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: 'File' },
      OutputDataConfig: { S3OutputPath: 's3://ml-models/' },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    }));
    await sm.send(new CreateModelCommand({ ModelName: 'm', ExecutionRoleArn: role, PrimaryContainer: { Image: IMAGE } }));
    await sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'c', ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] }));
    await sm.send(new CreateEndpointCommand({ EndpointName: 'e', EndpointConfigName: 'c' }));
    await sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'g' }));
    // A tuning job whose later waves of trials are still to be launched when the emulator stops.
    await sm.send(new CreateHyperParameterTuningJobCommand({
      HyperParameterTuningJobName: 'hpo',
      HyperParameterTuningJobConfig: { Strategy: 'Random', HyperParameterTuningJobObjective: { Type: 'Maximize', MetricName: 'validation:auc' }, ResourceLimits: { MaxNumberOfTrainingJobs: 6, MaxParallelTrainingJobs: 2 }, ParameterRanges: { IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '3', MaxValue: '10' }] } },
      TrainingJobDefinition: { RoleArn: role, AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: 'File' }, OutputDataConfig: { S3OutputPath: 's3://ml-models/' }, ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 }, StoppingCondition: { MaxRuntimeInSeconds: 3600 } },
      Tags: [{ Key: 'Project', Value: 'churn' }],
    }));
    // The notebook becomes InService through a Describe; that read must be persisted too.
    clock += 30_000;
    expect((await sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'nb' }))).NotebookInstanceStatus).toBe('Pending');
    clock += 30_000;
    expect((await sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'nb' }))).NotebookInstanceStatus).toBe('InService');
    await first.flush();
    const file = readFileSync(join(dataDir, 'accounts', `${KEYS.accessKeyId}.json`), 'utf8');
    expect(file).toContain('"status":"InService"');
    await first.stop();

    clock += 1_000;
    const second = await emulator(options);
    const sm2 = new SageMakerClient(clientConfig(second.url, KEYS));
    try {
      expect(await sm2.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'nb' }))).toMatchObject({ NotebookInstanceStatus: 'InService', RootAccess: 'Disabled' });
      expect((await sm2.send(new ListTagsCommand({ ResourceArn: notebookArn }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }]);
      const job = await sm2.send(new DescribeTrainingJobCommand({ TrainingJobName: 'train' }));
      expect(job.TrainingJobStatus).toBe('Completed');
      expect(job.SecondaryStatusTransitions!.map((t) => t.Status)).toEqual(['Starting', 'Downloading', 'Training', 'Uploading', 'Completed']);
      expect((await sm2.send(new DescribeEndpointCommand({ EndpointName: 'e' }))).EndpointStatus).toBe('InService');
      const hpo = await sm2.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'hpo' }));
      expect(hpo).toMatchObject({ HyperParameterTuningJobStatus: 'Completed', TrainingJobStatusCounters: { Completed: 6 } });
      const trials = (await sm2.send(new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: 'hpo' }))).TrainingJobSummaries!;
      expect(trials).toHaveLength(6);
      expect((await sm2.send(new ListTagsCommand({ ResourceArn: trials[5]!.TrainingJobArn }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }]);
      expect((await sm2.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'g' }))).ModelPackageGroupStatus).toBe('Completed');
      const out = await new SageMakerRuntimeClient(clientConfig(second.url, KEYS)).send(new InvokeEndpointCommand({ EndpointName: 'e', ContentType: 'text/csv', Body: Buffer.from('1,2') }));
      expect(out.InvokedProductionVariant).toBe('AllTraffic');
    } finally {
      await second.stop();
    }
  });

  it('reads the transition delay from MLSEC_EMULATOR_SAGEMAKER_DELAY_MS and refuses nonsense', () => {
    expect(optionsFromEnv({ MLSEC_EMULATOR_SAGEMAKER_DELAY_MS: '250' }).serviceSettings).toEqual({ sagemaker: { transitionDelayMs: 250 } });
    expect(optionsFromEnv({}).serviceSettings).toEqual({});
    expect(() => optionsFromEnv({ MLSEC_EMULATOR_SAGEMAKER_DELAY_MS: 'soon' })).toThrow('MLSEC_EMULATOR_SAGEMAKER_DELAY_MS="soon" is not a number of milliseconds');
  });
});
