/** Budgets themselves: CreateBudget, DescribeBudget(s), UpdateBudget, DeleteBudget. */
import type * as BUD from '@aws-sdk/client-budgets';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import {
  budgetsOf, checkBudgetName, checkNotification, checkSubscriber, checkSubscriberCount, duplicate, findBudget, invalidParameter, limitExceeded, MAX_NOTIFICATIONS, notFound, page, sameNotification,
} from './common.ts';
import type { StoredNotification } from './state.ts';
import { checkResourceTags } from './tags.ts';

const BUDGET_TYPES = ['USAGE', 'COST', 'RI_UTILIZATION', 'RI_COVERAGE', 'SAVINGS_PLANS_UTILIZATION', 'SAVINGS_PLANS_COVERAGE'];
const TIME_UNITS = ['DAILY', 'MONTHLY', 'QUARTERLY', 'ANNUALLY', 'CUSTOM'];
/** Budgets without an end run until 2087-06-15, as AWS shows them. */
const OPEN_END = new Date('2087-06-15T00:00:00Z');

/** The cost types AWS applies to a COST budget that names none. */
const DEFAULT_COST_TYPES: BUD.CostTypes = {
  IncludeTax: true,
  IncludeSubscription: true,
  UseBlended: false,
  IncludeRefund: true,
  IncludeCredit: true,
  IncludeUpfront: true,
  IncludeRecurring: true,
  IncludeOtherSubscription: true,
  IncludeSupport: true,
  IncludeDiscount: true,
  UseAmortized: false,
};

/** The start of the current period for a time unit (UTC), AWS's default TimePeriod.Start. */
function periodStart(now: Date, unit: string): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  switch (unit) {
    case 'DAILY': return new Date(Date.UTC(y, m, now.getUTCDate()));
    case 'QUARTERLY': return new Date(Date.UTC(y, m - (m % 3), 1));
    case 'ANNUALLY': return new Date(Date.UTC(y, 0, 1));
    default: return new Date(Date.UTC(y, m, 1));
  }
}

function checkSpend(spend: BUD.Spend | undefined, path: string): void {
  if (spend === undefined) return;
  new ProblemList().minLength(`${path}.amount`, spend.Amount, 1).maxLength(`${path}.amount`, spend.Amount, 2147483647).minLength(`${path}.unit`, spend.Unit, 1).check();
  if (!/^([0-9]*\.)?[0-9]+$/.test(spend.Amount!)) throw invalidParameter(`Unable to create/update budget - the amount ${spend.Amount} in ${path} is not a non-negative number.`);
}

/** Validates a budget and fills in AWS's defaults (time period, cost types, calculated spend). */
function normalizeBudget(input: BUD.Budget, ctx: RequestContext, existing?: BUD.Budget): BUD.Budget {
  const problems = checkBudgetName(new ProblemList(), 'budget.budgetName', input.BudgetName);
  problems.oneOf('budget.budgetType', input.BudgetType, BUDGET_TYPES).oneOf('budget.timeUnit', input.TimeUnit, TIME_UNITS).check();
  checkSpend(input.BudgetLimit, 'budget.budgetLimit');
  for (const [key, spend] of Object.entries(input.PlannedBudgetLimits ?? {})) checkSpend(spend, `budget.plannedBudgetLimits.${key}`);
  const needsLimit = input.BudgetType === 'COST' || input.BudgetType === 'USAGE';
  if (needsLimit && !input.BudgetLimit && !input.PlannedBudgetLimits && !input.AutoAdjustData) {
    throw invalidParameter('Unable to create/update budget - please provide one of the followings: Budget Limit/ Planned Budget Limit/ Auto Adjust Data');
  }
  if (input.BudgetLimit && input.PlannedBudgetLimits) throw invalidParameter('Unable to create/update budget - a budget has either a BudgetLimit or PlannedBudgetLimits, not both.');
  const start = input.TimePeriod?.Start ?? existing?.TimePeriod?.Start ?? periodStart(ctx.now, input.TimeUnit!);
  const end = input.TimePeriod?.End ?? existing?.TimePeriod?.End ?? OPEN_END;
  if (end <= start) throw invalidParameter('Unable to create/update budget - the end of the time period must be later than its start.');
  if (input.TimeUnit === 'CUSTOM' && !input.TimePeriod?.End && !existing?.TimePeriod?.End) throw invalidParameter('Unable to create/update budget - a CUSTOM budget needs a TimePeriod with a Start and an End.');
  const unit = input.BudgetLimit?.Unit ?? 'USD';
  return {
    BudgetName: input.BudgetName,
    BudgetLimit: input.BudgetLimit,
    PlannedBudgetLimits: input.PlannedBudgetLimits,
    CostFilters: input.CostFilters,
    CostTypes: input.BudgetType === 'COST' ? { ...DEFAULT_COST_TYPES, ...input.CostTypes } : input.CostTypes,
    TimeUnit: input.TimeUnit,
    TimePeriod: { Start: start, End: end },
    CalculatedSpend: { ActualSpend: { Amount: '0', Unit: unit }, ForecastedSpend: { Amount: '0', Unit: unit } },
    BudgetType: input.BudgetType,
    LastUpdatedTime: ctx.now,
    AutoAdjustData: input.AutoAdjustData,
    FilterExpression: input.FilterExpression,
    Metrics: input.Metrics,
  };
}

