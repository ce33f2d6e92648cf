import { z } from 'zod';
import { finding } from '../lib/findings.ts';
import { endpointResource, evaluateEndpoints } from '../lib/sagemaker-hosting.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-endpoint-traffic-shift';

const params = z.strictObject({
  /** The variant that should now take most of the traffic. */
  variant: z.string().min(1),
  /** Its least share of the current weights (0–1). */
  minShare: z.number().min(0).max(1),
  /** The variant that must stay deployed so traffic can be shifted back without a redeployment. */
  keep: z.string().min(1),
});

export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'Traffic has shifted to the better variant, with the other kept for rollback',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::Endpoint',
  severity: 'low',
  risk: 'Keeping most traffic on the worse model costs customers every minute; removing the previous model in the same step leaves no instant way back if the new one misbehaves at full load.',
  securityHub: [],
  syllabus: ['4.1.S4'],
  remediation: {
    text: 'Change the variant weights in place with UpdateEndpointWeightsAndCapacities (no new configuration, no redeployment); keep the previous variant deployed until the new one has carried full traffic for a while.',
    cli: 'aws sagemaker update-endpoint-weights-and-capacities --endpoint-name <endpoint> --desired-weights-and-capacities VariantName=Challenger,DesiredWeight=0.9 VariantName=Champion,DesiredWeight=0.1',
    docs: 'Test models in production (production variants)',
  },
  reads: ['sagemakerHosting.endpoints[].endpoint.value.variants', 'sagemakerHosting.endpoints[].endpoint.value.status'],
  params,
  scope: (selector) => ({ sagemakerHosting: { endpoints: selector } }),
  evaluate(inventory, p) {
    return evaluateEndpoints(inventory, id, (endpoint, details) => {
      const resource = endpointResource(endpoint);
      const total = details.variants.reduce((sum, v) => sum + (v.currentWeight ?? 0), 0);
      const share = (name: string) => {
        const v = details.variants.find((x) => x.variantName === name);
        return v && total > 0 ? (v.currentWeight ?? 0) / total : v ? 0 : undefined;
      };
      const target = share(p.variant);
      const evidence = [
        ...details.variants.map((v) => ({ field: `ProductionVariants[${v.variantName}].CurrentWeight`, value: `${v.currentWeight ?? '?'} (${total > 0 ? Math.round(((v.currentWeight ?? 0) / total) * 100) : 0}% of traffic)`, expected: v.variantName === p.variant ? `at least ${Math.round(p.minShare * 100)}%` : v.variantName === p.keep ? 'still deployed' : undefined })),
        { field: 'DescribeEndpoint.EndpointStatus', value: details.status ?? '?', expected: 'InService' },
      ];
      if (details.status !== 'InService') return finding(id, resource, 'fail', `The endpoint is ${details.status ?? 'in an unknown state'}; weights are graded once an update has finished (InService).`, evidence);
      if (target === undefined) return finding(id, resource, 'fail', `The endpoint has no variant named ${p.variant}.`, evidence);
      if (share(p.keep) === undefined) return finding(id, resource, 'fail', `Variant ${p.keep} is no longer deployed: if ${p.variant} misbehaves at full load there is no instant way back.`, evidence);
      if (target < p.minShare) return finding(id, resource, 'fail', `${p.variant} receives ${Math.round(target * 100)}% of the traffic, less than ${Math.round(p.minShare * 100)}%.`, evidence);
      return finding(id, resource, 'pass', `${p.variant} receives ${Math.round(target * 100)}% of the traffic and ${p.keep} stays deployed for rollback.`, evidence);
    });
  },
});
