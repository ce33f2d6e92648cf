import type { KmsAlias } from '../../inventory/types.ts';

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
