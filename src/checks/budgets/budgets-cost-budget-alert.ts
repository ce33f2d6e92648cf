import { couldNotCheck, finding } from '../lib/findings.ts';
import { defineCheck } from '../types.ts';

const id = 'budgets-cost-budget-alert';

export default defineCheck({
  id,
  title: 'A cost budget with a limit alerts someone before the money is spent',
  service: 'budgets',
  resourceType: 'AWS::Budgets::Budget',
  severity: 'low',
  risk: 'Without a budget alert, a forgotten endpoint or a runaway training loop is found on the invoice at the end of the month, when the money is already spent.',
  securityHub: [],
  syllabus: ['4.2.S7', '4.2.K6'],
  remediation: {
    text: 'Create a COST budget with a monthly limit and at least one notification (actual or forecasted spend above a percentage of the limit) with an email or SNS subscriber.',
    cli: 'aws budgets create-budget --account-id <account-id> --budget \'{"BudgetName":"<name>","BudgetType":"COST","TimeUnit":"MONTHLY","BudgetLimit":{"Amount":"4000","Unit":"USD"}}\' --notifications-with-subscribers \'[{"Notification":{"NotificationType":"FORECASTED","ComparisonOperator":"GREATER_THAN","Threshold":80,"ThresholdType":"PERCENTAGE"},"Subscribers":[{"SubscriptionType":"EMAIL","Address":"<team-address>"}]}]\'',
    docs: 'Managing your costs with AWS Budgets',
  },
  reads: ['budgets.budgets[].budget.value.budgetType', 'budgets.budgets[].budget.value.limitAmount', 'budgets.budgets[].notifications.value'],
  scope: (selector) => ({ budgets: { budgets: selector } }),
  evaluate(inventory) {
    const findings = [];
    for (const b of inventory.budgets?.budgets ?? []) {
      const resource = { type: 'AWS::Budgets::Budget', id: b.name };
      if (!b.budget.ok) {
        findings.push(couldNotCheck(id, resource, 'Budgets.DescribeBudget', b.budget.error, 'the budget'));
        continue;
      }
      const budget = b.budget.value;
      if (!budget) continue;
      if (!b.notifications.ok) {
        findings.push(couldNotCheck(id, resource, 'Budgets.DescribeNotificationsForBudget', b.notifications.error, 'the budget’s alerts'));
        continue;
      }
      const alerts = b.notifications.value.filter((n) => n.subscribers.length > 0);
      const evidence = [
        { field: 'DescribeBudget.BudgetType', value: budget.budgetType ?? '(none)', expected: 'COST' },
        { field: 'DescribeBudget.BudgetLimit', value: budget.limitAmount !== undefined ? `${budget.limitAmount} ${budget.limitUnit ?? ''}`.trim() : '(none)', expected: 'a limit above 0' },
        {
          field: 'DescribeNotificationsForBudget',
          value: b.notifications.value.length ? b.notifications.value.map((n) => `${n.notificationType} ${n.comparisonOperator} ${n.threshold}${n.thresholdType === 'PERCENTAGE' ? '%' : ''} → ${n.subscribers.length} subscriber(s)`).join('; ') : '(no notification)',
          expected: 'a notification with at least one subscriber',
        },
      ];
      if (budget.budgetType !== 'COST') findings.push(finding(id, resource, 'fail', `The budget tracks ${budget.budgetType ?? 'nothing'}, not cost.`, evidence));
      else if (!budget.limitAmount || budget.limitAmount <= 0) findings.push(finding(id, resource, 'fail', 'The budget has no limit above 0, so no threshold can be crossed.', evidence));
      else if (alerts.length === 0) findings.push(finding(id, resource, 'fail', b.notifications.value.length ? 'The budget’s notifications have no subscriber: the alert goes to nobody.' : 'The budget has no notification: it records spend but alerts nobody.', evidence));
      else findings.push(finding(id, resource, 'pass', `The budget limits cost to ${budget.limitAmount} ${budget.limitUnit ?? ''} and alerts ${alerts[0]!.subscribers.map((s) => s.address).join(', ')}.`.replace(' .', '.'), evidence));
    }
    return findings;
  },
});
