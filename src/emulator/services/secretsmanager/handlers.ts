/** The AWS Secrets Manager operation handlers, loaded on the service's first call (service.ts lists their names). */
import type { Handler } from '../define-service.ts';
import { getRandomPassword } from './random-password.ts';
import * as policies from './resource-policies.ts';
import * as rotation from './rotation.ts';
import * as secrets from './secrets.ts';
import * as tags from './tags.ts';
import * as versions from './versions.ts';
import type { SecretsManagerState } from './state.ts';

export const SECRETS_MANAGER_HANDLERS: Readonly<Record<string, Handler<any, any, SecretsManagerState>>> = {
  // secrets
  CreateSecret: secrets.createSecret,
  DescribeSecret: secrets.describeSecret,
  UpdateSecret: secrets.updateSecret,
  DeleteSecret: secrets.deleteSecret,
  RestoreSecret: secrets.restoreSecret,
  ListSecrets: secrets.listSecrets,
  // values and versions
  GetSecretValue: versions.getSecretValue,
  PutSecretValue: versions.putSecretValue,
  UpdateSecretVersionStage: versions.updateSecretVersionStage,
  ListSecretVersionIds: versions.listSecretVersionIds,
  // rotation
  RotateSecret: rotation.rotateSecret,
  CancelRotateSecret: rotation.cancelRotateSecret,
  // resource policies
  PutResourcePolicy: policies.putResourcePolicy,
  GetResourcePolicy: policies.getResourcePolicy,
  DeleteResourcePolicy: policies.deleteResourcePolicy,
  ValidateResourcePolicy: policies.validateResourcePolicy,
  // tags
  TagResource: tags.tagResource,
  UntagResource: tags.untagResource,
  // utilities
  GetRandomPassword: getRandomPassword,
};
