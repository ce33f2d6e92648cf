import type { EndpointConfigDetails, Inventory } from '../../inventory/types.ts';
import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { endpointOf, observabilityInventory } from '../fixtures/observability.ts';

const config = (inv: Inventory): EndpointConfigDetails => {
  const c = endpointOf(inv).config;
  if (!c.ok || !c.value) throw new Error('fixture has no config');
  return c.value;
};

export const fixtures: CheckFixtures = {
  pass: observabilityInventory,
  fail: (inv) => void (config(inv).variants[0]!.initialInstanceCount = 1),
  fields: {
    'sagemakerHosting.endpoints[].config.value.variants': [
      { description: 'one instance', expect: 'fail', mutate: (inv) => void (config(inv).variants[0]!.initialInstanceCount = 1) },
      { description: 'a second variant with one instance', expect: 'fail', mutate: (inv) => void config(inv).variants.push({ variantName: 'Challenger', initialInstanceCount: 1 }) },
      { description: 'serverless (no count)', expect: 'fail', mutate: (inv) => void (config(inv).variants[0]!.initialInstanceCount = undefined) },
      { description: 'no variants', expect: 'fail', mutate: (inv) => void (config(inv).variants = []) },
      { description: 'three instances', expect: 'pass', mutate: (inv) => void (config(inv).variants[0]!.initialInstanceCount = 3) },
      { description: 'config unreadable', expect: 'unknown', mutate: (inv) => void (endpointOf(inv).config = failed('AccessDeniedException', 'SageMaker.DescribeEndpointConfig')) },
    ],
  },
};
