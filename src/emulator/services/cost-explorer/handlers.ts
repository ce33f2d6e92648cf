/** The AWS Cost Explorer operation handlers, loaded on the service's first call (service.ts lists their names). */
import type { Handler } from '../define-service.ts';
import * as tags from './cost-allocation-tags.ts';
import * as categories from './cost-categories.ts';
import { getCostAndUsage } from './cost-and-usage.ts';
import type { CostExplorerState } from './state.ts';

export const COST_EXPLORER_HANDLERS: Readonly<Record<string, Handler<any, any, CostExplorerState>>> = {
  ListCostAllocationTags: tags.listCostAllocationTags,
  UpdateCostAllocationTagsStatus: tags.updateCostAllocationTagsStatus,
  GetTags: tags.getTags,
  GetCostAndUsage: getCostAndUsage,
  CreateCostCategoryDefinition: categories.createCostCategoryDefinition,
  DescribeCostCategoryDefinition: categories.describeCostCategoryDefinition,
  ListCostCategoryDefinitions: categories.listCostCategoryDefinitions,
  UpdateCostCategoryDefinition: categories.updateCostCategoryDefinition,
  DeleteCostCategoryDefinition: categories.deleteCostCategoryDefinition,
};
