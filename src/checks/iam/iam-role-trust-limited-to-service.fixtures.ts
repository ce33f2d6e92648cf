import { accountId, type CheckFixtures } from '../fixtures/base.ts';
import { roleOf, secureIamInventory } from '../fixtures/iam.ts';
import { ok } from '../fixtures/base.ts';
import type { Inventory, PolicyStatement } from '../../inventory/types.ts';

const trust = (...Statement: PolicyStatement[]) => (inv: Inventory) => void (roleOf(inv).trustPolicy = ok({ Version: '2012-10-17', Statement }));
const sagemaker = { Service: 'sagemaker.amazonaws.com' };
const guard = { StringEquals: { 'aws:SourceAccount': accountId } };

export const fixtures: CheckFixtures<{ service: string }> = {
  params: { service: 'sagemaker.amazonaws.com' },
  pass: secureIamInventory,
  fail: trust({ Effect: 'Allow', Principal: sagemaker, Action: 'sts:AssumeRole' }),
  fields: {
    'iam.roles[].trustPolicy.value': [
      { description: 'SageMaker without aws:SourceAccount', expect: 'fail', mutate: trust({ Effect: 'Allow', Principal: sagemaker, Action: 'sts:AssumeRole' }) },
      { description: 'the account root trusted as well', expect: 'fail', mutate: trust({ Effect: 'Allow', Principal: { ...sagemaker, AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole', Condition: guard }) },
      { description: 'Principal "*"', expect: 'fail', mutate: trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }) },
      { description: 'SourceAccount of another account', expect: 'fail', mutate: trust({ Effect: 'Allow', Principal: sagemaker, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '444455556666' } } }) },
      { description: 'SourceAccount as a wildcard', expect: 'fail', mutate: trust({ Effect: 'Allow', Principal: sagemaker, Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:SourceAccount': '*' } } }) },
      { description: 'SageMaker no longer trusted at all', expect: 'fail', mutate: trust({ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }) },
      { description: 'another service as well', expect: 'fail', mutate: trust({ Effect: 'Allow', Principal: { Service: ['sagemaker.amazonaws.com', 'ec2.amazonaws.com'] }, Action: 'sts:AssumeRole', Condition: guard }) },
      { description: 'aws:SourceArn in this account', expect: 'pass', mutate: trust({ Effect: 'Allow', Principal: sagemaker, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:sagemaker:us-east-1:${accountId}:*` } } }) },
    ],
  },
};
