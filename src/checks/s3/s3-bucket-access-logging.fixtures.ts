import { bucketOf, ok, type CheckFixtures } from '../fixtures/base.ts';

export const fixtures: CheckFixtures = {
  fail: (inv) => void (bucketOf(inv).logging = ok(null)),
  fields: {
    's3.buckets[].logging.value.targetBucket': [
      { description: 'logging off', expect: 'fail', mutate: (inv) => void (bucketOf(inv).logging = ok(null)) },
      { description: 'empty target bucket', expect: 'fail', mutate: (inv) => void (bucketOf(inv).logging = ok({ targetBucket: '', targetPrefix: '' })) },
    ],
  },
};
