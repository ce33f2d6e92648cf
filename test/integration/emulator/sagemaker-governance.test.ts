/**
 * SageMaker governance and monitoring through the real SDK over HTTP: the model registry (groups,
 * versions, approval workflow and its events), Model Monitor job definitions of the four kinds and
 * monitoring schedules (schedule expressions, endpoint filter, Start/Stop), processing jobs, and
 * Studio domains (AppNetworkAccessType).
 */
import {
  CreateDataQualityJobDefinitionCommand,
  type CreateDataQualityJobDefinitionRequest,
  CreateDomainCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelBiasJobDefinitionCommand,
  CreateModelCommand,
  CreateModelExplainabilityJobDefinitionCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  CreateModelQualityJobDefinitionCommand,
  CreateMonitoringScheduleCommand,
  CreateProcessingJobCommand,
  DeleteDataQualityJobDefinitionCommand,
  DeleteModelBiasJobDefinitionCommand,
  DeleteModelExplainabilityJobDefinitionCommand,
  DeleteModelQualityJobDefinitionCommand,
  DeleteDomainCommand,
  DeleteModelPackageCommand,
  DeleteModelPackageGroupCommand,
  DeleteMonitoringScheduleCommand,
  DescribeDataQualityJobDefinitionCommand,
  DescribeDomainCommand,
  DescribeModelBiasJobDefinitionCommand,
  DescribeModelExplainabilityJobDefinitionCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  DescribeModelQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ListDataQualityJobDefinitionsCommand,
  ListDomainsCommand,
  ListModelBiasJobDefinitionsCommand,
  ListModelExplainabilityJobDefinitionsCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  ListModelQualityJobDefinitionsCommand,
  ListMonitoringSchedulesCommand,
  ListProcessingJobsCommand,
  ListTagsCommand,
  StartMonitoringScheduleCommand,
  StopMonitoringScheduleCommand,
  StopProcessingJobCommand,
  UpdateDomainCommand,
  UpdateModelPackageCommand,
  UpdateMonitoringScheduleCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError } from './support.ts';
import { executionRole, type SageMakerHarness, sageMakerHarness } from './sagemaker-support.ts';

