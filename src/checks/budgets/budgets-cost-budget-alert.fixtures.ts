import type { BudgetDetails, Inventory } from '../../inventory/types.ts';
import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { observabilityInventory } from '../fixtures/observability.ts';

const budget = (inv: Inventory): BudgetDetails => inv.budgets!.budgets[0]!;
const value = (inv: Inventory) => {
  const b = budget(inv).budget;
  if (!b.ok || !b.value) throw new Error('fixture has no budget');
  return b.value;
};

export const fixtures: CheckFixtures = {
  pass: observabilityInventory,
  fail: (inv) => void (budget(inv).notifications = { ok: true, value: [] }),
  fields: {
    'budgets.budgets[].budget.value.budgetType': [{ description: 'a usage budget', expect: 'fail', mutate: (inv) => void (value(inv).budgetType = 'USAGE') }],
    'budgets.budgets[].budget.value.limitAmount': [
      { description: 'limit 0', expect: 'fail', mutate: (inv) => void (value(inv).limitAmount = 0) },
      { description: 'no limit', expect: 'fail', mutate: (inv) => void (value(inv).limitAmount = undefined) },
    ],
    'budgets.budgets[].notifications.value': [
      { description: 'no notification', expect: 'fail', mutate: (inv) => void (budget(inv).notifications = { ok: true, value: [] }) },
      {
        description: 'a notification without subscribers',
        expect: 'fail',
        mutate: (inv) => void (budget(inv).notifications = { ok: true, value: [{ notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold: 80, thresholdType: 'PERCENTAGE', subscribers: [] }] }),
      },
      { description: 'notifications unreadable', expect: 'unknown', mutate: (inv) => void (budget(inv).notifications = failed('AccessDeniedException', 'Budgets.DescribeNotificationsForBudget')) },
    ],
  },
};
