/**
 * AWS Budgets' state, account-wide (Budgets is a global service): budgets by name, each with its
 * notifications and their subscribers, and its tags. Plain data so persistence writes it as is.
 */
import type * as BUD from '@aws-sdk/client-budgets';

export interface Tag {
  Key: string;
  Value: string;
}

export interface StoredNotification {
  notification: BUD.Notification;
  subscribers: BUD.Subscriber[];
}

export interface StoredBudget {
  /** The budget as DescribeBudget returns it (defaults filled in at creation). */
  budget: BUD.Budget;
  notifications: StoredNotification[];
  tags: Tag[];
}

export interface BudgetsState {
  budgets: Map<string, StoredBudget>;
}

export function createBudgetsState(): BudgetsState {
  return { budgets: new Map() };
}
