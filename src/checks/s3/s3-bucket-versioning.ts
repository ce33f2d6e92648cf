import { couldNotCheck, finding } from '../lib/findings.ts';
import { bucketResource, evaluateBuckets } from '../lib/s3.ts';
import { defineCheck } from '../types.ts';

const id = 's3-bucket-versioning';

export default defineCheck({
  id,
  title: 'S3 buckets keep every version of their objects (versioning enabled)',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'low',
  risk: 'Without versioning an overwrite or delete is final: a poisoned or truncated training file replaces the good one, and you can neither restore the data nor prove which version a model was trained on.',
  securityHub: ['S3.14'],
  prowler: 's3_bucket_object_versioning',
  syllabus: ['4.3.S1', '4.3.S3'],
  remediation: {
    text: 'Enable versioning on the bucket (and a lifecycle rule to expire old versions, so storage does not grow forever).',
    cli: 'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled',
    docs: 'Using versioning in S3 buckets',
  },
  reads: ['s3.buckets[].versioning.value.status'],
  scope: (selector) => ({ s3: { buckets: selector } }),
  evaluate(inventory) {
    return evaluateBuckets(inventory, id, (bucket) => {
      const resource = bucketResource(bucket);
      if (!bucket.versioning.ok) return couldNotCheck(id, resource, 'GetBucketVersioning', bucket.versioning.error, 'the versioning status');
      const status = bucket.versioning.value.status;
      const evidence = [{ field: 'GetBucketVersioning.Status', value: status ?? 'never enabled', expected: 'Enabled' }];
      if (status === 'Enabled') return finding(id, resource, 'pass', 'Versioning is enabled: overwritten and deleted objects can be restored.', evidence);
      return finding(id, resource, 'fail', status === 'Suspended' ? 'Versioning is suspended: new overwrites and deletes are final again.' : 'Versioning has never been enabled: an overwrite or delete cannot be undone.', evidence);
    });
  },
});
