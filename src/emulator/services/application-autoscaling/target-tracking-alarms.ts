/**
 * The two CloudWatch alarms a target tracking policy owns, as AWS names and shapes them:
 * `TargetTracking-<resource id>-AlarmHigh-<uuid>` (scale out: the metric above the target for 3
 * minutes) and `…-AlarmLow-<uuid>` (scale in: below 90% of the target for 15 minutes; absent when
 * DisableScaleIn is true). Both act on the policy's ARN.
 */
import { randomUUID } from 'node:crypto';
import type * as AAS from '@aws-sdk/client-application-auto-scaling';
import type { RequestContext } from '../../core/context.ts';
import type { AlarmSpec } from './peers.ts';
import { parseVariantResourceId } from './peers.ts';

interface MetricSource {
  Namespace?: string;
  MetricName?: string;
  Dimensions?: { Name: string; Value: string }[];
  Statistic?: string;
  Unit?: string;
  Metrics?: unknown[];
}

/** The metric a predefined metric type stands for, for the resources the emulator models. */
function predefinedMetric(type: string, resourceId: string): MetricSource | undefined {
  const variant = parseVariantResourceId(resourceId);
  const variantDims = variant ? [{ Name: 'EndpointName', Value: variant.endpoint }, { Name: 'VariantName', Value: variant.variant }] : undefined;
  const component = /^inference-component\/([^/]+)$/.exec(resourceId)?.[1];
  const ecs = /^service\/([^/]+)\/([^/]+)$/.exec(resourceId);
  const table = /^table\/([^/]+)$/.exec(resourceId)?.[1];
  switch (type) {
    case 'SageMakerVariantInvocationsPerInstance':
      return variantDims && { Namespace: 'AWS/SageMaker', MetricName: 'InvocationsPerInstance', Dimensions: variantDims, Statistic: 'Sum' };
    case 'SageMakerVariantConcurrentRequestsPerModelHighResolution':
      return variantDims && { Namespace: 'AWS/SageMaker', MetricName: 'ConcurrentRequestsPerModel', Dimensions: variantDims, Statistic: 'Maximum' };
    case 'SageMakerVariantProvisionedConcurrencyUtilization':
      return variantDims && { Namespace: 'AWS/SageMaker', MetricName: 'ServerlessProvisionedConcurrencyUtilization', Dimensions: variantDims, Statistic: 'Average' };
    case 'SageMakerInferenceComponentInvocationsPerCopy':
      return component ? { Namespace: 'AWS/SageMaker', MetricName: 'InvocationsPerCopy', Dimensions: [{ Name: 'InferenceComponentName', Value: component }], Statistic: 'Sum' } : undefined;
    case 'ECSServiceAverageCPUUtilization':
    case 'ECSServiceAverageMemoryUtilization':
      return ecs
        ? { Namespace: 'AWS/ECS', MetricName: type.includes('CPU') ? 'CPUUtilization' : 'MemoryUtilization', Dimensions: [{ Name: 'ClusterName', Value: ecs[1]! }, { Name: 'ServiceName', Value: ecs[2]! }], Statistic: 'Average', Unit: 'Percent' }
        : undefined;
    case 'DynamoDBReadCapacityUtilization':
    case 'DynamoDBWriteCapacityUtilization':
      return table ? { Namespace: 'AWS/DynamoDB', MetricName: type.includes('Read') ? 'ConsumedReadCapacityUnits' : 'ConsumedWriteCapacityUnits', Dimensions: [{ Name: 'TableName', Value: table }], Statistic: 'Sum' } : undefined;
    default:
      return undefined;
  }
}

function customizedMetric(spec: AAS.CustomizedMetricSpecification): MetricSource {
  if (spec.Metrics?.length) return { Metrics: spec.Metrics };
  return {
    Namespace: spec.Namespace,
    MetricName: spec.MetricName,
    Dimensions: spec.Dimensions?.map((d) => ({ Name: d.Name!, Value: d.Value! })),
    Statistic: spec.Statistic,
    Unit: spec.Unit,
  };
}

/**
 * The alarms for a policy. `names` keeps the names of alarms the policy already owns (an update
 * keeps its alarms); new names get a fresh uuid.
 */
export function targetTrackingAlarms(
  ctx: RequestContext,
  policyArn: string,
  resourceId: string,
  config: AAS.TargetTrackingScalingPolicyConfiguration,
  names: readonly string[] = [],
): AlarmSpec[] {
  const source = config.PredefinedMetricSpecification ? predefinedMetric(config.PredefinedMetricSpecification.PredefinedMetricType!, resourceId) : customizedMetric(config.CustomizedMetricSpecification!);
  if (!source) return [];
  const named = (kind: 'AlarmHigh' | 'AlarmLow') => names.find((n) => n.includes(`-${kind}-`)) ?? `TargetTracking-${resourceId}-${kind}-${randomUUID()}`;
  const base = (name: string) => ({
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${name}`,
    AlarmDescription: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${policyArn}.`,
    AlarmActions: [policyArn],
    ...source,
    Period: 60,
  });
  const target = config.TargetValue!;
  const alarms: AlarmSpec[] = [{ ...base(named('AlarmHigh')), EvaluationPeriods: 3, Threshold: target, ComparisonOperator: 'GreaterThanThreshold' }];
  if (!config.DisableScaleIn) alarms.push({ ...base(named('AlarmLow')), EvaluationPeriods: 15, Threshold: Math.round(target * 0.9 * 1e6) / 1e6, ComparisonOperator: 'LessThanThreshold' });
  return alarms;
}
