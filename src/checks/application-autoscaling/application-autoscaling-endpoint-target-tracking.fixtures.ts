import type { Inventory, VariantScaling } from '../../inventory/types.ts';
import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { endpointOf, observabilityInventory } from '../fixtures/observability.ts';

const variant = (inv: Inventory): VariantScaling => {
  const s = endpointOf(inv).scaling;
  if (!s?.ok) throw new Error('fixture has no scaling');
  return s.value[0]!;
};

export const fixtures: CheckFixtures<{ minCapacity?: number } | undefined> = {
  pass: observabilityInventory,
  fail: (inv) => void (variant(inv).target = null),
  fields: {
    'sagemakerHosting.endpoints[].scaling.value[].target': [
      { description: 'not registered', expect: 'fail', mutate: (inv) => void (variant(inv).target = null) },
      { description: 'minimum 1', expect: 'fail', mutate: (inv) => void (variant(inv).target = { minCapacity: 1, maxCapacity: 4 }) },
    ],
    'sagemakerHosting.endpoints[].scaling.value[].policies': [
      { description: 'no policy', expect: 'fail', mutate: (inv) => void (variant(inv).policies = []) },
      { description: 'step scaling only', expect: 'fail', mutate: (inv) => void (variant(inv).policies = [{ policyName: 'steps', policyType: 'StepScaling' }]) },
      { description: 'target tracking on a custom metric', expect: 'fail', mutate: (inv) => void (variant(inv).policies = [{ policyName: 'cpu', policyType: 'TargetTrackingScaling', targetValue: 60 }]) },
      { description: 'an extra step policy besides tracking', expect: 'pass', mutate: (inv) => void variant(inv).policies.push({ policyName: 'steps', policyType: 'StepScaling' }) },
    ],
    'sagemakerHosting.endpoints[].scaling.value[].variantName': [
      {
        description: 'a second variant left unregistered',
        expect: 'fail',
        mutate: (inv) => {
          const s = endpointOf(inv).scaling;
          if (s?.ok) s.value.push({ variantName: 'Challenger', target: null, policies: [] });
        },
      },
      { description: 'scaling unreadable', expect: 'unknown', mutate: (inv) => void (endpointOf(inv).scaling = failed('AccessDeniedException', 'ApplicationAutoScaling.DescribeScalableTargets')) },
      { description: 'no variants', expect: 'fail', mutate: (inv) => void (endpointOf(inv).scaling = { ok: true, value: [] }) },
    ],
  },
};
