import type { CheckFixtures } from '../fixtures/base.ts';
import { adminPolicy, scopedPolicy, secureIamInventory, setPolicies } from '../fixtures/iam.ts';

export const fixtures: CheckFixtures = {
  pass: secureIamInventory,
  fail: (inv) => setPolicies(inv, [scopedPolicy(), adminPolicy]),
  fields: {
    'iam.roles[].policies.value[].document': [
      { description: 'inline policy allows * on *', expect: 'fail', mutate: (inv) => setPolicies(inv, [{ ...scopedPolicy(), document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }]) },
      { description: 'NotAction on every resource (power user)', expect: 'fail', mutate: (inv) => setPolicies(inv, [{ ...scopedPolicy(), document: { Statement: { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' } } }]) },
      { description: '* on one bucket only', expect: 'pass', mutate: (inv) => setPolicies(inv, [{ ...scopedPolicy(), document: { Statement: { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::fraud-ml-data/*' } } }]) },
      { description: 'Deny * on *', expect: 'pass', mutate: (inv) => setPolicies(inv, [scopedPolicy(), { ...scopedPolicy(), name: 'deny-all', document: { Statement: { Effect: 'Deny', Action: '*', Resource: '*' } } }]) },
    ],
    'iam.roles[].policies.value[].name': [{ description: 'AdministratorAccess attached', expect: 'fail', mutate: (inv) => setPolicies(inv, [adminPolicy]) }],
    'iam.roles[].policies.value[].kind': [{ description: 'an AWS managed admin policy', expect: 'fail', mutate: (inv) => setPolicies(inv, [{ ...adminPolicy, kind: 'customer-managed', name: 'ops-admin' }]) }],
  },
};
