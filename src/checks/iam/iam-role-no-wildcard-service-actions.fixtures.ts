import type { CheckFixtures } from '../fixtures/base.ts';
import { adminPolicy, scopedPolicy, secureIamInventory, setPolicies } from '../fixtures/iam.ts';

const s3Everything = { Version: '2012-10-17', Statement: [{ Sid: 'ProjectData', Effect: 'Allow', Action: 's3:*', Resource: '*' }] };

export const fixtures: CheckFixtures = {
  pass: secureIamInventory,
  fail: (inv) => setPolicies(inv, [{ name: 'project-access', kind: 'inline', document: s3Everything }]),
  fields: {
    'iam.roles[].policies.value[].document': [
      { description: 's3:* in the inline policy', expect: 'fail', mutate: (inv) => setPolicies(inv, [{ ...scopedPolicy(), document: s3Everything }]) },
      { description: 'kms:* among specific actions', expect: 'fail', mutate: (inv) => setPolicies(inv, [{ ...scopedPolicy(), document: { Statement: { Effect: 'Allow', Action: ['s3:GetObject', 'kms:*'], Resource: '*' } } }]) },
      { description: 'a Deny of s3:* is fine', expect: 'pass', mutate: (inv) => setPolicies(inv, [scopedPolicy(), { ...scopedPolicy(), name: 'deny', document: { Statement: { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::other/*' } } }]) },
    ],
    'iam.roles[].policies.value[].kind': [
      { description: 'customer managed policy with s3:*', expect: 'fail', mutate: (inv) => setPolicies(inv, [{ name: 'ProjectS3', kind: 'customer-managed', arn: 'arn:aws:iam::111122223333:policy/ProjectS3', document: s3Everything }]) },
      { description: 'AWS managed policies are out of scope (IAM.1 covers admin)', expect: 'pass', mutate: (inv) => setPolicies(inv, [scopedPolicy(), adminPolicy]) },
    ],
    'iam.roles[].policies.value[].name': [{ description: 'a second inline policy with kms:*', expect: 'fail', mutate: (inv) => setPolicies(inv, [scopedPolicy(), { name: 'kms-everything', kind: 'inline', document: { Statement: { Effect: 'Allow', Action: 'kms:*', Resource: '*' } } }]) }],
  },
};
