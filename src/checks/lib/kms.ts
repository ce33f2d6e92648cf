import type { Inventory, KmsAlias, KmsKey } from '../../inventory/types.ts';
import type { CheckResource, Finding } from '../types.ts';
import { couldNotCheck, finding } from './findings.ts';

/**
 * Turns any way of naming a KMS key — key id, key ARN, alias name, alias ARN — into the key id,
 * using the region's aliases. Undefined when an alias does not exist.
 */
export function resolveKeyId(ref: string, aliases: readonly KmsAlias[]): string | undefined {
  const trimmed = ref.trim();
  const aliasArn = /^arn:aws[a-z-]*:kms:[^:]*:\d{12}:(alias\/.+)$/.exec(trimmed);
  const aliasName = aliasArn?.[1] ?? (trimmed.startsWith('alias/') ? trimmed : undefined);
  if (aliasName) return aliases.find((a) => a.name === aliasName)?.targetKeyId;
  const keyArn = /^arn:aws[a-z-]*:kms:[^:]*:\d{12}:key\/(.+)$/.exec(trimmed);
  return keyArn ? keyArn[1] : trimmed;
}

/** True when a reference needs the alias list to resolve. */
export function needsAliases(ref: string): boolean {
  return ref.startsWith('alias/') || /:alias\//.test(ref);
}

// ---------------------------------------------------------------- checks about the key behind an alias


export function aliasResource(alias: string, key?: KmsKey): CheckResource {
  return { type: 'AWS::KMS::Alias', id: alias, ...(key ? { arn: key.arn } : {}) };
}

/**
 * Labs name a customer managed key by its alias (the key id is only known after setup). For each
 * alias the scope asked about: the key it points to, evaluated by `evaluate`; an alias that does not
 * exist fails with a sentence that says so; an unreadable alias list or key is "could not check".
 */
export function evaluateAliasedKeys(inventory: Inventory, checkId: string, evaluate: (key: KmsKey, alias: string) => Finding): Finding[] {
  const kms = inventory.kms;
  if (!kms) return [];
  return (kms.aliasLookups ?? []).map((name) => {
    if (!kms.aliases.ok) return couldNotCheck(checkId, aliasResource(name), 'ListAliases', kms.aliases.error, 'which key the alias points to');
    const alias = kms.aliases.value.find((a) => a.name === name);
    if (!alias?.targetKeyId) {
      return finding(checkId, aliasResource(name), 'fail', `The alias ${name} does not exist (or points to no key) in ${inventory.account.region}, so there is no key to check. Create the alias for the team's key again with exactly that name.`, [
        { field: 'ListAliases', value: `${name}: not found`, expected: 'the alias exists and points to the key' },
      ]);
    }
    const key = kms.keys.find((k) => k.keyId === alias.targetKeyId);
    if (!key) {
      return finding(checkId, aliasResource(name), 'unknown', `Could not check: the alias ${name} points to key ${alias.targetKeyId}, which could not be read.`, [{ field: 'DescribeKey', value: `${alias.targetKeyId}: not read` }]);
    }
    return evaluate(key, name);
  });
}
