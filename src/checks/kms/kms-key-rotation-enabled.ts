import { couldNotCheck, finding } from '../lib/findings.ts';
import { aliasResource, evaluateAliasedKeys } from '../lib/kms.ts';
import { defineCheck } from '../types.ts';

const id = 'kms-key-rotation-enabled';

export default defineCheck({
  id,
  title: 'Customer managed KMS keys rotate their key material automatically',
  service: 'kms',
  resourceType: 'AWS::KMS::Alias',
  severity: 'medium',
  risk: 'Without rotation the same key material protects every dataset and model artifact for years: more ciphertext under one key, and a long window in which leaked material stays useful. Rotation keeps the key id, so nothing that uses the key has to change.',
  securityHub: ['KMS.4'],
  prowler: 'kms_cmk_rotation_enabled',
  syllabus: ['4.3.K2', '4.3.S1'],
  remediation: {
    text: 'Enable automatic rotation of the key (yearly by default; 90 to 2560 days can be chosen). Old material stays available to decrypt existing data.',
    cli: 'aws kms enable-key-rotation --key-id <key-id>',
    docs: 'Rotate AWS KMS keys',
  },
  reads: ['kms.aliasLookups', 'kms.aliases.value', 'kms.keys[].keyId', 'kms.keys[].rotationEnabled.value'],
  scope: (selector) => ({ kms: { keys: { aliasNames: selector.names ?? [] } } }),
  evaluate(inventory) {
    return evaluateAliasedKeys(inventory, id, (key, alias) => {
      const resource = aliasResource(alias, key);
      if (!key.rotationEnabled.ok) return couldNotCheck(id, resource, 'GetKeyRotationStatus', key.rotationEnabled.error, 'the rotation status');
      const evidence = [{ field: `GetKeyRotationStatus(${key.keyId}).KeyRotationEnabled`, value: key.rotationEnabled.value, expected: 'true' }];
      return key.rotationEnabled.value
        ? finding(id, resource, 'pass', `Automatic rotation is on for the key behind ${alias} (${key.keyId}).`, evidence)
        : finding(id, resource, 'fail', `Automatic rotation is off for the key behind ${alias} (${key.keyId}): the same key material would protect the data indefinitely.`, evidence);
    });
  },
});
