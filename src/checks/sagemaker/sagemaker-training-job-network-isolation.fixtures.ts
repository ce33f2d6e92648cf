import type { CheckFixtures } from '../fixtures/base.ts';
import { jobOf, secureComputeInventory } from '../fixtures/sagemaker.ts';

export const fixtures: CheckFixtures = {
  pass: secureComputeInventory,
  fail: (inv) => void (jobOf(inv).enableNetworkIsolation = false),
  fields: {
    'sagemakerTraining.trainingJobs[].jobs.value.latest.enableNetworkIsolation': [{ description: 'off', expect: 'fail', mutate: (inv) => void (jobOf(inv).enableNetworkIsolation = false) }],
  },
};
