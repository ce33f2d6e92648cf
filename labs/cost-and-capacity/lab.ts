import { PutScalingPolicyCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { CreateBudgetCommand, CreateNotificationCommand, DescribeBudgetCommand, type NotificationWithSubscribers } from '@aws-sdk/client-budgets';
import { ListCostAllocationTagsCommand, UpdateCostAllocationTagsStatusCommand } from '@aws-sdk/client-cost-explorer';
import { CreateLogGroupCommand, DeleteRetentionPolicyCommand, PutLogEventsCommand, CreateLogStreamCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AddTagsCommand, CreateTrainingJobCommand, DescribeEndpointCommand, UpdateEndpointCommand } from '@aws-sdk/client-sagemaker';
import { createBucket, createEndpoint, createEndpointConfig, createModel, createExecutionRole, defineLab, putObjects, waitForEndpoint, type LabContext } from '../../src/labs/kit/index.ts';

type Ctx = LabContext<'endpoint' | 'model' | 'dataBucket' | 'executionRole' | 'logGroup' | 'stagingLogGroup' | 'budget' | 'nightlyTraining'>;

/** The tagging strategy the FinOps team published: every ML resource carries these three keys. */
const tagKeys = ['cost-center', 'project', 'environment'];
const teamTags = { 'cost-center': 'cc-3120-retention', project: 'churn-prediction', environment: 'production' };
const trainingImage = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';

const s3 = (ctx: Ctx, path: string) => `s3://${ctx.names.dataBucket}/${path}`;
const configName = (ctx: Ctx, version: string) => `${ctx.prefix}-churn-scorer-config-${version}`;
const variantId = (ctx: Ctx) => `endpoint/${ctx.names.endpoint}/variant/AllTraffic`;

function customers(): string {
  const header = 'customer_id,tenure_months,monthly_charge_eur,support_calls_90d,contract,data_gb_30d,churned';
  const rows = Array.from({ length: 80 }, (_, i) => {
    const n = i * 7919 + 13;
    return [`c-${(100000 + n).toString(36)}`, n % 72, (15 + (n % 6000) / 100).toFixed(2), n % 9, ['monthly', 'annual', 'two-year'][n % 3], (n % 4000) / 100, n % 7 === 0 ? 1 : 0].join(',');
  });
  return `${header}\n${rows.join('\n')}\n`;
}

async function tagEndpointFamily(ctx: Ctx, tags: Record<string, string>): Promise<void> {
  const sagemaker = await ctx.aws.client('sagemaker');
  const endpoint = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: ctx.names.endpoint }));
  const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  const arn = (type: string, name: string) => `arn:${ctx.partition}:sagemaker:${ctx.region}:${ctx.accountId}:${type}/${name.toLowerCase()}`;
  await sagemaker.send(new AddTagsCommand({ ResourceArn: endpoint.EndpointArn!, Tags }));
  await sagemaker.send(new AddTagsCommand({ ResourceArn: arn('endpoint-config', endpoint.EndpointConfigName!), Tags }));
  await sagemaker.send(new AddTagsCommand({ ResourceArn: arn('model', ctx.names.model), Tags }));
}

async function registerScaling(ctx: Ctx, min: number, max: number): Promise<void> {
  const client = await ctx.aws.client('application-autoscaling');
  await client.send(new RegisterScalableTargetCommand({ ServiceNamespace: 'sagemaker', ResourceId: variantId(ctx), ScalableDimension: 'sagemaker:variant:DesiredInstanceCount', MinCapacity: min, MaxCapacity: max }));
  await client.send(
    new PutScalingPolicyCommand({
      PolicyName: `${ctx.prefix}-churn-invocations-per-instance`,
      ServiceNamespace: 'sagemaker',
      ResourceId: variantId(ctx),
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 750,
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        ScaleInCooldown: 300,
        ScaleOutCooldown: 60,
      },
    }),
  );
}

