import type { CheckFixtures } from '../fixtures/base.ts';
import { modelOf, secureComputeInventory } from '../fixtures/sagemaker.ts';

export const fixtures: CheckFixtures = {
  pass: secureComputeInventory,
  fail: (inv) => void (modelOf(inv).containers[0]!.environment = { DB_PASSWORD: 'Winter2026!' }),
  fields: {
    'sagemakerModels.models[].members.value[].containers': [
      { description: 'DB_PASSWORD literal', expect: 'fail', mutate: (inv) => void (modelOf(inv).containers[0]!.environment = { DB_PASSWORD: 'Winter2026!' }) },
      { description: 'second container with a token', expect: 'fail', mutate: (inv) => void modelOf(inv).containers.push({ environment: { API_TOKEN: 'tok_live_8f2a' } }) },
    ],
  },
};
