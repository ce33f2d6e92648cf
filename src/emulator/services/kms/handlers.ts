/** The AWS Key Management Service (KMS) operation handlers, loaded on the service's first call (service.ts lists their names). */
import type { Handler } from '../define-service.ts';
import * as aliases from './aliases.ts';
import * as crypto from './encryption.ts';
import * as policies from './key-policies.ts';
import * as keys from './keys.ts';
import * as rotation from './rotation.ts';
import * as tags from './tags.ts';
import type { KmsState } from './state.ts';

export const KMS_HANDLERS: Readonly<Record<string, Handler<any, any, KmsState>>> = {
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
};
