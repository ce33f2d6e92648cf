import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateDataQualityJobDefinitionCommand,
  CreateMonitoringScheduleCommand,
  DescribeMonitoringScheduleCommand,
  ListMonitoringSchedulesCommand,
  UpdateEndpointCommand,
  UpdateMonitoringScheduleCommand,
  type DataCaptureConfig,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { createBucket, createEndpoint, createEndpointConfig, createKeyWithAlias, createModel, createExecutionRole, defineLab, putObjects, waitForEndpoint, type LabContext } from '../../src/labs/kit/index.ts';

/** Model Monitor's prebuilt analyzer image (us-east-1; other Regions use their own registry account). */
const analyzerImage = '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer';

const features = ['amount_eur', 'hour_of_day', 'merchant_category', 'device_age_days', 'card_present', 'distance_from_home_km'];

function transactions(count: number, seed: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const n = seed * 7919 + i * 104729;
    return [((n % 90000) / 100).toFixed(2), n % 24, [5411, 5732, 5999, 4829, 7995][n % 5], n % 900, n % 3 === 0 ? 0 : 1, ((n % 25000) / 100).toFixed(1)].join(',');
  });
}

/** The baseline a data scientist computed from the training data last quarter (Model Monitor's file formats). */
function baselineFiles(): Record<string, string> {
  const statistics = {
    version: 0,
    dataset: { item_count: 48210 },
    features: features.map((name, i) => ({
      name,
      inferred_type: name === 'merchant_category' ? 'String' : i === 1 || i === 3 || i === 4 ? 'Integral' : 'Fractional',
      numerical_statistics: { common: { num_present: 48210, num_missing: 0 }, mean: [212.4, 13.1, 0, 402.7, 0.66, 38.2][i], std_dev: [301.9, 6.2, 0, 251.3, 0.47, 61.5][i], min: 0, max: [899.99, 23, 0, 899, 1, 249.9][i] },
    })),
  };
  const constraints = {
    version: 0,
    features: features.map((name) => ({ name, inferred_type: name === 'merchant_category' ? 'String' : 'Fractional', completeness: 1.0, num_constraints: { is_non_negative: true } })),
    monitoring_config: { evaluate_constraints: 'Enabled', emit_metrics: 'Enabled', distribution_constraints: { perform_comparison: 'Enabled', comparison_threshold: 0.1, comparison_method: 'Robust' } },
  };
  return {
    'baseline/statistics.json': JSON.stringify(statistics, null, 2),
    'baseline/constraints.json': JSON.stringify(constraints, null, 2),
    'training/validation-sample.csv': `${features.join(',')}\n${transactions(60, 3).join('\n')}\n`,
    'models/sentinel-fraud/model.tar.gz': 'xgboost model artefact placeholder (the emulator never runs it)\n',
  };
}

type Ctx = LabContext<'endpoint' | 'model' | 'monitoringBucket' | 'teamKey' | 'executionRole'>;

const s3 = (ctx: Ctx, path: string) => `s3://${ctx.names.monitoringBucket}/${path}`;
const onCallTopic = (ctx: Ctx) => `arn:${ctx.partition}:sns:${ctx.region}:${ctx.accountId}:${ctx.prefix}-fraud-oncall`;
const configName = (ctx: Ctx, version: string) => `${ctx.prefix}-fraud-scorer-config-${version}`;
const scheduleName = (ctx: Ctx) => `${ctx.prefix}-fraud-scorer-data-quality`;

async function switchEndpointConfig(ctx: Ctx, version: string, dataCapture: DataCaptureConfig | undefined): Promise<void> {
  await createEndpointConfig(ctx, {
    name: configName(ctx, version),
    variants: [{ VariantName: 'AllTraffic', ModelName: ctx.names.model, InstanceType: 'ml.m5.large', InitialInstanceCount: 1, InitialVariantWeight: 1 }],
    dataCapture,
    kmsKeyId: ctx.facts.teamKeyArn,
  });
  const sagemaker = await ctx.aws.client('sagemaker');
  await sagemaker.send(new UpdateEndpointCommand({ EndpointName: ctx.names.endpoint, EndpointConfigName: configName(ctx, version) }));
  await waitForEndpoint(ctx, ctx.names.endpoint);
}

