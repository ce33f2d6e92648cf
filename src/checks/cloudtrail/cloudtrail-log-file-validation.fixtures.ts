import type { CheckFixtures } from '../fixtures/base.ts';
import { trailInventory, trailOf } from '../fixtures/trails.ts';

export const fixtures: CheckFixtures = {
  pass: trailInventory,
  fail: (inv) => void (trailOf(inv).logFileValidationEnabled = false),
  fields: {
    'cloudtrail.trails.value[].logFileValidationEnabled': [{ description: 'validation off', expect: 'fail', mutate: (inv) => void (trailOf(inv).logFileValidationEnabled = false) }],
  },
};
