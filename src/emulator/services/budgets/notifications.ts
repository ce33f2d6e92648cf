/** Notifications of a budget and their subscribers: create, update, delete, describe. */
import type * as BUD from '@aws-sdk/client-budgets';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import {
  budgetsOf, checkBudgetName, checkNotification, checkSubscriber, checkSubscriberCount, duplicate, limitExceeded, MAX_NOTIFICATIONS, notFound, page, sameNotification, sameSubscriber,
} from './common.ts';
import type { StoredBudget, StoredNotification } from './state.ts';

function budgetFor(ctx: RequestContext, input: { AccountId?: string; BudgetName?: string }, action: 'ViewBudget' | 'ModifyBudget', doing: string): StoredBudget {
  const state = budgetsOf(ctx, input.AccountId, action, input.BudgetName);
  checkBudgetName(new ProblemList(), 'budgetName', input.BudgetName).check();
  const budget = state.budgets.get(input.BudgetName!);
  if (!budget) throw notFound(`Unable to ${doing} - the budget doesn't exist.`);
  return budget;
}

function notificationOf(budget: StoredBudget, notification: BUD.Notification, doing: string): StoredNotification {
  const found = budget.notifications.find((n) => sameNotification(n.notification, notification));
  if (!found) throw notFound(`Unable to ${doing} - the notification doesn't exist.`);
  return found;
}

export function createNotification(input: BUD.CreateNotificationRequest, ctx: RequestContext): Output<unknown> {
  const budget = budgetFor(ctx, input, 'ModifyBudget', 'create notification');
  const notification = checkNotification(input.Notification);
  const subscribers = (input.Subscribers ?? []).map((s, i) => checkSubscriber(s, `subscribers.${i + 1}.member`));
  checkSubscriberCount(subscribers);
  if (budget.notifications.some((n) => sameNotification(n.notification, notification))) throw duplicate('notification', input.BudgetName!);
  if (budget.notifications.length >= MAX_NOTIFICATIONS) throw limitExceeded(`You've exceeded the notification limit: a budget has up to ${MAX_NOTIFICATIONS} notifications.`);
  budget.notifications.push({ notification, subscribers });
  return {};
}

export function updateNotification(input: BUD.UpdateNotificationRequest, ctx: RequestContext): Output<unknown> {
  const budget = budgetFor(ctx, input, 'ModifyBudget', 'update notification');
  const old = checkNotification(input.OldNotification, 'oldNotification');
  const next = checkNotification(input.NewNotification, 'newNotification');
  const stored = notificationOf(budget, old, 'update notification');
  if (!sameNotification(old, next) && budget.notifications.some((n) => sameNotification(n.notification, next))) throw duplicate('notification', input.BudgetName!);
  stored.notification = next;
  return {};
}

export function deleteNotification(input: BUD.DeleteNotificationRequest, ctx: RequestContext): Output<unknown> {
  const budget = budgetFor(ctx, input, 'ModifyBudget', 'delete notification');
  const stored = notificationOf(budget, checkNotification(input.Notification), 'delete notification');
  budget.notifications = budget.notifications.filter((n) => n !== stored);
  return {};
}

export function describeNotificationsForBudget(input: BUD.DescribeNotificationsForBudgetRequest, ctx: RequestContext): Output<BUD.DescribeNotificationsForBudgetResponse> {
  const budget = budgetFor(ctx, input, 'ViewBudget', 'get notifications');
  const { items, nextToken } = page(budget.notifications.map((n) => n.notification), input, 100, ['notifications', input.BudgetName]);
  return { Notifications: items, NextToken: nextToken };
}

export function createSubscriber(input: BUD.CreateSubscriberRequest, ctx: RequestContext): Output<unknown> {
  const budget = budgetFor(ctx, input, 'ModifyBudget', 'create subscriber');
  const stored = notificationOf(budget, checkNotification(input.Notification), 'create subscriber');
  const subscriber = checkSubscriber(input.Subscriber);
  if (stored.subscribers.some((s) => sameSubscriber(s, subscriber))) throw duplicate('subscriber', subscriber.Address!);
  checkSubscriberCount([...stored.subscribers, subscriber]);
  stored.subscribers.push(subscriber);
  return {};
}

export function updateSubscriber(input: BUD.UpdateSubscriberRequest, ctx: RequestContext): Output<unknown> {
  const budget = budgetFor(ctx, input, 'ModifyBudget', 'update subscriber');
  const stored = notificationOf(budget, checkNotification(input.Notification), 'update subscriber');
  const old = checkSubscriber(input.OldSubscriber, 'oldSubscriber');
  const next = checkSubscriber(input.NewSubscriber, 'newSubscriber');
  const i = stored.subscribers.findIndex((s) => sameSubscriber(s, old));
  if (i === -1) throw notFound("Unable to update subscriber - the subscriber doesn't exist.");
  if (!sameSubscriber(old, next) && stored.subscribers.some((s) => sameSubscriber(s, next))) throw duplicate('subscriber', next.Address!);
  const subscribers = [...stored.subscribers];
  subscribers[i] = next;
  checkSubscriberCount(subscribers);
  stored.subscribers = subscribers;
  return {};
}

export function deleteSubscriber(input: BUD.DeleteSubscriberRequest, ctx: RequestContext): Output<unknown> {
  const budget = budgetFor(ctx, input, 'ModifyBudget', 'delete subscriber');
  const stored = notificationOf(budget, checkNotification(input.Notification), 'delete subscriber');
  const subscriber = checkSubscriber(input.Subscriber);
  if (!stored.subscribers.some((s) => sameSubscriber(s, subscriber))) throw notFound("Unable to delete subscriber - the subscriber doesn't exist.");
  stored.subscribers = stored.subscribers.filter((s) => !sameSubscriber(s, subscriber));
  // Deleting the last subscriber of a notification deletes the notification too, as on AWS.
  if (!stored.subscribers.length) budget.notifications = budget.notifications.filter((n) => n !== stored);
  return {};
}

export function describeSubscribersForNotification(input: BUD.DescribeSubscribersForNotificationRequest, ctx: RequestContext): Output<BUD.DescribeSubscribersForNotificationResponse> {
  const budget = budgetFor(ctx, input, 'ViewBudget', 'get subscribers');
  const stored = notificationOf(budget, checkNotification(input.Notification), 'get subscribers');
  const { items, nextToken } = page(stored.subscribers, input, 100, ['subscribers', input.BudgetName, stored.notification]);
  return { Subscribers: items, NextToken: nextToken };
}
