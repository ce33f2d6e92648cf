import type { Inventory } from '../../inventory/types.ts';
import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { observabilityInventory } from '../fixtures/observability.ts';

const setRetention = (inv: Inventory, days: number | undefined) => {
  const g = inv.logs!.logGroups[0]!.group;
  if (g.ok && g.value) g.value.retentionInDays = days;
};

export const fixtures: CheckFixtures = {
  pass: observabilityInventory,
  fail: (inv) => setRetention(inv, 30),
  fields: {
    'logs.logGroups[].group.value.retentionInDays': [
      { description: '30 days', expect: 'fail', mutate: (inv) => setRetention(inv, 30) },
      { description: '364 days', expect: 'fail', mutate: (inv) => setRetention(inv, 364) },
      { description: 'never expire is compliant', expect: 'pass', mutate: (inv) => setRetention(inv, undefined) },
      { description: 'exactly 365', expect: 'pass', mutate: (inv) => setRetention(inv, 365) },
      { description: 'unreadable', expect: 'unknown', mutate: (inv) => void (inv.logs!.logGroups[0]!.group = failed('AccessDeniedException', 'Logs.DescribeLogGroups')) },
    ],
  },
};
