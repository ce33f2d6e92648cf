import { z } from 'zod';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { endpointResource, evaluateEndpoints, unreadable } from '../lib/sagemaker-hosting.ts';
import { defineCheck } from '../types.ts';

const id = 'application-autoscaling-endpoint-target-tracking';

const params = z
  .strictObject({
    /** The least MinCapacity accepted (default 2: one instance is no redundancy). */
    minCapacity: z.number().int().min(1).optional(),
  })
  .optional();

export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'Endpoint variants auto scale with target tracking on invocations per instance',
  service: 'application-autoscaling',
  resourceType: 'AWS::SageMaker::Endpoint',
  severity: 'low',
  risk: 'A fixed-size endpoint is either paid for at peak all night or overwhelmed at peak. Without auto scaling, traffic spikes become throttling and latency, and quiet hours are wasted instances.',
  securityHub: [],
  syllabus: ['4.2.S6', '4.2.S8'],
  remediation: {
    text: 'Register each variant as a scalable target (sagemaker:variant:DesiredInstanceCount) with MinCapacity of at least 2, then attach a target tracking policy on the predefined metric SageMakerVariantInvocationsPerInstance.',
    cli: 'aws application-autoscaling register-scalable-target --service-namespace sagemaker --resource-id endpoint/<endpoint>/variant/AllTraffic --scalable-dimension sagemaker:variant:DesiredInstanceCount --min-capacity 2 --max-capacity 6',
    docs: 'Automatic scaling of Amazon SageMaker AI models',
  },
  reads: ['sagemakerHosting.endpoints[].scaling.value[].target', 'sagemakerHosting.endpoints[].scaling.value[].policies', 'sagemakerHosting.endpoints[].scaling.value[].variantName'],
  params,
  scope: (selector) => ({ sagemakerHosting: { endpoints: selector, scaling: true } }),
  evaluate(inventory, p) {
    const least = p?.minCapacity ?? 2;
    return evaluateEndpoints(inventory, id, (endpoint) => {
      const resource = endpointResource(endpoint);
      const error = unreadable(endpoint.scaling);
      if (error || !endpoint.scaling?.ok) return couldNotCheck(id, resource, 'ApplicationAutoScaling.DescribeScalableTargets', error!, 'the endpoint’s auto scaling');
      const variants = endpoint.scaling.value;
      if (variants.length === 0) return finding(id, resource, 'fail', 'The endpoint has no production variant to scale.', [{ field: 'ProductionVariants', value: '(none)', expected: 'scalable variants' }]);
      const evidence = variants.flatMap((v) => [
        { field: `endpoint/${endpoint.name}/variant/${v.variantName} MinCapacity–MaxCapacity`, value: v.target ? `${v.target.minCapacity}–${v.target.maxCapacity}` : '(not registered)', expected: `MinCapacity ≥ ${least}` },
        { field: `variant ${v.variantName} scaling policies`, value: v.policies.length ? v.policies.map((x) => `${x.policyName} (${x.policyType ?? '?'}${x.predefinedMetricType ? `, ${x.predefinedMetricType}` : ''})`).join('; ') : '(none)', expected: 'TargetTrackingScaling on SageMakerVariantInvocationsPerInstance' },
      ]);
      for (const v of variants) {
        if (!v.target) return finding(id, resource, 'fail', `Variant ${v.variantName} is not registered with Application Auto Scaling, so its instance count never changes.`, evidence);
        if (v.target.minCapacity < least) return finding(id, resource, 'fail', `Variant ${v.variantName} may scale in to ${v.target.minCapacity} instance${v.target.minCapacity === 1 ? '' : 's'}; at least ${least} keep it available when one fails.`, evidence);
        const tracking = v.policies.find((x) => x.policyType === 'TargetTrackingScaling' && x.predefinedMetricType === 'SageMakerVariantInvocationsPerInstance');
        if (!tracking) return finding(id, resource, 'fail', `Variant ${v.variantName} is registered but no target tracking policy on SageMakerVariantInvocationsPerInstance moves it between ${v.target.minCapacity} and ${v.target.maxCapacity}.`, evidence);
      }
      return finding(id, resource, 'pass', `Every variant scales between its bounds (minimum ≥ ${least}) by target tracking on invocations per instance.`, evidence);
    });
  },
});
