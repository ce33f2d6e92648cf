import type { CheckFixtures } from '../fixtures/base.ts';
import { trailInventory, trailOf } from '../fixtures/trails.ts';

export const fixtures: CheckFixtures = {
  pass: trailInventory,
  fail: (inv) => void (trailOf(inv).kmsKeyId = undefined),
  fields: {
    'cloudtrail.trails.value[].kmsKeyId': [{ description: 'no key', expect: 'fail', mutate: (inv) => void (trailOf(inv).kmsKeyId = undefined) }],
  },
};
