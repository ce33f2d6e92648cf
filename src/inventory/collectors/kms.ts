/** KMS collector: every alias in the region, and the keys in scope with rotation, policy and tags. */
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import type { AwsClients } from '../../aws/index.ts';
import { observe, type Observed } from '../observed.ts';
import { mapLimit, paginate } from '../paginate.ts';
import type { KmsAlias, KmsInventory, KmsKey, PolicyDocument } from '../types.ts';

export interface KmsScope {
  aliases?: boolean;
  keys?: { aliasNames?: string[]; tags?: Record<string, string> };
}

export async function collectKms(aws: AwsClients, scope: KmsScope, account: { id: string; region: string; partition: string }): Promise<KmsInventory> {
  const kms = await aws.client('kms');
  const needAliases = scope.aliases || (scope.keys?.aliasNames?.length ?? 0) > 0;
  const aliases: Observed<KmsAlias[]> = needAliases
    ? await observe('KMS.ListAliases', () =>
        paginate(async (token) => {
          const page = await kms.send(new ListAliasesCommand({ Marker: token, Limit: 100 }));
          return {
            items: (page.Aliases ?? []).map((a) => ({ name: a.AliasName ?? '', arn: a.AliasArn, targetKeyId: a.TargetKeyId })),
            next: page.Truncated ? page.NextMarker : undefined,
          };
        }),
      )
    : { ok: true, value: [] };

  const keyIds = new Set<string>();
  if (scope.keys?.aliasNames && aliases.ok) {
    for (const name of scope.keys.aliasNames) {
      const target = aliases.value.find((a) => a.name === name)?.targetKeyId;
      if (target) keyIds.add(target);
    }
  }
  if (scope.keys?.tags) {
    const wanted = Object.entries(scope.keys.tags);
    const all = await observe('KMS.ListKeys', () =>
      paginate(async (token) => {
        const page = await kms.send(new ListKeysCommand({ Marker: token, Limit: 100 }));
        return { items: (page.Keys ?? []).map((k) => k.KeyId!).filter(Boolean), next: page.Truncated ? page.NextMarker : undefined };
      }),
    );
    if (all.ok) {
      const matches = await mapLimit(all.value, 8, async (keyId) => {
        const tags = await readTags(kms, keyId);
        return tags.ok && wanted.every(([k, v]) => tags.value[k] === v) ? keyId : undefined;
      });
      for (const id of matches) if (id) keyIds.add(id);
    }
  }

  const keys = await mapLimit([...keyIds].sort(), 6, (keyId) => collectKey(kms, keyId, account));
  return { aliases, keys, ...(scope.keys?.aliasNames?.length ? { aliasLookups: [...scope.keys.aliasNames] } : {}) };
}

async function collectKey(kms: KMSClient, keyId: string, account: { id: string; region: string; partition: string }): Promise<KmsKey> {
  const [metadata, rotationEnabled, policy, tags] = await Promise.all([
    observe('KMS.DescribeKey', async () => {
      const m = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata;
      return { keyState: m?.KeyState, keyManager: m?.KeyManager, enabled: m?.Enabled, description: m?.Description, deletionDate: m?.DeletionDate?.toISOString() };
    }),
    observe('KMS.GetKeyRotationStatus', async () => (await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled === true),
    observe('KMS.GetKeyPolicy', async () => {
      const text = (await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy;
      return text ? (JSON.parse(text) as PolicyDocument) : null;
    }),
    readTags(kms, keyId),
  ]);
  return { keyId, arn: `arn:${account.partition}:kms:${account.region}:${account.id}:key/${keyId}`, metadata, rotationEnabled, policy, tags };
}

async function readTags(kms: KMSClient, keyId: string): Promise<Observed<Record<string, string>>> {
  return observe('KMS.ListResourceTags', async () => {
    const tags = await paginate(async (token) => {
      const page = await kms.send(new ListResourceTagsCommand({ KeyId: keyId, Marker: token }));
      return { items: page.Tags ?? [], next: page.Truncated ? page.NextMarker : undefined };
    });
    return Object.fromEntries(tags.map((t) => [t.TagKey ?? '', t.TagValue ?? '']));
  });
}
