import { evaluateTrails } from '../lib/trails.ts';
import { defineCheck } from '../types.ts';

const id = 'cloudtrail-kms-encryption';

export default defineCheck({
  id,
  title: 'The trail encrypts its log files with a customer managed KMS key',
  service: 'cloudtrail',
  resourceType: 'AWS::CloudTrail::Trail',
  severity: 'medium',
  risk: 'Log files encrypted only with S3-managed keys can be read by anyone who can read the bucket. With a KMS key, reading the audit trail also needs kms:Decrypt, which the key policy limits to the auditors.',
  securityHub: ['CloudTrail.2'],
  prowler: 'cloudtrail_kms_encryption_enabled',
  syllabus: ['4.2.S2', '4.3.S3'],
  remediation: {
    text: 'Give the trail a KMS key whose key policy lets cloudtrail.amazonaws.com generate data keys for this trail.',
    cli: 'aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn-or-alias>',
    docs: 'AWS CloudTrail controls',
  },
  reads: ['cloudtrail.trails.value[].kmsKeyId'],
  scope: () => ({ cloudtrail: { trails: true } }),
  evaluate(inventory) {
    return evaluateTrails(inventory, id, (trail) => {
      const evidence = [{ field: 'DescribeTrails.KmsKeyId', value: trail.kmsKeyId ?? '(none: SSE-S3)', expected: 'a KMS key' }];
      if (!trail.kmsKeyId) return { pass: false, summary: 'Log files are encrypted with S3-managed keys only: anyone who can read the bucket can read the audit trail.', evidence };
      return { pass: true, summary: `Log files are encrypted with ${trail.kmsKeyId}.`, evidence };
    });
  },
});
