/** Runs the hosting, monitoring and cost collectors a scope asks for, in parallel. */
import type { AwsClients } from '../aws/index.ts';
import { collectBudgets } from './collectors/budgets.ts';
import { collectCloudWatch } from './collectors/cloudwatch.ts';
import { collectCostExplorer } from './collectors/cost-explorer.ts';
import { collectLogs } from './collectors/logs.ts';
import { collectEvents } from './collectors/events.ts';
import { collectSageMakerHosting } from './collectors/sagemaker-hosting.ts';
import { collectSageMakerTrainingCost } from './collectors/sagemaker-training-cost.ts';
import type { ObservabilityScope } from './scope-observability.ts';
import type { Inventory } from './types.ts';

type Part = Pick<Inventory, 'sagemakerHosting' | 'cloudwatch' | 'logs' | 'budgets' | 'costExplorer' | 'sagemakerTrainingCost' | 'events'>;

export async function collectObservability(aws: AwsClients, scope: ObservabilityScope, account: { id: string }): Promise<Part> {
  const [sagemakerHosting, cloudwatch, logs, budgets, costExplorer, sagemakerTrainingCost, events] = await Promise.all([
    scope.sagemakerHosting?.endpoints ? collectSageMakerHosting(aws, scope.sagemakerHosting) : undefined,
    scope.cloudwatch?.alarms ? collectCloudWatch(aws) : undefined,
    scope.logs?.logGroups ? collectLogs(aws, scope.logs) : undefined,
    scope.budgets?.budgets ? collectBudgets(aws, scope.budgets, account.id) : undefined,
    scope.costExplorer?.tagKeys?.length ? collectCostExplorer(aws, scope.costExplorer.tagKeys) : undefined,
    scope.sagemakerTrainingCost?.families ? collectSageMakerTrainingCost(aws, scope.sagemakerTrainingCost) : undefined,
    scope.events?.rules ? collectEvents(aws) : undefined,
  ]);
  const part: Part = {};
  if (sagemakerHosting) part.sagemakerHosting = sagemakerHosting;
  if (cloudwatch) part.cloudwatch = cloudwatch;
  if (logs) part.logs = logs;
  if (budgets) part.budgets = budgets;
  if (costExplorer) part.costExplorer = costExplorer;
  if (sagemakerTrainingCost) part.sagemakerTrainingCost = sagemakerTrainingCost;
  if (events) part.events = events;
  return part;
}
