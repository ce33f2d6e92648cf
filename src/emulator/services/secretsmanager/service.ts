/** AWS Secrets Manager: regional, per account. */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { SECRETS_MANAGER_LIMITATIONS } from './limitations.ts';
import { createSecretsManagerState, type SecretsManagerState } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const SECRETS_MANAGER_OPERATIONS: readonly string[] = [
  'CreateSecret', 'DescribeSecret', 'UpdateSecret', 'DeleteSecret', 'RestoreSecret',
  'ListSecrets', 'GetSecretValue', 'PutSecretValue', 'UpdateSecretVersionStage', 'ListSecretVersionIds',
  'RotateSecret', 'CancelRotateSecret', 'PutResourcePolicy', 'GetResourcePolicy', 'DeleteResourcePolicy',
  'ValidateResourcePolicy', 'TagResource', 'UntagResource', 'GetRandomPassword',
];

export const secretsmanager = defineService<SecretsManagerState>({
  id: 'secretsmanager',
  title: 'AWS Secrets Manager',
  signingName: 'secretsmanager',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2017-10-17', targetPrefix: 'secretsmanager' },
  loadModel: () => import('@aws-sdk/client-secrets-manager') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createSecretsManagerState },
  handlers: lazyHandlers(SECRETS_MANAGER_OPERATIONS, async () => (await import('./handlers.ts')).SECRETS_MANAGER_HANDLERS),
  limitations: SECRETS_MANAGER_LIMITATIONS,
});
