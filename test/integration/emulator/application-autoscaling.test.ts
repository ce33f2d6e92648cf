/**
 * Application Auto Scaling through the real SDK over HTTP: scalable targets for SageMaker variants
 * (and other namespaces), target tracking and step scaling policies, scheduled actions, activities,
 * tags and AWS's errors. The SageMaker and CloudWatch checks run against small test providers on
 * those services' real API schemas that keep exactly the state fields the peers contract names
 * (services/application-autoscaling/peers.ts).
 */
import * as A from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CreateEndpointCommand, DescribeEndpointCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_SERVICES, defineService, type RequestContext } from '../../../src/emulator/index.ts';
import { awsError } from './support.ts';
import { asAccount, type Clocked, clockedEmulator } from './org-cost-support.ts';

const ACCOUNT = '210987654321';
const VARIANT = 'endpoint/churn-model/variant/AllTraffic';
const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
const target = { ServiceNamespace: 'sagemaker' as const, ResourceId: VARIANT, ScalableDimension: DIMENSION as A.ScalableDimension };

interface FakeVariant { VariantName: string; CurrentInstanceCount?: number; DesiredInstanceCount?: number }
type SageMakerFake = { endpoints: Map<string, { name: string; variants: FakeVariant[] }> };
type CloudWatchFake = { alarms: Map<string, Record<string, unknown>>; history: unknown[] };

/** SageMaker as the peers contract sees it: endpoints by lower-case name, with variants and instance counts. */
const fakeSageMaker = defineService<SageMakerFake>({
  id: 'sagemaker',
  title: 'SageMaker (test provider)',
  signingName: 'sagemaker',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2017-07-24', targetPrefix: 'SageMaker' },
  loadModel: () => import('@aws-sdk/client-sagemaker') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: () => ({ endpoints: new Map() }) },
  handlers: {
    CreateEndpoint: (input: { EndpointName: string }, ctx: RequestContext<SageMakerFake>) => {
      const variants = [{ VariantName: 'AllTraffic', CurrentInstanceCount: 1, DesiredInstanceCount: 1 }, { VariantName: 'Challenger', CurrentInstanceCount: 3, DesiredInstanceCount: 3 }];
      ctx.state().endpoints.set(input.EndpointName.toLowerCase(), { name: input.EndpointName, variants });
      return { EndpointArn: `arn:aws:sagemaker:${ctx.region}:${ctx.accountId}:endpoint/${input.EndpointName.toLowerCase()}` };
    },
    DescribeEndpoint: (input: { EndpointName: string }, ctx: RequestContext<SageMakerFake>) => {
      const ep = ctx.state().endpoints.get(input.EndpointName.toLowerCase())!;
      return { EndpointName: ep.name, EndpointArn: 'arn', EndpointStatus: 'InService', CreationTime: ctx.now, LastModifiedTime: ctx.now, ProductionVariants: ep.variants };
    },
  },
});

/** CloudWatch as the peers contract sees it: alarms by name, and a history list. */
const fakeCloudWatch = defineService<CloudWatchFake>({
  id: 'cloudwatch',
  title: 'CloudWatch (test provider)',
  signingName: 'monitoring',
  protocol: 'awsJson1_0',
  wire: { apiVersion: '2010-08-01', targetPrefix: 'GraniteServiceVersion20100801', awsQueryCompatible: true },
  loadModel: () => import('@aws-sdk/client-cloudwatch') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: () => ({ alarms: new Map(), history: [] }) },
  handlers: { DescribeAlarms: (_input: unknown, ctx: RequestContext<CloudWatchFake>) => ({ MetricAlarms: [...ctx.state().alarms.values()] }) },
});

