/**
 * Differential test against moto (optional): the same SageMaker calls, through the same SDK, to
 * the emulator and to moto_server. Every member moto returns, the emulator returns too (except the
 * differences listed below, each with its reason), and both answer the same error codes.
 * moto has no monitoring schedules, so those are compared nowhere here.
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  AddTagsCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  CreateNotebookInstanceCommand,
  CreateNotebookInstanceLifecycleConfigCommand,
  CreateTrainingJobCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  DescribeNotebookInstanceCommand,
  DescribeNotebookInstanceLifecycleConfigCommand,
  DescribeTrainingJobCommand,
  ListEndpointsCommand,
  ListModelPackagesCommand,
  ListNotebookInstancesCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { MOTO_AVAILABLE, startMoto } from '../../support/moto.ts';
import { clientConfig, emulator } from './support.ts';

const KEYS = { accessKeyId: '123456789012', secretAccessKey: 'x' };
const MOTO_KEYS = { accessKeyId: 'test', secretAccessKey: 'test' };
const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';

/**
 * Members moto returns that the emulator deliberately does not, with why. (The emulator returning
 * more than moto is not a difference worth listing: moto leaves out much of what AWS returns.)
 */
const EXPECTED_MISSING: Record<string, string[]> = {
  // moto answers an empty FinalMetricDataList; no metrics are computed here (nothing trains), so the member is left out.
  DescribeTrainingJob: ['FinalMetricDataList'],
  // moto echoes empty Containers and VpcConfig for a model defined by PrimaryContainer alone; AWS returns them only when set.
  DescribeModel: ['Containers', 'VpcConfig'],
  // moto reports a DataCaptureConfig for endpoints without capture; AWS leaves it out (capture checks read its absence).
  DescribeEndpointConfig: ['DataCaptureConfig'],
  DescribeEndpoint: ['DataCaptureConfig'],
  DescribeModelPackage: [],
};

/**
 * Where moto answers differently from AWS, and the emulator follows AWS (each compared call below
 * that hits one of these says so instead of asserting equality):
 * - moto accepts a second CreateTrainingJob with a used name; AWS answers ResourceInUse.
 * - moto leaves RootAccess out of a fresh notebook; AWS reports the default, "Enabled".
 * - moto leaves ModelApprovalStatus out of a new model package version; AWS starts it at PendingManualApproval.
 */
const MOTO_DEVIATIONS = {
  duplicateTrainingJobAccepted: true,
  rootAccessDefaultOmitted: true,
  approvalStatusDefaultOmitted: true,
};

function keysOf(value: unknown): string[] {
  return value && typeof value === 'object' ? Object.keys(value).filter((k) => k !== '$metadata' && (value as Record<string, unknown>)[k] !== undefined) : [];
}

if (!MOTO_AVAILABLE) console.warn('sagemaker-moto-differential.test.ts: SKIPPED — moto_server is not installed on this machine (the differential tests are an optional second opinion; the contract tests do not need it).');

