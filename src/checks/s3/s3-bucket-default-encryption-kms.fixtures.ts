import type { EncryptionRule, Inventory } from '../../inventory/types.ts';
import { accountId, bucketOf, failed, ok, otherKeyId, teamKeyAlias, teamKeyArn, teamKeyId, type CheckFixtures } from '../fixtures/base.ts';

const rule = (r: EncryptionRule) => (inv: Inventory) => void (bucketOf(inv).encryption = ok([r]));

export const fixtures: CheckFixtures<{ key?: string }> = {
  params: { key: teamKeyAlias },
  fail: rule({ sseAlgorithm: 'AES256' }),
  fields: {
    's3.buckets[].encryption.value': [
      { description: 'SSE-S3 (AES256)', expect: 'fail', mutate: rule({ sseAlgorithm: 'AES256' }) },
      { description: 'SSE-KMS with the AWS managed key', expect: 'fail', mutate: rule({ sseAlgorithm: 'aws:kms' }) },
      { description: 'SSE-KMS with another customer key', expect: 'fail', mutate: rule({ sseAlgorithm: 'aws:kms', kmsMasterKeyId: otherKeyId }) },
      { description: 'SSE-KMS with the alias aws/s3 named explicitly', expect: 'fail', mutate: rule({ sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/aws/s3' }) },
      { description: 'no default encryption', expect: 'fail', mutate: (inv) => void (bucketOf(inv).encryption = ok(null)) },
      { description: 'the team key by alias name', expect: 'pass', mutate: rule({ sseAlgorithm: 'aws:kms', kmsMasterKeyId: teamKeyAlias }) },
      { description: 'the team key by key id', expect: 'pass', mutate: rule({ sseAlgorithm: 'aws:kms', kmsMasterKeyId: teamKeyId }) },
      { description: 'the team key by alias ARN', expect: 'pass', mutate: rule({ sseAlgorithm: 'aws:kms', kmsMasterKeyId: `arn:aws:kms:us-east-1:${accountId}:${teamKeyAlias}` }) },
      { description: 'dual-layer SSE-KMS with the team key', expect: 'pass', mutate: rule({ sseAlgorithm: 'aws:kms:dsse', kmsMasterKeyId: teamKeyArn }) },
    ],
    'kms.aliases.value': [
      { description: 'the team alias now points at another key', expect: 'fail', mutate: (inv) => void (inv.kms!.aliases = ok([{ name: teamKeyAlias, targetKeyId: otherKeyId }])) },
      { description: 'the team alias was deleted', expect: 'fail', mutate: (inv) => void (inv.kms!.aliases = ok([])) },
      { description: 'aliases unreadable', expect: 'unknown', mutate: (inv) => void (inv.kms!.aliases = failed('AccessDeniedException', 'KMS.ListAliases')) },
    ],
  },
};
