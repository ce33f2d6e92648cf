/**
 * Aliases: CreateAlias, UpdateAlias, DeleteAlias, ListAliases. Names beginning with alias/aws/ belong
 * to AWS managed keys; ListAliases shows the predefined ones even before AWS creates their keys
 * (without a TargetKeyId), as AWS does.
 */
import type * as KMS from '@aws-sdk/client-kms';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { AWS_MANAGED_KEYS } from './aws-managed-keys.ts';
import { aliasArn, aliasNotFound, checkKeyAccess, kmsError, kmsState, page, refreshAll, requireNotPendingDeletion, resolveKey } from './common.ts';
import type { KmsAlias, KmsKey, KmsState } from './state.ts';

export const MAX_ALIASES_PER_KEY = 50;
const KEY_ONLY = { aliases: false, crossAccount: false };

function checkAliasName(name: string): void {
  if (!name.startsWith('alias/')) {
    throw kmsError('ValidationException', 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
  }
  new ProblemList().minLength('aliasName', name, 1).maxLength('aliasName', name, 256).pattern('aliasName', name, /^[a-zA-Z0-9:/_-]+$/, '^[a-zA-Z0-9:/_-]+$').check();
  if (name.includes(':')) throw kmsError('ValidationException', `${name} contains invalid characters for an alias`);
  if (name.startsWith('alias/aws/')) {
    throw kmsError('NotAuthorizedException', `${name} begins with alias/aws/, which is reserved for AWS managed keys; choose an alias name without that prefix.`);
  }
}

/** The customer managed key an alias may point to: by key id or key ARN, not another alias. */
function targetKey(ctx: RequestContext, ref: string, operation: string): KmsKey {
  if (ref.startsWith('alias/') || /:alias\//.test(ref)) throw kmsError('ValidationException', 'Aliases must refer to keys. Not aliases');
  const { key } = resolveKey(ctx, ref, KEY_ONLY);
  checkKeyAccess(ctx, key, operation);
  requireNotPendingDeletion(key);
  return key;
}

export function createAlias(input: KMS.CreateAliasRequest, ctx: RequestContext<KmsState>): Output<Record<string, never>> {
  const name = input.AliasName!;
  checkAliasName(name);
  const state = kmsState(ctx);
  refreshAll(ctx, state);
  if (state.aliases.has(name)) throw kmsError('AlreadyExistsException', `An alias with the name ${aliasArn(ctx.region, ctx.accountId, name)} already exists`);
  const key = targetKey(ctx, input.TargetKeyId!, 'CreateAlias');
  const count = [...state.aliases.values()].filter((a) => a.targetKeyId === key.keyId).length;
  if (count >= MAX_ALIASES_PER_KEY) throw kmsError('LimitExceededException', `${key.arn} already has ${count} aliases, the most a KMS key can have.`);
  state.aliases.set(name, { aliasName: name, targetKeyId: key.keyId, creationDate: ctx.now, lastUpdatedDate: ctx.now });
  return {};
}

export function updateAlias(input: KMS.UpdateAliasRequest, ctx: RequestContext<KmsState>): Output<Record<string, never>> {
  const name = input.AliasName!;
  checkAliasName(name);
  const state = kmsState(ctx);
  refreshAll(ctx, state);
  const alias = state.aliases.get(name);
  if (!alias) throw aliasNotFound(aliasArn(ctx.region, ctx.accountId, name));
  const key = targetKey(ctx, input.TargetKeyId!, 'UpdateAlias');
  alias.targetKeyId = key.keyId;
  alias.lastUpdatedDate = ctx.now;
  return {};
}

export function deleteAlias(input: KMS.DeleteAliasRequest, ctx: RequestContext<KmsState>): Output<Record<string, never>> {
  const name = input.AliasName!;
  checkAliasName(name);
  const state = kmsState(ctx);
  refreshAll(ctx, state);
  if (!state.aliases.delete(name)) throw aliasNotFound(aliasArn(ctx.region, ctx.accountId, name));
  return {};
}

function entry(ctx: RequestContext, alias: KmsAlias): KMS.AliasListEntry {
  return { AliasName: alias.aliasName, AliasArn: aliasArn(ctx.region, ctx.accountId, alias.aliasName), TargetKeyId: alias.targetKeyId, CreationDate: alias.creationDate, LastUpdatedDate: alias.lastUpdatedDate };
}

export function listAliases(input: KMS.ListAliasesRequest, ctx: RequestContext<KmsState>): Output<KMS.ListAliasesResponse> {
  new ProblemList().range('limit', input.Limit, 1, 100).check();
  const state = kmsState(ctx);
  refreshAll(ctx, state);
  let entries: KMS.AliasListEntry[];
  if (input.KeyId !== undefined) {
    const { key } = resolveKey(ctx, input.KeyId, KEY_ONLY);
    entries = [...state.aliases.values()].filter((a) => a.targetKeyId === key.keyId).map((a) => entry(ctx, a));
  } else {
    entries = [...state.aliases.values()].map((a) => entry(ctx, a));
    for (const name of Object.keys(AWS_MANAGED_KEYS)) {
      if (!state.aliases.has(name)) entries.push({ AliasName: name, AliasArn: aliasArn(ctx.region, ctx.accountId, name) });
    }
  }
  entries.sort((a, b) => (a.AliasName! < b.AliasName! ? -1 : a.AliasName! > b.AliasName! ? 1 : 0));
  const { items, NextMarker, Truncated } = page(entries, input.Marker, input.Limit, 50);
  return { Aliases: items, NextMarker, Truncated };
}
