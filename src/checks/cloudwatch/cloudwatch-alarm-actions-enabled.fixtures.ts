import type { Inventory } from '../../inventory/types.ts';
import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { observabilityInventory } from '../fixtures/observability.ts';

const first = (inv: Inventory) => {
  const a = inv.cloudwatch!.alarms;
  if (!a.ok) throw new Error('fixture alarms unreadable');
  return a.value[0]!;
};

export const fixtures: CheckFixtures = {
  pass: () => {
    const inv = observabilityInventory();
    const a = inv.cloudwatch!.alarms;
    if (a.ok) a.value.splice(1);
    return inv;
  },
  fail: (inv) => void (first(inv).alarmActions = []),
  fields: {
    'cloudwatch.alarms.value': [
      { description: 'no actions', expect: 'fail', mutate: (inv) => void (first(inv).alarmActions = []) },
      { description: 'actions disabled', expect: 'fail', mutate: (inv) => void (first(inv).actionsEnabled = false) },
      { description: 'unreadable', expect: 'unknown', mutate: (inv) => void (inv.cloudwatch!.alarms = failed('AccessDenied', 'CloudWatch.DescribeAlarms')) },
    ],
  },
};