describe.skipIf(!MOTO_AVAILABLE)('SageMaker: emulator vs moto', { timeout: 120_000 }, () => {
  let emu: RunningEmulator;
  let moto: Awaited<ReturnType<typeof startMoto>>;
  let ours: SageMakerClient;
  let theirs: SageMakerClient;
  let role: string;
  beforeAll(async () => {
    [emu, moto] = await Promise.all([emulator({ serviceSettings: { sagemaker: { transitionDelayMs: 0 } } }), startMoto()]);
    ours = new SageMakerClient(clientConfig(emu.url, KEYS));
    theirs = new SageMakerClient(clientConfig(moto.url, MOTO_KEYS));
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    role = (await new IAMClient(clientConfig(emu.url, KEYS)).send(new CreateRoleCommand({ RoleName: 'SageMakerExecution', AssumeRolePolicyDocument: trust }))).Role!.Arn!;
    await new IAMClient(clientConfig(moto.url, MOTO_KEYS)).send(new CreateRoleCommand({ RoleName: 'SageMakerExecution', AssumeRolePolicyDocument: trust }));
  });
  afterAll(async () => {
    await emu?.stop();
    await moto?.stop();
  });

  /** Sends the same command to both; compares success/failure, error codes and response members. */
  async function both(command: () => { input: unknown } & object, operation: string): Promise<{ ours: Record<string, unknown>; theirs: Record<string, unknown> }> {
    const run = async (client: SageMakerClient) => {
      try {
        return { ok: true as const, out: (await client.send(command() as never)) as unknown as Record<string, unknown> };
      } catch (error) {
        return { ok: false as const, code: (error as Error).name };
      }
    };
    const [a, b] = await Promise.all([run(ours), run(theirs)]);
    expect(a.ok, `${operation}: emulator ${a.ok ? 'succeeded' : `failed (${(a as { code: string }).code})`}, moto ${b.ok ? 'succeeded' : `failed (${(b as { code: string }).code})`}`).toBe(b.ok);
    if (!a.ok || !b.ok) {
      expect((a as { code: string }).code, operation).toBe((b as { code: string }).code);
      return { ours: {}, theirs: {} };
    }
    const missing = keysOf(b.out).filter((k) => !keysOf(a.out).includes(k) && !(EXPECTED_MISSING[operation] ?? []).includes(k));
    expect(missing, `${operation}: members moto returns that the emulator does not`).toEqual([]);
    return { ours: a.out, theirs: b.out };
  }

  it('notebook instances and lifecycle configurations', async () => {
    await both(() => new CreateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'setup', OnStart: [{ Content: Buffer.from('echo hi').toString('base64') }] }), 'CreateNotebookInstanceLifecycleConfig');
    await both(() => new DescribeNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'setup' }), 'DescribeNotebookInstanceLifecycleConfig');
    await both(() => new CreateNotebookInstanceCommand({ NotebookInstanceName: 'nb', InstanceType: 'ml.t3.medium', RoleArn: role }), 'CreateNotebookInstance');
    const d = await both(() => new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'nb' }), 'DescribeNotebookInstance');
    for (const field of ['DirectInternetAccess', 'VolumeSizeInGB', 'InstanceType']) expect(d.ours[field], field).toEqual(d.theirs[field]);
    expect(d.ours.RootAccess).toBe('Enabled');
    expect(d.theirs.RootAccess).toBe(MOTO_DEVIATIONS.rootAccessDefaultOmitted ? undefined : 'Enabled');
    await both(() => new ListNotebookInstancesCommand({}), 'ListNotebookInstances');
    await both(() => new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'ghost' }), 'DescribeNotebookInstance');
    await both(() => new CreateNotebookInstanceCommand({ NotebookInstanceName: 'nb', InstanceType: 'ml.t3.medium', RoleArn: role }), 'CreateNotebookInstance');
  });

  it('training jobs', async () => {
    const job = () => new CreateTrainingJobCommand({
      TrainingJobName: 'train',
      RoleArn: role,
      AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: 'File' },
      InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://ml-data/train/' } } }],
      OutputDataConfig: { S3OutputPath: 's3://ml-models/' },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      EnableNetworkIsolation: true,
    });
    await both(job, 'CreateTrainingJob');
    const d = await both(() => new DescribeTrainingJobCommand({ TrainingJobName: 'train' }), 'DescribeTrainingJob');
    expect(d.ours.EnableNetworkIsolation).toEqual(d.theirs.EnableNetworkIsolation);
    await both(() => new ListTrainingJobsCommand({}), 'ListTrainingJobs');
    // A used name: AWS (and the emulator) answer ResourceInUse; moto accepts it.
    const again = await ours.send(job()).then(() => 'accepted', (e: Error) => e.name);
    const motoAgain = await theirs.send(job()).then(() => 'accepted', (e: Error) => e.name);
    expect([again, motoAgain]).toEqual(['ResourceInUse', MOTO_DEVIATIONS.duplicateTrainingJobAccepted ? 'accepted' : 'ResourceInUse']);
  });

  it('models, endpoint configurations and endpoints', async () => {
    await both(() => new CreateModelCommand({ ModelName: 'm', ExecutionRoleArn: role, PrimaryContainer: { Image: IMAGE } }), 'CreateModel');
    const m = await both(() => new DescribeModelCommand({ ModelName: 'm' }), 'DescribeModel');
    expect(m.ours.ModelName).toBe(m.theirs.ModelName);
    await both(() => new DescribeModelCommand({ ModelName: 'ghost' }), 'DescribeModel');
    await both(() => new CreateEndpointConfigCommand({ EndpointConfigName: 'c', ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] }), 'CreateEndpointConfig');
    await both(() => new DescribeEndpointConfigCommand({ EndpointConfigName: 'c' }), 'DescribeEndpointConfig');
    await both(() => new CreateEndpointCommand({ EndpointName: 'e', EndpointConfigName: 'c' }), 'CreateEndpoint');
    await both(() => new DescribeEndpointCommand({ EndpointName: 'e' }), 'DescribeEndpoint');
    await both(() => new ListEndpointsCommand({}), 'ListEndpoints');
    await both(() => new DescribeEndpointCommand({ EndpointName: 'ghost' }), 'DescribeEndpoint');
    const arn = (await ours.send(new DescribeEndpointCommand({ EndpointName: 'e' }))).EndpointArn!;
    const motoArn = (await theirs.send(new DescribeEndpointCommand({ EndpointName: 'e' }))).EndpointArn!;
    await ours.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: 'Project', Value: 'churn' }] }));
    await theirs.send(new AddTagsCommand({ ResourceArn: motoArn, Tags: [{ Key: 'Project', Value: 'churn' }] }));
    expect((await ours.send(new ListTagsCommand({ ResourceArn: arn }))).Tags).toEqual((await theirs.send(new ListTagsCommand({ ResourceArn: motoArn }))).Tags);
  });

  it('model package groups and versions', async () => {
    await both(() => new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'g' }), 'CreateModelPackageGroup');
    await both(() => new CreateModelPackageCommand({ ModelPackageGroupName: 'g', InferenceSpecification: { Containers: [{ Image: IMAGE }], SupportedContentTypes: ['text/csv'], SupportedResponseMIMETypes: ['text/csv'] } }), 'CreateModelPackage');
    const arn = (await ours.send(new ListModelPackagesCommand({ ModelPackageGroupName: 'g' }))).ModelPackageSummaryList![0]!.ModelPackageArn!;
    const motoArn = (await theirs.send(new ListModelPackagesCommand({ ModelPackageGroupName: 'g' }))).ModelPackageSummaryList![0]!.ModelPackageArn!;
    expect(arn.split(':').slice(5).join(':')).toBe(motoArn.split(':').slice(5).join(':'));
    const [a, b] = await Promise.all([ours.send(new DescribeModelPackageCommand({ ModelPackageName: arn })), theirs.send(new DescribeModelPackageCommand({ ModelPackageName: motoArn }))]);
    expect(a.ModelApprovalStatus).toBe('PendingManualApproval');
    expect(b.ModelApprovalStatus).toBe(MOTO_DEVIATIONS.approvalStatusDefaultOmitted ? undefined : 'PendingManualApproval');
    expect(a.ModelPackageVersion).toBe(b.ModelPackageVersion);
    const missing = keysOf(b).filter((k) => !keysOf(a).includes(k) && !EXPECTED_MISSING.DescribeModelPackage!.includes(k));
    expect(missing).toEqual([]);
    await both(() => new ListModelPackagesCommand({ ModelPackageGroupName: 'g' }), 'ListModelPackages');
  });
});
