/** AWS Cost Explorer: cost allocation tags (discovered from resource tags) with their status, GetTags, cost categories, and an empty GetCostAndUsage. */
import { defineService } from '../define-service.ts';
import * as tags from './cost-allocation-tags.ts';
import * as categories from './cost-categories.ts';
import { getCostAndUsage } from './cost-and-usage.ts';
import { COST_EXPLORER_LIMITATIONS } from './limitations.ts';
import { type CostExplorerState, createCostExplorerState } from './state.ts';

export const costExplorer = defineService<CostExplorerState>({
  id: 'ce',
  title: 'AWS Cost Explorer',
  signingName: 'ce',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2017-10-25', targetPrefix: 'AWSInsightsIndexService' },
  loadModel: () => import('@aws-sdk/client-cost-explorer') as Promise<Record<string, unknown>>,
  state: { scope: 'account', create: createCostExplorerState },
  handlers: {
    ListCostAllocationTags: tags.listCostAllocationTags,
    UpdateCostAllocationTagsStatus: tags.updateCostAllocationTagsStatus,
    GetTags: tags.getTags,
    GetCostAndUsage: getCostAndUsage,
    CreateCostCategoryDefinition: categories.createCostCategoryDefinition,
    DescribeCostCategoryDefinition: categories.describeCostCategoryDefinition,
    ListCostCategoryDefinitions: categories.listCostCategoryDefinitions,
    UpdateCostCategoryDefinition: categories.updateCostCategoryDefinition,
    DeleteCostCategoryDefinition: categories.deleteCostCategoryDefinition,
  },
  limitations: COST_EXPLORER_LIMITATIONS,
});
