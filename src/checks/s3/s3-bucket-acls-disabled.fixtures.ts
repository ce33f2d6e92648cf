import { bucketOf, ok, type CheckFixtures } from '../fixtures/base.ts';

export const fixtures: CheckFixtures = {
  fail: (inv) => void (bucketOf(inv).objectOwnership = ok('ObjectWriter')),
  fields: {
    's3.buckets[].objectOwnership.value': [
      { description: 'ObjectWriter', expect: 'fail', mutate: (inv) => void (bucketOf(inv).objectOwnership = ok('ObjectWriter')) },
      { description: 'BucketOwnerPreferred', expect: 'fail', mutate: (inv) => void (bucketOf(inv).objectOwnership = ok('BucketOwnerPreferred')) },
      { description: 'no ownership controls', expect: 'fail', mutate: (inv) => void (bucketOf(inv).objectOwnership = ok(null)) },
    ],
  },
};
