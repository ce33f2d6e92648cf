import { couldNotCheck, finding } from '../lib/findings.ts';
import { accountOfPrincipal, awsPrincipals, coversAction, isAllow, restrictingCondition, statementLabel, statementsOf } from '../lib/policy.ts';
import { bucketResource, evaluateBuckets } from '../lib/s3.ts';
import { defineCheck } from '../types.ts';

const id = 's3-bucket-cross-account-access';

/** The actions Security Hub S3.6 considers dangerous to grant to other accounts. */
export const sensitiveActions = ['s3:DeleteBucketPolicy', 's3:PutBucketAcl', 's3:PutBucketPolicy', 's3:PutEncryptionConfiguration', 's3:PutObjectAcl'];

export default defineCheck({
  id,
  title: 'S3 bucket policies do not let other accounts change the bucket’s access or encryption',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'high',
  risk: 'An account outside yours that may rewrite the bucket policy, ACLs or encryption settings can lock you out of your own training data, make it public, or switch off encryption — and it does so under its own credentials, outside your audit trail.',
  securityHub: ['S3.6'],
  prowler: 's3_bucket_cross_account_access',
  syllabus: ['4.3.S1', '4.3.K1'],
  remediation: {
    text: 'Remove (or narrow) Allow statements that grant s3:DeleteBucketPolicy, s3:PutBucketAcl, s3:PutBucketPolicy, s3:PutEncryptionConfiguration or s3:PutObjectAcl to principals of other accounts or to "*".',
    cli: 'aws s3api put-bucket-policy --bucket <bucket> --policy file://policy-without-cross-account-admin.json',
    docs: 'Security Hub controls for Amazon S3 — S3.6',
  },
  reads: ['s3.buckets[].policy.value', 'account.id'],
  scope: (selector) => ({ s3: { buckets: selector } }),
  evaluate(inventory) {
    const own = inventory.account.id;
    return evaluateBuckets(inventory, id, (bucket) => {
      const resource = bucketResource(bucket);
      if (!bucket.policy.ok) return couldNotCheck(id, resource, 'GetBucketPolicy', bucket.policy.error, 'the bucket policy');
      const offending = statementsOf(bucket.policy.value).flatMap((statement, index) => {
        if (!isAllow(statement)) return [];
        const actions = sensitiveActions.filter((a) => coversAction(statement, a));
        if (actions.length === 0) return [];
        const foreign = awsPrincipals(statement.Principal).filter((p) => (p === '*' ? !restrictingCondition(statement) : accountOfPrincipal(p) !== undefined && accountOfPrincipal(p) !== own));
        return foreign.length ? [{ statement, index, actions, foreign }] : [];
      });
      if (offending.length === 0) {
        return finding(id, resource, 'pass', `No statement grants another account (or everyone) the right to change this bucket's policy, ACLs or encryption.`, [
          { field: 'GetBucketPolicy', value: bucket.policy.value ? 'no cross-account grants of sensitive actions' : 'no policy', expected: `only account ${own}` },
        ]);
      }
      return finding(
        id,
        resource,
        'fail',
        `The bucket policy lets principals outside account ${own} change the bucket: ${offending.map((o) => `${statementLabel(o.statement, o.index)} grants ${o.actions.join(', ')} to ${o.foreign.join(', ')}`).join('; ')}.`,
        offending.map((o) => ({ field: `GetBucketPolicy.${statementLabel(o.statement, o.index)}`, value: o.statement, expected: `principals of account ${own} only` })),
      );
    });
  },
});
