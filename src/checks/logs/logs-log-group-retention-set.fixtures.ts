import type { Inventory } from '../../inventory/types.ts';
import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { observabilityInventory } from '../fixtures/observability.ts';

const setRetention = (inv: Inventory, days: number | undefined) => {
  const g = inv.logs!.logGroups[0]!.group;
  if (g.ok && g.value) g.value.retentionInDays = days;
};

export const fixtures: CheckFixtures<{ maxDays?: number } | undefined> = {
  params: { maxDays: 731 },
  pass: observabilityInventory,
  fail: (inv) => setRetention(inv, undefined),
  fields: {
    'logs.logGroups[].group.value.retentionInDays': [
      { description: 'never expire', expect: 'fail', mutate: (inv) => setRetention(inv, undefined) },
      { description: 'longer than the team pays for', expect: 'fail', mutate: (inv) => setRetention(inv, 3653) },
      { description: 'a short retention is fine for cost', expect: 'pass', mutate: (inv) => setRetention(inv, 30) },
      { description: 'unreadable', expect: 'unknown', mutate: (inv) => void (inv.logs!.logGroups[0]!.group = failed('AccessDeniedException', 'Logs.DescribeLogGroups')) },
    ],
  },
};
