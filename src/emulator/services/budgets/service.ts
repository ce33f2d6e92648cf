/** AWS Budgets: budgets with limits, time periods and cost filters, notifications, subscribers, tags. Global (account-wide). */
import { defineService } from '../define-service.ts';
import * as budgets from './budgets.ts';
import { BUDGETS_LIMITATIONS } from './limitations.ts';
import * as notifications from './notifications.ts';
import { type BudgetsState, createBudgetsState } from './state.ts';
import * as tags from './tags.ts';

export const budgetsService = defineService<BudgetsState>({
  id: 'budgets',
  title: 'AWS Budgets',
  signingName: 'budgets',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2016-10-20', targetPrefix: 'AWSBudgetServiceGateway', validationErrorCode: 'InvalidParameterException' },
  loadModel: () => import('@aws-sdk/client-budgets') as Promise<Record<string, unknown>>,
  state: { scope: 'account', create: createBudgetsState },
  handlers: {
    CreateBudget: budgets.createBudget,
    DescribeBudget: budgets.describeBudget,
    DescribeBudgets: budgets.describeBudgets,
    UpdateBudget: budgets.updateBudget,
    DeleteBudget: budgets.deleteBudget,
    CreateNotification: notifications.createNotification,
    UpdateNotification: notifications.updateNotification,
    DeleteNotification: notifications.deleteNotification,
    DescribeNotificationsForBudget: notifications.describeNotificationsForBudget,
    CreateSubscriber: notifications.createSubscriber,
    UpdateSubscriber: notifications.updateSubscriber,
    DeleteSubscriber: notifications.deleteSubscriber,
    DescribeSubscribersForNotification: notifications.describeSubscribersForNotification,
    TagResource: tags.tagResource,
    UntagResource: tags.untagResource,
    ListTagsForResource: tags.listTagsForResource,
  },
  limitations: BUDGETS_LIMITATIONS,
});
