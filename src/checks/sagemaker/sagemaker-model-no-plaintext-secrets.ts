import { finding } from '../lib/findings.ts';
import { evaluateFamilies, modelKind } from '../lib/sagemaker.ts';
import { secretsInMap } from '../lib/secrets.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-model-no-plaintext-secrets';

export default defineCheck({
  id,
  title: 'SageMaker models carry no plaintext credentials in their container environment',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::Model',
  severity: 'high',
  risk: 'A model’s container environment is returned in full by DescribeModel to anyone allowed to describe models, and copied into every endpoint that serves it. A database password there is exposed to far more people and processes than the inference code that needs it.',
  securityHub: [],
  syllabus: ['4.3.S1', '4.3.K2'],
  remediation: {
    text: 'Create a new model whose environment names the secret’s ARN instead of its value (the inference code reads the secret with the model’s execution role), then delete the old model.',
    cli: 'aws sagemaker create-model --model-name <new-name> --execution-role-arn <role-arn> --primary-container Image=<image>,ModelDataUrl=<s3-uri>,Environment={DB_SECRET_ARN=<secret-arn>}',
    docs: 'Use AWS Secrets Manager secrets in Amazon SageMaker AI',
  },
  reads: ['sagemakerModels.models[].members.value[].containers'],
  scope: (selector) => ({ sagemakerModels: { prefixes: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateFamilies(inventory.sagemakerModels?.models, id, modelKind, (model, resource) => {
      const seen = model.containers.flatMap((c, i) => secretsInMap(c.environment, i === 0 ? 'PrimaryContainer.Environment' : `Containers[${i - 1}].Environment`));
      const evidence = [{ field: `DescribeModel(${model.name}) container environments`, value: seen.length ? seen.map((s) => `${s.where}: ${s.why}`) : 'no credential-like values', expected: 'references to a secret store only' }];
      if (!seen.length) return finding(id, resource, 'pass', `Model ${model.name} carries no plaintext credentials.`, evidence);
      return finding(id, resource, 'fail', `Model ${model.name} carries plaintext credentials: ${seen.map((s) => s.where).join(', ')}.`, evidence);
    });
  },
});
