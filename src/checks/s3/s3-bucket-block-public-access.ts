import type { PublicAccessBlock } from '../../inventory/types.ts';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { blockFlags, bucketResource, evaluateBuckets } from '../lib/s3.ts';
import { defineCheck } from '../types.ts';

const id = 's3-bucket-block-public-access';

/**
 * S3 enforces the more restrictive of the bucket's and the account's Block Public Access settings,
 * so a flag counts as on when either level has it on (Prowler grades the same way). The evidence
 * says which level supplied each flag.
 */
export default defineCheck({
  id,
  title: 'S3 buckets have all four Block Public Access settings in force',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'high',
  risk: 'With Block Public Access off, a single public bucket policy or ACL exposes every object in the bucket to the internet — training data, labels and model artifacts included. The setting overrides such mistakes instead of relying on every policy edit being right.',
  securityHub: ['S3.8'],
  prowler: 's3_bucket_level_public_access_block',
  syllabus: ['4.3.S1'],
  remediation: {
    text: 'Turn on BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets for the bucket.',
    cli: 'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    docs: 'Blocking public access to your Amazon S3 storage',
  },
  reads: [
    's3.buckets[].publicAccessBlock.value.BlockPublicAcls',
    's3.buckets[].publicAccessBlock.value.IgnorePublicAcls',
    's3.buckets[].publicAccessBlock.value.BlockPublicPolicy',
    's3.buckets[].publicAccessBlock.value.RestrictPublicBuckets',
    's3.accountPublicAccessBlock.value.BlockPublicAcls',
    's3.accountPublicAccessBlock.value.IgnorePublicAcls',
    's3.accountPublicAccessBlock.value.BlockPublicPolicy',
    's3.accountPublicAccessBlock.value.RestrictPublicBuckets',
  ],
  scope: (selector) => ({ s3: { buckets: selector, accountPublicAccessBlock: true } }),
  evaluate(inventory) {
    const account = inventory.s3?.accountPublicAccessBlock;
    return evaluateBuckets(inventory, id, (bucket) => {
      const resource = bucketResource(bucket);
      const accountBlock: PublicAccessBlock | null | undefined = account?.ok ? account.value : undefined;
      const bucketBlock = bucket.publicAccessBlock.ok ? bucket.publicAccessBlock.value : undefined;
      const evidence = blockFlags.map((flag) => {
        const atBucket = bucketBlock === undefined ? 'unreadable' : (bucketBlock?.[flag] ?? false);
        const atAccount = account === undefined ? 'not read' : accountBlock === undefined ? 'unreadable' : (accountBlock?.[flag] ?? false);
        return { field: `GetPublicAccessBlock.${flag}`, value: { bucket: atBucket, account: atAccount }, expected: 'true at the bucket (or the account)' };
      });
      const off = blockFlags.filter((flag) => bucketBlock?.[flag] !== true && accountBlock?.[flag] !== true);
      if (off.length === 0) return finding(id, resource, 'pass', 'All four Block Public Access settings are in force for this bucket.', evidence);
      // A flag that is off where we could read it may still be on where we could not.
      const unreadable = bucketBlock === undefined || (account !== undefined && accountBlock === undefined);
      if (unreadable) {
        const error = !bucket.publicAccessBlock.ok ? bucket.publicAccessBlock.error : account && !account.ok ? account.error : undefined;
        if (error) return couldNotCheck(id, resource, 'GetPublicAccessBlock', error, 'the Block Public Access settings');
      }
      const none = bucketBlock === null && !accountBlock;
      const summary = none
        ? 'Block Public Access is not configured for this bucket (nor for the account), so a public policy or ACL takes effect.'
        : `Block Public Access is incomplete for this bucket: ${off.join(', ')} ${off.length === 1 ? 'is' : 'are'} off.`;
      return finding(id, resource, 'fail', summary, evidence);
    });
  },
});
