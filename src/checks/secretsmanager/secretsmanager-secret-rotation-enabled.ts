import { evaluateEntries } from '../lib/ec2.ts';
import { finding } from '../lib/findings.ts';
import { defineCheck } from '../types.ts';

const id = 'secretsmanager-secret-rotation-enabled';

export default defineCheck({
  id,
  title: 'Secrets Manager secrets rotate automatically',
  service: 'secretsmanager',
  resourceType: 'AWS::SecretsManager::Secret',
  severity: 'medium',
  risk: 'A credential that never changes stays valid wherever it ever leaked — an old notebook, a log, a laptop. Automatic rotation limits how long a leaked password is useful and proves the applications read it from the store rather than from a copy.',
  securityHub: ['SecretsManager.1'],
  prowler: 'secretsmanager_automatic_rotation_enabled',
  syllabus: ['4.3.K2', '4.3.S1'],
  remediation: {
    text: 'Configure rotation with a rotation Lambda function (or managed rotation for supported databases) and a schedule, e.g. every 30 days.',
    cli: 'aws secretsmanager rotate-secret --secret-id <secret-name> --rotation-lambda-arn <lambda-arn> --rotation-rules AutomaticallyAfterDays=30',
    docs: 'Rotate AWS Secrets Manager secrets',
  },
  reads: ['secretsmanager.secrets[].found.value.rotationEnabled'],
  scope: (selector) => ({ secretsmanager: { secrets: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateEntries(inventory.secretsmanager?.secrets, id, (name, s) => ({ type: 'AWS::SecretsManager::Secret', id: name, ...(s?.arn ? { arn: s.arn } : {}) }), 'SecretsManager.DescribeSecret', (secret, resource) => {
      const evidence = [{ field: `DescribeSecret(${secret.name}).RotationEnabled`, value: secret.rotationEnabled, expected: 'true' }];
      if (secret.rotationEnabled) return finding(id, resource, 'pass', `Secret ${secret.name} rotates automatically.`, evidence);
      return finding(id, resource, 'fail', `Secret ${secret.name} has no automatic rotation: the credential stays valid until someone changes it by hand.`, evidence);
    });
  },
});
