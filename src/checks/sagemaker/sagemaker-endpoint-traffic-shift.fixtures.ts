import type { Inventory } from '../../inventory/types.ts';
import type { CheckFixtures } from '../fixtures/base.ts';
import { endpointOf, observabilityInventory } from '../fixtures/observability.ts';

const details = (inv: Inventory) => {
  const e = endpointOf(inv).endpoint;
  if (!e.ok || !e.value) throw new Error('fixture endpoint missing');
  return e.value;
};
const shifted = (): Inventory => {
  const inv = observabilityInventory();
  details(inv).variants = [
    { variantName: 'Champion', currentWeight: 0.1, desiredWeight: 0.1, currentInstanceCount: 2 },
    { variantName: 'Challenger', currentWeight: 0.9, desiredWeight: 0.9, currentInstanceCount: 2 },
  ];
  return inv;
};

export const fixtures: CheckFixtures<{ variant: string; minShare: number; keep: string }> = {
  params: { variant: 'Challenger', minShare: 0.5, keep: 'Champion' },
  pass: shifted,
  fail: (inv) => void Object.assign(details(inv), { variants: [{ variantName: 'Champion', currentWeight: 0.9 }, { variantName: 'Challenger', currentWeight: 0.1 }] }),
  fields: {
    'sagemakerHosting.endpoints[].endpoint.value.variants': [
      { description: 'still mostly on the champion', expect: 'fail', mutate: (inv) => void Object.assign(details(inv), { variants: [{ variantName: 'Champion', currentWeight: 0.7 }, { variantName: 'Challenger', currentWeight: 0.3 }] }) },
      { description: 'champion removed', expect: 'fail', mutate: (inv) => void details(inv).variants.splice(0, 1) },
      { description: 'challenger missing', expect: 'fail', mutate: (inv) => void details(inv).variants.splice(1, 1) },
      { description: 'champion at weight 0 but deployed', expect: 'pass', mutate: (inv) => void (details(inv).variants[0]!.currentWeight = 0) },
      { description: 'weights that are not fractions', expect: 'pass', mutate: (inv) => void Object.assign(details(inv), { variants: [{ variantName: 'Champion', currentWeight: 1 }, { variantName: 'Challenger', currentWeight: 3 }] }) },
    ],
    'sagemakerHosting.endpoints[].endpoint.value.status': [{ description: 'update in progress', expect: 'fail', mutate: (inv) => void (details(inv).status = 'Updating') }],
  },
};