async function createJobDefinition(ctx: Ctx, name: string, network: { EnableNetworkIsolation: boolean; EnableInterContainerTrafficEncryption: boolean }): Promise<void> {
  const sagemaker = await ctx.aws.client('sagemaker');
  await sagemaker.send(
    new CreateDataQualityJobDefinitionCommand({
      JobDefinitionName: name,
      DataQualityAppSpecification: { ImageUri: analyzerImage },
      DataQualityBaselineConfig: { ConstraintsResource: { S3Uri: s3(ctx, 'baseline/constraints.json') }, StatisticsResource: { S3Uri: s3(ctx, 'baseline/statistics.json') } },
      DataQualityJobInput: { EndpointInput: { EndpointName: ctx.names.endpoint, LocalPath: '/opt/ml/processing/input/endpoint' } },
      DataQualityJobOutputConfig: { KmsKeyId: ctx.facts.teamKeyArn, MonitoringOutputs: [{ S3Output: { S3Uri: s3(ctx, 'reports'), LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' } }] },
      JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 20, VolumeKmsKeyId: ctx.facts.teamKeyArn } },
      NetworkConfig: network,
      RoleArn: ctx.facts.executionRoleArn,
      StoppingCondition: { MaxRuntimeInSeconds: 1800 },
      Tags: ctx.tagList,
    }),
  );
}

/** Creates the data-quality schedule, or points an existing one at `definition`. */
async function scheduleDataQuality(ctx: Ctx, definition: string): Promise<void> {
  const sagemaker = await ctx.aws.client('sagemaker');
  const config = { MonitoringJobDefinitionName: definition, MonitoringType: 'DataQuality' as const, ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' } };
  const existing = await sagemaker.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName(ctx) })).catch(() => undefined);
  if (existing) await sagemaker.send(new UpdateMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName(ctx), MonitoringScheduleConfig: config }));
  else await sagemaker.send(new CreateMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName(ctx), MonitoringScheduleConfig: config, Tags: ctx.tagList }));
}

async function putAlarm(ctx: Ctx, suffix: string, metric: 'Invocation5XXErrors' | 'ModelLatency', actions: string[]): Promise<void> {
  const cloudwatch = await ctx.aws.client('cloudwatch');
  const latency = metric === 'ModelLatency';
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: `${ctx.prefix}-fraud-scorer-${suffix}`,
      AlarmDescription: latency ? 'p99 model latency above 300 ms for 3 of 5 minutes: the scoring SLA at checkout is 500 ms end to end.' : 'Model container errors (5XX) on the fraud scorer: checkout falls back to manual review.',
      Namespace: 'AWS/SageMaker',
      MetricName: metric,
      Dimensions: [
        { Name: 'EndpointName', Value: ctx.names.endpoint },
        { Name: 'VariantName', Value: 'AllTraffic' },
      ],
      ...(latency ? { ExtendedStatistic: 'p99', Threshold: 300_000, ComparisonOperator: 'GreaterThanThreshold' as const } : { Statistic: 'Sum' as const, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' as const }),
      Period: 60,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      TreatMissingData: 'notBreaching',
      AlarmActions: actions,
      Tags: ctx.tagList,
    }),
  );
}

