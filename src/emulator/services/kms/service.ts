/** AWS Key Management Service: regional, per account. */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { KMS_LIMITATIONS } from './limitations.ts';
import { createKmsState, type KmsState } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const KMS_OPERATIONS: readonly string[] = [
  'CreateKey', 'DescribeKey', 'ListKeys', 'UpdateKeyDescription', 'EnableKey',
  'DisableKey', 'ScheduleKeyDeletion', 'CancelKeyDeletion', 'CreateAlias', 'UpdateAlias',
  'DeleteAlias', 'ListAliases', 'GetKeyPolicy', 'PutKeyPolicy', 'ListKeyPolicies',
  'EnableKeyRotation', 'DisableKeyRotation', 'GetKeyRotationStatus', 'ListKeyRotations', 'RotateKeyOnDemand',
  'Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext',
  'GenerateRandom', 'TagResource', 'UntagResource', 'ListResourceTags',
];

export const kms = defineService<KmsState>({
  id: 'kms',
  title: 'AWS Key Management Service (KMS)',
  signingName: 'kms',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2014-11-01', targetPrefix: 'TrentService' },
  loadModel: () => import('@aws-sdk/client-kms') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createKmsState },
  handlers: lazyHandlers(KMS_OPERATIONS, async () => (await import('./handlers.ts')).KMS_HANDLERS),
  limitations: KMS_LIMITATIONS,
});
