import type { PolicyStatement } from '../../inventory/types.ts';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { conditionsOf, coversAllActions, coversResource, isDeny, isEveryonePrincipal, isFalseValue, isTrueValue, statementLabel, statementsOf } from '../lib/policy.ts';
import { bucketResource, evaluateBuckets } from '../lib/s3.ts';
import { defineCheck } from '../types.ts';

const id = 's3-bucket-secure-transport';

/** Why one statement does or does not deny plain-HTTP requests; undefined when it does. */
function whyNotTlsOnly(statement: PolicyStatement, bucketArn: string): string | undefined {
  const transport = conditionsOf(statement).filter((c) => c.key === 'aws:securetransport');
  if (transport.length === 0) return 'has no aws:SecureTransport condition';
  const condition = transport[0]!;
  const operator = condition.operator.toLowerCase();
  if (operator !== 'bool' && operator !== 'boolifexists') return `tests aws:SecureTransport with ${condition.operator}, not Bool`;
  if (isDeny(statement)) {
    if (condition.values.some(isTrueValue)) return 'denies requests when aws:SecureTransport is "true" — that blocks HTTPS and lets plain HTTP through, the opposite of what is wanted';
    if (!condition.values.every(isFalseValue)) return `compares aws:SecureTransport with ${JSON.stringify(condition.values)}`;
  } else {
    return condition.values.some(isTrueValue)
      ? 'allows requests when aws:SecureTransport is "true" — an Allow adds access but does not stop plain HTTP; only a Deny does'
      : 'is not a Deny statement';
  }
  if (!isEveryonePrincipal(statement)) return 'applies only to some principals, not to Principal "*"';
  if (!coversAllActions(statement, 's3')) return 'denies only some actions; it must deny "s3:*"';
  const objects = `${bucketArn}/*`;
  if (!coversResource(statement, bucketArn) || !coversResource(statement, `${bucketArn}/example-object`)) {
    return `does not cover both the bucket (${bucketArn}) and its objects (${objects})`;
  }
  return undefined;
}

export default defineCheck({
  id,
  title: 'S3 bucket policies deny requests that do not use TLS',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'medium',
  risk: 'Without a TLS-only policy a misconfigured client, notebook or training container can read and write the bucket over plain HTTP, where anyone on the network path can read the data and the credentials-signed requests in transit.',
  securityHub: ['S3.5'],
  prowler: 's3_bucket_secure_transport_policy',
  syllabus: ['4.3.S1', '4.3.K2'],
  remediation: {
    text: 'Add a bucket policy statement that denies "s3:*" to Principal "*" on the bucket and its objects when "aws:SecureTransport" is "false" (keep the other statements of the policy).',
    cli: 'aws s3api put-bucket-policy --bucket <bucket> --policy \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}\'',
    docs: 'What S3 bucket policy should I use to comply with the AWS Config rule s3-bucket-ssl-requests-only?',
  },
  reads: ['s3.buckets[].policy.value'],
  scope: (selector) => ({ s3: { buckets: selector } }),
  evaluate(inventory) {
    return evaluateBuckets(inventory, id, (bucket) => {
      const resource = bucketResource(bucket);
      if (!bucket.policy.ok) return couldNotCheck(id, resource, 'GetBucketPolicy', bucket.policy.error, 'the bucket policy');
      const statements = statementsOf(bucket.policy.value);
      if (!bucket.policy.value) {
        return finding(id, resource, 'fail', 'The bucket has no policy at all, so nothing denies plain-HTTP requests.', [
          { field: 'GetBucketPolicy', value: 'NoSuchBucketPolicy', expected: 'a Deny statement with Bool aws:SecureTransport "false"' },
        ]);
      }
      const verdicts = statements.map((s, i) => ({ s, i, why: whyNotTlsOnly(s, bucket.arn) }));
      const good = verdicts.find((v) => v.why === undefined);
      if (good) {
        return finding(id, resource, 'pass', `${statementLabel(good.s, good.i)} denies every S3 action over plain HTTP.`, [
          { field: `GetBucketPolicy.${statementLabel(good.s, good.i)}`, value: good.s, expected: 'Deny s3:* to "*" when aws:SecureTransport is "false"' },
        ]);
      }
      const near = verdicts.filter((v) => conditionsOf(v.s).some((c) => c.key === 'aws:securetransport'));
      const summary = near.length
        ? `The policy mentions aws:SecureTransport but does not deny plain HTTP: ${near.map((v) => `${statementLabel(v.s, v.i)} ${v.why}`).join('; ')}.`
        : 'No statement of the bucket policy denies requests made without TLS (a Deny with Bool "aws:SecureTransport": "false").';
      return finding(
        id,
        resource,
        'fail',
        summary,
        (near.length ? near : verdicts).map((v) => ({ field: `GetBucketPolicy.${statementLabel(v.s, v.i)}`, value: v.s, expected: 'Deny s3:* to "*" when aws:SecureTransport is "false"' })),
      );
    });
  },
});
