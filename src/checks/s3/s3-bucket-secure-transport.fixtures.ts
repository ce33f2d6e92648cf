import type { Inventory, PolicyStatement } from '../../inventory/types.ts';
import { bucketArn, bucketOf, ok, tlsOnlyStatement, type CheckFixtures, type FieldCase } from '../fixtures/base.ts';

const publicRead: PolicyStatement = { Sid: 'ReadForLabelers', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/labeler' }, Action: 's3:GetObject', Resource: `${bucketArn}/*` };

function policy(...statements: PolicyStatement[]) {
  return (inv: Inventory) => void (bucketOf(inv).policy = ok({ Version: '2012-10-17', Statement: statements }));
}

function tls(change: Partial<PolicyStatement>): PolicyStatement {
  return { ...tlsOnlyStatement(), ...change };
}

const cases: FieldCase[] = [
  { description: 'Deny when SecureTransport is "true" (inverted)', expect: 'fail', mutate: policy(publicRead, tls({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })) },
  { description: 'Allow only when SecureTransport is "true"', expect: 'fail', mutate: policy(tls({ Effect: 'Allow', Condition: { Bool: { 'aws:SecureTransport': 'true' } } })) },
  { description: 'Deny only s3:GetObject over HTTP', expect: 'fail', mutate: policy(tls({ Action: 's3:GetObject' })) },
  { description: 'Deny covering the bucket but not its objects', expect: 'fail', mutate: policy(tls({ Resource: bucketArn })) },
  { description: 'Deny to one role only', expect: 'fail', mutate: policy(tls({ Principal: { AWS: 'arn:aws:iam::111122223333:role/labeler' } })) },
  { description: 'StringEquals instead of Bool', expect: 'fail', mutate: policy(tls({ Condition: { StringEquals: { 'aws:SecureTransport': 'false' } } })) },
  { description: 'policy without any transport condition', expect: 'fail', mutate: policy(publicRead) },
  { description: 'no policy at all', expect: 'fail', mutate: (inv) => void (bucketOf(inv).policy = ok(null)) },
  { description: 'boolean false, lower-cased key, Resource "*"', expect: 'pass', mutate: policy(tls({ Resource: '*', Condition: { Bool: { 'aws:securetransport': false } } })) },
  { description: 'BoolIfExists with {"AWS": "*"} and Action "*"', expect: 'pass', mutate: policy(publicRead, tls({ Principal: { AWS: '*' }, Action: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } })) },
  { description: 'single statement object instead of an array', expect: 'pass', mutate: (inv) => void (bucketOf(inv).policy = ok({ Version: '2012-10-17', Statement: tlsOnlyStatement() })) },
];

export const fixtures: CheckFixtures = {
  fail: policy(publicRead),
  fields: { 's3.buckets[].policy.value': cases },
};
