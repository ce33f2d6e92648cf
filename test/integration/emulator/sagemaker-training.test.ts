/**
 * SageMaker training jobs through the real SDK over HTTP: the fields the hardened-training checks
 * read, InProgress → Completed with secondary statuses and artifacts, managed Spot validation and
 * billing, Stop, uniqueness, List, and the "SageMaker Training Job State Change" events.
 */
import { CreateTrainingJobCommand, type CreateTrainingJobRequest, DescribeTrainingJobCommand, ListTagsCommand, ListTrainingJobsCommand, StopTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError } from './support.ts';
import { DELAY_MS, executionRole, type SageMakerHarness, sageMakerHarness } from './sagemaker-support.ts';

describe('SageMaker training jobs', () => {
  let h: SageMakerHarness;
  let role: string;
  let job: (name: string, extra?: Partial<CreateTrainingJobRequest>) => CreateTrainingJobRequest;
  beforeAll(async () => {
    h = await sageMakerHarness();
    role = await executionRole(h.iam);
    job = (name, extra = {}) => ({
      TrainingJobName: name,
      RoleArn: role,
      AlgorithmSpecification: { TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File' },
      InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://ml-data/churn/train/' } } }],
      OutputDataConfig: { S3OutputPath: 's3://ml-models/churn/' },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      ...extra,
    });
  });
  afterAll(async () => h.stop());

  it('reports an unhardened job as AWS does: no isolation, no encryption, no VPC, an empty output KmsKeyId', async () => {
    const arn = (await h.sm.send(new CreateTrainingJobCommand(job('Churn-Train-1', { HyperParameters: { max_depth: '5' }, Environment: { DB_PASSWORD: 'hunter2' } })))).TrainingJobArn;
    expect(arn).toBe('arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-train-1');
    const d = await h.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'Churn-Train-1' }));
    expect(d).toMatchObject({
      TrainingJobStatus: 'InProgress',
      SecondaryStatus: 'Starting',
      EnableNetworkIsolation: false,
      EnableInterContainerTrafficEncryption: false,
      EnableManagedSpotTraining: false,
      OutputDataConfig: { S3OutputPath: 's3://ml-models/churn/', KmsKeyId: '' },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      HyperParameters: { max_depth: '5' },
      Environment: { DB_PASSWORD: 'hunter2' },
    });
    expect(d.VpcConfig).toBeUndefined();
    expect(d.ResourceConfig!.VolumeKmsKeyId).toBeUndefined();
    expect(d.ModelArtifacts).toBeUndefined();
    expect(d.TrainingStartTime).toBeUndefined();
  });

  it('moves through the secondary statuses to Completed with artifacts, times and billing', async () => {
    const start = h.now().getTime();
    await h.sm.send(new CreateTrainingJobCommand(job('progress')));
    h.advance(DELAY_MS / 2);
    const mid = await h.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'progress' }));
    expect([mid.TrainingJobStatus, mid.SecondaryStatus]).toEqual(['InProgress', 'Training']);
    expect(mid.TrainingStartTime!.getTime()).toBe(start + DELAY_MS / 4);
    h.advance(DELAY_MS / 2);
    const done = await h.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'progress' }));
    expect(done).toMatchObject({
      TrainingJobStatus: 'Completed',
      SecondaryStatus: 'Completed',
      ModelArtifacts: { S3ModelArtifacts: 's3://ml-models/churn/progress/output/model.tar.gz' },
      TrainingTimeInSeconds: 45,
      BillableTimeInSeconds: 45,
    });
    expect(done.TrainingEndTime!.getTime()).toBe(start + DELAY_MS);
    expect(done.SecondaryStatusTransitions!.map((t) => [t.Status, t.StatusMessage])).toEqual([
      ['Starting', 'Preparing the instances for training'],
      ['Downloading', 'Downloading input data'],
      ['Training', 'Training image download completed. Training in progress.'],
      ['Uploading', 'Uploading generated training model'],
      ['Completed', 'Training job completed'],
    ]);
    expect(done.SecondaryStatusTransitions!.slice(0, -1).every((t, i) => t.EndTime!.getTime() === done.SecondaryStatusTransitions![i + 1]!.StartTime!.getTime())).toBe(true);
  });

  it('keeps a hardened job\'s isolation, encryption, VPC and keys', async () => {
    const { keyArn: key, securityGroup, subnets } = h.peers;
    await h.sm.send(new CreateTrainingJobCommand(job('hardened', {
      EnableNetworkIsolation: true,
      EnableInterContainerTrafficEncryption: true,
      VpcConfig: { SecurityGroupIds: [securityGroup], Subnets: [...subnets] },
      OutputDataConfig: { S3OutputPath: 's3://ml-models/churn/', KmsKeyId: key },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2, VolumeSizeInGB: 30, VolumeKmsKeyId: key },
    })));
    const d = await h.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'hardened' }));
    expect(d).toMatchObject({
      EnableNetworkIsolation: true,
      EnableInterContainerTrafficEncryption: true,
      VpcConfig: { SecurityGroupIds: [securityGroup], Subnets: [...subnets] },
      OutputDataConfig: { KmsKeyId: key },
      ResourceConfig: { VolumeKmsKeyId: key, InstanceCount: 2 },
    });
  });

  it('validates managed Spot training as AWS does and bills it for less than the training time', async () => {
    const spot = { EnableManagedSpotTraining: true, CheckpointConfig: { S3Uri: 's3://ml-models/checkpoints/' } };
    const noWait = await awsError(() => h.sm.send(new CreateTrainingJobCommand(job('spot-1', spot))));
    expect([noWait.name, noWait.message]).toEqual(['ValidationException', 'Invalid MaxWaitTimeInSeconds. It must be present and be greater than or equal to MaxRuntimeInSeconds']);
    const shortWait = await awsError(() => h.sm.send(new CreateTrainingJobCommand(job('spot-1', { ...spot, StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 1800 } }))));
    expect(shortWait.message).toBe('Invalid MaxWaitTimeInSeconds. It must be present and be greater than or equal to MaxRuntimeInSeconds');
    const waitWithoutSpot = await awsError(() => h.sm.send(new CreateTrainingJobCommand(job('spot-1', { StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 } }))));
    expect(waitWithoutSpot.message).toBe('Invalid MaxWaitTimeInSeconds. It is only supported when EnableManagedSpotTraining is set to true');
    await h.sm.send(new CreateTrainingJobCommand(job('spot-1', { ...spot, StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 } })));
    h.advance();
    const d = await h.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'spot-1' }));
    expect(d).toMatchObject({ EnableManagedSpotTraining: true, CheckpointConfig: { S3Uri: 's3://ml-models/checkpoints/' }, StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 } });
    expect(d.BillableTimeInSeconds!).toBeLessThan(d.TrainingTimeInSeconds!);
  });

  it('refuses bad input and duplicate names', async () => {
    const badName = await awsError(() => h.sm.send(new CreateTrainingJobCommand(job('train_1'))));
    expect(badName.message).toBe("1 validation error detected: Value 'train_1' at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9])*");
    const badType = await awsError(() => h.sm.send(new CreateTrainingJobCommand(job('x', { ResourceConfig: { InstanceType: 'ml.bogus.xlarge' as never, InstanceCount: 1, VolumeSizeInGB: 10 } }))));
    expect(badType.message).toContain("at 'resourceConfig.instanceType' failed to satisfy constraint: Member must satisfy enum value set:");
    const badEnv = await awsError(() => h.sm.send(new CreateTrainingJobCommand(job('x', { Environment: { 'not-valid': 'x' } }))));
    expect(badEnv.message).toContain("at 'environment' failed to satisfy constraint: Map keys must satisfy constraint");
    const missingOutput = await awsError(() => h.sm.send(new CreateTrainingJobCommand({ ...job('x'), OutputDataConfig: undefined })));
    expect(missingOutput.message).toBe("1 validation error detected: Value null at 'outputDataConfig' failed to satisfy constraint: Member must not be null");
    const vpc = await awsError(() => h.sm.send(new CreateTrainingJobCommand(job('x', { VpcConfig: { SecurityGroupIds: [], Subnets: ['subnet-1'] } }))));
    expect(vpc.message).toContain("at 'vpcConfig.securityGroupIds' failed to satisfy constraint: Member must have length greater than or equal to 1");
    const dup = await awsError(() => h.sm.send(new CreateTrainingJobCommand(job('churn-train-1'))));
    expect([dup.name, dup.message]).toEqual(['ResourceInUse', 'Training job names must be unique within an AWS account and region, and a training job with this name already exists (arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-train-1)']);
    const missing = await awsError(() => h.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'ghost' })));
    expect([missing.name, missing.message]).toEqual(['ValidationException', 'Requested resource not found.']);
  });

  it('stops a running job: Stopping, then Stopped', async () => {
    await h.sm.send(new CreateTrainingJobCommand(job('stop-me', { Tags: [{ Key: 'Project', Value: 'churn' }] })));
    await h.sm.send(new StopTrainingJobCommand({ TrainingJobName: 'stop-me' }));
    expect(await h.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'stop-me' }))).toMatchObject({ TrainingJobStatus: 'Stopping', SecondaryStatus: 'Stopping' });
    h.advance();
    const stopped = await h.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'stop-me' }));
    expect(stopped).toMatchObject({ TrainingJobStatus: 'Stopped', SecondaryStatus: 'Stopped' });
    expect(stopped.ModelArtifacts).toBeUndefined();
    const again = await awsError(() => h.sm.send(new StopTrainingJobCommand({ TrainingJobName: 'stop-me' })));
    expect(again.name).toBe('ValidationException');
    expect((await h.sm.send(new ListTagsCommand({ ResourceArn: stopped.TrainingJobArn }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }]);
  });

  it('lists jobs with filters and paging (oldest first by default)', async () => {
    const all = await h.sm.send(new ListTrainingJobsCommand({ MaxResults: 100 }));
    const times = all.TrainingJobSummaries!.map((s) => s.CreationTime!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await h.sm.send(new ListTrainingJobsCommand({ StatusEquals: 'Stopped' }))).TrainingJobSummaries!.map((s) => s.TrainingJobName)).toEqual(['stop-me']);
    expect((await h.sm.send(new ListTrainingJobsCommand({ NameContains: 'spot' }))).TrainingJobSummaries!.map((s) => s.TrainingJobName)).toEqual(['spot-1']);
    const page1 = await h.sm.send(new ListTrainingJobsCommand({ MaxResults: 1, SortBy: 'Name', SortOrder: 'Ascending' }));
    const page2 = await h.sm.send(new ListTrainingJobsCommand({ MaxResults: 1, SortBy: 'Name', SortOrder: 'Ascending', NextToken: page1.NextToken }));
    expect([page1.TrainingJobSummaries![0]!.TrainingJobName, page2.TrainingJobSummaries![0]!.TrainingJobName]).toEqual(['Churn-Train-1', 'hardened']);
  });

  it('publishes "SageMaker Training Job State Change" events as AWS documents them', async () => {
    const events = (await h.events()).filter((e) => e.resources[0] === 'arn:aws:sagemaker:us-east-1:123456789012:training-job/progress');
    expect(events.map((e) => `${e.detail.TrainingJobStatus}/${e.detail.SecondaryStatus}`)).toEqual([
      'InProgress/Starting', 'InProgress/Downloading', 'InProgress/Training', 'InProgress/Uploading', 'Completed/Completed',
    ]);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ version: '0', source: 'aws.sagemaker', 'detail-type': 'SageMaker Training Job State Change', account: '123456789012', region: 'us-east-1' });
    expect(last.detail).toMatchObject({ TrainingJobName: 'progress', ModelArtifacts: { S3ModelArtifacts: 's3://ml-models/churn/progress/output/model.tar.gz' }, Tags: {} });
    expect(last.detail.CreationTime).toMatch(/^\d{13}$/);
    expect(last.time).toBe(new Date(Number(last.detail.TrainingEndTime)).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  });
});
