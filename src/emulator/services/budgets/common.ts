/** Shared by the Budgets modules: the AccountId check, errors, names, notifications and subscribers, paging. */
import { formatArn } from '../../core/arn.ts';
import type * as BUD from '@aws-sdk/client-budgets';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { pageByToken, type TokenPage } from '../../core/next-token.ts';
import { ProblemList } from '../../core/validation.ts';
import type { BudgetsState, StoredBudget } from './state.ts';

export function budgetArn(accountId: string, name: string): string {
  return formatArn('budgets', '', accountId, `budget/${name}`);
}

export function invalidParameter(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterException', message);
}

export function notFound(message: string): AwsServiceError {
  return new AwsServiceError('NotFoundException', message);
}

export function duplicate(recordType: string, recordName: string): AwsServiceError {
  return new AwsServiceError('DuplicateRecordException', `Error creating ${recordType}: ${recordName} - the ${recordType} already exists.`);
}

export function limitExceeded(message: string): AwsServiceError {
  return new AwsServiceError('CreationLimitExceededException', message);
}

/**
 * Budgets take the account id as a parameter; it must be the caller's own account, as AWS checks
 * (IAM decides, and no policy grants one account's budgets to another).
 */
export function budgetsOf(ctx: RequestContext, accountId: string | undefined, action: 'ViewBudget' | 'ModifyBudget', budgetName = '*'): BudgetsState {
  new ProblemList().pattern('accountId', accountId, /^\d{12}$/, '^\\d{12}$').check();
  if (accountId !== ctx.accountId) {
    throw new AwsServiceError('AccessDeniedException', `User: ${ctx.principal.arn} is not authorized to perform: budgets:${action} on resource: ${budgetArn(accountId!, budgetName)}`);
  }
  return ctx.state() as BudgetsState;
}

const BUDGET_NAME = /^[^:\\]+$/;

export function checkBudgetName(problems: ProblemList, path: string, name: string | undefined): ProblemList {
  problems.minLength(path, name, 1).maxLength(path, name, 100).pattern(path, name, BUDGET_NAME, '^(?![^:\\\\]*/action/|(?i).*<script>.*</script>.*)[^:\\\\]+$');
  if (name !== undefined && (/\/action\//.test(name) || /<script>.*<\/script>/i.test(name))) {
    problems.problems.push({ path, kind: 'constraint', value: name, constraint: 'Member must satisfy regular expression pattern: ^(?![^:\\\\]*/action/|(?i).*<script>.*</script>.*)[^:\\\\]+$' });
  }
  return problems;
}

export function findBudget(state: BudgetsState, name: string, verb: string): StoredBudget {
  const budget = state.budgets.get(name);
  if (!budget) throw notFound(`Unable to ${verb} budget: ${name} - the budget doesn't exist.`);
  return budget;
}

// ── notifications and subscribers ───────────────────────────────────────────────────────────────

/** AWS's quotas: five notifications per budget; ten e-mail subscribers and one SNS topic per notification. */
export const MAX_NOTIFICATIONS = 5;
const MAX_EMAIL_SUBSCRIBERS = 10;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SNS_TOPIC = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/;

/** A notification with AWS's defaults (PERCENTAGE threshold, OK state). */
export function checkNotification(notification: BUD.Notification | undefined, path = 'notification'): BUD.Notification {
  const n = notification!;
  new ProblemList()
    .oneOf(`${path}.notificationType`, n.NotificationType, ['ACTUAL', 'FORECASTED'])
    .oneOf(`${path}.comparisonOperator`, n.ComparisonOperator, ['GREATER_THAN', 'LESS_THAN', 'EQUAL_TO'])
    .range(`${path}.threshold`, n.Threshold, 0, 40_000_000_000)
    .oneOf(`${path}.thresholdType`, n.ThresholdType, ['PERCENTAGE', 'ABSOLUTE_VALUE'])
    .oneOf(`${path}.notificationState`, n.NotificationState, ['OK', 'ALARM'])
    .check();
  return { NotificationType: n.NotificationType, ComparisonOperator: n.ComparisonOperator, Threshold: n.Threshold, ThresholdType: n.ThresholdType ?? 'PERCENTAGE', NotificationState: n.NotificationState ?? 'OK' };
}

/** Notifications are identified by type, operator, threshold and threshold type. */
export function sameNotification(a: BUD.Notification, b: BUD.Notification): boolean {
  return a.NotificationType === b.NotificationType && a.ComparisonOperator === b.ComparisonOperator && a.Threshold === b.Threshold && (a.ThresholdType ?? 'PERCENTAGE') === (b.ThresholdType ?? 'PERCENTAGE');
}

export function checkSubscriber(subscriber: BUD.Subscriber | undefined, path = 'subscriber'): BUD.Subscriber {
  const s = subscriber!;
  new ProblemList().oneOf(`${path}.subscriptionType`, s.SubscriptionType, ['SNS', 'EMAIL']).minLength(`${path}.address`, s.Address, 1).check();
  if (s.SubscriptionType === 'EMAIL' && !EMAIL.test(s.Address!)) throw invalidParameter(`Request contains an invalid email address: ${s.Address}`);
  if (s.SubscriptionType === 'SNS' && !SNS_TOPIC.test(s.Address!)) throw invalidParameter(`Request contains an invalid SNS topic ARN: ${s.Address}`);
  return { SubscriptionType: s.SubscriptionType, Address: s.Address };
}

export function sameSubscriber(a: BUD.Subscriber, b: BUD.Subscriber): boolean {
  return a.SubscriptionType === b.SubscriptionType && a.Address === b.Address;
}

/** A notification may have 1–11 subscribers: up to ten e-mail addresses and one SNS topic. */
export function checkSubscriberCount(subscribers: readonly BUD.Subscriber[]): void {
  if (subscribers.length < 1) throw invalidParameter('A notification needs at least one subscriber.');
  const emails = subscribers.filter((s) => s.SubscriptionType === 'EMAIL').length;
  if (emails > MAX_EMAIL_SUBSCRIBERS || subscribers.length - emails > 1) {
    throw limitExceeded(`You've exceeded the subscriber limit: a notification has up to ${MAX_EMAIL_SUBSCRIBERS} e-mail subscribers and one SNS topic.`);
  }
}

// ── paging ──────────────────────────────────────────────────────────────────────────────────────

export function page<T>(items: readonly T[], input: { NextToken?: string; MaxResults?: number }, max: number, scope: unknown): TokenPage<T> {
  new ProblemList().range('maxResults', input.MaxResults, 1, max).check();
  return pageByToken(items, {
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
    defaultMaxResults: 100,
    scope,
    invalidToken: () => new AwsServiceError('InvalidNextTokenException', 'The pagination token is invalid: use the NextToken from the previous response to the same request.'),
  });
}