describe('Application Auto Scaling: scalable targets', () => {
  let c: Clocked;
  let aas: A.ApplicationAutoScalingClient;
  beforeAll(async () => {
    // Without SageMaker in the emulator, SageMaker resource ids are accepted as given.
    c = await clockedEmulator({ services: BUILTIN_SERVICES.filter((s) => s.id !== 'sagemaker' && s.id !== 'cloudwatch') });
    aas = new A.ApplicationAutoScalingClient(asAccount(c.emu.url, ACCOUNT));
  });
  afterAll(() => c.emu.stop());

  it('registers, describes, updates and deregisters a SageMaker variant target', async () => {
    const { ScalableTargetARN } = await aas.send(new A.RegisterScalableTargetCommand({ ...target, MinCapacity: 2, MaxCapacity: 6 }));
    expect(ScalableTargetARN).toMatch(new RegExp(`^arn:aws:application-autoscaling:us-east-1:${ACCOUNT}:scalable-target/[0-9a-f]{36}$`));
    const described = (await aas.send(new A.DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }))).ScalableTargets!;
    expect(described).toEqual([
      {
        ...target,
        MinCapacity: 2,
        MaxCapacity: 6,
        RoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
        CreationTime: c.now(),
        SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
        ScalableTargetARN,
      },
    ]);
    // Registering again updates what is given, keeps the rest and the ARN.
    const again = await aas.send(new A.RegisterScalableTargetCommand({ ...target, MaxCapacity: 8, SuspendedState: { ScheduledScalingSuspended: true } }));
    expect(again.ScalableTargetARN).toBe(ScalableTargetARN);
    const updated = (await aas.send(new A.DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [VARIANT], ScalableDimension: DIMENSION as A.ScalableDimension }))).ScalableTargets![0]!;
    expect([updated.MinCapacity, updated.MaxCapacity, updated.SuspendedState!.ScheduledScalingSuspended]).toEqual([2, 8, true]);
    await aas.send(new A.DeregisterScalableTargetCommand(target));
    expect((await aas.send(new A.DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }))).ScalableTargets).toEqual([]);
    const gone = await awsError(() => aas.send(new A.DeregisterScalableTargetCommand(target)));
    expect([gone.name, gone.message, gone.$metadata.httpStatusCode]).toEqual(['ObjectNotFoundException', `No scalable target registered for service namespace: sagemaker, resource ID: ${VARIANT}, scalable dimension: ${DIMENSION}`, 400]);
  });

  it('validates capacities, namespaces, dimensions and resource ids as AWS does', async () => {
    const noCapacity = await awsError(() => aas.send(new A.RegisterScalableTargetCommand({ ...target, MinCapacity: 1 })));
    expect(noCapacity.name).toBe('ValidationException');
    const inverted = await awsError(() => aas.send(new A.RegisterScalableTargetCommand({ ...target, MinCapacity: 5, MaxCapacity: 2 })));
    expect([inverted.name, inverted.message]).toEqual(['ValidationException', 'Minimum capacity cannot be greater than maximum capacity: MinCapacity 5, MaxCapacity 2.']);
    const negative = await awsError(() => aas.send(new A.RegisterScalableTargetCommand({ ...target, MinCapacity: -1, MaxCapacity: 2 })));
    expect(negative.message).toBe("1 validation error detected: Value '-1' at 'minCapacity' failed to satisfy constraint: Member must have value greater than or equal to 0");
    const namespace = await awsError(() => aas.send(new A.DescribeScalableTargetsCommand({ ServiceNamespace: 'sage' as A.ServiceNamespace })));
    expect(namespace.message).toMatch(/^1 validation error detected: Value 'sage' at 'serviceNamespace' failed to satisfy constraint: Member must satisfy enum value set: \[appstream, /);
    for (const mismatch of [{ ...target, ResourceId: 'endpoint/churn-model' }, { ...target, ServiceNamespace: 'ecs' as const }]) {
      const e = await awsError(() => aas.send(new A.RegisterScalableTargetCommand({ ...mismatch, MinCapacity: 1, MaxCapacity: 2 })));
      expect([e.name, e.message]).toEqual(['ValidationException', 'Unsupported service namespace, resource type or scalable dimension']);
    }
    const role = await awsError(() => aas.send(new A.RegisterScalableTargetCommand({ ...target, MinCapacity: 1, MaxCapacity: 2, RoleARN: 'my-role' })));
    expect(role.name).toBe('ValidationException');
  });

  it('describes with filters and pages with NextToken', async () => {
    for (let i = 0; i < 5; i++) await aas.send(new A.RegisterScalableTargetCommand({ ServiceNamespace: 'sagemaker', ResourceId: `endpoint/ep-${i}/variant/AllTraffic`, ScalableDimension: DIMENSION as A.ScalableDimension, MinCapacity: 1, MaxCapacity: 3 }));
    await aas.send(new A.RegisterScalableTargetCommand({ ServiceNamespace: 'ecs', ResourceId: 'service/default/web', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 1, MaxCapacity: 3 }));
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await aas.send(new A.DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', MaxResults: 2, NextToken: token }));
      expect(page.ScalableTargets!.length).toBeLessThanOrEqual(2);
      ids.push(...page.ScalableTargets!.map((t) => t.ResourceId!));
      token = page.NextToken;
    } while (token);
    expect(ids).toEqual([0, 1, 2, 3, 4].map((i) => `endpoint/ep-${i}/variant/AllTraffic`));
    expect((await aas.send(new A.DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: ['endpoint/ep-3/variant/AllTraffic'] }))).ScalableTargets!.map((t) => t.ResourceId)).toEqual(['endpoint/ep-3/variant/AllTraffic']);
    expect((await aas.send(new A.DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }))).ScalableTargets!.map((t) => t.RoleARN)).toEqual([`arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`]);
    const first = await aas.send(new A.DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', MaxResults: 2 }));
    const foreign = await awsError(() => aas.send(new A.DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', MaxResults: 2, NextToken: first.NextToken })));
    expect(foreign.name).toBe('InvalidNextTokenException');
    const tooMany = await awsError(() => aas.send(new A.DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', MaxResults: 51 })));
    expect(tooMany.message).toContain("at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50");
  });

  it('tags scalable targets by ARN', async () => {
    const { ScalableTargetARN } = await aas.send(new A.RegisterScalableTargetCommand({ ServiceNamespace: 'sagemaker', ResourceId: 'endpoint/tagged/variant/AllTraffic', ScalableDimension: DIMENSION as A.ScalableDimension, MinCapacity: 1, MaxCapacity: 2, Tags: { Project: 'churn' } }));
    await aas.send(new A.TagResourceCommand({ ResourceARN: ScalableTargetARN, Tags: { CostCenter: '42', Project: 'churn-v2' } }));
    await aas.send(new A.UntagResourceCommand({ ResourceARN: ScalableTargetARN, TagKeys: ['CostCenter'] }));
    expect((await aas.send(new A.ListTagsForResourceCommand({ ResourceARN: ScalableTargetARN }))).Tags).toEqual({ Project: 'churn-v2' });
    const missing = await awsError(() => aas.send(new A.ListTagsForResourceCommand({ ResourceARN: `arn:aws:application-autoscaling:us-east-1:${ACCOUNT}:scalable-target/abc123` })));
    expect([missing.name, missing.$metadata.httpStatusCode, missing.ResourceName]).toEqual(['ResourceNotFoundException', 404, `arn:aws:application-autoscaling:us-east-1:${ACCOUNT}:scalable-target/abc123`]);
    const tooMany = await awsError(() => aas.send(new A.TagResourceCommand({ ResourceARN: ScalableTargetARN, Tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) })));
    expect(tooMany.name).toBe('TooManyTagsException');
    const bad = await awsError(() => aas.send(new A.TagResourceCommand({ ResourceARN: 'arn:aws:s3:::bucket', Tags: { a: 'b' } })));
    expect(bad.name).toBe('ValidationException');
  });
});

