/** AWS Cost Explorer: cost allocation tags (discovered from resource tags) with their status, GetTags, cost categories, and an empty GetCostAndUsage. */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { COST_EXPLORER_LIMITATIONS } from './limitations.ts';
import { type CostExplorerState, createCostExplorerState } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const COST_EXPLORER_OPERATIONS: readonly string[] = [
  'ListCostAllocationTags', 'UpdateCostAllocationTagsStatus', 'GetTags', 'GetCostAndUsage', 'CreateCostCategoryDefinition',
  'DescribeCostCategoryDefinition', 'ListCostCategoryDefinitions', 'UpdateCostCategoryDefinition', 'DeleteCostCategoryDefinition',
];

export const costExplorer = defineService<CostExplorerState>({
  id: 'ce',
  title: 'AWS Cost Explorer',
  signingName: 'ce',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2017-10-25', targetPrefix: 'AWSInsightsIndexService' },
  loadModel: () => import('@aws-sdk/client-cost-explorer') as Promise<Record<string, unknown>>,
  state: { scope: 'account', create: createCostExplorerState },
  handlers: lazyHandlers(COST_EXPLORER_OPERATIONS, async () => (await import('./handlers.ts')).COST_EXPLORER_HANDLERS),
  limitations: COST_EXPLORER_LIMITATIONS,
});
