import { couldNotCheck, finding } from '../lib/findings.ts';
import { bucketResource, evaluateBuckets } from '../lib/s3.ts';
import { publicExposure } from '../lib/s3-exposure.ts';
import { defineCheck } from '../types.ts';

const id = 's3-bucket-public-read';

export default defineCheck({
  id,
  title: 'S3 buckets do not allow public read access',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'critical',
  risk: 'Anyone on the internet who learns the bucket name can list and download its objects. For training data that means customer records walking out of the door, and for model artifacts it means your model — and what it memorised — copied by strangers.',
  securityHub: ['S3.2'],
  prowler: 's3_bucket_public_access',
  syllabus: ['4.3.S1'],
  remediation: {
    text: 'Remove bucket policy statements that grant read access to Principal "*", remove ACL grants to AllUsers/AuthenticatedUsers (or disable ACLs with BucketOwnerEnforced), and turn on Block Public Access.',
    cli: "aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
    docs: 'The meaning of "public" (Amazon S3 User Guide)',
  },
  reads: [
    's3.buckets[].policy.value',
    's3.buckets[].policyStatus.value.isPublic',
    's3.buckets[].acl.value.grants',
    's3.buckets[].objectOwnership.value',
    's3.buckets[].publicAccessBlock.value.RestrictPublicBuckets',
    's3.buckets[].publicAccessBlock.value.IgnorePublicAcls',
    's3.accountPublicAccessBlock.value.RestrictPublicBuckets',
    's3.accountPublicAccessBlock.value.IgnorePublicAcls',
  ],
  scope: (selector) => ({ s3: { buckets: selector, accountPublicAccessBlock: true } }),
  evaluate(inventory) {
    return evaluateBuckets(inventory, id, (bucket) => {
      const resource = bucketResource(bucket);
      const { exposed, reasons, evidence } = publicExposure(bucket, inventory, 'read');
      if (exposed === true) return finding(id, resource, 'fail', `The bucket is open to public read: ${reasons.join('; and ')}.`, evidence);
      if (exposed === 'unknown') {
        const error = [bucket.policy, bucket.acl, bucket.objectOwnership, bucket.publicAccessBlock, inventory.s3?.accountPublicAccessBlock].find((o) => o && !o.ok);
        if (error && !error.ok) return { ...couldNotCheck(id, resource, error.error.operation ?? 'S3', error.error, 'whether the bucket is public'), evidence };
      }
      return finding(id, resource, 'pass', 'No bucket policy statement or ACL grant gives the public read access (or Block Public Access neutralises it).', [
        ...evidence,
        { field: 'GetBucketPolicy', value: bucket.policy.ok ? (bucket.policy.value ? 'no public read grant' : 'no policy') : 'unreadable', expected: 'no public read grant' },
      ]);
    });
  },
});
