/**
 * SageMaker hosting through the real SDK over HTTP: models (network isolation, VPC, container
 * environment), endpoint configurations (variants, serverless, data capture, KMS), endpoints
 * (Creating → InService, UpdateEndpoint, UpdateEndpointWeightsAndCapacities, Delete), the
 * "SageMaker Endpoint State Change" events, List filters and AWS's error wording.
 */
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  ListTagsCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError } from './support.ts';
import { DELAY_MS, executionRole, type SageMakerHarness, sageMakerHarness } from './sagemaker-support.ts';

const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
describe('SageMaker hosting', () => {
  let h: SageMakerHarness;
  let role: string;
  /** A real KMS key of the account (the harness creates it). */
  let KEY: string;
  beforeAll(async () => {
    h = await sageMakerHarness();
    role = await executionRole(h.iam);
    KEY = h.peers.keyArn;
  });
  afterAll(async () => h.stop());

  it('creates models and describes what the isolation and secret checks read', async () => {
    const arn = (await h.sm.send(new CreateModelCommand({
      ModelName: 'Churn-Champion',
      ExecutionRoleArn: role,
      PrimaryContainer: { Image: IMAGE, ModelDataUrl: 's3://ml-models/churn/champion/model.tar.gz', Environment: { DB_PASSWORD: 'hunter2' } },
      Tags: [{ Key: 'Project', Value: 'churn' }],
    }))).ModelArn;
    expect(arn).toBe('arn:aws:sagemaker:us-east-1:123456789012:model/churn-champion');
    const model = await h.sm.send(new DescribeModelCommand({ ModelName: 'Churn-Champion' }));
    expect(model).toMatchObject({ ModelName: 'Churn-Champion', ExecutionRoleArn: role, EnableNetworkIsolation: false, PrimaryContainer: { Image: IMAGE, Mode: 'SingleModel', Environment: { DB_PASSWORD: 'hunter2' } } });
    expect(model.VpcConfig).toBeUndefined();
    await h.sm.send(new CreateModelCommand({
      ModelName: 'churn-challenger',
      ExecutionRoleArn: role,
      PrimaryContainer: { Image: IMAGE, ModelDataUrl: 's3://ml-models/churn/challenger/model.tar.gz' },
      EnableNetworkIsolation: true,
      VpcConfig: { SecurityGroupIds: [h.peers.securityGroup], Subnets: [h.peers.subnets[0]] },
    }));
    expect(await h.sm.send(new DescribeModelCommand({ ModelName: 'churn-challenger' }))).toMatchObject({ EnableNetworkIsolation: true, VpcConfig: { SecurityGroupIds: [h.peers.securityGroup], Subnets: [h.peers.subnets[0]] } });
    const dup = await awsError(() => h.sm.send(new CreateModelCommand({ ModelName: 'churn-champion', ExecutionRoleArn: role, PrimaryContainer: { Image: IMAGE } })));
    expect(dup.message).toBe('Cannot create already existing model "arn:aws:sagemaker:us-east-1:123456789012:model/churn-champion".');
    const none = await awsError(() => h.sm.send(new CreateModelCommand({ ModelName: 'empty', ExecutionRoleArn: role })));
    expect(none.message).toContain('specify PrimaryContainer or Containers');
    const badEnv = await awsError(() => h.sm.send(new CreateModelCommand({ ModelName: 'x', ExecutionRoleArn: role, PrimaryContainer: { Image: IMAGE, Environment: { 'bad-key': 'v' } } })));
    expect(badEnv.message).toContain("at 'primaryContainer.environment' failed to satisfy constraint: Map keys must satisfy constraint");
    const missing = await awsError(() => h.sm.send(new DescribeModelCommand({ ModelName: 'ghost' })));
    expect(missing.message).toBe('Could not find model "arn:aws:sagemaker:us-east-1:123456789012:model/ghost".');
  });

  it('creates endpoint configurations with AWS\'s defaults, capture and keys', async () => {
    await h.sm.send(new CreateEndpointConfigCommand({
      EndpointConfigName: 'churn-single',
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-champion', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }],
    }));
    const single = await h.sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'churn-single' }));
    expect(single.ProductionVariants).toEqual([{ VariantName: 'AllTraffic', ModelName: 'churn-champion', InstanceType: 'ml.m5.large', InitialInstanceCount: 1, InitialVariantWeight: 1 }]);
    expect(single.KmsKeyId).toBeUndefined();
    expect(single.DataCaptureConfig).toBeUndefined();

    await h.sm.send(new CreateEndpointConfigCommand({
      EndpointConfigName: 'churn-ab',
      KmsKeyId: KEY,
      ProductionVariants: [
        { VariantName: 'champion', ModelName: 'churn-champion', InstanceType: 'ml.m5.large', InitialInstanceCount: 2, InitialVariantWeight: 0.9 },
        { VariantName: 'challenger', ModelName: 'churn-challenger', InstanceType: 'ml.m5.large', InitialInstanceCount: 2, InitialVariantWeight: 0.1 },
      ],
      DataCaptureConfig: { InitialSamplingPercentage: 100, DestinationS3Uri: 's3://ml-capture/churn', KmsKeyId: KEY, CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }], CaptureContentTypeHeader: { CsvContentTypes: ['text/csv'] } },
    }));
    const ab = await h.sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'churn-ab' }));
    expect(ab).toMatchObject({ KmsKeyId: KEY, DataCaptureConfig: { EnableCapture: true, InitialSamplingPercentage: 100, KmsKeyId: KEY, CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }] } });

    await h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'churn-serverless', ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-champion', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }] }));

    const noModel = await awsError(() => h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'x', ProductionVariants: [{ VariantName: 'v', ModelName: 'ghost', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] })));
    expect(noModel.message).toBe('Could not find model "arn:aws:sagemaker:us-east-1:123456789012:model/ghost".');
    const badMemory = await awsError(() => h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'x', ProductionVariants: [{ VariantName: 'v', ModelName: 'churn-champion', ServerlessConfig: { MemorySizeInMB: 1000, MaxConcurrency: 1 } }] })));
    expect(badMemory.message).toContain('Member must satisfy enum value set: [1024, 2048, 3072, 4096, 5120, 6144]');
    const badSampling = await awsError(() => h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'x', ProductionVariants: [{ VariantName: 'v', ModelName: 'churn-champion', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }], DataCaptureConfig: { InitialSamplingPercentage: 150, DestinationS3Uri: 's3://b/p', CaptureOptions: [{ CaptureMode: 'Input' }] } })));
    expect(badSampling.message).toContain("Value '150' at 'dataCaptureConfig.initialSamplingPercentage' failed to satisfy constraint: Member must have value less than or equal to 100");
    const twins = await awsError(() => h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'x', ProductionVariants: [{ VariantName: 'v', ModelName: 'churn-champion', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }, { VariantName: 'v', ModelName: 'churn-champion', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] })));
    expect(twins.message).toContain('unique variant names');
    const dup = await awsError(() => h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: 'churn-single', ProductionVariants: [{ VariantName: 'v', ModelName: 'churn-champion', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] })));
    expect(dup.message).toBe('Cannot create already existing endpoint configuration "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-single".');
  });

  it('creates an endpoint: Creating, then InService with current weights, counts and capture status', async () => {
    const created = h.now();
    const arn = (await h.sm.send(new CreateEndpointCommand({ EndpointName: 'Churn', EndpointConfigName: 'churn-ab', Tags: [{ Key: 'Project', Value: 'churn' }] }))).EndpointArn;
    expect(arn).toBe('arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn');
    const creating = await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'Churn' }));
    expect(creating.EndpointStatus).toBe('Creating');
    expect(creating.ProductionVariants![0]!.CurrentInstanceCount).toBeUndefined();
    h.advance();
    const ready = await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'Churn' }));
    expect(ready).toMatchObject({
      EndpointStatus: 'InService',
      EndpointConfigName: 'churn-ab',
      ProductionVariants: [
        { VariantName: 'champion', CurrentWeight: 0.9, DesiredWeight: 0.9, CurrentInstanceCount: 2, DesiredInstanceCount: 2 },
        { VariantName: 'challenger', CurrentWeight: 0.1, DesiredWeight: 0.1, CurrentInstanceCount: 2, DesiredInstanceCount: 2 },
      ],
      DataCaptureConfig: { EnableCapture: true, CaptureStatus: 'Started', CurrentSamplingPercentage: 100, DestinationS3Uri: 's3://ml-capture/churn', KmsKeyId: KEY },
    });
    expect(ready.ProductionVariants![0]!.DeployedImages![0]).toMatchObject({ SpecifiedImage: IMAGE });
    expect(ready.LastModifiedTime!.getTime()).toBe(created.getTime() + DELAY_MS);
    expect((await h.sm.send(new ListTagsCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }]);

    const dup = await awsError(() => h.sm.send(new CreateEndpointCommand({ EndpointName: 'churn', EndpointConfigName: 'churn-ab' })));
    expect(dup.message).toBe('Cannot create already existing endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn".');
    const noConfig = await awsError(() => h.sm.send(new CreateEndpointCommand({ EndpointName: 'x', EndpointConfigName: 'ghost' })));
    expect(noConfig.message).toBe('Could not find endpoint configuration "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/ghost".');
    const missing = await awsError(() => h.sm.send(new DescribeEndpointCommand({ EndpointName: 'ghost' })));
    expect(missing.message).toBe('Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ghost".');
  });

  it('shifts traffic with UpdateEndpointWeightsAndCapacities: desired now, current once the update is done', async () => {
    await h.sm.send(new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: 'churn', DesiredWeightsAndCapacities: [{ VariantName: 'champion', DesiredWeight: 0.5 }, { VariantName: 'challenger', DesiredWeight: 0.5, DesiredInstanceCount: 3 }] }));
    const updating = await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'churn' }));
    expect(updating.EndpointStatus).toBe('Updating');
    expect(updating.ProductionVariants![1]).toMatchObject({ CurrentWeight: 0.1, DesiredWeight: 0.5, CurrentInstanceCount: 2, DesiredInstanceCount: 3 });
    const busy = await awsError(() => h.sm.send(new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: 'churn', DesiredWeightsAndCapacities: [{ VariantName: 'champion', DesiredWeight: 1 }] })));
    expect(busy.message).toBe('Cannot update in-progress endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn".');
    h.advance();
    expect((await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'churn' }))).ProductionVariants![1]).toMatchObject({ CurrentWeight: 0.5, CurrentInstanceCount: 3 });
    const unknown = await awsError(() => h.sm.send(new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: 'churn', DesiredWeightsAndCapacities: [{ VariantName: 'nope', DesiredWeight: 1 }] })));
    expect(unknown.message).toContain('[nope] is/are not present in the endpoint');
  });

  it('switches configuration with UpdateEndpoint once the update completes', async () => {
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: 'churn', EndpointConfigName: 'churn-single' }));
    const updating = await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'churn' }));
    expect(updating).toMatchObject({ EndpointStatus: 'Updating', EndpointConfigName: 'churn-ab', PendingDeploymentSummary: { EndpointConfigName: 'churn-single' } });
    h.advance();
    const done = await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'churn' }));
    expect(done).toMatchObject({ EndpointStatus: 'InService', EndpointConfigName: 'churn-single', ProductionVariants: [{ VariantName: 'AllTraffic', CurrentWeight: 1, CurrentInstanceCount: 1 }] });
    expect(done.PendingDeploymentSummary).toBeUndefined();
    expect(done.DataCaptureConfig).toBeUndefined();
    // The configuration an endpoint runs can be deleted; the endpoint keeps serving.
    await h.sm.send(new DeleteEndpointConfigCommand({ EndpointConfigName: 'churn-single' }));
    expect((await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'churn' }))).EndpointStatus).toBe('InService');
  });

  it('lists models, configurations and endpoints with filters and paging', async () => {
    expect((await h.sm.send(new ListModelsCommand({ SortBy: 'Name', SortOrder: 'Ascending' }))).Models!.map((m) => m.ModelName)).toEqual(['Churn-Champion', 'churn-challenger']);
    expect((await h.sm.send(new ListEndpointConfigsCommand({ NameContains: 'serverless' }))).EndpointConfigs!.map((c) => c.EndpointConfigName)).toEqual(['churn-serverless']);
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'second', EndpointConfigName: 'churn-serverless' }));
    const listed = await h.sm.send(new ListEndpointsCommand({}));
    expect(listed.Endpoints!.map((e) => e.EndpointName)).toEqual(['second', 'Churn']);
    expect((await h.sm.send(new ListEndpointsCommand({ StatusEquals: 'Creating' }))).Endpoints!.map((e) => e.EndpointName)).toEqual(['second']);
    const page = await h.sm.send(new ListEndpointsCommand({ MaxResults: 1 }));
    expect(page.NextToken).toBeTruthy();
  });

  it('deletes endpoints (Deleting, then gone) and models', async () => {
    await h.sm.send(new DeleteEndpointCommand({ EndpointName: 'second' }));
    expect((await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'second' }))).EndpointStatus).toBe('Deleting');
    h.advance();
    expect((await awsError(() => h.sm.send(new DescribeEndpointCommand({ EndpointName: 'second' })))).message).toContain('Could not find endpoint');
    await h.sm.send(new DeleteModelCommand({ ModelName: 'churn-challenger' }));
    expect((await awsError(() => h.sm.send(new DeleteModelCommand({ ModelName: 'churn-challenger' })))).message).toBe('Could not find model "arn:aws:sagemaker:us-east-1:123456789012:model/churn-challenger".');
  });

  it('publishes "SageMaker Endpoint State Change" events with AWS\'s detail', async () => {
    const events = (await h.events()).filter((e) => e['detail-type'] === 'SageMaker Endpoint State Change' && e.resources[0] === 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn');
    expect(events.map((e) => e.detail.EndpointStatus)).toEqual(['CREATING', 'IN_SERVICE', 'UPDATING', 'IN_SERVICE', 'UPDATING', 'IN_SERVICE']);
    expect(events[1]!.detail).toMatchObject({ EndpointName: 'Churn', EndpointConfigName: 'churn-ab', Tags: { Project: 'churn' }, ProductionVariants: [{ VariantName: 'champion', DesiredWeight: 0.9, DesiredInstanceCount: 2 }, { VariantName: 'challenger', DesiredWeight: 0.1, DesiredInstanceCount: 2 }] });
    expect(typeof events[1]!.detail.CreationTime).toBe('number');
    expect(events[1]).toMatchObject({ source: 'aws.sagemaker', account: '123456789012', region: 'us-east-1' });
  });
});
