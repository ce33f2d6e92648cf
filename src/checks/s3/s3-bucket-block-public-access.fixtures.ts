import type { Inventory, PublicAccessBlock } from '../../inventory/types.ts';
import { bucketOf, failed, ok, type CheckFixtures, type FieldCase } from '../fixtures/base.ts';
import { blockFlags } from '../lib/s3.ts';

const allOn = (): PublicAccessBlock => ({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
const bucketBlock = (inv: Inventory) => (bucketOf(inv).publicAccessBlock as { value: PublicAccessBlock }).value;
const accountBlock = (inv: Inventory) => (inv.s3!.accountPublicAccessBlock as { value: PublicAccessBlock }).value;

/** Bucket-level flags fail only when the account does not supply them. */
function bucketCases(flag: keyof PublicAccessBlock): FieldCase[] {
  return [
    {
      description: `${flag} off at the bucket, account without Block Public Access`,
      expect: 'fail',
      mutate: (inv) => {
        bucketBlock(inv)[flag] = false;
        inv.s3!.accountPublicAccessBlock = ok(null);
      },
    },
    { description: `${flag} off at the bucket but on for the account`, expect: 'pass', mutate: (inv) => void (bucketBlock(inv)[flag] = false) },
  ];
}

function accountCases(flag: keyof PublicAccessBlock): FieldCase[] {
  return [
    {
      description: `${flag} off for the account while the bucket has none`,
      expect: 'fail',
      mutate: (inv) => {
        accountBlock(inv)[flag] = false;
        bucketOf(inv).publicAccessBlock = ok(null);
      },
    },
    {
      description: `${flag} on for the account supplies it to a bucket without configuration`,
      expect: 'pass',
      mutate: (inv) => {
        inv.s3!.accountPublicAccessBlock = ok(allOn());
        bucketOf(inv).publicAccessBlock = ok(null);
        accountBlock(inv)[flag] = true;
      },
    },
  ];
}

export const fixtures: CheckFixtures = {
  fail: (inv) => {
    bucketOf(inv).publicAccessBlock = ok({ BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false });
    inv.s3!.accountPublicAccessBlock = ok(null);
  },
  fields: {
    ...Object.fromEntries(blockFlags.map((flag) => [`s3.buckets[].publicAccessBlock.value.${flag}`, bucketCases(flag)])),
    ...Object.fromEntries(blockFlags.map((flag) => [`s3.accountPublicAccessBlock.value.${flag}`, accountCases(flag)])),
    's3.buckets[].publicAccessBlock.value.BlockPublicAcls': [
      ...bucketCases('BlockPublicAcls'),
      {
        description: 'bucket settings unreadable and the account has none',
        expect: 'unknown',
        mutate: (inv) => {
          bucketOf(inv).publicAccessBlock = failed('AccessDenied', 'S3.GetPublicAccessBlock');
          inv.s3!.accountPublicAccessBlock = ok(null);
        },
      },
      {
        description: 'no bucket configuration and none for the account',
        expect: 'fail',
        mutate: (inv) => {
          bucketOf(inv).publicAccessBlock = ok(null);
          inv.s3!.accountPublicAccessBlock = ok(null);
        },
      },
    ],
  },
};
