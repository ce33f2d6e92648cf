import { bucketOf, ok, type CheckFixtures } from '../fixtures/base.ts';

export const fixtures: CheckFixtures = {
  fail: (inv) => void (bucketOf(inv).versioning = ok({ status: null, mfaDelete: null })),
  fields: {
    's3.buckets[].versioning.value.status': [
      { description: 'never enabled', expect: 'fail', mutate: (inv) => void (bucketOf(inv).versioning = ok({ status: null, mfaDelete: null })) },
      { description: 'suspended', expect: 'fail', mutate: (inv) => void (bucketOf(inv).versioning = ok({ status: 'Suspended', mfaDelete: null })) },
    ],
  },
};
