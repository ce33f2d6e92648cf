/**
 * KMS: the key a request names — by key id, key ARN, alias name or alias ARN, resolved as KMS
 * resolves them, or for Decrypt without KeyId the key recorded in the ciphertext — with its key
 * policy and tags. Alias operations also need the permission on the alias ARN; ReEncrypt needs
 * kms:ReEncryptFrom on the source key and kms:ReEncryptTo on the destination key. KMS condition keys:
 * kms:CallerAccount, kms:EncryptionContext:<key>, kms:EncryptionContextKeys, kms:RequestAlias,
 * kms:EncryptionAlgorithm, kms:KeySpec/KeyUsage/KeyOrigin (CreateKey), kms:GrantOperations.
 *
 * A key that does not exist yields no check: KMS then answers NotFoundException itself.
 */
import type { ContextValue } from '../../policy/index.ts';
import { parseCiphertext } from '../../services/kms/ciphertext.ts';
import { lookupKmsKey, type KmsKey, type KmsState } from '../../services/kms/key-access.ts';
import type { AccessCheck, ResolverCall } from '../access-check.ts';
import { actionName } from '../action-names.ts';
import { requestTagContext } from '../request-tags.ts';

const KEY_OR_ALIAS_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key\/.+|alias\/.+)$/;

interface Located {
  readonly key: KmsKey;
  readonly aliasArn?: string;
}

function locate(call: ResolverCall, ref: string): Located | undefined {
  const m = KEY_OR_ALIAS_ARN.exec(ref);
  const region = m ? m[1]! : call.region;
  const account = m ? m[2]! : call.accountId;
  const state = call.read<KmsState>('kms', account, region);
  const key = state && lookupKmsKey(state, ref);
  if (!key) return undefined;
  const alias = m ? (m[3]!.startsWith('alias/') ? ref : undefined) : ref.startsWith('alias/') ? `arn:aws:kms:${region}:${account}:${ref}` : undefined;
  return { key, aliasArn: alias };
}

function keyCheck(action: string, key: KmsKey, context: Record<string, ContextValue | undefined>): AccessCheck {
  return {
    action,
    resource: key.arn,
    resourceAccount: key.accountId,
    resourcePolicy: { name: 'default', arn: key.arn, source: `key policy of ${key.arn}`, document: key.policy, kind: 'key' },
    resourceTags: key.tags.length ? Object.fromEntries(key.tags.map((t) => [t.TagKey, t.TagValue])) : undefined,
    context,
  };
}

function contextOf(call: ResolverCall): Record<string, ContextValue | undefined> {
  const input = call.input;
  const context: Record<string, ContextValue | undefined> = { 'kms:CallerAccount': call.principal.accountId };
  const encryption = input.EncryptionContext as Record<string, string> | undefined;
  if (encryption && typeof encryption === 'object') {
    for (const [k, v] of Object.entries(encryption)) context[`kms:EncryptionContext:${k}`] = v;
    context['kms:EncryptionContextKeys'] = Object.keys(encryption);
  }
  if (typeof input.KeyId === 'string' && /(^|:)alias\//.test(input.KeyId)) context['kms:RequestAlias'] = input.KeyId.replace(/^arn:[^:]+:kms:[^:]*:\d*:/, '');
  if (typeof input.EncryptionAlgorithm === 'string') context['kms:EncryptionAlgorithm'] = input.EncryptionAlgorithm;
  if (call.operation === 'CreateKey') {
    context['kms:KeySpec'] = (input.KeySpec as string | undefined) ?? 'SYMMETRIC_DEFAULT';
    context['kms:KeyUsage'] = (input.KeyUsage as string | undefined) ?? 'ENCRYPT_DECRYPT';
    context['kms:KeyOrigin'] = (input.Origin as string | undefined) ?? 'AWS_KMS';
  }
  if (Array.isArray(input.Operations)) context['kms:GrantOperations'] = input.Operations as string[];
  if (typeof input.GranteePrincipal === 'string') context['kms:GranteePrincipal'] = input.GranteePrincipal;
  requestTagContext(input, context);
  return context;
}

function keyFromBlob(call: ResolverCall, blob: unknown): string | undefined {
  if (!(blob instanceof Uint8Array)) return undefined;
  return parseCiphertext(blob)?.keyArn;
}

/** Operations KMS authorizes on no particular key (the Service Authorization Reference lists no resource). */
const UNSCOPED = new Set(['CreateKey', 'ListKeys', 'ListAliases', 'GenerateRandom', 'ListRetirableGrants']);

export function kmsChecks(call: ResolverCall): AccessCheck[] {
  const input = call.input;
  const operation = call.operation;
  const action = actionName('kms', operation);
  const context = contextOf(call);
  if (UNSCOPED.has(operation)) return [{ action, resource: '*', context }];

  if (operation === 'ReEncrypt') {
    const checks: AccessCheck[] = [];
    const source = (typeof input.SourceKeyId === 'string' && input.SourceKeyId) || keyFromBlob(call, input.CiphertextBlob);
    const from = source ? locate(call, source) : undefined;
    if (from) checks.push(keyCheck('kms:ReEncryptFrom', from.key, context));
    const to = typeof input.DestinationKeyId === 'string' ? locate(call, input.DestinationKeyId) : undefined;
    if (to) checks.push(keyCheck('kms:ReEncryptTo', to.key, context));
    return checks;
  }
  if (operation === 'CreateAlias' || operation === 'UpdateAlias' || operation === 'DeleteAlias') {
    const aliasName = String(input.AliasName ?? '');
    const aliasArn = `arn:aws:kms:${call.region}:${call.accountId}:${aliasName}`;
    const checks: AccessCheck[] = [{ action, resource: aliasArn, resourceAccount: call.accountId, context }];
    const state = call.read<KmsState>('kms', call.accountId, call.region);
    const targetRef = typeof input.TargetKeyId === 'string' ? input.TargetKeyId : state?.aliases.get(aliasName)?.targetKeyId;
    const target = targetRef ? locate(call, targetRef) : undefined;
    if (target) checks.push(keyCheck(action, target.key, context));
    return checks;
  }

  let ref = typeof input.KeyId === 'string' ? input.KeyId : undefined;
  if (ref === undefined && operation === 'Decrypt') ref = keyFromBlob(call, input.CiphertextBlob);
  if (ref === undefined) return [{ action, resource: '*', context }];
  const located = locate(call, ref);
  return located ? [keyCheck(action, located.key, context)] : [];
}
