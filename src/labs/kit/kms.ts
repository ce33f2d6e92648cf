import { CreateAliasCommand, CreateKeyCommand } from '@aws-sdk/client-kms';
import type { LabContext } from '../definition.ts';

/**
 * Creates a symmetric customer managed key tagged for the run, with an alias, and records the facts
 * `<fact>Id`, `<fact>Arn` and `<fact>Alias` for hints and grading.
 */
export async function createKeyWithAlias(ctx: LabContext, options: { alias: string; description: string; fact: string; extraTags?: Record<string, string> }): Promise<void> {
  const kms = await ctx.aws.client('kms');
  const tags = { ...ctx.tags, ...options.extraTags };
  const key = await kms.send(new CreateKeyCommand({ Description: options.description, Tags: Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) }));
  const keyId = key.KeyMetadata?.KeyId;
  if (!keyId) throw new Error('CreateKey returned no key id');
  await kms.send(new CreateAliasCommand({ AliasName: options.alias, TargetKeyId: keyId }));
  ctx.setFact(`${options.fact}Id`, keyId);
  ctx.setFact(`${options.fact}Arn`, key.KeyMetadata?.Arn ?? `arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:key/${keyId}`);
  ctx.setFact(`${options.fact}Alias`, options.alias);
}
