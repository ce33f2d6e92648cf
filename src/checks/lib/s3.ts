import type { Inventory, PublicAccessBlock, S3Bucket } from '../../inventory/types.ts';
import type { CheckResource, Finding } from '../types.ts';
import { couldNotCheck, triOf, triOr, type Tri } from './findings.ts';

export function bucketResource(bucket: S3Bucket): CheckResource {
  return { type: 'AWS::S3::Bucket', id: bucket.name, arn: bucket.arn };
}

/**
 * Evaluates each bucket in the inventory that exists. A bucket whose existence could not be read
 * gets a "could not check" finding; a bucket looked up by name and absent gets none (the lab engine
 * reports it missing, in words about the lab).
 */
export function evaluateBuckets(inventory: Inventory, checkId: string, evaluate: (bucket: S3Bucket) => Finding): Finding[] {
  const findings: Finding[] = [];
  for (const bucket of inventory.s3?.buckets ?? []) {
    if (!bucket.exists.ok) {
      findings.push(couldNotCheck(checkId, bucketResource(bucket), 'HeadBucket', bucket.exists.error, 'whether the bucket exists'));
      continue;
    }
    if (!bucket.exists.value) continue;
    findings.push(evaluate(bucket));
  }
  return findings;
}

export const blockFlags = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;
export type BlockFlag = (typeof blockFlags)[number];

/**
 * Whether a Block Public Access flag is in force for a bucket: S3 applies the more restrictive of
 * the bucket's and the account's settings, so either one being on is enough.
 */
export function blockInForce(bucket: S3Bucket, inventory: Inventory, flag: BlockFlag): Tri {
  const bucketFlag = triOf(bucket.publicAccessBlock, (b) => b?.[flag] === true);
  const account = inventory.s3?.accountPublicAccessBlock;
  const accountFlag: Tri = account ? triOf(account, (b: PublicAccessBlock | null) => b?.[flag] === true) : false;
  return triOr(bucketFlag, accountFlag);
}

export const everyoneGroups: Record<string, string> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'everyone (AllUsers)',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'any AWS account (AuthenticatedUsers)',
};
