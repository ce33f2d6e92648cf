import { ok, otherKeyId, teamKeyAlias, type CheckFixtures } from '../fixtures/base.ts';
import { keyOf, secureIamInventory } from '../fixtures/iam.ts';

export const fixtures: CheckFixtures = {
  pass: secureIamInventory,
  fail: (inv) => void (keyOf(inv).rotationEnabled = ok(false)),
  fields: {
    'kms.keys[].rotationEnabled.value': [{ description: 'rotation off', expect: 'fail', mutate: (inv) => void (keyOf(inv).rotationEnabled = ok(false)) }],
    'kms.aliasLookups': [{ description: 'the alias looked for does not exist', expect: 'fail', mutate: (inv) => void (inv.kms!.aliasLookups = ['alias/deleted-key']) }],
    'kms.aliases.value': [{ description: 'the alias was deleted', expect: 'fail', mutate: (inv) => void (inv.kms!.aliases = ok((inv.kms!.aliases as { value: { name: string }[] }).value.filter((a) => a.name !== teamKeyAlias) as never)) }],
    'kms.keys[].keyId': [{ description: 'the key behind the alias was not read', expect: 'unknown', mutate: (inv) => void (keyOf(inv).keyId = otherKeyId) }],
  },
};