export default defineLab({
  id: 'endpoint-monitoring',
  title: 'Watch a production endpoint: capture, drift checks and alarms',
  summary:
    'A fraud-scoring endpoint runs blind: no data capture, no data-quality schedule, no alarms. Capture requests and responses with the team’s key, schedule a hardened data-quality job against a baseline, and alarm on errors and latency with an action that reaches on-call.',
  syllabus: ['4.1.S1', '4.1.S2', '4.1.K2', '4.2.S1', '4.2.S4', '4.3.S1'],
  topics: ['model-monitor', 'kms'],
  difficulty: 'intermediate',
  estimatedMinutes: 45,
  timeLimitMinutes: 150,
  services: ['s3', 'kms', 'iam', 'sagemaker', 'sagemaker-runtime', 'cloudwatch', 'sts'],
  operations: [
    's3:CreateBucket',
    's3:PutObject',
    'kms:CreateKey',
    'kms:CreateAlias',
    'kms:ListAliases',
    'iam:CreateRole',
    'sagemaker:CreateModel',
    'sagemaker:CreateEndpointConfig',
    'sagemaker:CreateEndpoint',
    'sagemaker:DescribeEndpoint',
    'sagemaker:DescribeEndpointConfig',
    'sagemaker:UpdateEndpoint',
    'sagemaker:ListTags',
    'sagemaker:CreateDataQualityJobDefinition',
    'sagemaker:DescribeDataQualityJobDefinition',
    'sagemaker:CreateMonitoringSchedule',
    'sagemaker:ListMonitoringSchedules',
    'sagemaker:DescribeMonitoringSchedule',
    'sagemaker:UpdateMonitoringSchedule',
    'sagemaker-runtime:InvokeEndpoint',
    'cloudwatch:PutMetricAlarm',
    'cloudwatch:DescribeAlarms',
  ],
  resources: {
    endpoint: { type: 'sagemaker:endpoint', name: 'fraud-scorer', title: 'the fraud-scoring endpoint' },
    model: { type: 'sagemaker:model', name: 'sentinel-fraud-v7', title: 'the Sentinel fraud model' },
    monitoringBucket: { type: 's3:bucket', name: 'fraud-monitoring', title: 'the monitoring bucket (baseline, capture, reports)' },
    teamKey: { type: 'kms:alias', name: 'fraud-ml-monitoring', title: 'the fraud team’s monitoring key alias' },
    executionRole: { type: 'iam:role', name: 'fraud-sagemaker-execution', title: 'the SageMaker execution role' },
  },
  setup: [
    {
      title: 'Create the fraud team’s KMS key',
      run: (ctx) => createKeyWithAlias(ctx, { alias: ctx.names.teamKey, description: 'fraud-ml team: endpoint capture and monitoring reports', fact: 'teamKey', extraTags: { team: 'fraud-ml' } }),
    },
    {
      title: 'Create the monitoring bucket with last quarter’s baseline',
      run: async (ctx) => {
        await createBucket(ctx, ctx.names.monitoringBucket, { team: 'fraud-ml', 'data-classification': 'confidential' });
        await putObjects(ctx, ctx.names.monitoringBucket, baselineFiles());
        ctx.setFact('onCallTopicArn', onCallTopic(ctx));
        ctx.setFact('baselineConstraints', s3(ctx, 'baseline/constraints.json'));
        ctx.setFact('baselineStatistics', s3(ctx, 'baseline/statistics.json'));
        ctx.setFact('analyzerImage', analyzerImage);
      },
    },
    {
      title: 'Create the SageMaker execution role',
      run: async (ctx) => void (await createExecutionRole(ctx, { name: ctx.names.executionRole, fact: 'executionRole', description: 'fraud-ml: hosting and monitoring jobs' })),
    },
    {
      title: 'Deploy the Sentinel fraud model without capture (takes a few minutes on AWS)',
      run: async (ctx) => {
        await createModel(ctx, { name: ctx.names.model, roleArn: ctx.facts.executionRoleArn!, modelDataUrl: s3(ctx, 'models/sentinel-fraud/model.tar.gz'), environment: { MLSEC_EMULATOR_FAILURE_RATE: '0.05' }, extraTags: { team: 'fraud-ml' } });
        await createEndpointConfig(ctx, {
          name: configName(ctx, 'v1'),
          variants: [{ VariantName: 'AllTraffic', ModelName: ctx.names.model, InstanceType: 'ml.m5.large', InitialInstanceCount: 1, InitialVariantWeight: 1 }],
        });
        await createEndpoint(ctx, { name: ctx.names.endpoint, configName: configName(ctx, 'v1'), extraTags: { team: 'fraud-ml' } });
      },
    },
    {
      title: 'Send checkout traffic to the endpoint',
      run: async (ctx) => {
        const runtime = await ctx.aws.client('sagemaker-runtime');
        for (const row of transactions(25, 11)) {
          // Some invocations fail by design (the model is configured to return 5XX now and then).
          await runtime.send(new InvokeEndpointCommand({ EndpointName: ctx.names.endpoint, ContentType: 'text/csv', Body: new TextEncoder().encode(row) })).catch(() => undefined);
        }
      },
    },
  ],
  tasks: [
    {
      id: 'capture-traffic',
      title: 'Record what the model sees and says',
      goal: 'The endpoint captures both the requests (Input) and the responses (Output) — every request, or a sample you can justify — to the monitoring bucket, encrypted with the fraud team’s key.',
      why: 'Every drift check, every investigation of a disputed decision and every retraining set starts from captured traffic. Without it there is nothing to monitor. The payloads are card transactions, so they are encrypted with a key whose policy the team controls.',
      checks: [{ check: 'sagemaker-endpoint-data-capture', resource: 'endpoint', params: { key: '{{teamKey}}' } }],
      hints: {
        nudge: 'Capture is a property of the endpoint configuration, and configurations cannot be edited. Deployments move an endpoint from one configuration to another without downtime.',
        where: 'Create a new endpoint configuration (CreateEndpointConfig) with the same production variant plus a DataCaptureConfig: capture enabled, both capture modes, a destination under the monitoring bucket and the team key; then UpdateEndpoint to it and wait for InService.',
        command:
          'aws sagemaker describe-endpoint-config --endpoint-config-name {{prefix}}-fraud-scorer-config-v1   # copy the variant\naws sagemaker create-endpoint-config --endpoint-config-name {{prefix}}-fraud-scorer-config-v2 --kms-key-id {{fact.teamKeyArn}} \\\n  --production-variants VariantName=AllTraffic,ModelName={{model}},InstanceType=ml.m5.large,InitialInstanceCount=1,InitialVariantWeight=1 \\\n  --data-capture-config \'{"EnableCapture":true,"InitialSamplingPercentage":100,"DestinationS3Uri":"s3://{{monitoringBucket}}/capture","KmsKeyId":"{{fact.teamKeyArn}}","CaptureOptions":[{"CaptureMode":"Input"},{"CaptureMode":"Output"}]}\'\naws sagemaker update-endpoint --endpoint-name {{endpoint}} --endpoint-config-name {{prefix}}-fraud-scorer-config-v2\naws sagemaker wait endpoint-in-service --endpoint-name {{endpoint}}',
      },
    },
    {
      id: 'schedule-data-quality',
      title: 'Compare live traffic with the baseline every hour',
      goal: 'A data-quality monitoring schedule watches the endpoint, is Scheduled, and its job compares captured data with the baseline constraints and statistics already in the monitoring bucket.',
      why: 'The model was trained on last quarter’s transactions. When the checkout team changes a field or a merchant feed goes quiet, the inputs shift while the endpoint keeps answering HTTP 200. A scheduled comparison with the baseline is what notices.',
      checks: [{ check: 'sagemaker-endpoint-data-quality-monitoring', resource: 'endpoint' }],
      hints: {
        nudge: 'A monitoring schedule runs a job definition on a timetable. The job definition says which endpoint to read, which baseline to compare with, and where to write the report.',
        where: 'CreateDataQualityJobDefinition (baseline constraints and statistics under baseline/ in the monitoring bucket, the endpoint as input, reports/ as output, the execution role), then CreateMonitoringSchedule with MonitoringType DataQuality and an hourly cron expression.',
        command:
          'aws sagemaker create-data-quality-job-definition --job-definition-name {{prefix}}-fraud-dq-v1 --role-arn {{fact.executionRoleArn}} \\\n  --data-quality-app-specification ImageUri={{fact.analyzerImage}} \\\n  --data-quality-baseline-config \'{"ConstraintsResource":{"S3Uri":"{{fact.baselineConstraints}}"},"StatisticsResource":{"S3Uri":"{{fact.baselineStatistics}}"}}\' \\\n  --data-quality-job-input \'{"EndpointInput":{"EndpointName":"{{endpoint}}","LocalPath":"/opt/ml/processing/input/endpoint"}}\' \\\n  --data-quality-job-output-config \'{"KmsKeyId":"{{fact.teamKeyArn}}","MonitoringOutputs":[{"S3Output":{"S3Uri":"s3://{{monitoringBucket}}/reports","LocalPath":"/opt/ml/processing/output"}}]}\' \\\n  --job-resources \'{"ClusterConfig":{"InstanceCount":1,"InstanceType":"ml.m5.xlarge","VolumeSizeInGB":20,"VolumeKmsKeyId":"{{fact.teamKeyArn}}"}}\' \\\n  --network-config EnableNetworkIsolation=true,EnableInterContainerTrafficEncryption=true\naws sagemaker create-monitoring-schedule --monitoring-schedule-name {{prefix}}-fraud-scorer-data-quality \\\n  --monitoring-schedule-config \'{"MonitoringJobDefinitionName":"{{prefix}}-fraud-dq-v1","MonitoringType":"DataQuality","ScheduleConfig":{"ScheduleExpression":"cron(0 * ? * * *)"}}\'',
      },
    },
    {
      id: 'harden-monitoring-jobs',
      title: 'Keep the monitoring jobs off the network',
      goal: 'Every monitoring schedule of the endpoint runs its job with network isolation and with inter-container traffic encryption (Security Hub SageMaker.14 and SageMaker.22).',
      why: 'Monitoring jobs read the captured card transactions. An analysis container with network access could send them anywhere; one whose instances talk in clear text exposes them on the wire. The analyzer needs neither: it reads from and writes to S3 through SageMaker.',
      checks: [
        { check: 'sagemaker-monitoring-schedule-network-isolation', resource: 'endpoint' },
        { check: 'sagemaker-monitoring-schedule-inter-container-encryption', resource: 'endpoint' },
      ],
      hints: {
        nudge: 'The network settings of a monitoring job live in its job definition, and job definitions are immutable. A schedule can be pointed at another definition.',
        where: 'The NetworkConfig of the data-quality job definition: EnableNetworkIsolation and EnableInterContainerTrafficEncryption must both be true. Create a hardened definition and UpdateMonitoringSchedule every schedule of the endpoint to it (ListMonitoringSchedules filters by endpoint).',
        command:
          'aws sagemaker list-monitoring-schedules --endpoint-name {{endpoint}}\n# create {{prefix}}-fraud-dq-v2 as in the previous task, with:  --network-config EnableNetworkIsolation=true,EnableInterContainerTrafficEncryption=true\naws sagemaker update-monitoring-schedule --monitoring-schedule-name {{prefix}}-fraud-scorer-data-quality \\\n  --monitoring-schedule-config \'{"MonitoringJobDefinitionName":"{{prefix}}-fraud-dq-v2","MonitoringType":"DataQuality","ScheduleConfig":{"ScheduleExpression":"cron(0 * ? * * *)"}}\'',
      },
    },
    {
      id: 'alarm-errors-and-latency',
      title: 'Page on-call when the model fails or slows down',
      goal: 'CloudWatch alarms watch Invocation5XXErrors and ModelLatency of the endpoint, each with the on-call SNS topic as an alarm action and actions enabled. Name them starting with the run prefix so teardown finds them.',
      why: 'Checkout waits for the fraud score. A crashing container (5XX) or a slow model sends payments to manual review and customers to a competitor; an alarm without an action is a graph nobody watches (Security Hub CloudWatch.15 and CloudWatch.17).',
      checks: [
        { check: 'cloudwatch-endpoint-metric-alarm', resource: 'endpoint', params: { metric: 'Invocation5XXErrors' } },
        { check: 'cloudwatch-endpoint-metric-alarm', resource: 'endpoint', params: { metric: 'ModelLatency' } },
      ],
      hints: {
        nudge: 'SageMaker publishes per-endpoint metrics to CloudWatch on its own. What is missing is something that turns a bad minute into a page.',
        where: 'PutMetricAlarm in the AWS/SageMaker namespace with the EndpointName and VariantName dimensions: one on Invocation5XXErrors (Sum), one on ModelLatency (a high percentile, in microseconds), each with the on-call topic among its AlarmActions.',
        command:
          'aws cloudwatch put-metric-alarm --alarm-name {{prefix}}-fraud-scorer-5xx --namespace AWS/SageMaker --metric-name Invocation5XXErrors \\\n  --dimensions Name=EndpointName,Value={{endpoint}} Name=VariantName,Value=AllTraffic --statistic Sum --period 60 \\\n  --evaluation-periods 5 --datapoints-to-alarm 3 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold \\\n  --treat-missing-data notBreaching --alarm-actions {{fact.onCallTopicArn}}\naws cloudwatch put-metric-alarm --alarm-name {{prefix}}-fraud-scorer-latency --namespace AWS/SageMaker --metric-name ModelLatency \\\n  --dimensions Name=EndpointName,Value={{endpoint}} Name=VariantName,Value=AllTraffic --extended-statistic p99 --period 60 \\\n  --evaluation-periods 5 --datapoints-to-alarm 3 --threshold 300000 --comparison-operator GreaterThanThreshold \\\n  --treat-missing-data notBreaching --alarm-actions {{fact.onCallTopicArn}}',
      },
    },
  ],
  solution: [
    {
      task: 'capture-traffic',
      title: 'Move the endpoint to a configuration that captures input and output with the team key',
      run: (ctx) =>
        switchEndpointConfig(ctx, 'v3', {
          EnableCapture: true,
          InitialSamplingPercentage: 100,
          DestinationS3Uri: s3(ctx, 'capture'),
          KmsKeyId: ctx.facts.teamKeyArn,
          CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
          CaptureContentTypeHeader: { CsvContentTypes: ['text/csv'] },
        }),
    },
    {
      task: 'schedule-data-quality',
      title: 'Create a hardened data-quality job definition with the baseline and schedule it hourly',
      run: async (ctx) => {
        await createJobDefinition(ctx, `${ctx.prefix}-fraud-dq-v2`, { EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true });
        await scheduleDataQuality(ctx, `${ctx.prefix}-fraud-dq-v2`);
      },
    },
    {
      task: 'harden-monitoring-jobs',
      title: 'Point every schedule of the endpoint at the hardened job definition',
      run: async (ctx) => {
        const sagemaker = await ctx.aws.client('sagemaker');
        const list = await sagemaker.send(new ListMonitoringSchedulesCommand({ EndpointName: ctx.names.endpoint }));
        for (const summary of list.MonitoringScheduleSummaries ?? []) {
          const s = await sagemaker.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: summary.MonitoringScheduleName }));
          if (s.MonitoringScheduleConfig?.MonitoringJobDefinitionName === `${ctx.prefix}-fraud-dq-v2`) continue;
          await sagemaker.send(
            new UpdateMonitoringScheduleCommand({
              MonitoringScheduleName: summary.MonitoringScheduleName,
              MonitoringScheduleConfig: { MonitoringJobDefinitionName: `${ctx.prefix}-fraud-dq-v2`, MonitoringType: 'DataQuality', ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' } },
            }),
          );
        }
      },
    },
    {
      task: 'alarm-errors-and-latency',
      title: 'Alarm on 5XX errors and p99 model latency, notifying the on-call topic',
      run: async (ctx) => {
        await putAlarm(ctx, '5xx', 'Invocation5XXErrors', [ctx.facts.onCallTopicArn!]);
        await putAlarm(ctx, 'latency', 'ModelLatency', [ctx.facts.onCallTopicArn!]);
      },
    },
  ],
  nearMisses: [
    {
      id: 'capture-input-only',
      title: 'Capturing only the requests (CaptureMode Input), with the team key',
      explanation:
        'Data-quality monitoring can run on inputs alone, but without the outputs nobody can see what the model answered: model-quality checks, disputed-decision investigations and ground-truth joins all need both halves of each invocation.',
      task: 'capture-traffic',
      apply: (ctx) =>
        switchEndpointConfig(ctx, 'v2', { EnableCapture: true, InitialSamplingPercentage: 100, DestinationS3Uri: s3(ctx, 'capture'), KmsKeyId: ctx.facts.teamKeyArn, CaptureOptions: [{ CaptureMode: 'Input' }] }),
    },
    {
      id: 'schedule-without-isolation',
      title: 'A data-quality schedule whose job definition leaves the network settings at their defaults',
      explanation:
        'The schedule runs and compares with the baseline, but its job definition has no NetworkConfig: the analysis container may reach the internet and its instances talk in clear text. Network settings default to off; they must be set to true in the job definition.',
      task: 'harden-monitoring-jobs',
      apply: async (ctx) => {
        await createJobDefinition(ctx, `${ctx.prefix}-fraud-dq-v1`, { EnableNetworkIsolation: false, EnableInterContainerTrafficEncryption: false });
        await scheduleDataQuality(ctx, `${ctx.prefix}-fraud-dq-v1`);
      },
    },
    {
      id: 'alarm-without-action',
      title: 'Alarms on 5XX errors and latency with no alarm action',
      explanation: 'The alarms change state in the console, but nobody is told: with no AlarmActions an alarm notifies no one (Security Hub CloudWatch.15). Add the on-call topic as an alarm action.',
      task: 'alarm-errors-and-latency',
      apply: async (ctx) => {
        await putAlarm(ctx, '5xx', 'Invocation5XXErrors', []);
        await putAlarm(ctx, 'latency', 'ModelLatency', []);
      },
    },
    {
      id: 'alarm-on-another-endpoint-dimension',
      title: 'Alarms with actions, but only on the VariantName dimension of a different endpoint name',
      explanation: 'CloudWatch matches dimensions exactly: an alarm whose EndpointName is not this endpoint’s name watches a metric that never gets data, and it never fires.',
      task: 'alarm-errors-and-latency',
      apply: async (ctx) => {
        const cloudwatch = await ctx.aws.client('cloudwatch');
        await cloudwatch.send(
          new PutMetricAlarmCommand({
            AlarmName: `${ctx.prefix}-fraud-scorer-5xx-typo`,
            Namespace: 'AWS/SageMaker',
            MetricName: 'Invocation5XXErrors',
            Dimensions: [{ Name: 'EndpointName', Value: 'fraud-scorer' }, { Name: 'VariantName', Value: 'AllTraffic' }],
            Statistic: 'Sum',
            Period: 60,
            EvaluationPeriods: 5,
            Threshold: 1,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            AlarmActions: [ctx.facts.onCallTopicArn!],
          }),
        );
      },
    },
  ],
});

