import { couldNotCheck, finding } from '../lib/findings.ts';
import { bucketResource, evaluateBuckets } from '../lib/s3.ts';
import { defineCheck } from '../types.ts';

const id = 's3-bucket-acls-disabled';

export default defineCheck({
  id,
  title: 'S3 buckets have ACLs disabled (object ownership BucketOwnerEnforced)',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'medium',
  risk: 'With ACLs enabled, access can be granted object by object and outside the bucket policy, so nobody can answer "who can read our training data?" from one document — and a single public-read object ACL leaks that object.',
  securityHub: ['S3.12'],
  prowler: 's3_bucket_acl_prohibited',
  syllabus: ['4.3.S1', '4.3.K1'],
  remediation: {
    text: 'Set object ownership to BucketOwnerEnforced, which disables ACLs; grant access through the bucket policy and IAM instead.',
    cli: 'aws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]',
    docs: 'Controlling ownership of objects and disabling ACLs for your bucket',
  },
  reads: ['s3.buckets[].objectOwnership.value'],
  scope: (selector) => ({ s3: { buckets: selector } }),
  evaluate(inventory) {
    return evaluateBuckets(inventory, id, (bucket) => {
      const resource = bucketResource(bucket);
      if (!bucket.objectOwnership.ok) return couldNotCheck(id, resource, 'GetBucketOwnershipControls', bucket.objectOwnership.error, 'the object ownership setting');
      const ownership = bucket.objectOwnership.value;
      const evidence = [{ field: 'GetBucketOwnershipControls.ObjectOwnership', value: ownership ?? 'not set (OwnershipControlsNotFoundError)', expected: 'BucketOwnerEnforced' }];
      if (ownership === 'BucketOwnerEnforced') return finding(id, resource, 'pass', 'ACLs are disabled: the bucket owner owns every object and only policies grant access.', evidence);
      return finding(id, resource, 'fail', `ACLs are still in use on this bucket (object ownership is ${ownership ?? 'not set'}), so access can be granted outside the bucket policy.`, evidence);
    });
  },
});
