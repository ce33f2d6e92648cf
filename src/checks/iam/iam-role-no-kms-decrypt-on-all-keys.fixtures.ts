import type { CheckFixtures } from '../fixtures/base.ts';
import { adminPolicy, scopedPolicy, secureIamInventory, setPolicies } from '../fixtures/iam.ts';

const kmsEverything = { Version: '2012-10-17', Statement: [{ Sid: 'Keys', Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };

export const fixtures: CheckFixtures = {
  pass: secureIamInventory,
  fail: (inv) => setPolicies(inv, [{ name: 'data-scientist-keys', kind: 'inline', document: kmsEverything }]),
  fields: {
    'iam.roles[].policies.value[].document': [
      { description: 'kms:* on *', expect: 'fail', mutate: (inv) => setPolicies(inv, [{ ...scopedPolicy(), document: kmsEverything }]) },
      { description: 'kms:Decrypt on every key of the account by ARN pattern', expect: 'fail', mutate: (inv) => setPolicies(inv, [{ ...scopedPolicy(), document: { Statement: { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/*' } } }]) },
      { description: 'kms:ReEncrypt* on *', expect: 'fail', mutate: (inv) => setPolicies(inv, [{ ...scopedPolicy(), document: { Statement: { Effect: 'Allow', Action: 'kms:ReEncrypt*', Resource: '*' } } }]) },
      { description: 'kms:Encrypt on * only', expect: 'pass', mutate: (inv) => setPolicies(inv, [{ ...scopedPolicy(), document: { Statement: { Effect: 'Allow', Action: ['kms:Encrypt', 'kms:DescribeKey'], Resource: '*' } } }]) },
    ],
    'iam.roles[].policies.value[].kind': [
      { description: 'customer managed policy with kms:Decrypt on *', expect: 'fail', mutate: (inv) => setPolicies(inv, [{ name: 'KeyUsers', kind: 'customer-managed', arn: 'arn:aws:iam::111122223333:policy/KeyUsers', document: kmsEverything }]) },
      { description: 'AWS managed admin policy is out of scope', expect: 'pass', mutate: (inv) => setPolicies(inv, [scopedPolicy(), adminPolicy]) },
    ],
    'iam.roles[].policies.value[].name': [{ description: 'a second inline policy', expect: 'fail', mutate: (inv) => setPolicies(inv, [scopedPolicy(), { name: 'decrypt-anything', kind: 'inline', document: kmsEverything }]) }],
  },
};