const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
const MONITOR_IMAGE = '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer';
describe('SageMaker governance and monitoring', () => {
  let h: SageMakerHarness;
  let role: string;
  /** A real KMS key of the account (the harness creates it). */
  let KEY: string;
  beforeAll(async () => {
    h = await sageMakerHarness();
    role = await executionRole(h.iam);
    KEY = h.peers.keyArn;
    await h.sm.send(new CreateModelCommand({ ModelName: 'churn', ExecutionRoleArn: role, PrimaryContainer: { Image: IMAGE } }));
    await h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'churn', ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] }));
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'churn', EndpointConfigName: 'churn' }));
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'fraud', EndpointConfigName: 'churn' }));
    h.advance();
  });
  afterAll(async () => h.stop());

  describe('model registry', () => {
    it('registers versions in a group with the approval workflow', async () => {
      const groupArn = (await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'Churn-Models', ModelPackageGroupDescription: 'churn classifiers', Tags: [{ Key: 'Project', Value: 'churn' }] }))).ModelPackageGroupArn;
      expect(groupArn).toBe('arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn-models');
      expect(await h.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'Churn-Models' }))).toMatchObject({ ModelPackageGroupStatus: 'Pending', ModelPackageGroupDescription: 'churn classifiers', CreatedBy: { IamIdentity: { Arn: 'arn:aws:iam::123456789012:root' } } });
      const spec = { Containers: [{ Image: IMAGE, ModelDataUrl: 's3://ml-models/churn/v1/model.tar.gz' }], SupportedContentTypes: ['text/csv'], SupportedResponseMIMETypes: ['text/csv'] };
      const v1 = (await h.sm.send(new CreateModelPackageCommand({ ModelPackageGroupName: 'Churn-Models', InferenceSpecification: spec, ModelMetrics: { ModelQuality: { Statistics: { ContentType: 'application/json', S3Uri: 's3://ml-models/churn/v1/evaluation.json' } } } }))).ModelPackageArn!;
      const v2 = (await h.sm.send(new CreateModelPackageCommand({ ModelPackageGroupName: 'Churn-Models', InferenceSpecification: spec, ModelApprovalStatus: 'Approved' }))).ModelPackageArn!;
      expect([v1, v2]).toEqual(['arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/1', 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/2']);
      h.advance();
      const d1 = await h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: v1 }));
      expect(d1).toMatchObject({ ModelPackageGroupName: 'Churn-Models', ModelPackageVersion: 1, ModelPackageStatus: 'Completed', ModelApprovalStatus: 'PendingManualApproval', InferenceSpecification: spec, ModelMetrics: { ModelQuality: { Statistics: { S3Uri: 's3://ml-models/churn/v1/evaluation.json' } } } });

      await h.sm.send(new UpdateModelPackageCommand({ ModelPackageArn: v1, ModelApprovalStatus: 'Rejected', ApprovalDescription: 'AUC below the champion' }));
      expect(await h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: v1 }))).toMatchObject({ ModelApprovalStatus: 'Rejected', ApprovalDescription: 'AUC below the champion', LastModifiedBy: { IamIdentity: { Arn: 'arn:aws:iam::123456789012:root' } } });

      const approved = await h.sm.send(new ListModelPackagesCommand({ ModelPackageGroupName: 'Churn-Models', ModelApprovalStatus: 'Approved' }));
      expect(approved.ModelPackageSummaryList!.map((p) => p.ModelPackageArn)).toEqual([v2]);
      const all = await h.sm.send(new ListModelPackagesCommand({ ModelPackageGroupName: 'Churn-Models', SortOrder: 'Descending' }));
      expect(all.ModelPackageSummaryList!.map((p) => p.ModelPackageVersion)).toEqual([2, 1]);
      expect((await h.sm.send(new ListModelPackageGroupsCommand({ NameContains: 'churn' }))).ModelPackageGroupSummaryList!.map((g) => g.ModelPackageGroupName)).toEqual(['Churn-Models']);
      expect((await h.sm.send(new ListTagsCommand({ ResourceArn: groupArn }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }]);

      const events = (await h.events()).filter((e) => e['detail-type'] === 'SageMaker Model Package State Change' && e.resources[0] === v1);
      expect(events.map((e) => e.detail.ModelApprovalStatus)).toEqual(['PendingManualApproval', 'Rejected']);
      expect(events.at(-1)!.detail).toMatchObject({ ModelPackageGroupName: 'Churn-Models', ModelPackageVersion: 1, ModelPackageStatus: 'Completed' });
    });

    it('refuses what AWS refuses', async () => {
      const noGroup = await awsError(() => h.sm.send(new CreateModelPackageCommand({ ModelPackageGroupName: 'ghost', InferenceSpecification: { Containers: [{ Image: IMAGE }] } })));
      expect(noGroup.name).toBe('ValidationException');
      const badStatus = await awsError(() => h.sm.send(new UpdateModelPackageCommand({ ModelPackageArn: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/1', ModelApprovalStatus: 'Maybe' as never })));
      expect(badStatus.message).toContain("Value 'Maybe' at 'modelApprovalStatus' failed to satisfy constraint: Member must satisfy enum value set: [Approved, PendingManualApproval, Rejected]");
      const inUse = await awsError(() => h.sm.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: 'Churn-Models' })));
      expect(inUse.name).toBe('ConflictException');
      await h.sm.send(new DeleteModelPackageCommand({ ModelPackageName: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/1' }));
      await h.sm.send(new DeleteModelPackageCommand({ ModelPackageName: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/2' }));
      await h.sm.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: 'Churn-Models' }));
      expect((await awsError(() => h.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'Churn-Models' })))).name).toBe('ValidationException');
    });
  });

  describe('Model Monitor', () => {
    const dataQuality = (name: string, extra: Partial<CreateDataQualityJobDefinitionRequest> = {}): CreateDataQualityJobDefinitionRequest => ({
      JobDefinitionName: name,
      DataQualityAppSpecification: { ImageUri: MONITOR_IMAGE },
      DataQualityBaselineConfig: { StatisticsResource: { S3Uri: 's3://ml-monitor/baseline/statistics.json' }, ConstraintsResource: { S3Uri: 's3://ml-monitor/baseline/constraints.json' } },
      DataQualityJobInput: { EndpointInput: { EndpointName: 'churn', LocalPath: '/opt/ml/processing/input' } },
      DataQualityJobOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: 's3://ml-monitor/reports', LocalPath: '/opt/ml/processing/output' } }], KmsKeyId: KEY },
      JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 20, VolumeKmsKeyId: KEY } },
      RoleArn: role,
      ...extra,
    });

    it('keeps job definitions of the four kinds with their network settings', async () => {
      const arn = (await h.sm.send(new CreateDataQualityJobDefinitionCommand(dataQuality('churn-dq', { NetworkConfig: { EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true } })))).JobDefinitionArn;
      expect(arn).toBe('arn:aws:sagemaker:us-east-1:123456789012:data-quality-job-definition/churn-dq');
      const d = await h.sm.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: 'churn-dq' }));
      expect(d).toMatchObject({ JobDefinitionName: 'churn-dq', NetworkConfig: { EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true }, DataQualityJobOutputConfig: { KmsKeyId: KEY }, JobResources: { ClusterConfig: { VolumeKmsKeyId: KEY } }, RoleArn: role, StoppingCondition: { MaxRuntimeInSeconds: 3600 } });
      await h.sm.send(new CreateDataQualityJobDefinitionCommand(dataQuality('fraud-dq', { DataQualityJobInput: { EndpointInput: { EndpointName: 'fraud', LocalPath: '/opt/ml/processing/input' } } })));
      expect((await h.sm.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: 'fraud-dq' }))).NetworkConfig).toBeUndefined();
      const endpointInput = { EndpointName: 'churn', LocalPath: '/opt/ml/processing/input', InferenceAttribute: '0' };
      const common = { JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge' as const, VolumeSizeInGB: 20 } }, RoleArn: role, NetworkConfig: { EnableNetworkIsolation: false } };
      await h.sm.send(new CreateModelQualityJobDefinitionCommand({ JobDefinitionName: 'churn-mq', ModelQualityAppSpecification: { ImageUri: MONITOR_IMAGE, ProblemType: 'BinaryClassification' }, ModelQualityJobInput: { EndpointInput: endpointInput, GroundTruthS3Input: { S3Uri: 's3://ml-monitor/ground-truth' } }, ModelQualityJobOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: 's3://ml-monitor/mq', LocalPath: '/opt/ml/processing/output' } }] }, ...common }));
      await h.sm.send(new CreateModelBiasJobDefinitionCommand({ JobDefinitionName: 'churn-bias', ModelBiasAppSpecification: { ImageUri: MONITOR_IMAGE, ConfigUri: 's3://ml-monitor/bias/analysis_config.json' }, ModelBiasJobInput: { EndpointInput: endpointInput, GroundTruthS3Input: { S3Uri: 's3://ml-monitor/ground-truth' } }, ModelBiasJobOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: 's3://ml-monitor/bias', LocalPath: '/opt/ml/processing/output' } }] }, ...common }));
      await h.sm.send(new CreateModelExplainabilityJobDefinitionCommand({ JobDefinitionName: 'churn-shap', ModelExplainabilityAppSpecification: { ImageUri: MONITOR_IMAGE, ConfigUri: 's3://ml-monitor/shap/analysis_config.json' }, ModelExplainabilityJobInput: { EndpointInput: endpointInput }, ModelExplainabilityJobOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: 's3://ml-monitor/shap', LocalPath: '/opt/ml/processing/output' } }] }, ...common }));
      expect(await h.sm.send(new DescribeModelBiasJobDefinitionCommand({ JobDefinitionName: 'churn-bias' }))).toMatchObject({ JobDefinitionArn: 'arn:aws:sagemaker:us-east-1:123456789012:model-bias-job-definition/churn-bias', NetworkConfig: { EnableNetworkIsolation: false } });
      expect((await h.sm.send(new ListModelBiasJobDefinitionsCommand({}))).JobDefinitionSummaries).toEqual([expect.objectContaining({ MonitoringJobDefinitionName: 'churn-bias', EndpointName: 'churn' })]);
      expect((await h.sm.send(new ListDataQualityJobDefinitionsCommand({ EndpointName: 'fraud' }))).JobDefinitionSummaries!.map((j) => j.MonitoringJobDefinitionName)).toEqual(['fraud-dq']);

      const dup = await awsError(() => h.sm.send(new CreateDataQualityJobDefinitionCommand(dataQuality('churn-dq'))));
      expect([dup.name, dup.message]).toEqual(['ResourceInUse', 'Resource Already Exists: DataQualityJobDefinition with name churn-dq already exists. Choose a different name.']);
      const noEndpoint = await awsError(() => h.sm.send(new CreateDataQualityJobDefinitionCommand(dataQuality('x', { DataQualityJobInput: { EndpointInput: { EndpointName: 'ghost', LocalPath: '/opt/ml/processing/input' } } }))));
      expect(noEndpoint.message).toBe('Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ghost".');
      const missing = await awsError(() => h.sm.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: 'ghost' })));
      expect(missing.name).toBe('ResourceNotFound');
    });

    it('describes, lists and deletes model quality, bias and explainability definitions', async () => {
      expect(await h.sm.send(new DescribeModelQualityJobDefinitionCommand({ JobDefinitionName: 'churn-mq' }))).toMatchObject({ JobDefinitionArn: 'arn:aws:sagemaker:us-east-1:123456789012:model-quality-job-definition/churn-mq', ModelQualityAppSpecification: { ProblemType: 'BinaryClassification' }, ModelQualityJobInput: { GroundTruthS3Input: { S3Uri: 's3://ml-monitor/ground-truth' } } });
      expect(await h.sm.send(new DescribeModelExplainabilityJobDefinitionCommand({ JobDefinitionName: 'churn-shap' }))).toMatchObject({ ModelExplainabilityAppSpecification: { ConfigUri: 's3://ml-monitor/shap/analysis_config.json' }, NetworkConfig: { EnableNetworkIsolation: false } });
      expect((await h.sm.send(new ListModelQualityJobDefinitionsCommand({ NameContains: 'MQ' }))).JobDefinitionSummaries!.map((j) => j.MonitoringJobDefinitionName)).toEqual(['churn-mq']);
      expect((await h.sm.send(new ListModelExplainabilityJobDefinitionsCommand({ EndpointName: 'churn' }))).JobDefinitionSummaries!.map((j) => j.MonitoringJobDefinitionName)).toEqual(['churn-shap']);
      await h.sm.send(new DeleteModelQualityJobDefinitionCommand({ JobDefinitionName: 'churn-mq' }));
      await h.sm.send(new DeleteModelBiasJobDefinitionCommand({ JobDefinitionName: 'churn-bias' }));
      await h.sm.send(new DeleteModelExplainabilityJobDefinitionCommand({ JobDefinitionName: 'churn-shap' }));
      for (const describe of [() => h.sm.send(new DescribeModelQualityJobDefinitionCommand({ JobDefinitionName: 'churn-mq' })), () => h.sm.send(new DescribeModelBiasJobDefinitionCommand({ JobDefinitionName: 'churn-bias' })), () => h.sm.send(new DescribeModelExplainabilityJobDefinitionCommand({ JobDefinitionName: 'churn-shap' }))]) {
        expect((await awsError(describe)).name).toBe('ResourceNotFound');
      }
      expect((await h.sm.send(new ListModelBiasJobDefinitionsCommand({}))).JobDefinitionSummaries).toEqual([]);
    });

    it('schedules monitoring: Pending → Scheduled, Stop/Start, Update, filters by endpoint', async () => {
      const arn = (await h.sm.send(new CreateMonitoringScheduleCommand({
        MonitoringScheduleName: 'churn-hourly',
        MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' }, MonitoringJobDefinitionName: 'churn-dq', MonitoringType: 'DataQuality' },
        Tags: [{ Key: 'Project', Value: 'churn' }],
      }))).MonitoringScheduleArn;
      expect(arn).toBe('arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/churn-hourly');
      expect(await h.sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: 'churn-hourly' }))).toMatchObject({ MonitoringScheduleStatus: 'Pending', EndpointName: 'churn', MonitoringType: 'DataQuality' });
      h.advance();
      expect((await h.sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: 'churn-hourly' }))).MonitoringScheduleStatus).toBe('Scheduled');

      await h.sm.send(new CreateMonitoringScheduleCommand({
        MonitoringScheduleName: 'fraud-inline',
        MonitoringScheduleConfig: {
          ScheduleConfig: { ScheduleExpression: 'cron(0 0/12 ? * * *)' },
          MonitoringJobDefinition: {
            MonitoringInputs: [{ EndpointInput: { EndpointName: 'fraud', LocalPath: '/opt/ml/processing/input' } }],
            MonitoringOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: 's3://ml-monitor/fraud', LocalPath: '/opt/ml/processing/output' } }] },
            MonitoringResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.large', VolumeSizeInGB: 20 } },
            MonitoringAppSpecification: { ImageUri: MONITOR_IMAGE },
            RoleArn: role,
            NetworkConfig: { EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true },
          },
        },
      }));
      const inline = await h.sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: 'fraud-inline' }));
      expect(inline).toMatchObject({ EndpointName: 'fraud', MonitoringType: 'DataQuality', MonitoringScheduleConfig: { MonitoringJobDefinition: { NetworkConfig: { EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true } } } });

      expect((await h.sm.send(new ListMonitoringSchedulesCommand({ EndpointName: 'churn' }))).MonitoringScheduleSummaries!.map((s) => s.MonitoringScheduleName)).toEqual(['churn-hourly']);
      expect((await h.sm.send(new ListMonitoringSchedulesCommand({ EndpointName: 'nothing-here' }))).MonitoringScheduleSummaries).toEqual([]);

      await h.sm.send(new StopMonitoringScheduleCommand({ MonitoringScheduleName: 'churn-hourly' }));
      expect((await h.sm.send(new ListMonitoringSchedulesCommand({ StatusEquals: 'Stopped' }))).MonitoringScheduleSummaries!.map((s) => s.MonitoringScheduleName)).toEqual(['churn-hourly']);
      await h.sm.send(new StartMonitoringScheduleCommand({ MonitoringScheduleName: 'churn-hourly' }));
      expect((await h.sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: 'churn-hourly' }))).MonitoringScheduleStatus).toBe('Scheduled');

      await h.sm.send(new UpdateMonitoringScheduleCommand({ MonitoringScheduleName: 'churn-hourly', MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: 'cron(0 6 ? * * *)' }, MonitoringJobDefinitionName: 'churn-dq', MonitoringType: 'DataQuality' } }));
      const updated = await h.sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: 'churn-hourly' }));
      expect([updated.MonitoringScheduleStatus, updated.MonitoringScheduleConfig!.ScheduleConfig!.ScheduleExpression]).toEqual(['Pending', 'cron(0 6 ? * * *)']);
      expect((await h.sm.send(new ListTagsCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }]);
    });

    it('validates schedule expressions and references as Model Monitor does', async () => {
      const config = (expression: string) => ({ MonitoringScheduleName: 'bad', MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: expression }, MonitoringJobDefinitionName: 'churn-dq', MonitoringType: 'DataQuality' as const } });
      const minutes = await awsError(() => h.sm.send(new CreateMonitoringScheduleCommand(config('cron(15 * ? * * *)'))));
      expect(minutes.name).toBe('ValidationException');
      expect(minutes.message).toContain("Invalid ScheduleExpression 'cron(15 * ? * * *)'");
      const rate = await awsError(() => h.sm.send(new CreateMonitoringScheduleCommand(config('rate(1 hour)'))));
      expect(rate.message).toContain('cron(0 * ? * * *)');
      const now = await awsError(() => h.sm.send(new CreateMonitoringScheduleCommand(config('NOW'))));
      expect(now.message).toContain('DataAnalysisStartTime and DataAnalysisEndTime are required');
      await h.sm.send(new CreateMonitoringScheduleCommand({ MonitoringScheduleName: 'once', MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: 'NOW', DataAnalysisStartTime: '-PT1H', DataAnalysisEndTime: '-PT0H' }, MonitoringJobDefinitionName: 'churn-dq', MonitoringType: 'DataQuality' } }));
      const noType = await awsError(() => h.sm.send(new CreateMonitoringScheduleCommand({ MonitoringScheduleName: 'x', MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' }, MonitoringJobDefinitionName: 'churn-dq' } })));
      expect(noType.message).toContain('MonitoringType is required');
      const noDefinition = await awsError(() => h.sm.send(new CreateMonitoringScheduleCommand({ MonitoringScheduleName: 'x', MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' }, MonitoringJobDefinitionName: 'ghost', MonitoringType: 'DataQuality' } })));
      expect(noDefinition.name).toBe('ResourceNotFound');
      const dup = await awsError(() => h.sm.send(new CreateMonitoringScheduleCommand({ ...config('cron(0 * ? * * *)'), MonitoringScheduleName: 'churn-hourly' })));
      expect(dup.name).toBe('ResourceInUse');
      await h.sm.send(new DeleteMonitoringScheduleCommand({ MonitoringScheduleName: 'once' }));
      expect((await awsError(() => h.sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: 'once' })))).name).toBe('ResourceNotFound');
      await h.sm.send(new DeleteDataQualityJobDefinitionCommand({ JobDefinitionName: 'fraud-dq' }));
      expect((await awsError(() => h.sm.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: 'fraud-dq' })))).name).toBe('ResourceNotFound');
    });
  });

  describe('processing jobs', () => {
    it('runs InProgress → Completed, stops, keeps network and KMS settings', async () => {
      const job = (name: string) => ({
        ProcessingJobName: name,
        RoleArn: role,
        AppSpecification: { ImageUri: IMAGE },
        ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge' as const, VolumeSizeInGB: 30, VolumeKmsKeyId: KEY } },
        ProcessingOutputConfig: { Outputs: [{ OutputName: 'out', S3Output: { S3Uri: 's3://ml-data/processed', LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' as const } }], KmsKeyId: KEY },
        NetworkConfig: { EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true },
      });
      const arn = (await h.sm.send(new CreateProcessingJobCommand(job('prep-1')))).ProcessingJobArn;
      expect(arn).toBe('arn:aws:sagemaker:us-east-1:123456789012:processing-job/prep-1');
      expect(await h.sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'prep-1' }))).toMatchObject({ ProcessingJobStatus: 'InProgress', NetworkConfig: { EnableNetworkIsolation: true }, ProcessingResources: { ClusterConfig: { VolumeKmsKeyId: KEY } }, ProcessingOutputConfig: { KmsKeyId: KEY } });
      h.advance();
      const done = await h.sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'prep-1' }));
      expect(done.ProcessingJobStatus).toBe('Completed');
      expect(done.ProcessingEndTime!.getTime()).toBeGreaterThan(done.ProcessingStartTime!.getTime());
      await h.sm.send(new CreateProcessingJobCommand(job('prep-2')));
      await h.sm.send(new StopProcessingJobCommand({ ProcessingJobName: 'prep-2' }));
      expect((await h.sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'prep-2' }))).ProcessingJobStatus).toBe('Stopping');
      h.advance();
      expect((await h.sm.send(new ListProcessingJobsCommand({ StatusEquals: 'Stopped' }))).ProcessingJobSummaries!.map((j) => j.ProcessingJobName)).toEqual(['prep-2']);
      expect((await awsError(() => h.sm.send(new CreateProcessingJobCommand(job('prep-1')))))).toMatchObject({ name: 'ResourceInUse' });
      expect((await awsError(() => h.sm.send(new StopProcessingJobCommand({ ProcessingJobName: 'prep-1' }))))).toMatchObject({ name: 'ValidationException' });
    });
  });

  describe('Studio domains', () => {
    it('defaults to PublicInternetOnly, moves to VpcOnly with a VPC, and deletes', async () => {
      const { vpcId, subnets } = h.peers;
      const created = await h.sm.send(new CreateDomainCommand({ DomainName: 'ds-team', AuthMode: 'IAM', DefaultUserSettings: { ExecutionRole: role }, VpcId: vpcId, SubnetIds: [subnets[0]], KmsKeyId: KEY, Tags: [{ Key: 'Project', Value: 'churn' }] }));
      expect(created.DomainId).toMatch(/^d-[a-z0-9]{12}$/);
      expect(created.DomainArn).toBe(`arn:aws:sagemaker:us-east-1:123456789012:domain/${created.DomainId}`);
      expect(created.Url).toBe(`https://${created.DomainId}.studio.us-east-1.sagemaker.aws`);
      const pending = await h.sm.send(new DescribeDomainCommand({ DomainId: created.DomainId }));
      expect(pending).toMatchObject({ Status: 'Pending', AppNetworkAccessType: 'PublicInternetOnly', AuthMode: 'IAM', KmsKeyId: KEY, VpcId: vpcId, SubnetIds: [subnets[0]], DefaultUserSettings: { ExecutionRole: role } });
      expect(pending.HomeEfsFileSystemId).toMatch(/^fs-[0-9a-f]{8}$/);
      const early = await awsError(() => h.sm.send(new UpdateDomainCommand({ DomainId: created.DomainId, AppNetworkAccessType: 'VpcOnly' })));
      expect(early.name).toBe('ValidationException');
      h.advance();
      await h.sm.send(new UpdateDomainCommand({ DomainId: created.DomainId, AppNetworkAccessType: 'VpcOnly' }));
      expect((await h.sm.send(new DescribeDomainCommand({ DomainId: created.DomainId }))).Status).toBe('Updating');
      h.advance();
      expect(await h.sm.send(new DescribeDomainCommand({ DomainId: created.DomainId }))).toMatchObject({ Status: 'InService', AppNetworkAccessType: 'VpcOnly' });
      expect((await h.sm.send(new ListDomainsCommand({}))).Domains!.map((d) => d.DomainName)).toEqual(['ds-team']);
      expect((await h.sm.send(new ListTagsCommand({ ResourceArn: created.DomainArn }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }]);

      const vpcOnlyWithoutVpc = await awsError(() => h.sm.send(new CreateDomainCommand({ DomainName: 'x', AuthMode: 'IAM', DefaultUserSettings: { ExecutionRole: role }, AppNetworkAccessType: 'VpcOnly' })));
      expect(vpcOnlyWithoutVpc.message).toContain('VpcOnly needs');
      const badAccess = await awsError(() => h.sm.send(new CreateDomainCommand({ DomainName: 'x', AuthMode: 'IAM', DefaultUserSettings: {}, AppNetworkAccessType: 'Open' as never })));
      expect(badAccess.message).toContain("at 'appNetworkAccessType' failed to satisfy constraint: Member must satisfy enum value set: [PublicInternetOnly, VpcOnly]");

      await h.sm.send(new DeleteDomainCommand({ DomainId: created.DomainId }));
      expect((await h.sm.send(new DescribeDomainCommand({ DomainId: created.DomainId }))).Status).toBe('Deleting');
      h.advance();
      expect((await awsError(() => h.sm.send(new DescribeDomainCommand({ DomainId: created.DomainId })))).name).toBe('ResourceNotFound');
    });
  });
});
