/**
 * SageMaker and SageMaker Runtime through the SDK over HTTP: the calls labs and checks make most
 * (DescribeEndpoint, DescribeNotebookInstance, ListTrainingJobs), InvokeEndpoint with data capture
 * and metrics, and how the lazy status evaluation holds up with many resources in a region.
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateNotebookInstanceCommand,
  CreateTrainingJobCommand,
  DescribeEndpointCommand,
  DescribeNotebookInstanceCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { startEmulator } from '../../src/emulator/index.ts';
import { type Benchmark, goalRow, percentile, timeEach } from './harness.ts';

const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
const KEYS = { accessKeyId: '123456789012', secretAccessKey: 'x' };
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

const bench: Benchmark = {
  suite: 'sagemaker',
  async run() {
    const emu = await startEmulator({ port: 0, log: () => {}, serviceSettings: { sagemaker: { transitionDelayMs: 0 } } });
    try {
      const config = { endpoint: emu.url, region: 'us-east-1', credentials: KEYS, maxAttempts: 1 };
      const sm = new SageMakerClient(config);
      const runtime = new SageMakerRuntimeClient(config);
      const role = (await new IAMClient(config).send(new CreateRoleCommand({ RoleName: 'SageMakerExecution', AssumeRolePolicyDocument: trust }))).Role!.Arn!;
      await new S3Client({ ...config, forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'capture' }));
      await sm.send(new CreateModelCommand({ ModelName: 'm', ExecutionRoleArn: role, PrimaryContainer: { Image: IMAGE } }));
      await sm.send(new CreateEndpointConfigCommand({
        EndpointConfigName: 'c',
        ProductionVariants: [
          { VariantName: 'a', ModelName: 'm', InstanceType: 'ml.m5.large', InitialInstanceCount: 2, InitialVariantWeight: 0.9 },
          { VariantName: 'b', ModelName: 'm', InstanceType: 'ml.m5.large', InitialInstanceCount: 1, InitialVariantWeight: 0.1 },
        ],
        DataCaptureConfig: { InitialSamplingPercentage: 100, DestinationS3Uri: 's3://capture/data', CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }] },
      }));
      await sm.send(new CreateEndpointCommand({ EndpointName: 'e', EndpointConfigName: 'c' }));
      await sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: 'nb', InstanceType: 'ml.t3.medium', RoleArn: role }));
      const body = Buffer.from('42,0,1.5,7,0.25');
      // Warm up the clients and the lazily loaded models.
      for (let i = 0; i < 50; i++) {
        await sm.send(new DescribeEndpointCommand({ EndpointName: 'e' }));
        await runtime.send(new InvokeEndpointCommand({ EndpointName: 'e', ContentType: 'text/csv', Body: body }));
      }

      const describe = await timeEach(500, () => sm.send(new DescribeEndpointCommand({ EndpointName: 'e' })));
      const notebook = await timeEach(500, () => sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'nb' })));
      const invoke = await timeEach(1000, () => runtime.send(new InvokeEndpointCommand({ EndpointName: 'e', ContentType: 'text/csv', Body: body })));

      // A busy region: 1,000 training jobs and 200 notebooks whose statuses settle on every call.
      const job = (i: number) => new CreateTrainingJobCommand({
        TrainingJobName: `job-${i}`, RoleArn: role,
        AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: 'File' },
        OutputDataConfig: { S3OutputPath: 's3://models/' },
        ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
        StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      });
      const create = await timeEach(1000, (i) => sm.send(job(i)));
      for (let i = 0; i < 200; i++) await sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: `nb-${i}`, InstanceType: 'ml.t3.medium', RoleArn: role }));
      const busyDescribe = await timeEach(300, () => sm.send(new DescribeEndpointCommand({ EndpointName: 'e' })));
      const list = await timeEach(100, () => sm.send(new ListTrainingJobsCommand({ MaxResults: 100 })));

      const p50 = (values: number[]) => Number(percentile(values, 50).toFixed(2));
      const p99 = (values: number[]) => Number(percentile(values, 99).toFixed(2));
      return [
        goalRow('DescribeEndpoint via SDK over HTTP, p50', p50(describe), 'ms', { below: 2 }, `p99 ${p99(describe)} ms, n=500`),
        goalRow('DescribeNotebookInstance via SDK over HTTP, p50', p50(notebook), 'ms', { below: 2 }, `p99 ${p99(notebook)} ms, n=500`),
        goalRow('InvokeEndpoint (restJson1) with data capture to S3 and 6 metrics, p50', p50(invoke), 'ms', { below: 3 }, `p99 ${p99(invoke)} ms, n=1000`),
        { measure: 'InvokeEndpoint calls/s, one client, sequential', value: Math.round(1000 / (invoke.reduce((a, b) => a + b, 0) / invoke.length)), unit: 'calls/s' },
        { measure: 'CreateTrainingJob p50 (1,000 jobs, events published on each)', value: p50(create), unit: 'ms', note: `p99 ${p99(create)} ms` },
        goalRow('DescribeEndpoint with 1,000 jobs and 200 notebooks in the region, p50', p50(busyDescribe), 'ms', { below: 5 }, `p99 ${p99(busyDescribe)} ms, n=300; statuses settle on every call`),
        { measure: 'ListTrainingJobs MaxResults=100 of 1,000, p50', value: p50(list), unit: 'ms', note: `p99 ${p99(list)} ms, n=100` },
      ];
    } finally {
      await emu.stop();
    }
  },
};

export default bench;