export function createBudget(input: BUD.CreateBudgetRequest, ctx: RequestContext): Output<unknown> {
  const state = budgetsOf(ctx, input.AccountId, 'ModifyBudget', input.Budget?.BudgetName);
  const budget = normalizeBudget(input.Budget!, ctx);
  const tags = checkResourceTags(input.ResourceTags);
  const notifications: StoredNotification[] = [];
  for (const [i, entry] of (input.NotificationsWithSubscribers ?? []).entries()) {
    const notification = checkNotification(entry.Notification, `notificationsWithSubscribers.${i + 1}.member.notification`);
    const subscribers = (entry.Subscribers ?? []).map((s, j) => checkSubscriber(s, `notificationsWithSubscribers.${i + 1}.member.subscribers.${j + 1}.member`));
    checkSubscriberCount(subscribers);
    if (notifications.some((n) => sameNotification(n.notification, notification))) throw duplicate('notification', budget.BudgetName!);
    notifications.push({ notification, subscribers });
  }
  if (notifications.length > MAX_NOTIFICATIONS) throw limitExceeded(`You've exceeded the notification limit: a budget has up to ${MAX_NOTIFICATIONS} notifications.`);
  if (state.budgets.has(budget.BudgetName!)) throw duplicate('budget', budget.BudgetName!);
  state.budgets.set(budget.BudgetName!, { budget, notifications, tags });
  return {};
}

export function describeBudget(input: BUD.DescribeBudgetRequest, ctx: RequestContext): Output<BUD.DescribeBudgetResponse> {
  const state = budgetsOf(ctx, input.AccountId, 'ViewBudget', input.BudgetName);
  checkBudgetName(new ProblemList(), 'budgetName', input.BudgetName).check();
  return { Budget: findBudget(state, input.BudgetName!, 'get').budget };
}

export function describeBudgets(input: BUD.DescribeBudgetsRequest, ctx: RequestContext): Output<BUD.DescribeBudgetsResponse> {
  const state = budgetsOf(ctx, input.AccountId, 'ViewBudget');
  const budgets = [...state.budgets.values()].map((b) => b.budget).sort((a, b) => a.BudgetName!.localeCompare(b.BudgetName!));
  const { items, nextToken } = page(budgets, input, 1000, 'budgets');
  return { Budgets: items, NextToken: nextToken };
}

export function updateBudget(input: BUD.UpdateBudgetRequest, ctx: RequestContext): Output<unknown> {
  const state = budgetsOf(ctx, input.AccountId, 'ModifyBudget', input.NewBudget?.BudgetName);
  checkBudgetName(new ProblemList(), 'newBudget.budgetName', input.NewBudget?.BudgetName).check();
  const stored = state.budgets.get(input.NewBudget!.BudgetName!);
  if (!stored) throw notFound(`Unable to update budget: ${input.NewBudget!.BudgetName} - the budget doesn't exist.`);
  if (input.NewBudget!.BudgetType !== stored.budget.BudgetType) throw invalidParameter(`Unable to update budget: ${stored.budget.BudgetName} - the budget type can't be changed (it is ${stored.budget.BudgetType}).`);
  stored.budget = normalizeBudget(input.NewBudget!, ctx, stored.budget);
  return {};
}

export function deleteBudget(input: BUD.DeleteBudgetRequest, ctx: RequestContext): Output<unknown> {
  const state = budgetsOf(ctx, input.AccountId, 'ModifyBudget', input.BudgetName);
  checkBudgetName(new ProblemList(), 'budgetName', input.BudgetName).check();
  if (!state.budgets.delete(input.BudgetName!)) throw notFound(`Unable to delete budget: ${input.BudgetName} - the budget doesn't exist. Try creating it first. `);
  return {};
}
