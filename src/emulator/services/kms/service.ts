/** AWS Key Management Service: regional, per account. */
import { defineService } from '../define-service.ts';
import * as aliases from './aliases.ts';
import * as crypto from './encryption.ts';
import * as policies from './key-policies.ts';
import * as keys from './keys.ts';
import { KMS_LIMITATIONS } from './limitations.ts';
import * as rotation from './rotation.ts';
import { createKmsState, type KmsState } from './state.ts';
import * as tags from './tags.ts';

export const kms = defineService<KmsState>({
  id: 'kms',
  title: 'AWS Key Management Service (KMS)',
  signingName: 'kms',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2014-11-01', targetPrefix: 'TrentService' },
  loadModel: () => import('@aws-sdk/client-kms') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createKmsState },
  handlers: {
    // keys
    CreateKey: keys.createKey,
    DescribeKey: keys.describeKey,
    ListKeys: keys.listKeys,
    UpdateKeyDescription: keys.updateKeyDescription,
    EnableKey: keys.enableKey,
    DisableKey: keys.disableKey,
    ScheduleKeyDeletion: keys.scheduleKeyDeletion,
    CancelKeyDeletion: keys.cancelKeyDeletion,
    // aliases
    CreateAlias: aliases.createAlias,
    UpdateAlias: aliases.updateAlias,
    DeleteAlias: aliases.deleteAlias,
    ListAliases: aliases.listAliases,
    // key policies
    GetKeyPolicy: policies.getKeyPolicy,
    PutKeyPolicy: policies.putKeyPolicy,
    ListKeyPolicies: policies.listKeyPolicies,
    // rotation
    EnableKeyRotation: rotation.enableKeyRotation,
    DisableKeyRotation: rotation.disableKeyRotation,
    GetKeyRotationStatus: rotation.getKeyRotationStatus,
    ListKeyRotations: rotation.listKeyRotations,
    RotateKeyOnDemand: rotation.rotateKeyOnDemand,
    // cryptography
    Encrypt: crypto.encrypt,
    Decrypt: crypto.decrypt,
    ReEncrypt: crypto.reEncrypt,
    GenerateDataKey: crypto.generateDataKey,
    GenerateDataKeyWithoutPlaintext: crypto.generateDataKeyWithoutPlaintext,
    GenerateRandom: crypto.generateRandom,
    // tags
    TagResource: tags.tagResource,
    UntagResource: tags.untagResource,
    ListResourceTags: tags.listResourceTags,
  },
  limitations: KMS_LIMITATIONS,
});
