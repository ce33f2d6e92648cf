/**
 * Secrets Manager: the secret a SecretId names (name, full or partial ARN, possibly in another
 * account) with its resource policy and tags. A secret being created has no ARN yet: its future
 * ARN is written with `??????` for the six random characters Secrets Manager will add, so policies
 * written as `secret:name-*` or `secret:name*` match it. Condition keys: secretsmanager:Name,
 * secretsmanager:Description, secretsmanager:KmsKeyId, secretsmanager:SecretId, and the request's tags.
 */
import type { ContextValue } from '../../policy/index.ts';
import { lookupSecret } from '../../services/secretsmanager/lookup.ts';
import type { SecretsManagerState } from '../../services/secretsmanager/state.ts';
import type { AccessCheck, ResolverCall } from '../access-check.ts';
import { actionName } from '../action-names.ts';
import { requestTagContext } from '../request-tags.ts';

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:.+$/;
const UNSCOPED = new Set(['ListSecrets', 'GetRandomPassword', 'BatchGetSecretValue']);

export function secretsManagerChecks(call: ResolverCall): AccessCheck[] {
  const input = call.input;
  const action = actionName('secretsmanager', call.operation);
  const context: Record<string, ContextValue | undefined> = {};
  requestTagContext(input, context);
  if (typeof input.Name === 'string') context['secretsmanager:Name'] = input.Name;
  if (typeof input.Description === 'string') context['secretsmanager:Description'] = input.Description;
  if (typeof input.KmsKeyId === 'string') context['secretsmanager:KmsKeyId'] = input.KmsKeyId;
  if (UNSCOPED.has(call.operation)) return [{ action, resource: '*', context }];

  if (call.operation === 'CreateSecret' && typeof input.Name === 'string') {
    return [{ action, resource: `arn:aws:secretsmanager:${call.region}:${call.accountId}:secret:${input.Name}-??????`, context }];
  }
  const id = input.SecretId;
  if (typeof id !== 'string') return [{ action, resource: '*', context }];
  const m = SECRET_ARN.exec(id);
  const region = m ? m[1]! : call.region;
  const account = m ? m[2]! : call.accountId;
  const state = call.read<SecretsManagerState>('secretsmanager', account, region);
  const secret = state && lookupSecret(state, id);
  // A secret that does not exist: Secrets Manager answers ResourceNotFoundException when IAM allows.
  if (!secret) return [{ action, resource: m ? id : `arn:aws:secretsmanager:${region}:${account}:secret:${id}`, resourceAccount: account, context }];
  context['secretsmanager:SecretId'] = secret.arn;
  return [{
    action,
    resource: secret.arn,
    resourceAccount: secret.accountId,
    resourcePolicy: secret.resourcePolicy === undefined ? undefined : { name: 'ResourcePolicy', arn: secret.arn, source: `resource policy of ${secret.arn}`, document: secret.resourcePolicy, kind: 'secret' },
    resourceTags: secret.tags.length ? Object.fromEntries(secret.tags.map((t) => [t.Key, t.Value])) : undefined,
    context,
  }];
}
