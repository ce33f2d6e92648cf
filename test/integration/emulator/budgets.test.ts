/**
 * AWS Budgets through the real SDK over HTTP — a global service the SDK signs for us-east-1 whatever
 * the client's region: budgets with AWS's defaults, the AccountId check, notifications and their
 * subscribers, tags, paging and AWS's errors.
 */
import * as B from '@aws-sdk/client-budgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError } from './support.ts';
import { asAccount, type Clocked, clockedEmulator } from './org-cost-support.ts';

const ACCOUNT = '246802468024';
const alert: B.Notification = { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' };
const forecast: B.Notification = { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 100 };
const email = (address: string): B.Subscriber => ({ SubscriptionType: 'EMAIL', Address: address });

describe('Budgets', () => {
  let c: Clocked;
  let budgets: B.BudgetsClient;
  beforeAll(async () => {
    c = await clockedEmulator();
    // Any client region works: Budgets is global and its state is the account's.
    budgets = new B.BudgetsClient(asAccount(c.emu.url, ACCOUNT, 'eu-west-1'));
  });
  afterAll(() => c.emu.stop());

  const monthly = (name: string, amount = '500'): B.Budget => ({ BudgetName: name, BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: amount, Unit: 'USD' }, CostFilters: { TagKeyValue: ['user:Project$churn'] } });

  it('creates a cost budget with AWS defaults and describes it', async () => {
    await budgets.send(new B.CreateBudgetCommand({ AccountId: ACCOUNT, Budget: monthly('ml-training'), NotificationsWithSubscribers: [{ Notification: alert, Subscribers: [email('ml-team@example.com'), { SubscriptionType: 'SNS', Address: `arn:aws:sns:us-east-1:${ACCOUNT}:budget-alerts` }] }], ResourceTags: [{ Key: 'Project', Value: 'churn' }] }));
    const { Budget } = await budgets.send(new B.DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'ml-training' }));
    expect(Budget).toEqual({
      BudgetName: 'ml-training',
      BudgetType: 'COST',
      TimeUnit: 'MONTHLY',
      BudgetLimit: { Amount: '500', Unit: 'USD' },
      CostFilters: { TagKeyValue: ['user:Project$churn'] },
      CostTypes: { IncludeTax: true, IncludeSubscription: true, UseBlended: false, IncludeRefund: true, IncludeCredit: true, IncludeUpfront: true, IncludeRecurring: true, IncludeOtherSubscription: true, IncludeSupport: true, IncludeDiscount: true, UseAmortized: false },
      TimePeriod: { Start: new Date('2026-11-01T00:00:00Z'), End: new Date('2087-06-15T00:00:00Z') },
      CalculatedSpend: { ActualSpend: { Amount: '0', Unit: 'USD' }, ForecastedSpend: { Amount: '0', Unit: 'USD' } },
      LastUpdatedTime: c.now(),
    });
    const dup = await awsError(() => budgets.send(new B.CreateBudgetCommand({ AccountId: ACCOUNT, Budget: monthly('ml-training') })));
    expect([dup.name, dup.message, dup.$metadata.httpStatusCode]).toEqual(['DuplicateRecordException', 'Error creating budget: ml-training - the budget already exists.', 409]);
    expect((await budgets.send(new B.ListTagsForResourceCommand({ ResourceARN: `arn:aws:budgets::${ACCOUNT}:budget/ml-training` }))).ResourceTags).toEqual([{ Key: 'Project', Value: 'churn' }]);
  });

  it('refuses budgets of another account, budgets without a limit, and bad names', async () => {
    const other = await awsError(() => budgets.send(new B.DescribeBudgetsCommand({ AccountId: '111111111111' })));
    expect([other.name, other.message, other.$metadata.httpStatusCode]).toEqual(['AccessDeniedException', `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: budgets:ViewBudget on resource: arn:aws:budgets::111111111111:budget/*`, 403]);
    const create = await awsError(() => budgets.send(new B.CreateBudgetCommand({ AccountId: '111111111111', Budget: monthly('x') })));
    expect(create.message).toContain('budgets:ModifyBudget on resource: arn:aws:budgets::111111111111:budget/x');
    const noLimit = await awsError(() => budgets.send(new B.CreateBudgetCommand({ AccountId: ACCOUNT, Budget: { BudgetName: 'no-limit', BudgetType: 'COST', TimeUnit: 'MONTHLY' } })));
    expect([noLimit.name, noLimit.message]).toEqual(['InvalidParameterException', 'Unable to create/update budget - please provide one of the followings: Budget Limit/ Planned Budget Limit/ Auto Adjust Data']);
    const badName = await awsError(() => budgets.send(new B.CreateBudgetCommand({ AccountId: ACCOUNT, Budget: monthly('team:ml') })));
    expect(badName.name).toBe('InvalidParameterException');
    expect(badName.message).toContain("Value 'team:ml' at 'budget.budgetName' failed to satisfy constraint");
    const badAmount = await awsError(() => budgets.send(new B.CreateBudgetCommand({ AccountId: ACCOUNT, Budget: monthly('bad-amount', 'lots') })));
    expect(badAmount.name).toBe('InvalidParameterException');
    const badType = await awsError(() => budgets.send(new B.CreateBudgetCommand({ AccountId: ACCOUNT, Budget: { ...monthly('bad-type'), TimeUnit: 'WEEKLY' as B.TimeUnit } })));
    expect(badType.message).toContain("at 'budget.timeUnit' failed to satisfy constraint: Member must satisfy enum value set: [DAILY, MONTHLY, QUARTERLY, ANNUALLY, CUSTOM]");
    const badAccount = await awsError(() => budgets.send(new B.DescribeBudgetsCommand({ AccountId: '123' })));
    expect(badAccount.name).toBe('InvalidParameterException');
    const missing = await awsError(() => budgets.send(new B.DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'nope' })));
    expect([missing.name, missing.message, missing.$metadata.httpStatusCode]).toEqual(['NotFoundException', "Unable to get budget: nope - the budget doesn't exist.", 404]);
  });

  it('updates and deletes budgets, and pages through them', async () => {
    c.advance(60_000);
    await budgets.send(new B.UpdateBudgetCommand({ AccountId: ACCOUNT, NewBudget: { ...monthly('ml-training', '750'), TimeUnit: 'QUARTERLY' } }));
    const { Budget } = await budgets.send(new B.DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'ml-training' }));
    expect([Budget!.BudgetLimit!.Amount, Budget!.TimeUnit, Budget!.LastUpdatedTime]).toEqual(['750', 'QUARTERLY', c.now()]);
    const retype = await awsError(() => budgets.send(new B.UpdateBudgetCommand({ AccountId: ACCOUNT, NewBudget: { ...monthly('ml-training'), BudgetType: 'USAGE' } })));
    expect(retype.name).toBe('InvalidParameterException');
    const noBudget = await awsError(() => budgets.send(new B.UpdateBudgetCommand({ AccountId: ACCOUNT, NewBudget: monthly('ghost') })));
    expect([noBudget.name, noBudget.message]).toEqual(['NotFoundException', "Unable to update budget: ghost - the budget doesn't exist."]);
    for (const name of ['a-usage', 'b-daily', 'c-custom']) {
      const extra: B.Budget = name === 'c-custom' ? { ...monthly(name), TimeUnit: 'CUSTOM', TimePeriod: { Start: new Date('2026-12-01T00:00:00Z'), End: new Date('2027-03-01T00:00:00Z') } } : name === 'a-usage' ? { ...monthly(name), BudgetType: 'USAGE', BudgetLimit: { Amount: '100', Unit: 'GB' } } : { ...monthly(name), TimeUnit: 'DAILY' };
      await budgets.send(new B.CreateBudgetCommand({ AccountId: ACCOUNT, Budget: extra }));
    }
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await budgets.send(new B.DescribeBudgetsCommand({ AccountId: ACCOUNT, MaxResults: 3, NextToken: token }));
      names.push(...page.Budgets!.map((b) => b.BudgetName!));
      token = page.NextToken;
    } while (token);
    expect(names).toEqual(['a-usage', 'b-daily', 'c-custom', 'ml-training']);
    const usage = (await budgets.send(new B.DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'a-usage' }))).Budget!;
    expect(usage.CostTypes).toBeUndefined();
    expect((await budgets.send(new B.DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'b-daily' }))).Budget!.TimePeriod!.Start).toEqual(new Date('2026-11-26T00:00:00Z'));
    await budgets.send(new B.DeleteBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'b-daily' }));
    const deleted = await awsError(() => budgets.send(new B.DeleteBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'b-daily' })));
    expect([deleted.name, deleted.message]).toEqual(['NotFoundException', "Unable to delete budget: b-daily - the budget doesn't exist. Try creating it first. "]);
    const badToken = await awsError(() => budgets.send(new B.DescribeBudgetsCommand({ AccountId: ACCOUNT, NextToken: 'bogus' })));
    expect(badToken.name).toBe('InvalidNextTokenException');
  });

  it('manages notifications and subscribers with AWS errors and quotas', async () => {
    const budget = { AccountId: ACCOUNT, BudgetName: 'ml-training' };
    expect((await budgets.send(new B.DescribeNotificationsForBudgetCommand(budget))).Notifications).toEqual([{ ...alert, NotificationState: 'OK' }]);
    await budgets.send(new B.CreateNotificationCommand({ ...budget, Notification: forecast, Subscribers: [email('lead@example.com')] }));
    const dup = await awsError(() => budgets.send(new B.CreateNotificationCommand({ ...budget, Notification: forecast, Subscribers: [email('x@example.com')] })));
    expect([dup.name, dup.message]).toEqual(['DuplicateRecordException', 'Error creating notification: ml-training - the notification already exists.']);
    expect((await budgets.send(new B.DescribeSubscribersForNotificationCommand({ ...budget, Notification: alert }))).Subscribers).toEqual([email('ml-team@example.com'), { SubscriptionType: 'SNS', Address: `arn:aws:sns:us-east-1:${ACCOUNT}:budget-alerts` }]);
    await budgets.send(new B.CreateSubscriberCommand({ ...budget, Notification: forecast, Subscriber: email('finance@example.com') }));
    const dupSubscriber = await awsError(() => budgets.send(new B.CreateSubscriberCommand({ ...budget, Notification: forecast, Subscriber: email('finance@example.com') })));
    expect([dupSubscriber.name, dupSubscriber.message]).toEqual(['DuplicateRecordException', 'Error creating subscriber: finance@example.com - the subscriber already exists.']);
    await budgets.send(new B.UpdateSubscriberCommand({ ...budget, Notification: forecast, OldSubscriber: email('finance@example.com'), NewSubscriber: email('finops@example.com') }));
    expect((await budgets.send(new B.DescribeSubscribersForNotificationCommand({ ...budget, Notification: forecast }))).Subscribers).toEqual([email('lead@example.com'), email('finops@example.com')]);
    const secondSns = await awsError(() => budgets.send(new B.CreateSubscriberCommand({ ...budget, Notification: alert, Subscriber: { SubscriptionType: 'SNS', Address: `arn:aws:sns:us-east-1:${ACCOUNT}:other` } })));
    expect(secondSns.name).toBe('CreationLimitExceededException');
    const badEmail = await awsError(() => budgets.send(new B.CreateSubscriberCommand({ ...budget, Notification: alert, Subscriber: email('not-an-address') })));
    expect([badEmail.name, badEmail.message]).toEqual(['InvalidParameterException', 'Request contains an invalid email address: not-an-address']);
    const updated = { ...forecast, Threshold: 120 };
    await budgets.send(new B.UpdateNotificationCommand({ ...budget, OldNotification: forecast, NewNotification: updated }));
    expect((await budgets.send(new B.DescribeNotificationsForBudgetCommand(budget))).Notifications!.map((n) => n.Threshold)).toEqual([80, 120]);
    await budgets.send(new B.DeleteSubscriberCommand({ ...budget, Notification: updated, Subscriber: email('lead@example.com') }));
    // Deleting the last subscriber deletes the notification too.
    await budgets.send(new B.DeleteSubscriberCommand({ ...budget, Notification: updated, Subscriber: email('finops@example.com') }));
    expect((await budgets.send(new B.DescribeNotificationsForBudgetCommand(budget))).Notifications!.map((n) => n.Threshold)).toEqual([80]);
    const gone = await awsError(() => budgets.send(new B.DeleteNotificationCommand({ ...budget, Notification: updated })));
    expect([gone.name, gone.message]).toEqual(['NotFoundException', "Unable to delete notification - the notification doesn't exist."]);
    await budgets.send(new B.DeleteNotificationCommand({ ...budget, Notification: alert }));
    expect((await budgets.send(new B.DescribeNotificationsForBudgetCommand(budget))).Notifications).toEqual([]);
    for (let threshold = 10; threshold <= 50; threshold += 10) await budgets.send(new B.CreateNotificationCommand({ ...budget, Notification: { ...alert, Threshold: threshold }, Subscribers: [email('a@example.com')] }));
    const sixth = await awsError(() => budgets.send(new B.CreateNotificationCommand({ ...budget, Notification: { ...alert, Threshold: 60 }, Subscribers: [email('a@example.com')] })));
    expect(sixth.name).toBe('CreationLimitExceededException');
    const noBudget = await awsError(() => budgets.send(new B.CreateNotificationCommand({ AccountId: ACCOUNT, BudgetName: 'ghost', Notification: alert, Subscribers: [email('a@example.com')] })));
    expect([noBudget.name, noBudget.message]).toEqual(['NotFoundException', "Unable to create notification - the budget doesn't exist."]);
  });

  it('tags budgets by ARN', async () => {
    const arn = `arn:aws:budgets::${ACCOUNT}:budget/ml-training`;
    await budgets.send(new B.TagResourceCommand({ ResourceARN: arn, ResourceTags: [{ Key: 'CostCenter', Value: '42' }, { Key: 'Project', Value: 'churn-v2' }] }));
    await budgets.send(new B.UntagResourceCommand({ ResourceARN: arn, ResourceTagKeys: ['CostCenter'] }));
    expect((await budgets.send(new B.ListTagsForResourceCommand({ ResourceARN: arn }))).ResourceTags).toEqual([{ Key: 'Project', Value: 'churn-v2' }]);
    const missing = await awsError(() => budgets.send(new B.ListTagsForResourceCommand({ ResourceARN: `arn:aws:budgets::${ACCOUNT}:budget/ghost` })));
    expect(missing.name).toBe('NotFoundException');
    const foreign = await awsError(() => budgets.send(new B.ListTagsForResourceCommand({ ResourceARN: 'arn:aws:budgets::111111111111:budget/theirs' })));
    expect(foreign.name).toBe('AccessDeniedException');
    const reserved = await awsError(() => budgets.send(new B.TagResourceCommand({ ResourceARN: arn, ResourceTags: [{ Key: 'aws:owner', Value: 'me' }] })));
    expect(reserved.name).toBe('InvalidParameterException');
  });
});
