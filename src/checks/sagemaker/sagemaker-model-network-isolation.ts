import { finding } from '../lib/findings.ts';
import { evaluateFamilies, modelKind } from '../lib/sagemaker.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-model-network-isolation';

export default defineCheck({
  id,
  title: 'SageMaker models run their inference containers with network isolation',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::Model',
  severity: 'medium',
  risk: 'An inference container without network isolation can make outbound calls: a third-party or compromised model image can send every request it scores — customer data — to the internet. Isolated, it only answers the requests SageMaker hands it.',
  securityHub: ['SageMaker.5'],
  prowler: 'sagemaker_models_network_isolation_enabled',
  syllabus: ['4.3.K2', '4.3.S5'],
  remediation: {
    text: 'Models cannot be changed: create a new model with EnableNetworkIsolation, point a new endpoint configuration at it, update the endpoint, then delete the old model.',
    cli: 'aws sagemaker create-model --model-name <new-name> --execution-role-arn <role-arn> --primary-container Image=<image>,ModelDataUrl=s3://<bucket>/model.tar.gz --enable-network-isolation',
    docs: 'Run Training and Inference Containers in Internet-Free Mode',
  },
  reads: ['sagemakerModels.models[].members.value[].enableNetworkIsolation'],
  scope: (selector) => ({ sagemakerModels: { prefixes: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateFamilies(inventory.sagemakerModels?.models, id, modelKind, (model, resource) => {
      const evidence = [{ field: `DescribeModel(${model.name}).EnableNetworkIsolation`, value: model.enableNetworkIsolation, expected: 'true' }];
      if (model.enableNetworkIsolation) return finding(id, resource, 'pass', `Model ${model.name} runs its containers with network isolation.`, evidence);
      return finding(id, resource, 'fail', `Model ${model.name} runs its containers without network isolation: they can open connections of their own.`, evidence);
    });
  },
});
