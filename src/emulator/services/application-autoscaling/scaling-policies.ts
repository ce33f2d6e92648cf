/** Scaling policies: PutScalingPolicy (target tracking and step scaling), DescribeScalingPolicies, DeleteScalingPolicy. */
import type * as AAS from '@aws-sdk/client-application-auto-scaling';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { aas, arns, checkName, checkTargetRef, findTarget, objectNotFound, page, targetKey, validation } from './common.ts';
import { deleteAlarms, putAlarms } from './peers.ts';
import type { ScalingPolicy } from './state.ts';
import { targetTrackingAlarms } from './target-tracking-alarms.ts';

const POLICY_TYPES = ['PredictiveScaling', 'StepScaling', 'TargetTrackingScaling'];
const ADJUSTMENT_TYPES = ['ChangeInCapacity', 'ExactCapacity', 'PercentChangeInCapacity'];
const AGGREGATION_TYPES = ['Average', 'Maximum', 'Minimum'];
const STATISTICS = ['Average', 'Maximum', 'Minimum', 'SampleCount', 'Sum'];
const STEP_SCALING_UNSUPPORTED = ['dynamodb', 'comprehend', 'lambda', 'cassandra', 'kafka', 'elasticache', 'neptune'];
const METRIC_TYPES = [
  'ALBRequestCountPerTarget', 'AppStreamAverageCapacityUtilization', 'CassandraReadCapacityUtilization', 'CassandraWriteCapacityUtilization', 'ComprehendInferenceUtilization',
  'DynamoDBReadCapacityUtilization', 'DynamoDBWriteCapacityUtilization', 'EC2SpotFleetRequestAverageCPUUtilization', 'EC2SpotFleetRequestAverageNetworkIn', 'EC2SpotFleetRequestAverageNetworkOut',
  'ECSServiceAverageCPUUtilization', 'ECSServiceAverageCPUUtilizationHighResolution', 'ECSServiceAverageMemoryUtilization', 'ECSServiceAverageMemoryUtilizationHighResolution',
  'ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage', 'ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage', 'ElastiCacheDatabaseMemoryUsagePercentage', 'ElastiCacheEngineCPUUtilization',
  'ElastiCachePrimaryEngineCPUUtilization', 'ElastiCacheReplicaEngineCPUUtilization', 'KafkaBrokerStorageUtilization', 'LambdaProvisionedConcurrencyUtilization', 'NeptuneReaderAverageCPUUtilization',
  'RDSReaderAverageCPUUtilization', 'RDSReaderAverageDatabaseConnections', 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution', 'SageMakerInferenceComponentInvocationsPerCopy',
  'SageMakerVariantConcurrentRequestsPerModelHighResolution', 'SageMakerVariantInvocationsPerInstance', 'SageMakerVariantProvisionedConcurrencyUtilization', 'WorkSpacesAverageUserSessionsCapacityUtilization',
];

