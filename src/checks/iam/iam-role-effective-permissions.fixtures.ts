import type { IamRolePolicy } from '../../inventory/types.ts';
import { ok, teamKeyArn, type CheckFixtures } from '../fixtures/base.ts';
import { adminPolicy, dataBucket, roleOf, scopedPolicy, secureIamInventory, setPolicies } from '../fixtures/iam.ts';

const params = {
  allowed: [
    { action: 's3:GetObject', resource: `arn:aws:s3:::${dataBucket}/training/part-0001.csv`, label: 'read the training data' },
    { action: 's3:ListBucket', resource: `arn:aws:s3:::${dataBucket}`, context: { 's3:prefix': 'training/' }, label: 'list the training prefix' },
    { action: 's3:PutObject', resource: `arn:aws:s3:::${dataBucket}/output/model.tar.gz`, label: 'write the model artifact' },
    { action: 'kms:Decrypt', resource: teamKeyArn },
  ],
  denied: [
    { action: 's3:PutObject', resource: `arn:aws:s3:::${dataBucket}/training/part-0001.csv`, label: 'overwrite training data' },
    { action: 's3:GetObject', resource: 'arn:aws:s3:::finance-ledger/2026/q1.csv', label: 'read another team\'s bucket' },
    { action: 'iam:CreateUser', resource: '*' },
  ],
};

const wholeBucket: IamRolePolicy = { name: 'bucket-access', kind: 'inline', document: { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${dataBucket}`, `arn:aws:s3:::${dataBucket}/*`] }, { Effect: 'Allow', Action: 'kms:Decrypt', Resource: teamKeyArn }] } };

export const fixtures: CheckFixtures<typeof params> = {
  params,
  pass: secureIamInventory,
  fail: (inv) => setPolicies(inv, [scopedPolicy(), adminPolicy]),
  fields: {
    'iam.roles[].policies.value[].document': [
      { description: 'read and write on the whole bucket', expect: 'fail', mutate: (inv) => setPolicies(inv, [wholeBucket]) },
      { description: 'output statement removed', expect: 'fail', mutate: (inv) => setPolicies(inv, [{ ...scopedPolicy(), document: { Statement: (scopedPolicy().document.Statement as object[]).filter((_, i) => i !== 2) } }]) },
      { description: 'broad allow with an explicit deny on training writes and other buckets', expect: 'pass', mutate: (inv) => setPolicies(inv, [{ name: 'guarded', kind: 'inline', document: { Statement: [...(scopedPolicy().document.Statement as object[]), { Effect: 'Deny', Action: 's3:PutObject', Resource: `arn:aws:s3:::${dataBucket}/training/*` }] } }]) },
      { description: 'a condition operator the evaluator does not interpret', expect: 'unknown', mutate: (inv) => setPolicies(inv, [{ ...scopedPolicy(), document: { Statement: [...(scopedPolicy().document.Statement as object[]), { Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] } }]) },
    ],
    'iam.roles[].policies.value[].name': [{ description: 'AdministratorAccess added', expect: 'fail', mutate: (inv) => setPolicies(inv, [scopedPolicy(), adminPolicy]) }],
    'iam.roles[].policies.value[].kind': [{ description: 'admin as a customer managed policy', expect: 'fail', mutate: (inv) => setPolicies(inv, [scopedPolicy(), { ...adminPolicy, kind: 'customer-managed', name: 'ops-admin' }]) }],
    'iam.roles[].permissionsBoundary.value': [
      { description: 'a boundary that leaves out KMS', expect: 'fail', mutate: (inv) => void (roleOf(inv).permissionsBoundary = ok({ name: 's3-only', kind: 'customer-managed', document: { Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } } })) },
      { description: 'admin limited by a boundary of exactly the job', expect: 'pass', mutate: (inv) => { setPolicies(inv, [adminPolicy]); roleOf(inv).permissionsBoundary = ok(scopedPolicy()); } },
    ],
  },
};
