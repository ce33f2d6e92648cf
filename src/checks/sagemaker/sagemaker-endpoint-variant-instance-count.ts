import { couldNotCheck, finding } from '../lib/findings.ts';
import { endpointResource, evaluateEndpoints } from '../lib/sagemaker-hosting.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-endpoint-variant-instance-count';

export default defineCheck({
  id,
  title: 'SageMaker endpoint production variants start with more than one instance',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::Endpoint',
  severity: 'medium',
  risk: 'A variant with one instance has no redundancy: an instance failure, an Availability Zone problem or a deployment takes the endpoint down. With two or more, SageMaker spreads instances across Availability Zones.',
  securityHub: ['SageMaker.4'],
  prowler: 'sagemaker_endpoint_config_prod_variant_instances',
  syllabus: ['4.2.S6', '4.2.S8'],
  remediation: {
    text: 'Create an endpoint configuration whose production variants have InitialInstanceCount of 2 or more and update the endpoint to it (configurations are immutable).',
    cli: 'aws sagemaker create-endpoint-config --endpoint-config-name <new-config> --production-variants VariantName=AllTraffic,ModelName=<model>,InstanceType=ml.m5.large,InitialInstanceCount=2 && aws sagemaker update-endpoint --endpoint-name <endpoint> --endpoint-config-name <new-config>',
    docs: 'Amazon SageMaker AI controls (SageMaker.4)',
  },
  reads: ['sagemakerHosting.endpoints[].config.value.variants'],
  scope: (selector) => ({ sagemakerHosting: { endpoints: selector } }),
  evaluate(inventory) {
    return evaluateEndpoints(inventory, id, (endpoint) => {
      const resource = endpointResource(endpoint);
      if (!endpoint.config.ok) return couldNotCheck(id, resource, 'SageMaker.DescribeEndpointConfig', endpoint.config.error, 'the endpoint configuration in use');
      const variants = endpoint.config.value?.variants ?? [];
      const evidence = variants.length
        ? variants.map((v) => ({ field: `${endpoint.config.ok ? endpoint.config.value?.name : ''}.ProductionVariants[${v.variantName}].InitialInstanceCount`, value: v.initialInstanceCount ?? '(serverless or unset)', expected: 'more than 1' }))
        : [{ field: 'ProductionVariants', value: '(none)', expected: 'variants with more than 1 instance' }];
      const single = variants.filter((v) => (v.initialInstanceCount ?? 0) <= 1);
      if (variants.length === 0 || single.length) return finding(id, resource, 'fail', `${single.length ? single.map((v) => v.variantName).join(', ') : 'The configuration'} start${single.length === 1 ? 's' : ''} with ${single.length ? 'a single instance' : 'no instance-based variant'}: one failure takes the endpoint down.`, evidence);
      return finding(id, resource, 'pass', `Every production variant starts with at least 2 instances (${variants.map((v) => `${v.variantName}: ${v.initialInstanceCount}`).join(', ')}).`, evidence);
    });
  },
});