describe('Application Auto Scaling with SageMaker and CloudWatch', () => {
  let c: Clocked;
  let aas: A.ApplicationAutoScalingClient;
  let sagemaker: SageMakerClient;
  let cloudwatch: CloudWatchClient;
  beforeAll(async () => {
    c = await clockedEmulator({ extraServices: [fakeSageMaker, fakeCloudWatch] });
    aas = new A.ApplicationAutoScalingClient(asAccount(c.emu.url, ACCOUNT));
    sagemaker = new SageMakerClient(asAccount(c.emu.url, ACCOUNT));
    cloudwatch = new CloudWatchClient(asAccount(c.emu.url, ACCOUNT));
    await sagemaker.send(new CreateEndpointCommand({ EndpointName: 'churn-model', EndpointConfigName: 'churn-config' }));
  });
  afterAll(() => c.emu.stop());

  const alarms = async () => (await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];

  it('checks that the endpoint and variant exist, and scales a variant into its new range', async () => {
    const noEndpoint = await awsError(() => aas.send(new A.RegisterScalableTargetCommand({ ...target, ResourceId: 'endpoint/missing/variant/AllTraffic', MinCapacity: 1, MaxCapacity: 2 })));
    expect([noEndpoint.name, noEndpoint.message]).toEqual(['ValidationException', `The endpoint missing does not exist in account ${ACCOUNT}, region us-east-1: create it before registering its variant AllTraffic.`]);
    const noVariant = await awsError(() => aas.send(new A.RegisterScalableTargetCommand({ ...target, ResourceId: 'endpoint/churn-model/variant/Blue', MinCapacity: 1, MaxCapacity: 2 })));
    expect(noVariant.message).toBe('The endpoint churn-model has no variant Blue; its variants are AllTraffic, Challenger.');
    await aas.send(new A.RegisterScalableTargetCommand({ ...target, MinCapacity: 2, MaxCapacity: 4 }));
    const variant = (await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'churn-model' }))).ProductionVariants!.find((v) => v.VariantName === 'AllTraffic')!;
    expect([variant.CurrentInstanceCount, variant.DesiredInstanceCount]).toEqual([2, 2]);
    const { ScalingActivities } = await aas.send(new A.DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker', ResourceId: VARIANT }));
    expect(ScalingActivities).toEqual([
      expect.objectContaining({ ...target, Description: 'Setting desired instance count to 2.', StatusCode: 'Successful', StartTime: c.now(), EndTime: c.now(), Cause: expect.stringContaining('minimum capacity was set to 2') }),
    ]);
    await aas.send(new A.RegisterScalableTargetCommand({ ...target, ResourceId: 'endpoint/churn-model/variant/Challenger', MinCapacity: 1, MaxCapacity: 2 }));
    const challenger = (await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'churn-model' }))).ProductionVariants!.find((v) => v.VariantName === 'Challenger')!;
    expect(challenger.DesiredInstanceCount).toBe(2);
    expect((await aas.send(new A.DescribeScalingActivitiesCommand({ ServiceNamespace: 'sagemaker' }))).ScalingActivities!.map((a) => a.Description)).toEqual(['Setting desired instance count to 2.', 'Setting desired instance count to 2.']);
  });

  it('creates the target tracking alarms in CloudWatch, keeps them across updates, and removes them with the policy', async () => {
    const { PolicyARN, Alarms } = await aas.send(
      new A.PutScalingPolicyCommand({
        ...target,
        PolicyName: 'invocations-per-instance',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' }, ScaleInCooldown: 300, ScaleOutCooldown: 60 },
      }),
    );
    expect(PolicyARN).toMatch(new RegExp(`^arn:aws:autoscaling:us-east-1:${ACCOUNT}:scalingPolicy:[0-9a-f-]{36}:resource/sagemaker/${VARIANT}:policyName/invocations-per-instance$`));
    expect(Alarms!.map((a) => a.AlarmName)).toEqual([expect.stringMatching(new RegExp(`^TargetTracking-${VARIANT}-AlarmHigh-[0-9a-f-]{36}$`)), expect.stringMatching(new RegExp(`^TargetTracking-${VARIANT}-AlarmLow-[0-9a-f-]{36}$`))]);
    const [high, low] = Alarms!;
    expect(high!.AlarmARN).toBe(`arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${high!.AlarmName}`);
    const stored = await alarms();
    expect(stored.find((a) => a.AlarmName === high!.AlarmName)).toMatchObject({
      Namespace: 'AWS/SageMaker',
      MetricName: 'InvocationsPerInstance',
      Dimensions: [{ Name: 'EndpointName', Value: 'churn-model' }, { Name: 'VariantName', Value: 'AllTraffic' }],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 3,
      Threshold: 70,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [PolicyARN],
      AlarmDescription: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${PolicyARN}.`,
      StateValue: 'INSUFFICIENT_DATA',
    });
    expect(stored.find((a) => a.AlarmName === low!.AlarmName)).toMatchObject({ EvaluationPeriods: 15, Threshold: 63, ComparisonOperator: 'LessThanThreshold' });
    const described = (await aas.send(new A.DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: VARIANT }))).ScalingPolicies!;
    expect(described).toEqual([
      {
        PolicyARN,
        PolicyName: 'invocations-per-instance',
        ...target,
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' }, ScaleInCooldown: 300, ScaleOutCooldown: 60 },
        Alarms,
        CreationTime: c.now(),
      },
    ]);
    // Updating keeps the ARN and the alarm names; DisableScaleIn drops the scale-in alarm.
    const updated = await aas.send(new A.PutScalingPolicyCommand({ ...target, PolicyName: 'invocations-per-instance', TargetTrackingScalingPolicyConfiguration: { TargetValue: 100, DisableScaleIn: true, PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' } } }));
    expect(updated.PolicyARN).toBe(PolicyARN);
    expect(updated.Alarms).toEqual([high]);
    expect((await alarms()).map((a) => [a.AlarmName, a.Threshold])).toEqual([[high!.AlarmName, 100]]);
    await aas.send(new A.DeleteScalingPolicyCommand({ ...target, PolicyName: 'invocations-per-instance' }));
    expect(await alarms()).toEqual([]);
    const missing = await awsError(() => aas.send(new A.DeleteScalingPolicyCommand({ ...target, PolicyName: 'invocations-per-instance' })));
    expect([missing.name, missing.message]).toEqual(['ObjectNotFoundException', `No scaling policy found for service namespace: sagemaker, resource ID: ${VARIANT}, scalable dimension: ${DIMENSION}, policy name: invocations-per-instance`]);
  });

  it('accepts customized metrics and step scaling, and refuses configurations AWS refuses', async () => {
    const custom = await aas.send(
      new A.PutScalingPolicyCommand({
        ...target,
        PolicyName: 'latency',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: { TargetValue: 250_000, CustomizedMetricSpecification: { MetricName: 'ModelLatency', Namespace: 'AWS/SageMaker', Statistic: 'Average', Dimensions: [{ Name: 'EndpointName', Value: 'churn-model' }, { Name: 'VariantName', Value: 'AllTraffic' }] } },
      }),
    );
    expect((await alarms()).filter((a) => a.MetricName === 'ModelLatency')).toHaveLength(2);
    const step = await aas.send(
      new A.PutScalingPolicyCommand({
        ...target,
        PolicyName: 'step',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', Cooldown: 120, MetricAggregationType: 'Average', StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }, { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 50, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 50, ScalingAdjustment: 2 }] },
      }),
    );
    expect(step.Alarms).toEqual([]);
    const names = (await aas.send(new A.DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', PolicyNames: ['step'] }))).ScalingPolicies!;
    expect(names.map((p) => [p.PolicyName, p.PolicyType, p.StepScalingPolicyConfiguration!.StepAdjustments!.length])).toEqual([['step', 'StepScaling', 3]]);
    const refusals: [A.PutScalingPolicyCommandInput, string][] = [
      [{ ...target, PolicyName: 'wrong-metric', PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } } }, `Scalable dimension ${DIMENSION} only supports the following predefined metric types: SageMakerVariantInvocationsPerInstance, SageMakerVariantConcurrentRequestsPerModelHighResolution`],
      [{ ...target, PolicyName: 'no-metric', PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 50 } }, 'Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be specified.'],
      [{ ...target, PolicyName: 'no-type', TargetTrackingScalingPolicyConfiguration: { TargetValue: 50 } }, 'PolicyType is required when you create a scaling policy: TargetTrackingScaling or StepScaling.'],
      [{ ...target, PolicyName: 'zero', PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 0, PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' } } }, 'TargetValue must be a positive number; got 0.'],
      [{ ...target, PolicyName: 'gap', PolicyType: 'StepScaling', StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 20, ScalingAdjustment: 2 }] } }, "The step adjustments' intervals must neither overlap nor leave gaps: one ends at 10 and the next starts at 20."],
      [{ ...target, PolicyName: 'no-steps', PolicyType: 'StepScaling', StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity' } }, 'StepAdjustments must hold at least one step for a policy of type StepScaling.'],
      [{ ...target, PolicyName: 'predictive', PolicyType: 'PredictiveScaling' }, 'PredictiveScaling policies are not emulated by mlsec-sim (AWS offers them for ECS services only); use TargetTrackingScaling or StepScaling.'],
    ];
    for (const [input, message] of refusals) {
      const e = await awsError(() => aas.send(new A.PutScalingPolicyCommand(input)));
      expect([e.name, e.message], input.PolicyName).toEqual(['ValidationException', message]);
    }
    const unregistered = await awsError(() => aas.send(new A.PutScalingPolicyCommand({ ...target, ResourceId: 'endpoint/churn-model/variant/Nope', PolicyName: 'x', PolicyType: 'StepScaling' })));
    expect([unregistered.name, unregistered.message]).toEqual(['ObjectNotFoundException', `No scalable target registered for service namespace: sagemaker, resource ID: endpoint/churn-model/variant/Nope, scalable dimension: ${DIMENSION}`]);
    // Deregistering the target removes its policies and their alarms.
    await aas.send(new A.DeregisterScalableTargetCommand(target));
    expect((await aas.send(new A.DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: VARIANT }))).ScalingPolicies).toEqual([]);
    expect((await alarms()).filter((a) => custom.Alarms!.some((x) => x.AlarmName === a.AlarmName))).toEqual([]);
  });

  it('keeps scheduled actions with valid schedules, time zones and capacities', async () => {
    await aas.send(new A.RegisterScalableTargetCommand({ ...target, MinCapacity: 1, MaxCapacity: 4 }));
    const start = new Date('2026-12-01T00:00:00Z');
    await aas.send(new A.PutScheduledActionCommand({ ...target, ScheduledActionName: 'business-hours', Schedule: 'cron(0 8 ? * MON-FRI *)', Timezone: 'Europe/Berlin', StartTime: start, ScalableTargetAction: { MinCapacity: 2, MaxCapacity: 4 } }));
    await aas.send(new A.PutScheduledActionCommand({ ...target, ScheduledActionName: 'once', Schedule: 'at(2026-12-24T18:00:00)', ScalableTargetAction: { MaxCapacity: 1 } }));
    await aas.send(new A.PutScheduledActionCommand({ ...target, ScheduledActionName: 'hourly', Schedule: 'rate(1 hour)', ScalableTargetAction: { MinCapacity: 1 } }));
    const actions = (await aas.send(new A.DescribeScheduledActionsCommand({ ServiceNamespace: 'sagemaker', ResourceId: VARIANT }))).ScheduledActions!;
    expect(actions.map((a) => [a.ScheduledActionName, a.Schedule])).toEqual([['business-hours', 'cron(0 8 ? * MON-FRI *)'], ['once', 'at(2026-12-24T18:00:00)'], ['hourly', 'rate(1 hour)']]);
    expect(actions[0]).toMatchObject({ ...target, Timezone: 'Europe/Berlin', StartTime: start, ScalableTargetAction: { MinCapacity: 2, MaxCapacity: 4 }, CreationTime: c.now(), ScheduledActionARN: expect.stringMatching(/:scheduledAction:[0-9a-f-]{36}:resource\/sagemaker\/endpoint\/churn-model\/variant\/AllTraffic:scheduledActionName\/business-hours$/) });
    expect((await aas.send(new A.DescribeScheduledActionsCommand({ ServiceNamespace: 'sagemaker', ScheduledActionNames: ['once'] }))).ScheduledActions!.map((a) => a.ScheduledActionName)).toEqual(['once']);
    const refusals: [Partial<A.PutScheduledActionCommandInput>, string][] = [
      [{ Schedule: 'cron(0 8 * * MON-FRI *)' }, 'Schedule expression cron(0 8 * * MON-FRI *) is not valid: exactly one of day-of-month and day-of-week must be ?.'],
      [{ Schedule: 'at(2026-02-30T00:00:00)' }, 'Schedule expression at(2026-02-30T00:00:00) is not valid: at(2026-02-30T00:00:00) is not a valid date and time.'],
      [{ Schedule: 'rate(5 weeks)' }, 'Schedule expression rate(5 weeks) is not valid: the rate unit must be one of minute, minutes, hour, hours, day, days.'],
      [{ Schedule: 'rate(1 hour)', Timezone: 'Mars/Olympus' }, 'Timezone Mars/Olympus is not a valid IANA time zone (for example Etc/UTC or America/New_York).'],
      [{ Schedule: 'rate(1 hour)', ScalableTargetAction: {} }, 'At least one of minimum capacity and maximum capacity should be provided'],
      [{ Schedule: 'rate(1 hour)', StartTime: new Date('2026-12-02T00:00:00Z'), EndTime: new Date('2026-12-01T00:00:00Z') }, 'EndTime must be later than StartTime.'],
    ];
    for (const [patch, message] of refusals) {
      const e = await awsError(() => aas.send(new A.PutScheduledActionCommand({ ...target, ScheduledActionName: 'bad', ScalableTargetAction: { MinCapacity: 1 }, ...patch })));
      expect([e.name, e.message]).toEqual(['ValidationException', message]);
    }
    await aas.send(new A.DeleteScheduledActionCommand({ ...target, ScheduledActionName: 'once' }));
    const again = await awsError(() => aas.send(new A.DeleteScheduledActionCommand({ ...target, ScheduledActionName: 'once' })));
    expect(again.name).toBe('ObjectNotFoundException');
    const noTarget = await awsError(() => aas.send(new A.PutScheduledActionCommand({ ...target, ResourceId: 'endpoint/churn-model/variant/Unregistered', ScheduledActionName: 'x', Schedule: 'rate(1 day)', ScalableTargetAction: { MinCapacity: 1 } })));
    expect(noTarget.name).toBe('ObjectNotFoundException');
  });
});
