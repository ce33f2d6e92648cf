import { couldNotCheck, finding } from '../lib/findings.ts';
import { bucketResource, evaluateBuckets } from '../lib/s3.ts';
import { defineCheck } from '../types.ts';

const id = 's3-bucket-access-logging';

export default defineCheck({
  id,
  title: 'S3 buckets record server access logs',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'medium',
  risk: 'Without access logs nobody can tell, after an exposure, which objects were read, from where and by whom — the first questions of any incident review and of a data-protection regulator.',
  securityHub: ['S3.9'],
  prowler: 's3_bucket_server_access_logging_enabled',
  syllabus: ['4.3.S3'],
  remediation: {
    text: 'Enable server access logging to a separate log bucket (one that is not itself logged to, and that the S3 logging service may write to).',
    cli: 'aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<bucket>/"}}\'',
    docs: 'Logging requests with server access logging',
  },
  reads: ['s3.buckets[].logging.value.targetBucket'],
  scope: (selector) => ({ s3: { buckets: selector } }),
  evaluate(inventory) {
    return evaluateBuckets(inventory, id, (bucket) => {
      const resource = bucketResource(bucket);
      if (!bucket.logging.ok) return couldNotCheck(id, resource, 'GetBucketLogging', bucket.logging.error, 'the access-logging setting');
      const target = bucket.logging.value?.targetBucket;
      const evidence = [{ field: 'GetBucketLogging.LoggingEnabled.TargetBucket', value: target ?? 'logging off', expected: 'a log bucket' }];
      if (target) return finding(id, resource, 'pass', `Server access logs are delivered to ${target}.`, evidence);
      return finding(id, resource, 'fail', 'Server access logging is off: requests to this bucket leave no access record.', evidence);
    });
  },
});