/** Predefined metric types each scalable dimension accepts. */
function metricTypesFor(dimension: string): string[] {
  const sagemaker: Record<string, string[]> = {
    'sagemaker:variant:DesiredInstanceCount': ['SageMakerVariantInvocationsPerInstance', 'SageMakerVariantConcurrentRequestsPerModelHighResolution'],
    'sagemaker:variant:DesiredProvisionedConcurrency': ['SageMakerVariantProvisionedConcurrencyUtilization'],
    'sagemaker:inference-component:DesiredCopyCount': ['SageMakerInferenceComponentInvocationsPerCopy', 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution'],
  };
  if (sagemaker[dimension]) return sagemaker[dimension];
  const prefix: Record<string, string[]> = {
    appstream: ['AppStream'], cassandra: ['Cassandra'], comprehend: ['Comprehend'], dynamodb: ['DynamoDB'], ec2: ['EC2SpotFleetRequest', 'ALBRequestCountPerTarget'],
    ecs: ['ECSService', 'ALBRequestCountPerTarget'], elasticache: ['ElastiCache'], kafka: ['Kafka'], lambda: ['Lambda'], neptune: ['Neptune'], rds: ['RDSReader'], workspaces: ['WorkSpaces'],
  };
  const starts = prefix[dimension.split(':')[0]!] ?? [];
  return METRIC_TYPES.filter((t) => starts.some((p) => t.startsWith(p)));
}

function checkStepScaling(config: AAS.StepScalingPolicyConfiguration | undefined): void {
  if (!config) throw validation('StepScalingPolicyConfiguration is required for a policy of type StepScaling.');
  const problems = new ProblemList().oneOf('stepScalingPolicyConfiguration.adjustmentType', config.AdjustmentType, ADJUSTMENT_TYPES);
  problems.oneOf('stepScalingPolicyConfiguration.metricAggregationType', config.MetricAggregationType, AGGREGATION_TYPES);
  problems.range('stepScalingPolicyConfiguration.cooldown', config.Cooldown, 0, Number.MAX_SAFE_INTEGER);
  problems.check();
  if (!config.AdjustmentType) throw validation('AdjustmentType is required for a policy of type StepScaling.');
  const steps = config.StepAdjustments ?? [];
  if (!steps.length) throw validation('StepAdjustments must hold at least one step for a policy of type StepScaling.');
  if (config.MinAdjustmentMagnitude !== undefined && config.AdjustmentType !== 'PercentChangeInCapacity') {
    throw validation('MinAdjustmentMagnitude is only valid with the PercentChangeInCapacity adjustment type.');
  }
  for (const s of steps) {
    if (s.MetricIntervalLowerBound === undefined && s.MetricIntervalUpperBound === undefined) throw validation('Each step adjustment needs a lower bound, an upper bound, or both.');
    if (s.MetricIntervalLowerBound !== undefined && s.MetricIntervalUpperBound !== undefined && s.MetricIntervalUpperBound <= s.MetricIntervalLowerBound) {
      throw validation(`A step adjustment's upper bound (${s.MetricIntervalUpperBound}) must be greater than its lower bound (${s.MetricIntervalLowerBound}).`);
    }
  }
  if (steps.filter((s) => s.MetricIntervalLowerBound === undefined).length > 1) throw validation('At most one step adjustment may have no lower bound.');
  if (steps.filter((s) => s.MetricIntervalUpperBound === undefined).length > 1) throw validation('At most one step adjustment may have no upper bound.');
  // The intervals must neither overlap nor leave gaps between them.
  const sorted = [...steps].sort((a, b) => (a.MetricIntervalLowerBound ?? -Infinity) - (b.MetricIntervalLowerBound ?? -Infinity));
  for (let i = 1; i < sorted.length; i++) {
    const previousUpper = sorted[i - 1]!.MetricIntervalUpperBound;
    const lower = sorted[i]!.MetricIntervalLowerBound;
    if (previousUpper !== lower) throw validation(`The step adjustments' intervals must neither overlap nor leave gaps: one ends at ${previousUpper ?? 'infinity'} and the next starts at ${lower}.`);
  }
}

function checkTargetTracking(config: AAS.TargetTrackingScalingPolicyConfiguration | undefined, namespace: string, dimension: string): void {
  if (!config) throw validation('TargetTrackingScalingPolicyConfiguration is required for a policy of type TargetTrackingScaling.');
  if (namespace === 'elasticmapreduce') throw validation('TargetTrackingScaling policies are not supported for service namespace elasticmapreduce.');
  const problems = new ProblemList().range('targetTrackingScalingPolicyConfiguration.scaleInCooldown', config.ScaleInCooldown, 0, Number.MAX_SAFE_INTEGER);
  problems.range('targetTrackingScalingPolicyConfiguration.scaleOutCooldown', config.ScaleOutCooldown, 0, Number.MAX_SAFE_INTEGER);
  problems.oneOf('targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType', config.PredefinedMetricSpecification?.PredefinedMetricType, METRIC_TYPES);
  problems.oneOf('targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.statistic', config.CustomizedMetricSpecification?.Statistic, STATISTICS);
  problems.check();
  if (!Number.isFinite(config.TargetValue) || config.TargetValue! <= 0) throw validation(`TargetValue must be a positive number; got ${config.TargetValue}.`);
  const predefined = config.PredefinedMetricSpecification;
  const customized = config.CustomizedMetricSpecification;
  if (!!predefined === !!customized) throw validation('Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be specified.');
  if (predefined) {
    const allowed = metricTypesFor(dimension);
    if (!allowed.includes(predefined.PredefinedMetricType!)) {
      throw validation(`Scalable dimension ${dimension} only supports the following predefined metric types: ${allowed.join(', ')}`);
    }
    if (predefined.PredefinedMetricType === 'ALBRequestCountPerTarget' && !predefined.ResourceLabel) throw validation('ResourceLabel is required for the ALBRequestCountPerTarget predefined metric type.');
  }
  if (customized) {
    const single = customized.MetricName !== undefined || customized.Namespace !== undefined || customized.Statistic !== undefined;
    if (customized.Metrics?.length ? single : !(customized.MetricName && customized.Namespace && customized.Statistic)) {
      throw validation('A CustomizedMetricSpecification needs either MetricName, Namespace and Statistic, or Metrics (metric math), not both.');
    }
  }
}

function policyOutput(p: ScalingPolicy): AAS.ScalingPolicy {
  return {
    PolicyARN: p.policyArn,
    PolicyName: p.policyName,
    ServiceNamespace: p.serviceNamespace as AAS.ServiceNamespace,
    ResourceId: p.resourceId,
    ScalableDimension: p.scalableDimension as AAS.ScalableDimension,
    PolicyType: p.policyType,
    StepScalingPolicyConfiguration: p.stepScaling,
    TargetTrackingScalingPolicyConfiguration: p.targetTracking,
    Alarms: p.alarms,
    CreationTime: p.createdAt,
  };
}

export function putScalingPolicy(input: AAS.PutScalingPolicyRequest, ctx: RequestContext): Output<AAS.PutScalingPolicyResponse> {
  const problems = checkName(new ProblemList(), 'policyName', input.PolicyName).oneOf('policyType', input.PolicyType, POLICY_TYPES);
  checkTargetRef(input, problems);
  const state = aas(ctx);
  const target = findTarget(state, input);
  const key = `${targetKey(target.serviceNamespace, target.resourceId, target.scalableDimension)}|${input.PolicyName}`;
  const existing = state.policies.get(key);
  const type = input.PolicyType ?? existing?.policyType;
  if (!type) throw validation('PolicyType is required when you create a scaling policy: TargetTrackingScaling or StepScaling.');
  if (type === 'PredictiveScaling') throw validation('PredictiveScaling policies are not emulated by mlsec-sim (AWS offers them for ECS services only); use TargetTrackingScaling or StepScaling.');
  if (type === 'StepScaling') {
    if (STEP_SCALING_UNSUPPORTED.includes(target.serviceNamespace)) throw validation(`StepScaling policies are not supported for service namespace ${target.serviceNamespace}; use TargetTrackingScaling.`);
    checkStepScaling(input.StepScalingPolicyConfiguration);
  } else {
    checkTargetTracking(input.TargetTrackingScalingPolicyConfiguration, target.serviceNamespace, target.scalableDimension);
  }
  const policyArn = existing?.policyArn ?? arns.policy(ctx, target.serviceNamespace, target.resourceId, input.PolicyName!);
  const alarms = type === 'TargetTrackingScaling' ? targetTrackingAlarms(ctx, policyArn, target.resourceId, input.TargetTrackingScalingPolicyConfiguration!, existing?.alarms.map((a) => a.AlarmName)) : [];
  // Alarms the policy no longer needs (a step policy now, or DisableScaleIn turned on) go away.
  deleteAlarms(ctx, (existing?.alarms ?? []).map((a) => a.AlarmName).filter((name) => !alarms.some((a) => a.AlarmName === name)));
  putAlarms(ctx, alarms);
  const policy: ScalingPolicy = {
    policyName: input.PolicyName!,
    policyArn,
    serviceNamespace: target.serviceNamespace,
    resourceId: target.resourceId,
    scalableDimension: target.scalableDimension,
    policyType: type,
    stepScaling: type === 'StepScaling' ? input.StepScalingPolicyConfiguration : undefined,
    targetTracking: type === 'TargetTrackingScaling' ? input.TargetTrackingScalingPolicyConfiguration : undefined,
    alarms: alarms.map((a) => ({ AlarmName: a.AlarmName, AlarmARN: a.AlarmArn })),
    createdAt: existing?.createdAt ?? ctx.now,
  };
  state.policies.set(key, policy);
  return { PolicyARN: policyArn, Alarms: policy.alarms };
}

export function describeScalingPolicies(input: AAS.DescribeScalingPoliciesRequest, ctx: RequestContext): Output<AAS.DescribeScalingPoliciesResponse> {
  const problems = new ProblemList();
  if ((input.PolicyNames?.length ?? 0) > 50) problems.problems.push({ path: 'policyNames', kind: 'constraint', value: input.PolicyNames, constraint: 'Member must have length less than or equal to 50' });
  checkTargetRef({ ServiceNamespace: input.ServiceNamespace, ResourceId: input.ResourceId, ScalableDimension: input.ScalableDimension }, problems);
  const names = input.PolicyNames?.length ? new Set(input.PolicyNames) : undefined;
  const policies = [...aas(ctx).policies.values()]
    .filter(
      (p) =>
        p.serviceNamespace === input.ServiceNamespace &&
        (input.ResourceId === undefined || p.resourceId === input.ResourceId) &&
        (input.ScalableDimension === undefined || p.scalableDimension === input.ScalableDimension) &&
        (!names || names.has(p.policyName)),
    )
    .map(policyOutput);
  const { items, nextToken } = page(policies, input, ['policies', input.ServiceNamespace, input.ResourceId, input.ScalableDimension, input.PolicyNames ?? []]);
  return { ScalingPolicies: items, NextToken: nextToken };
}

export function deleteScalingPolicy(input: AAS.DeleteScalingPolicyRequest, ctx: RequestContext): Output<unknown> {
  checkTargetRef(input, checkName(new ProblemList(), 'policyName', input.PolicyName));
  const state = aas(ctx);
  const key = `${targetKey(input.ServiceNamespace!, input.ResourceId!, input.ScalableDimension!)}|${input.PolicyName}`;
  const policy = state.policies.get(key);
  if (!policy) {
    throw objectNotFound(`No scaling policy found for service namespace: ${input.ServiceNamespace}, resource ID: ${input.ResourceId}, scalable dimension: ${input.ScalableDimension}, policy name: ${input.PolicyName}`);
  }
  deleteAlarms(ctx, policy.alarms.map((a) => a.AlarmName));
  state.policies.delete(key);
  return {};
}