async function startTraining(ctx: Ctx, suffix: string, spot: { checkpoints: boolean } | null): Promise<void> {
  const sagemaker = await ctx.aws.client('sagemaker');
  await sagemaker.send(
    new CreateTrainingJobCommand({
      TrainingJobName: `${ctx.names.nightlyTraining}-${suffix}`,
      AlgorithmSpecification: { TrainingImage: trainingImage, TrainingInputMode: 'File' },
      RoleArn: ctx.facts.executionRoleArn!,
      HyperParameters: { objective: 'binary:logistic', num_round: '400', max_depth: '6', eta: '0.1' },
      InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: s3(ctx, 'train/'), S3DataDistributionType: 'FullyReplicated' } }, ContentType: 'text/csv' }],
      OutputDataConfig: { S3OutputPath: s3(ctx, 'models/') },
      ResourceConfig: { InstanceType: 'ml.m5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      StoppingCondition: spot ? { MaxRuntimeInSeconds: 7200, MaxWaitTimeInSeconds: 14400 } : { MaxRuntimeInSeconds: 7200 },
      ...(spot ? { EnableManagedSpotTraining: true } : {}),
      ...(spot?.checkpoints ? { CheckpointConfig: { S3Uri: s3(ctx, 'checkpoints/churn-nightly/'), LocalPath: '/opt/ml/checkpoints' } } : {}),
      Tags: [...ctx.tagList, ...(spot ? Object.entries(teamTags).map(([Key, Value]) => ({ Key, Value })) : [])],
    }),
  );
}

async function createTeamBudget(ctx: Ctx, withAlert: boolean): Promise<void> {
  const budgets = await ctx.aws.client('budgets');
  const alerts: NotificationWithSubscribers[] = withAlert
    ? [
        { Notification: { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' }, Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ml-platform@example.com' }] },
        { Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' }, Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ml-platform@example.com' }] },
      ]
    : [];
  const existing = await budgets.send(new DescribeBudgetCommand({ AccountId: ctx.accountId, BudgetName: ctx.names.budget })).catch(() => undefined);
  if (existing?.Budget) {
    // The budget is already there (created without alerts): add the alerts to it.
    for (const a of alerts) await budgets.send(new CreateNotificationCommand({ AccountId: ctx.accountId, BudgetName: ctx.names.budget, Notification: a.Notification, Subscribers: a.Subscribers }));
    return;
  }
  await budgets.send(
    new CreateBudgetCommand({
      AccountId: ctx.accountId,
      Budget: { BudgetName: ctx.names.budget, BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '4000', Unit: 'USD' } },
      NotificationsWithSubscribers: alerts,
      ResourceTags: ctx.tagList,
    }),
  );
}

async function switchToRedundantConfig(ctx: Ctx, instances: number): Promise<void> {
  await createEndpointConfig(ctx, {
    name: configName(ctx, 'v2'),
    variants: [{ VariantName: 'AllTraffic', ModelName: ctx.names.model, InstanceType: 'ml.m5.large', InitialInstanceCount: instances, InitialVariantWeight: 1 }],
    extraTags: teamTags,
  });
  const sagemaker = await ctx.aws.client('sagemaker');
  await sagemaker.send(new UpdateEndpointCommand({ EndpointName: ctx.names.endpoint, EndpointConfigName: configName(ctx, 'v2') }));
  await waitForEndpoint(ctx, ctx.names.endpoint);
}

