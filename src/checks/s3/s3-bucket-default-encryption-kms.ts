import { z } from 'zod';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { needsAliases, resolveKeyId } from '../lib/kms.ts';
import { bucketResource, evaluateBuckets } from '../lib/s3.ts';
import { defineCheck } from '../types.ts';

const id = 's3-bucket-default-encryption-kms';

const params = z
  .strictObject({
    /** The customer managed key the bucket must use (alias name, alias ARN, key id or key ARN). Without it any KMS key passes. */
    key: z.string().min(1).optional(),
  })
  .optional();

export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'S3 buckets encrypt new objects by default with AWS KMS (the team’s customer managed key)',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'medium',
  risk: 'With SSE-S3 or the AWS managed key, anyone who can read the bucket can read the data: there is no key policy of your own to say who may decrypt, you cannot revoke access by disabling the key, and decryptions of your training data are not attributable to your key in CloudTrail.',
  securityHub: ['S3.17'],
  prowler: 's3_bucket_kms_encryption',
  syllabus: ['4.3.S1', '4.3.K2'],
  remediation: {
    text: 'Set the bucket default encryption to SSE-KMS with the team’s customer managed key (and enable S3 Bucket Keys to cut KMS requests).',
    cli: 'aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key-arn>"},"BucketKeyEnabled":true}]}\'',
    docs: 'Specifying server-side encryption with AWS KMS (SSE-KMS)',
  },
  reads: ['s3.buckets[].encryption.value', 'kms.aliases.value'],
  params,
  scope: (selector, p) => ({ s3: { buckets: selector }, ...(p?.key ? { kms: { aliases: true } } : {}) }),
  evaluate(inventory, p) {
    return evaluateBuckets(inventory, id, (bucket) => {
      const resource = bucketResource(bucket);
      if (!bucket.encryption.ok) return couldNotCheck(id, resource, 'GetBucketEncryption', bucket.encryption.error, 'the default encryption');
      const rules = bucket.encryption.value ?? [];
      const rule = rules.find((r) => r.sseAlgorithm === 'aws:kms' || r.sseAlgorithm === 'aws:kms:dsse') ?? rules[0];
      const evidence = [
        { field: 'GetBucketEncryption.SSEAlgorithm', value: rule?.sseAlgorithm ?? 'none', expected: 'aws:kms' },
        { field: 'GetBucketEncryption.KMSMasterKeyID', value: rule?.kmsMasterKeyId ?? '(none: AWS managed key aws/s3)', expected: p?.key ?? 'a customer managed key' },
      ];
      if (!rule) return finding(id, resource, 'fail', 'The bucket has no default encryption configuration.', evidence);
      if (rule.sseAlgorithm !== 'aws:kms' && rule.sseAlgorithm !== 'aws:kms:dsse') {
        const what = rule.sseAlgorithm === 'AES256' ? 'SSE-S3 (AES256, keys managed by S3)' : rule.sseAlgorithm;
        return finding(id, resource, 'fail', `New objects are encrypted with ${what}, not with a KMS key${p?.key ? ` — the team's key is ${p.key}` : ''}.`, evidence);
      }
      if (!p?.key) return finding(id, resource, 'pass', `New objects are encrypted with KMS (${rule.kmsMasterKeyId ?? 'AWS managed key aws/s3'}).`, evidence);
      if (!rule.kmsMasterKeyId) {
        return finding(id, resource, 'fail', `New objects use SSE-KMS with the AWS managed key aws/s3, not the team's customer managed key ${p.key}.`, evidence);
      }
      const aliasesNeeded = needsAliases(p.key) || needsAliases(rule.kmsMasterKeyId);
      const aliases = inventory.kms?.aliases;
      if (aliasesNeeded && (!aliases || !aliases.ok)) {
        const error = aliases && !aliases.ok ? aliases.error : { code: 'NotCollected', message: 'KMS aliases were not read' };
        return couldNotCheck(id, resource, 'KMS.ListAliases', error, 'which key the alias names');
      }
      const list = aliases?.ok ? aliases.value : [];
      const expected = resolveKeyId(p.key, list);
      if (!expected) return finding(id, resource, 'fail', `The team's key ${p.key} does not exist any more, so the bucket cannot be using it.`, evidence);
      const configured = resolveKeyId(rule.kmsMasterKeyId, list);
      evidence.push({ field: 'resolved key ids', value: `bucket uses ${configured ?? 'an alias that does not exist'}; team key is ${expected}`, expected: 'the same key' });
      if (configured === expected) return finding(id, resource, 'pass', `New objects are encrypted with the team's key ${p.key}.`, evidence);
      return finding(id, resource, 'fail', `New objects are encrypted with KMS key ${rule.kmsMasterKeyId}, which is not the team's key ${p.key}.`, evidence);
    });
  },
});
