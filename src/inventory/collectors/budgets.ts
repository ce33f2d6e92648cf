/** AWS Budgets collector: budgets by name, with their notifications and subscribers. */
import { DescribeBudgetCommand, DescribeNotificationsForBudgetCommand, DescribeSubscribersForNotificationCommand } from '@aws-sdk/client-budgets';
import type { AwsClients } from '../../aws/index.ts';
import { observe, observedValue } from '../observed.ts';
import { mapLimit, paginate } from '../paginate.ts';
import type { ObservabilityScope } from '../scope-observability.ts';
import type { BudgetDetails, BudgetsInventory } from '../types-observability.ts';

export async function collectBudgets(aws: AwsClients, scope: NonNullable<ObservabilityScope['budgets']>, accountId: string): Promise<BudgetsInventory> {
  const budgets = await aws.client('budgets');
  const list = await mapLimit(scope.budgets?.names ?? [], 4, async (name): Promise<BudgetDetails> => {
    const budget = await observe(
      'Budgets.DescribeBudget',
      async () => {
        const b = (await budgets.send(new DescribeBudgetCommand({ AccountId: accountId, BudgetName: name }))).Budget;
        if (!b) return null;
        return { budgetType: b.BudgetType, timeUnit: b.TimeUnit, limitAmount: b.BudgetLimit?.Amount !== undefined ? Number(b.BudgetLimit.Amount) : undefined, limitUnit: b.BudgetLimit?.Unit, costFilters: b.CostFilters ?? {} };
      },
      { notFound: null },
    );
    if (!budget.ok || budget.value === null) return { name, budget, notifications: budget.ok ? observedValue([]) : budget };
    const notifications = await observe('Budgets.DescribeNotificationsForBudget', async () => {
      const found = await paginate(async (token) => {
        const page = await budgets.send(new DescribeNotificationsForBudgetCommand({ AccountId: accountId, BudgetName: name, NextToken: token, MaxResults: 100 }));
        return { items: page.Notifications ?? [], next: page.NextToken };
      });
      return mapLimit(found, 4, async (n) => {
        const subscribers = await paginate(async (token) => {
          const page = await budgets.send(new DescribeSubscribersForNotificationCommand({ AccountId: accountId, BudgetName: name, Notification: n, NextToken: token, MaxResults: 100 }));
          return { items: page.Subscribers ?? [], next: page.NextToken };
        });
        return {
          notificationType: n.NotificationType,
          comparisonOperator: n.ComparisonOperator,
          threshold: n.Threshold,
          thresholdType: n.ThresholdType,
          subscribers: subscribers.map((s) => ({ type: s.SubscriptionType, address: s.Address })),
        };
      });
    });
    return { name, budget, notifications };
  });
  return { budgets: list };
}
