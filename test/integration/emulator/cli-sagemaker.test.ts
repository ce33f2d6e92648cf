/**
 * The `aws sagemaker …` and `aws sagemaker-runtime invoke-endpoint …` commands a learner types in
 * the labs, run with the real AWS CLI against the emulator (skipped, visibly, without the CLI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { AWS_CLI_AVAILABLE as awsCliAvailable, AwsCli, awsCliSkipMessage as skipMessage } from '../../support/aws-cli.ts';
import { clientConfig, emulator } from './support.ts';

const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

if (!awsCliAvailable) console.warn(skipMessage('cli-sagemaker'));

describe.skipIf(!awsCliAvailable)(awsCliAvailable ? 'AWS CLI: sagemaker and sagemaker-runtime' : skipMessage('AWS CLI: sagemaker and sagemaker-runtime'), { timeout: 180_000 }, () => {
  let emu: RunningEmulator;
  let cli: AwsCli;
  let role: string;
  beforeAll(async () => {
    emu = await emulator({ serviceSettings: { sagemaker: { transitionDelayMs: 0 } } });
    cli = new AwsCli(emu.url, { accessKeyId: '123456789012', secretAccessKey: 'x' });
    role = (await new IAMClient(clientConfig(emu.url, { accessKeyId: '123456789012', secretAccessKey: 'x' })).send(new CreateRoleCommand({ RoleName: 'SageMakerExecution', AssumeRolePolicyDocument: trust }))).Role!.Arn!;
  });
  afterAll(async () => {
    cli?.dispose();
    await emu?.stop();
  });

  it('creates, describes, lists and fails to update a running notebook instance', async () => {
    const created = await cli.run(['sagemaker', 'create-notebook-instance', '--notebook-instance-name', 'research', '--instance-type', 'ml.t3.medium', '--role-arn', role, '--tags', 'Key=Project,Value=churn']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.json.NotebookInstanceArn).toBe('arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/research');
    const described = await cli.run(['sagemaker', 'describe-notebook-instance', '--notebook-instance-name', 'research']);
    expect(described.json).toMatchObject({ NotebookInstanceStatus: 'InService', DirectInternetAccess: 'Enabled', RootAccess: 'Enabled' });
    const query = await cli.run(['sagemaker', 'describe-notebook-instance', '--notebook-instance-name', 'research', '--query', 'DirectInternetAccess', '--output', 'text']);
    expect(query.stdout.trim()).toBe('Enabled');
    const update = await cli.run(['sagemaker', 'update-notebook-instance', '--notebook-instance-name', 'research', '--root-access', 'Disabled']);
    expect(update.code).not.toBe(0);
    expect(update.stderr).toContain('An error occurred (ValidationException) when calling the UpdateNotebookInstance operation: Status (InService) not in ([Stopped]). Unable to transition to (Updating) for Notebook Instance (arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/research).');
    expect((await cli.run(['sagemaker', 'stop-notebook-instance', '--notebook-instance-name', 'research'])).code).toBe(0);
    expect((await cli.run(['sagemaker', 'update-notebook-instance', '--notebook-instance-name', 'research', '--root-access', 'Disabled'])).code).toBe(0);
    const listed = await cli.run(['sagemaker', 'list-notebook-instances', '--name-contains', 'research']);
    expect(listed.json.NotebookInstances[0]).toMatchObject({ NotebookInstanceName: 'research', NotebookInstanceStatus: 'Stopped' });
    const tags = await cli.run(['sagemaker', 'list-tags', '--resource-arn', created.json.NotebookInstanceArn]);
    expect(tags.json.Tags).toEqual([{ Key: 'Project', Value: 'churn' }]);
  });

  it('creates a lifecycle configuration from a base64 script', async () => {
    const script = Buffer.from('#!/bin/bash\necho hello\n').toString('base64');
    const created = await cli.run(['sagemaker', 'create-notebook-instance-lifecycle-config', '--notebook-instance-lifecycle-config-name', 'setup', '--on-start', `Content=${script}`]);
    expect(created.code, created.stderr).toBe(0);
    const described = await cli.run(['sagemaker', 'describe-notebook-instance-lifecycle-config', '--notebook-instance-lifecycle-config-name', 'setup']);
    expect(described.json.OnStart).toEqual([{ Content: script }]);
  });

  it('runs a training job from --cli-input-json and reads its hardening fields', async () => {
    const input = join(cli.dir, 'training.json');
    writeFileSync(input, JSON.stringify({
      TrainingJobName: 'churn-train',
      RoleArn: role,
      AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: 'File' },
      InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://ml-data/train/' } } }],
      OutputDataConfig: { S3OutputPath: 's3://ml-models/' },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 },
      EnableManagedSpotTraining: true,
      EnableNetworkIsolation: true,
    }));
    const created = await cli.run(['sagemaker', 'create-training-job', '--cli-input-json', `file://${input}`]);
    expect(created.code, created.stderr).toBe(0);
    const described = await cli.run(['sagemaker', 'describe-training-job', '--training-job-name', 'churn-train']);
    expect(described.json).toMatchObject({ TrainingJobStatus: 'Completed', EnableNetworkIsolation: true, EnableManagedSpotTraining: true, EnableInterContainerTrafficEncryption: false });
    const waited = await cli.run(['sagemaker', 'wait', 'training-job-completed-or-stopped', '--training-job-name', 'churn-train']);
    expect(waited.code, waited.stderr).toBe(0);
  });

  it('runs the purchasing-options lesson\'s Spot tuning job: create, describe --query, list its trials, stop, delete', async () => {
    const config = '{"Strategy":"Bayesian","HyperParameterTuningJobObjective":{"Type":"Maximize","MetricName":"validation:auc"},"ResourceLimits":{"MaxNumberOfTrainingJobs":20,"MaxParallelTrainingJobs":4},"ParameterRanges":{"ContinuousParameterRanges":[{"Name":"eta","MinValue":"0.05","MaxValue":"0.5"}],"IntegerParameterRanges":[{"Name":"max_depth","MinValue":"3","MaxValue":"10"}]}}';
    const definition = (spot: string) => JSON.stringify({
      StaticHyperParameters: { objective: 'binary:logistic', num_round: '200' },
      AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: 'File' },
      RoleArn: role,
      InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://mlsec-demo-training-data/churn/train/', S3DataDistributionType: 'FullyReplicated' } } }],
      OutputDataConfig: { S3OutputPath: 's3://mlsec-demo-training-data/churn/hpo-output/' },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      ...JSON.parse(spot),
      CheckpointConfig: { S3Uri: 's3://mlsec-demo-training-data/churn/hpo-checkpoints/' },
    });
    const spot = '{"EnableManagedSpotTraining":true,"StoppingCondition":{"MaxRuntimeInSeconds":1800,"MaxWaitTimeInSeconds":3600}}';
    const create = (name: string, def: string) => cli.run(['sagemaker', 'create-hyper-parameter-tuning-job', '--hyper-parameter-tuning-job-name', name, '--hyper-parameter-tuning-job-config', config, '--training-job-definition', def, '--tags', 'Key=Project,Value=churn', 'Key=Environment,Value=dev']);
    const noWait = await create('mlsec-demo-churn-hpo', definition('{"EnableManagedSpotTraining":true,"StoppingCondition":{"MaxRuntimeInSeconds":1800}}'));
    expect(noWait.code).not.toBe(0);
    expect(noWait.stderr).toContain('An error occurred (ValidationException) when calling the CreateHyperParameterTuningJob operation: Invalid MaxWaitTimeInSeconds. It must be present and be greater than or equal to MaxRuntimeInSeconds');
    const created = await create('mlsec-demo-churn-hpo', definition(spot));
    expect(created.code, created.stderr).toBe(0);
    expect(created.json.HyperParameterTuningJobArn).toBe('arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/mlsec-demo-churn-hpo');
    const dup = await create('mlsec-demo-churn-hpo', definition(spot));
    expect(dup.stderr).toContain('An error occurred (ResourceInUse) when calling the CreateHyperParameterTuningJob operation: A hyperparameter tuning job with the name, mlsec-demo-churn-hpo, already exists. Choose a different name.');

    const described = await cli.run(['sagemaker', 'describe-hyper-parameter-tuning-job', '--hyper-parameter-tuning-job-name', 'mlsec-demo-churn-hpo', '--query', '{Spot:TrainingJobDefinition.EnableManagedSpotTraining,Stopping:TrainingJobDefinition.StoppingCondition,Limits:HyperParameterTuningJobConfig.ResourceLimits}']);
    expect(described.code, described.stderr).toBe(0);
    expect(described.json).toEqual({ Spot: true, Stopping: { MaxRuntimeInSeconds: 1800, MaxWaitTimeInSeconds: 3600 }, Limits: { MaxNumberOfTrainingJobs: 20, MaxParallelTrainingJobs: 4 } });
    // With no delay the tuning job has finished by the next call: every trial completed, tagged like the tuning job.
    const status = await cli.run(['sagemaker', 'describe-hyper-parameter-tuning-job', '--hyper-parameter-tuning-job-name', 'mlsec-demo-churn-hpo']);
    expect(status.json).toMatchObject({ HyperParameterTuningJobStatus: 'Completed', TrainingJobStatusCounters: { Completed: 20 } });
    const listed = await cli.run(['sagemaker', 'list-training-jobs-for-hyper-parameter-tuning-job', '--hyper-parameter-tuning-job-name', 'mlsec-demo-churn-hpo', '--sort-by', 'FinalObjectiveMetricValue', '--sort-order', 'Descending']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.json.TrainingJobSummaries).toHaveLength(20); // the CLI pages through every result
    expect(listed.json.TrainingJobSummaries[0].TrainingJobName).toBe(status.json.BestTrainingJob.TrainingJobName);
    const trialTags = await cli.run(['sagemaker', 'list-tags', '--resource-arn', listed.json.TrainingJobSummaries[0].TrainingJobArn]);
    expect(trialTags.json.Tags).toEqual([{ Key: 'Project', Value: 'churn' }, { Key: 'Environment', Value: 'dev' }]);
    const jobs = await cli.run(['sagemaker', 'list-hyper-parameter-tuning-jobs', '--status-equals', 'Completed']);
    expect(jobs.json.HyperParameterTuningJobSummaries.map((j: { HyperParameterTuningJobName: string }) => j.HyperParameterTuningJobName)).toEqual(['mlsec-demo-churn-hpo']);

    const stop = await cli.run(['sagemaker', 'stop-hyper-parameter-tuning-job', '--hyper-parameter-tuning-job-name', 'mlsec-demo-churn-hpo']);
    expect(stop.code).not.toBe(0);
    expect(stop.stderr).toContain('(ValidationException) when calling the StopHyperParameterTuningJob operation');
    expect((await cli.run(['sagemaker', 'delete-hyper-parameter-tuning-job', '--hyper-parameter-tuning-job-name', 'mlsec-demo-churn-hpo'])).code).toBe(0);
    const gone = await cli.run(['sagemaker', 'describe-hyper-parameter-tuning-job', '--hyper-parameter-tuning-job-name', 'mlsec-demo-churn-hpo']);
    expect(gone.stderr).toContain("An error occurred (ResourceNotFound) when calling the DescribeHyperParameterTuningJob operation: Amazon SageMaker can't find a tuning job called mlsec-demo-churn-hpo. Type another name.");
  });

  it('deploys an endpoint with data capture, waits for it, shifts weights, and invokes it with sagemaker-runtime', async () => {
    expect((await cli.run(['sagemaker', 'create-model', '--model-name', 'churn', '--execution-role-arn', role, '--primary-container', `Image=${IMAGE},ModelDataUrl=s3://ml-models/churn/model.tar.gz`, '--enable-network-isolation'])).code).toBe(0);
    const config = await cli.run([
      'sagemaker', 'create-endpoint-config', '--endpoint-config-name', 'churn-config',
      '--production-variants', 'VariantName=AllTraffic,ModelName=churn,InstanceType=ml.m5.large,InitialInstanceCount=2,InitialVariantWeight=1',
      '--data-capture-config', 'EnableCapture=true,InitialSamplingPercentage=100,DestinationS3Uri=s3://ml-capture/churn,CaptureOptions=[{CaptureMode=Input},{CaptureMode=Output}]',
    ]);
    expect(config.code, config.stderr).toBe(0);
    expect((await cli.run(['sagemaker', 'create-endpoint', '--endpoint-name', 'churn', '--endpoint-config-name', 'churn-config'])).code).toBe(0);
    const waited = await cli.run(['sagemaker', 'wait', 'endpoint-in-service', '--endpoint-name', 'churn']);
    expect(waited.code, waited.stderr).toBe(0);
    const described = await cli.run(['sagemaker', 'describe-endpoint', '--endpoint-name', 'churn']);
    expect(described.json).toMatchObject({ EndpointStatus: 'InService', DataCaptureConfig: { EnableCapture: true, CaptureStatus: 'Started', CurrentSamplingPercentage: 100 }, ProductionVariants: [{ VariantName: 'AllTraffic', CurrentInstanceCount: 2 }] });

    const out = join(cli.dir, 'prediction.csv');
    const invoked = await cli.run(['sagemaker-runtime', 'invoke-endpoint', '--endpoint-name', 'churn', '--content-type', 'text/csv', '--body', '42,0,1.5', out]);
    expect(invoked.code, invoked.stderr).toBe(0);
    expect(invoked.json).toMatchObject({ ContentType: 'text/csv; charset=utf-8', InvokedProductionVariant: 'AllTraffic' });
    expect(readFileSync(out, 'utf8')).toMatch(/^0\.\d{1,6}$|^0$/);
    const missing = await cli.run(['sagemaker-runtime', 'invoke-endpoint', '--endpoint-name', 'ghost', '--body', '1', out]);
    expect(missing.stderr).toContain('An error occurred (ValidationError) when calling the InvokeEndpoint operation: Endpoint ghost of account 123456789012 not found.');

    const weights = await cli.run(['sagemaker', 'update-endpoint-weights-and-capacities', '--endpoint-name', 'churn', '--desired-weights-and-capacities', 'VariantName=AllTraffic,DesiredInstanceCount=3']);
    expect(weights.code, weights.stderr).toBe(0);
    expect((await cli.run(['sagemaker', 'describe-endpoint', '--endpoint-name', 'churn'])).json.ProductionVariants[0].CurrentInstanceCount).toBe(3);
  });

  it('schedules data-quality monitoring for the endpoint and finds it by endpoint', async () => {
    const input = join(cli.dir, 'schedule.json');
    writeFileSync(input, JSON.stringify({
      MonitoringScheduleName: 'churn-monitor',
      MonitoringScheduleConfig: {
        ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
        MonitoringJobDefinition: {
          MonitoringInputs: [{ EndpointInput: { EndpointName: 'churn', LocalPath: '/opt/ml/processing/input' } }],
          MonitoringOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: 's3://ml-monitor/reports', LocalPath: '/opt/ml/processing/output' } }] },
          MonitoringResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.large', VolumeSizeInGB: 20 } },
          MonitoringAppSpecification: { ImageUri: '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer' },
          RoleArn: role,
          NetworkConfig: { EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true },
        },
      },
    }));
    const created = await cli.run(['sagemaker', 'create-monitoring-schedule', '--cli-input-json', `file://${input}`]);
    expect(created.code, created.stderr).toBe(0);
    const listed = await cli.run(['sagemaker', 'list-monitoring-schedules', '--endpoint-name', 'churn']);
    expect(listed.json.MonitoringScheduleSummaries).toEqual([expect.objectContaining({ MonitoringScheduleName: 'churn-monitor', MonitoringScheduleStatus: 'Scheduled', EndpointName: 'churn' })]);
    const bad = await cli.run(['sagemaker', 'update-monitoring-schedule', '--monitoring-schedule-name', 'churn-monitor', '--monitoring-schedule-config', 'ScheduleConfig={ScheduleExpression=cron(30 * ? * * *)}']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('ValidationException');
  });

  it('approves a registered model package and switches a domain to VpcOnly', async () => {
    expect((await cli.run(['sagemaker', 'create-model-package-group', '--model-package-group-name', 'churn-models'])).code).toBe(0);
    const pkg = await cli.run(['sagemaker', 'create-model-package', '--model-package-group-name', 'churn-models', '--inference-specification', JSON.stringify({ Containers: [{ Image: IMAGE }], SupportedContentTypes: ['text/csv'], SupportedResponseMIMETypes: ['text/csv'] })]);
    expect(pkg.code, pkg.stderr).toBe(0);
    const approved = await cli.run(['sagemaker', 'update-model-package', '--model-package-arn', pkg.json.ModelPackageArn, '--model-approval-status', 'Approved', '--approval-description', 'beats the champion']);
    expect(approved.code, approved.stderr).toBe(0);
    const listed = await cli.run(['sagemaker', 'list-model-packages', '--model-package-group-name', 'churn-models', '--model-approval-status', 'Approved']);
    expect(listed.json.ModelPackageSummaryList).toHaveLength(1);

    const vpcId = (await cli.run(['ec2', 'create-vpc', '--cidr-block', '10.0.0.0/16'])).json.Vpc.VpcId;
    const subnetId = (await cli.run(['ec2', 'create-subnet', '--vpc-id', vpcId, '--cidr-block', '10.0.1.0/24'])).json.Subnet.SubnetId;
    const domain = await cli.run(['sagemaker', 'create-domain', '--domain-name', 'studio', '--auth-mode', 'IAM', '--default-user-settings', `ExecutionRole=${role}`, '--vpc-id', vpcId, '--subnet-ids', subnetId]);
    expect(domain.code, domain.stderr).toBe(0);
    expect((await cli.run(['sagemaker', 'describe-domain', '--domain-id', domain.json.DomainId])).json.AppNetworkAccessType).toBe('PublicInternetOnly');
    expect((await cli.run(['sagemaker', 'update-domain', '--domain-id', domain.json.DomainId, '--app-network-access-type', 'VpcOnly'])).code).toBe(0);
    expect((await cli.run(['sagemaker', 'describe-domain', '--domain-id', domain.json.DomainId])).json.AppNetworkAccessType).toBe('VpcOnly');
  });
});
