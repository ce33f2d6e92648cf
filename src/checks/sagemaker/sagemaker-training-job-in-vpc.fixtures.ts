import type { CheckFixtures } from '../fixtures/base.ts';
import { jobOf, secureComputeInventory } from '../fixtures/sagemaker.ts';

export const fixtures: CheckFixtures = {
  pass: secureComputeInventory,
  fail: (inv) => void delete jobOf(inv).vpcConfig,
  fields: {
    'sagemakerTraining.trainingJobs[].jobs.value.latest.vpcConfig': [
      { description: 'no VPC', expect: 'fail', mutate: (inv) => void delete jobOf(inv).vpcConfig },
      { description: 'no subnets', expect: 'fail', mutate: (inv) => void (jobOf(inv).vpcConfig = { subnets: [], securityGroupIds: ['sg-1'] }) },
    ],
  },
};