export default defineLab({
  id: 'cost-and-capacity',
  title: 'Put a number on ML spend: tags, scaling, Spot, retention, budget',
  summary:
    'An ML platform bill doubled and nobody can say why. Tag the churn model’s resources and activate the tags for billing, make its single-instance endpoint redundant and auto scaled, move nightly training to Managed Spot with checkpoints, stop keeping logs forever, and add a budget that alerts.',
  syllabus: ['4.2.S6', '4.2.S7', '4.2.S8', '4.2.S9', '4.2.S10', '4.2.K5', '4.2.K6'],
  topics: [],
  difficulty: 'intermediate',
  estimatedMinutes: 50,
  timeLimitMinutes: 150,
  services: ['s3', 'iam', 'sagemaker', 'logs', 'application-autoscaling', 'budgets', 'ce', 'cloudwatch', 'sts'],
  operations: [
    's3:CreateBucket',
    's3:PutObject',
    'iam:CreateRole',
    'sagemaker:CreateModel',
    'sagemaker:CreateEndpointConfig',
    'sagemaker:CreateEndpoint',
    'sagemaker:DescribeEndpoint',
    'sagemaker:DescribeEndpointConfig',
    'sagemaker:UpdateEndpoint',
    'sagemaker:AddTags',
    'sagemaker:ListTags',
    'sagemaker:CreateTrainingJob',
    'sagemaker:ListTrainingJobs',
    'sagemaker:DescribeTrainingJob',
    'logs:CreateLogGroup',
    'logs:DescribeLogGroups',
    'logs:PutRetentionPolicy',
    'application-autoscaling:RegisterScalableTarget',
    'application-autoscaling:DescribeScalableTargets',
    'application-autoscaling:DescribeScalingPolicies',
    'application-autoscaling:PutScalingPolicy',
    'budgets:CreateBudget',
    'budgets:DescribeBudget',
    'budgets:DescribeBudgets',
    'budgets:DescribeNotificationsForBudget',
    'ce:ListCostAllocationTags',
    'ce:UpdateCostAllocationTagsStatus',
  ],
  resources: {
    endpoint: { type: 'sagemaker:endpoint', name: 'churn-scorer', title: 'the churn-scoring endpoint' },
    model: { type: 'sagemaker:model', name: 'churn-xgb-v3', title: 'the churn model' },
    dataBucket: { type: 's3:bucket', name: 'churn-ml', title: 'the churn team’s data bucket' },
    executionRole: { type: 'iam:role', name: 'churn-sagemaker-execution', title: 'the SageMaker execution role' },
    logGroup: { type: 'logs:endpoint-log-group', name: 'churn-scorer', title: 'the endpoint’s log group' },
    stagingLogGroup: { type: 'logs:endpoint-log-group', name: 'churn-scorer-staging', title: 'the retired staging endpoint’s log group' },
    budget: { type: 'budgets:budget', name: 'ml-platform-monthly', title: 'the ML platform’s monthly budget' },
    nightlyTraining: { type: 'sagemaker:training-job', name: 'churn-nightly', title: 'the nightly churn training runs' },
  },
  setup: [
    {
      title: 'Remember the billing status of the tagging strategy’s keys',
      run: async (ctx) => {
        const ce = await ctx.aws.client('ce');
        const listed = await ce.send(new ListCostAllocationTagsCommand({ TagKeys: tagKeys, Type: 'UserDefined' }));
        const previous = Object.fromEntries(tagKeys.map((k) => [k, listed.CostAllocationTags?.find((t) => t.TagKey === k)?.Status ?? 'Inactive']));
        ctx.recordUndo({ kind: 'ce:cost-allocation-tags', previous });
      },
    },
    {
      title: 'Create the churn team’s data bucket and training data',
      run: async (ctx) => {
        await createBucket(ctx, ctx.names.dataBucket);
        await putObjects(ctx, ctx.names.dataBucket, { 'train/customers-2026-05.csv': customers(), 'models/churn-xgb-v3/model.tar.gz': 'xgboost model artefact placeholder\n' });
      },
    },
    {
      title: 'Create the SageMaker execution role',
      run: async (ctx) => void (await createExecutionRole(ctx, { name: ctx.names.executionRole, fact: 'executionRole', description: 'churn team: hosting and training' })),
    },
    {
      title: 'Deploy the churn model on one instance, untagged (takes a few minutes on AWS)',
      run: async (ctx) => {
        await createModel(ctx, { name: ctx.names.model, roleArn: ctx.facts.executionRoleArn!, modelDataUrl: s3(ctx, 'models/churn-xgb-v3/model.tar.gz') });
        await createEndpointConfig(ctx, { name: configName(ctx, 'v1'), variants: [{ VariantName: 'AllTraffic', ModelName: ctx.names.model, InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 1, InitialVariantWeight: 1 }] });
        await createEndpoint(ctx, { name: ctx.names.endpoint, configName: configName(ctx, 'v1') });
        ctx.setFact('endpointConfigV1', configName(ctx, 'v1'));
      },
    },
    {
      title: 'Create the endpoint’s log group with the default retention (never expire)',
      run: async (ctx) => {
        const logs = await ctx.aws.client('logs');
        await logs.send(new CreateLogGroupCommand({ logGroupName: ctx.names.logGroup, tags: ctx.tags }));
        await logs.send(new CreateLogStreamCommand({ logGroupName: ctx.names.logGroup, logStreamName: 'AllTraffic/i-0a1b2c3d4e5f' }));
        await logs.send(
          new PutLogEventsCommand({
            logGroupName: ctx.names.logGroup,
            logStreamName: 'AllTraffic/i-0a1b2c3d4e5f',
            logEvents: Array.from({ length: 20 }, (_, i) => ({ timestamp: Date.now() - (20 - i) * 60_000, message: `[INFO] scored batch of ${50 + i} customers in ${18 + (i % 5)} ms` })),
          }),
        );
      },
    },
    {
      title: 'Keep the retired staging endpoint’s logs, cut to 14 days by last month’s cost script',
      run: async (ctx) => {
        const logs = await ctx.aws.client('logs');
        await logs.send(new CreateLogGroupCommand({ logGroupName: ctx.names.stagingLogGroup, tags: ctx.tags }));
        await logs.send(new PutRetentionPolicyCommand({ logGroupName: ctx.names.stagingLogGroup, retentionInDays: 14 }));
      },
    },
    {
      title: 'Run last night’s training on on-demand capacity',
      run: async (ctx) => {
        await startTraining(ctx, '20260601', null);
        ctx.setFact('trainingImage', trainingImage);
      },
    },
  ],
  tasks: [
    {
      id: 'tag-for-cost',
      title: 'Make the spend attributable',
      goal: 'The endpoint carries the three keys of the tagging strategy — cost-center, project, environment — with values, and the three keys are activated as cost allocation tags.',
      why: 'Half of the ML bill is SageMaker hosting nobody can attribute. Tags on the resource say whose it is; only activated cost allocation tags reach Cost Explorer, budgets and the Cost and Usage Report.',
      checks: [
        { check: 'sagemaker-endpoint-cost-tags', resource: 'endpoint', params: { tagKeys } },
        { check: 'ce-cost-allocation-tags-active', resource: 'account', params: { tagKeys } },
      ],
      hints: {
        nudge: 'Tagging has two halves: putting the keys on the resources, and telling the billing system to use those keys. The second half is in the Billing and Cost Management console.',
        where: 'SageMaker AddTags on the endpoint (and its configuration and model), with the values of the churn project; then Cost Explorer UpdateCostAllocationTagsStatus for the three keys, status Active.',
        command:
          'aws sagemaker add-tags --resource-arn arn:aws:sagemaker:{{region}}:{{accountId}}:endpoint/{{endpoint}} --tags Key=cost-center,Value=cc-3120-retention Key=project,Value=churn-prediction Key=environment,Value=production\naws ce update-cost-allocation-tags-status --cost-allocation-tags-status TagKey=cost-center,Status=Active TagKey=project,Status=Active TagKey=environment,Status=Active',
      },
    },
    {
      id: 'scale-endpoint',
      title: 'Survive an instance failure and follow the traffic',
      goal: 'The endpoint’s production variant starts with at least two instances (Security Hub SageMaker.4), and Application Auto Scaling moves it between a minimum of 2 and a higher maximum by target tracking on SageMakerVariantInvocationsPerInstance.',
      why: 'One ml.m5.xlarge runs all day at peak size: a single instance failure stops retention offers at the call centre, and at night it idles. Two smaller instances across Availability Zones with target tracking cost less and fail less.',
      checks: [
        { check: 'sagemaker-endpoint-variant-instance-count', resource: 'endpoint' },
        { check: 'application-autoscaling-endpoint-target-tracking', resource: 'endpoint', params: { minCapacity: 2 } },
      ],
      hints: {
        nudge: 'Redundancy is decided by the endpoint configuration; elasticity by a separate service that manages the variant’s desired instance count.',
        where: 'A new endpoint configuration whose variant has InitialInstanceCount 2 (UpdateEndpoint to it); then Application Auto Scaling RegisterScalableTarget for the variant (dimension sagemaker:variant:DesiredInstanceCount, minimum 2) and PutScalingPolicy of type TargetTrackingScaling with the predefined metric SageMakerVariantInvocationsPerInstance.',
        command:
          'aws sagemaker create-endpoint-config --endpoint-config-name {{prefix}}-churn-scorer-config-v2 --production-variants VariantName=AllTraffic,ModelName={{model}},InstanceType=ml.m5.large,InitialInstanceCount=2,InitialVariantWeight=1\naws sagemaker update-endpoint --endpoint-name {{endpoint}} --endpoint-config-name {{prefix}}-churn-scorer-config-v2\naws sagemaker wait endpoint-in-service --endpoint-name {{endpoint}}\naws application-autoscaling register-scalable-target --service-namespace sagemaker --resource-id endpoint/{{endpoint}}/variant/AllTraffic --scalable-dimension sagemaker:variant:DesiredInstanceCount --min-capacity 2 --max-capacity 6\naws application-autoscaling put-scaling-policy --policy-name {{prefix}}-churn-invocations-per-instance --service-namespace sagemaker --resource-id endpoint/{{endpoint}}/variant/AllTraffic --scalable-dimension sagemaker:variant:DesiredInstanceCount --policy-type TargetTrackingScaling --target-tracking-scaling-policy-configuration \'{"TargetValue":750,"PredefinedMetricSpecification":{"PredefinedMetricType":"SageMakerVariantInvocationsPerInstance"},"ScaleInCooldown":300,"ScaleOutCooldown":60}\'',
      },
    },
    {
      id: 'spot-training',
      title: 'Train on spare capacity without losing progress',
      goal: 'The latest run of the nightly training (a job whose name starts with the nightly-training name shown in status) uses Managed Spot Training, writes checkpoints to S3, and waits at most a bounded time (MaxWaitTimeInSeconds at least MaxRuntimeInSeconds).',
      why: 'The nightly job can run any time before 6 am and tolerates interruptions, which is what Spot capacity is for — at a large discount. Checkpoints let an interrupted job resume instead of restarting; the wait limit stops it from waiting for capacity forever.',
      checks: [{ check: 'sagemaker-training-managed-spot', resource: 'nightlyTraining' }],
      hints: {
        nudge: 'Training jobs cannot be changed once started: the fix is how the next night’s job is started. Three settings work together here.',
        where: 'CreateTrainingJob with EnableManagedSpotTraining, a CheckpointConfig (S3 location plus the local checkpoint path the script writes to), and a StoppingCondition whose MaxWaitTimeInSeconds is at least MaxRuntimeInSeconds. Copy the rest from DescribeTrainingJob of last night’s run.',
        command:
          'aws sagemaker create-training-job --training-job-name {{nightlyTraining}}-20260602 --role-arn {{fact.executionRoleArn}} \\\n  --algorithm-specification TrainingImage={{fact.trainingImage}},TrainingInputMode=File \\\n  --input-data-config \'[{"ChannelName":"train","DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"s3://{{dataBucket}}/train/","S3DataDistributionType":"FullyReplicated"}},"ContentType":"text/csv"}]\' \\\n  --output-data-config S3OutputPath=s3://{{dataBucket}}/models/ --resource-config InstanceType=ml.m5.2xlarge,InstanceCount=1,VolumeSizeInGB=30 \\\n  --enable-managed-spot-training --checkpoint-config S3Uri=s3://{{dataBucket}}/checkpoints/churn-nightly/,LocalPath=/opt/ml/checkpoints \\\n  --stopping-condition MaxRuntimeInSeconds=7200,MaxWaitTimeInSeconds=14400',
      },
    },
    {
      id: 'log-retention',
      title: 'Keep logs as long as audits need, not forever',
      goal: 'Both log groups keep logs for a deliberate period between the one-year audit minimum and what the team pays for (365 to 731 days): the live endpoint’s group stops keeping logs forever (a cost check), and the staging group keeps them at least a year again (Security Hub CloudWatch.16).',
      why: '“Never expire” satisfies the audit control but bills every byte forever; 14 days is cheap but leaves nothing for the release audit next quarter. The right answer is the same deliberate period for both.',
      checks: [
        { check: 'logs-log-group-retention-set', resource: 'logGroup', params: { maxDays: 731 } },
        { check: 'logs-log-group-retention-365-days', resource: 'stagingLogGroup' },
      ],
      hints: {
        nudge: 'Log groups keep everything unless told otherwise, and one of these two was told something too short. There is a single setting per group, and only some numbers of days are accepted.',
        where: 'CloudWatch Logs PutRetentionPolicy on each of the two log groups (DescribeLogGroups shows retentionInDays; absent means never expire). Valid values include 365, 400, 545 and 731 days.',
        command: "aws logs put-retention-policy --log-group-name '{{logGroup}}' --retention-in-days 400\naws logs put-retention-policy --log-group-name '{{stagingLogGroup}}' --retention-in-days 400",
      },
    },
    {
      id: 'budget-alert',
      title: 'Hear about overspend before the invoice',
      goal: 'A monthly COST budget with the name shown in status has a limit and at least one notification with a subscriber (for example forecasted spend above 80% of the limit, by email).',
      why: 'Last month’s doubling was found on the invoice three weeks late. A budget that forecasts the month and alerts at 80% turns a surprise into a Tuesday-morning email.',
      checks: [{ check: 'budgets-cost-budget-alert', resource: 'budget' }],
      hints: {
        nudge: 'AWS has a service that tracks spend against a limit and tells people; a limit alone tells nobody.',
        where: 'AWS Budgets CreateBudget with BudgetType COST, TimeUnit MONTHLY and a BudgetLimit, plus notifications (FORECASTED or ACTUAL, a percentage threshold) each with an EMAIL or SNS subscriber.',
        command:
          'aws budgets create-budget --account-id {{accountId}} --budget \'{"BudgetName":"{{budget}}","BudgetType":"COST","TimeUnit":"MONTHLY","BudgetLimit":{"Amount":"4000","Unit":"USD"}}\' \\\n  --notifications-with-subscribers \'[{"Notification":{"NotificationType":"FORECASTED","ComparisonOperator":"GREATER_THAN","Threshold":80,"ThresholdType":"PERCENTAGE"},"Subscribers":[{"SubscriptionType":"EMAIL","Address":"ml-platform@example.com"}]}]\'',
      },
    },
  ],
  solution: [
    {
      task: 'tag-for-cost',
      title: 'Tag the endpoint, its configuration and model; activate the keys for cost allocation',
      run: async (ctx) => {
        await tagEndpointFamily(ctx, teamTags);
        const ce = await ctx.aws.client('ce');
        await ce.send(new UpdateCostAllocationTagsStatusCommand({ CostAllocationTagsStatus: tagKeys.map((TagKey) => ({ TagKey, Status: 'Active' })) }));
      },
    },
    {
      task: 'scale-endpoint',
      title: 'Two ml.m5.large instances, then target tracking between 2 and 6',
      run: async (ctx) => {
        await switchToRedundantConfig(ctx, 2);
        await registerScaling(ctx, 2, 6);
      },
    },
    { task: 'spot-training', title: 'Start the next run on Managed Spot with checkpoints and a wait limit', run: (ctx) => startTraining(ctx, '20260602', { checkpoints: true }) },
    {
      task: 'log-retention',
      title: 'Keep the logs of both groups 400 days',
      run: async (ctx) => {
        const logs = await ctx.aws.client('logs');
        for (const logGroupName of [ctx.names.logGroup, ctx.names.stagingLogGroup]) await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 400 }));
      },
    },
    { task: 'budget-alert', title: 'A 4,000 USD monthly budget alerting at 80% forecast and 100% actual', run: (ctx) => createTeamBudget(ctx, true) },
  ],
  nearMisses: [
    {
      id: 'tags-not-activated',
      title: 'Tagging the endpoint but not activating the keys for cost allocation',
      explanation: 'The tags are on the resources, but Cost Explorer and budgets only group by user-defined keys that are activated in Billing. Until then the bill still shows anonymous SageMaker spend.',
      task: 'tag-for-cost',
      apply: (ctx) => tagEndpointFamily(ctx, teamTags),
    },
    {
      id: 'scale-in-to-one',
      title: 'Auto scaling with target tracking but a minimum of 1 instance, on the single-instance configuration',
      explanation: 'Target tracking is right, but the variant may scale in to one instance and still starts on one: at night a single failure takes the endpoint down. The minimum and the configuration’s initial count must both be at least 2.',
      task: 'scale-endpoint',
      apply: (ctx) => registerScaling(ctx, 1, 4),
    },
    {
      id: 'spot-without-checkpoints',
      title: 'A new run on Managed Spot with a wait limit but no checkpoints',
      explanation: 'Spot capacity can be reclaimed at any time. Without a checkpoint location the job restarts from the first epoch after every interruption, and a 2-hour job can end up costing more than on demand — or never finish before its wait limit.',
      task: 'spot-training',
      apply: (ctx) => startTraining(ctx, '20260601-spot-try', { checkpoints: false }),
    },
    {
      id: 'retention-30-days',
      title: 'Setting both log groups to 30 days',
      explanation: 'Thirty days is cheap, but it is shorter than the one-year minimum the audit control (CloudWatch.16) asks for: an investigation into last quarter’s model behaviour would find nothing.',
      task: 'log-retention',
      apply: async (ctx) => {
        const logs = await ctx.aws.client('logs');
        for (const logGroupName of [ctx.names.logGroup, ctx.names.stagingLogGroup]) await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 30 }));
      },
    },
    {
      id: 'never-expire-everywhere',
      title: 'Removing the retention policies so that both groups never expire',
      explanation: 'Never expire satisfies CloudWatch.16, and that is exactly the trap: the audit control is happy while storage of both groups grows without bound. The live endpoint’s group still keeps everything forever, which is what the cost check fails.',
      task: 'log-retention',
      apply: async (ctx) => {
        const logs = await ctx.aws.client('logs');
        for (const logGroupName of [ctx.names.logGroup, ctx.names.stagingLogGroup]) await logs.send(new DeleteRetentionPolicyCommand({ logGroupName }));
      },
    },
    {
      id: 'budget-without-alert',
      title: 'A monthly cost budget with a limit but no notification',
      explanation: 'The budget tracks spend against 4,000 USD on a dashboard nobody opens. Without a notification and a subscriber, it tells nobody when the forecast crosses the limit.',
      task: 'budget-alert',
      apply: (ctx) => createTeamBudget(ctx, false),
    },
  ],
});
