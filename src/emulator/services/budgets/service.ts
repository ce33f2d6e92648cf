/** AWS Budgets: budgets with limits, time periods and cost filters, notifications, subscribers, tags. Global (account-wide). */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { BUDGETS_LIMITATIONS } from './limitations.ts';
import { type BudgetsState, createBudgetsState } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const BUDGETS_OPERATIONS: readonly string[] = [
  'CreateBudget', 'DescribeBudget', 'DescribeBudgets', 'UpdateBudget', 'DeleteBudget',
  'CreateNotification', 'UpdateNotification', 'DeleteNotification', 'DescribeNotificationsForBudget', 'CreateSubscriber',
  'UpdateSubscriber', 'DeleteSubscriber', 'DescribeSubscribersForNotification', 'TagResource', 'UntagResource',
  'ListTagsForResource',
];

export const budgetsService = defineService<BudgetsState>({
  id: 'budgets',
  title: 'AWS Budgets',
  signingName: 'budgets',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2016-10-20', targetPrefix: 'AWSBudgetServiceGateway', validationErrorCode: 'InvalidParameterException' },
  loadModel: () => import('@aws-sdk/client-budgets') as Promise<Record<string, unknown>>,
  state: { scope: 'account', create: createBudgetsState },
  handlers: lazyHandlers(BUDGETS_OPERATIONS, async () => (await import('./handlers.ts')).BUDGETS_HANDLERS),
  limitations: BUDGETS_LIMITATIONS,
});
