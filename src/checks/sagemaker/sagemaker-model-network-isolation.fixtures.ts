import type { CheckFixtures } from '../fixtures/base.ts';
import { modelOf, secureComputeInventory } from '../fixtures/sagemaker.ts';

export const fixtures: CheckFixtures = {
  pass: secureComputeInventory,
  fail: (inv) => void (modelOf(inv).enableNetworkIsolation = false),
  fields: {
    'sagemakerModels.models[].members.value[].enableNetworkIsolation': [{ description: 'off', expect: 'fail', mutate: (inv) => void (modelOf(inv).enableNetworkIsolation = false) }],
  },
};
