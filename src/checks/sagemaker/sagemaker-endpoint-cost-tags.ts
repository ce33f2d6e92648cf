import { z } from 'zod';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { endpointResource, evaluateEndpoints } from '../lib/sagemaker-hosting.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-endpoint-cost-tags';

const params = z.strictObject({
  /** Tag keys the tagging strategy requires on every ML resource. */
  tagKeys: z.array(z.string().min(1)).min(1),
});

export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'SageMaker endpoints carry the cost allocation tags of the tagging strategy',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::Endpoint',
  severity: 'low',
  risk: 'An untagged endpoint shows up in the bill as anonymous SageMaker spend: nobody can say which team, project or environment it belongs to, so it is neither charged back nor switched off when its project ends.',
  securityHub: [],
  syllabus: ['4.2.S7', '4.2.K5'],
  remediation: {
    text: 'Add the tag keys of the tagging strategy, with non-empty values, to the endpoint (and to its configuration and model).',
    cli: 'aws sagemaker add-tags --resource-arn <endpoint-arn> --tags Key=cost-center,Value=<cc> Key=project,Value=<project> Key=environment,Value=<env>',
    docs: 'Using AWS cost allocation tags',
  },
  reads: ['sagemakerHosting.endpoints[].tags.value'],
  params,
  scope: (selector) => ({ sagemakerHosting: { endpoints: selector } }),
  evaluate(inventory, p) {
    return evaluateEndpoints(inventory, id, (endpoint) => {
      const resource = endpointResource(endpoint);
      if (!endpoint.tags.ok) return couldNotCheck(id, resource, 'SageMaker.ListTags', endpoint.tags.error, 'the endpoint’s tags');
      const tags = endpoint.tags.value;
      const evidence = p.tagKeys.map((k) => ({ field: `ListTags.${k}`, value: tags[k] ?? '(missing)', expected: 'a non-empty value' }));
      const missing = p.tagKeys.filter((k) => !tags[k]?.trim());
      if (missing.length) return finding(id, resource, 'fail', `The endpoint lacks the cost allocation tag${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, so its spend cannot be attributed.`, evidence);
      return finding(id, resource, 'pass', `The endpoint carries ${p.tagKeys.map((k) => `${k}=${tags[k]}`).join(', ')}.`, evidence);
    });
  },
});
