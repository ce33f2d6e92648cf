import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { observabilityInventory } from '../fixtures/observability.ts';

export const fixtures: CheckFixtures<{ tagKeys: string[] }> = {
  params: { tagKeys: ['cost-center', 'project', 'environment'] },
  pass: observabilityInventory,
  fail: (inv) => void (inv.costExplorer!.costAllocationTags = { ok: true, value: { 'cost-center': 'Inactive', project: 'Inactive', environment: 'Inactive' } }),
  fields: {
    'costExplorer.costAllocationTags.value': [
      { description: 'one inactive', expect: 'fail', mutate: (inv) => void (inv.costExplorer!.costAllocationTags = { ok: true, value: { 'cost-center': 'Active', project: 'Inactive', environment: 'Active' } }) },
      { description: 'one unknown to billing', expect: 'fail', mutate: (inv) => void (inv.costExplorer!.costAllocationTags = { ok: true, value: { 'cost-center': 'Active', project: 'Active' } }) },
      { description: 'unreadable', expect: 'unknown', mutate: (inv) => void (inv.costExplorer!.costAllocationTags = failed('AccessDeniedException', 'CostExplorer.ListCostAllocationTags')) },
    ],
  },
};
