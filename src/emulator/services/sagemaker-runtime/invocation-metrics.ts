/**
 * The `AWS/SageMaker` invocation metrics SageMaker publishes per endpoint and variant (dimensions
 * EndpointName and VariantName), one data point per invocation: Invocations, InvocationsPerInstance
 * (1 / the variant's instance count), Invocation4XXErrors and Invocation5XXErrors (0 or 1, so Sum
 * counts errors and Average is the error rate), ModelLatency and OverheadLatency in microseconds.
 * CloudWatch aggregates them as it aggregates any data points.
 */
import type { RequestContext } from '../../core/context.ts';
import type { MetricDatum } from '../../core/metrics.ts';
import type { RunningVariant } from '../sagemaker/state.ts';

export const NAMESPACE = 'AWS/SageMaker';

export interface InvocationOutcome {
  readonly status: 'ok' | '4xx' | '5xx';
  readonly modelLatencyMicros: number;
  readonly overheadMicros: number;
}

export function invocationMetrics(endpointName: string, variant: RunningVariant, outcome: InvocationOutcome): MetricDatum[] {
  const Dimensions = [{ Name: 'EndpointName', Value: endpointName }, { Name: 'VariantName', Value: variant.VariantName }];
  const instances = variant.Serverless ? 1 : Math.max(1, variant.CurrentInstanceCount ?? 1);
  return [
    { MetricName: 'Invocations', Dimensions, Value: 1, Unit: 'None' },
    { MetricName: 'InvocationsPerInstance', Dimensions, Value: 1 / instances, Unit: 'None' },
    { MetricName: 'Invocation4XXErrors', Dimensions, Value: outcome.status === '4xx' ? 1 : 0, Unit: 'None' },
    { MetricName: 'Invocation5XXErrors', Dimensions, Value: outcome.status === '5xx' ? 1 : 0, Unit: 'None' },
    { MetricName: 'ModelLatency', Dimensions, Value: outcome.modelLatencyMicros, Unit: 'Microseconds' },
    { MetricName: 'OverheadLatency', Dimensions, Value: outcome.overheadMicros, Unit: 'Microseconds' },
  ];
}

export function publishInvocation(ctx: RequestContext, endpointName: string, variant: RunningVariant, outcome: InvocationOutcome): void {
  ctx.metrics.put(NAMESPACE, invocationMetrics(endpointName, variant, outcome));
}
