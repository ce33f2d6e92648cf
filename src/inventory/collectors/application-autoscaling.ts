/** Application Auto Scaling collector: scalable targets and policies of an endpoint's variants. */
import { DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import type { AwsClients } from '../../aws/index.ts';
import { observe, type Observed } from '../observed.ts';
import { paginate } from '../paginate.ts';
import type { VariantScaling } from '../types-observability.ts';

export async function collectVariantScaling(aws: AwsClients, endpointName: string, variants: string[]): Promise<Observed<VariantScaling[]>> {
  const client = await aws.client('application-autoscaling');
  const ids = variants.map((v) => `endpoint/${endpointName}/variant/${v}`);
  return observe('ApplicationAutoScaling.DescribeScalableTargets', async () => {
    if (ids.length === 0) return [];
    const [targets, policies] = await Promise.all([
      paginate(async (token) => {
        const page = await client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: ids, ScalableDimension: 'sagemaker:variant:DesiredInstanceCount', NextToken: token }));
        return { items: page.ScalableTargets ?? [], next: page.NextToken };
      }),
      Promise.all(
        ids.map((id) =>
          paginate(async (token) => {
            const page = await client.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: id, ScalableDimension: 'sagemaker:variant:DesiredInstanceCount', NextToken: token }));
            return { items: page.ScalingPolicies ?? [], next: page.NextToken };
          }),
        ),
      ),
    ]);
    return variants.map((variantName, i) => {
      const target = targets.find((t) => t.ResourceId === ids[i]);
      return {
        variantName,
        target: target ? { minCapacity: target.MinCapacity ?? 0, maxCapacity: target.MaxCapacity ?? 0 } : null,
        policies: (policies[i] ?? []).map((p) => ({
          policyName: p.PolicyName ?? '',
          policyType: p.PolicyType,
          predefinedMetricType: p.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType,
          targetValue: p.TargetTrackingScalingPolicyConfiguration?.TargetValue,
        })),
      };
    });
  });
}
