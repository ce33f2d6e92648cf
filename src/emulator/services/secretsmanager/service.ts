/** AWS Secrets Manager: regional, per account. */
import { defineService } from '../define-service.ts';
import { SECRETS_MANAGER_LIMITATIONS } from './limitations.ts';
import { getRandomPassword } from './random-password.ts';
import * as policies from './resource-policies.ts';
import * as rotation from './rotation.ts';
import * as secrets from './secrets.ts';
import { createSecretsManagerState, type SecretsManagerState } from './state.ts';
import * as tags from './tags.ts';
import * as versions from './versions.ts';

export const secretsmanager = defineService<SecretsManagerState>({
  id: 'secretsmanager',
  title: 'AWS Secrets Manager',
  signingName: 'secretsmanager',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2017-10-17', targetPrefix: 'secretsmanager' },
  loadModel: () => import('@aws-sdk/client-secrets-manager') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createSecretsManagerState },
  handlers: {
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
  },
  limitations: SECRETS_MANAGER_LIMITATIONS,
});
