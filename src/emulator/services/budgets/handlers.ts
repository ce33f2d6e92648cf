/** The AWS Budgets operation handlers, loaded on the service's first call (service.ts lists their names). */
import type { Handler } from '../define-service.ts';
import * as budgets from './budgets.ts';
import * as notifications from './notifications.ts';
import * as tags from './tags.ts';
import type { BudgetsState } from './state.ts';

export const BUDGETS_HANDLERS: Readonly<Record<string, Handler<any, any, BudgetsState>>> = {
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
};
