/** Where the emulated AWS Budgets knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const BUDGETS_LIMITATIONS: readonly Limitation[] = [
  { text: 'There is no billing data: CalculatedSpend is always 0, so notifications never fire and no e-mail or SNS message is sent. Budget actions, performance history and billing views are not emulated.' },
  { text: 'CostFilters, FilterExpression and Metrics are stored as given; their keys and values are not checked against AWS\'s dimensions.' },
  { text: 'The AccountId parameter must be the caller\'s account: any other gets AccessDeniedException (budgets:ViewBudget / budgets:ModifyBudget), also for an organization\'s management account.' },
  { text: 'Quotas: five notifications per budget, ten e-mail subscribers and one SNS topic per notification, 50 tags per budget. Some validation messages are the emulator\'s own wording.' },
];
