import type { Inventory, PolicyStatement } from '../../inventory/types.ts';
import { accountId, bucketArn, bucketOf, ok, otherAccountId, tlsOnlyStatement, type CheckFixtures } from '../fixtures/base.ts';

function withStatement(statement: PolicyStatement) {
  return (inv: Inventory) => void (bucketOf(inv).policy = ok({ Version: '2012-10-17', Statement: [tlsOnlyStatement(), statement] }));
}

const grant = (principal: PolicyStatement['Principal'], action: string | string[] = 's3:PutBucketPolicy', extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Sid: 'Partner',
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  Resource: [bucketArn, `${bucketArn}/*`],
  ...extra,
});

export const fixtures: CheckFixtures = {
  fail: withStatement(grant({ AWS: `arn:aws:iam::${otherAccountId}:root` })),
  fields: {
    's3.buckets[].policy.value': [
      { description: 'another account may rewrite the policy', expect: 'fail', mutate: withStatement(grant({ AWS: otherAccountId })) },
      { description: 'a role of another account may change ACLs (s3:Put*)', expect: 'fail', mutate: withStatement(grant({ AWS: [`arn:aws:iam::${accountId}:role/a`, `arn:aws:iam::${otherAccountId}:role/b`] }, 's3:Put*')) },
      { description: 'everyone may change encryption', expect: 'fail', mutate: withStatement(grant('*', 's3:PutEncryptionConfiguration')) },
      { description: 'another account may only read objects', expect: 'pass', mutate: withStatement(grant({ AWS: otherAccountId }, 's3:GetObject')) },
      { description: 'own account may rewrite the policy', expect: 'pass', mutate: withStatement(grant({ AWS: `arn:aws:iam::${accountId}:role/admin` })) },
      { description: 'a Deny naming another account', expect: 'pass', mutate: withStatement(grant({ AWS: otherAccountId }, 's3:*', { Effect: 'Deny' })) },
      { description: 'no policy', expect: 'pass', mutate: (inv) => void (bucketOf(inv).policy = ok(null)) },
    ],
    'account.id': [
      {
        description: 'the same grant is foreign when the bucket lives in another account',
        expect: 'fail',
        mutate: (inv) => {
          withStatement(grant({ AWS: `arn:aws:iam::${accountId}:root` }))(inv);
          inv.account.id = otherAccountId;
        },
      },
    ],
  },
};
