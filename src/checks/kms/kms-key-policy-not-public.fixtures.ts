import type { Inventory, PolicyStatement } from '../../inventory/types.ts';
import { accountId, ok, otherKeyId, teamKeyAlias, type CheckFixtures } from '../fixtures/base.ts';
import { keyOf, rotatedKey, secureIamInventory } from '../fixtures/iam.ts';

const withStatement = (statement: PolicyStatement) => (inv: Inventory) => {
  const base = rotatedKey().policy as { value: { Statement: PolicyStatement[] } };
  keyOf(inv).policy = ok({ Version: '2012-10-17', Statement: [...base.value.Statement, statement] });
};
const openToAll: PolicyStatement = { Sid: 'AllowEveryoneToUse', Effect: 'Allow', Principal: '*', Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*'], Resource: '*' };

export const fixtures: CheckFixtures = {
  pass: secureIamInventory,
  fail: withStatement(openToAll),
  fields: {
    'kms.keys[].policy.value': [
      { description: 'Principal "*" without a condition', expect: 'fail', mutate: withStatement(openToAll) },
      { description: 'Principal {"AWS": "*"}', expect: 'fail', mutate: withStatement({ ...openToAll, Principal: { AWS: '*' } }) },
      { description: 'Principal "*" with an unrelated condition', expect: 'fail', mutate: withStatement({ ...openToAll, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }) },
      { description: 'Principal "*" limited by kms:CallerAccount', expect: 'pass', mutate: withStatement({ ...openToAll, Condition: { StringEquals: { 'kms:CallerAccount': accountId, 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } }) },
      { description: 'Principal "*" limited by aws:PrincipalAccount', expect: 'pass', mutate: withStatement({ ...openToAll, Condition: { StringEquals: { 'aws:PrincipalAccount': accountId } } }) },
    ],
    'kms.aliasLookups': [{ description: 'the alias looked for does not exist', expect: 'fail', mutate: (inv) => void (inv.kms!.aliasLookups = ['alias/deleted-key']) }],
    'kms.aliases.value': [{ description: 'the alias was deleted', expect: 'fail', mutate: (inv) => void (inv.kms!.aliases = ok((inv.kms!.aliases as { value: { name: string }[] }).value.filter((a) => a.name !== teamKeyAlias) as never)) }],
    'kms.keys[].keyId': [{ description: 'the key behind the alias was not read', expect: 'unknown', mutate: (inv) => void (keyOf(inv).keyId = otherKeyId) }],
  },
};
