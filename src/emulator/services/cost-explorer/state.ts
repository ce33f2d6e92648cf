/**
 * Cost Explorer's state, account-wide: the status of each cost allocation tag key that was ever
 * activated or deactivated. Keys themselves are discovered from the tags on resources
 * (tag-discovery.ts); a key never activated is Inactive. Cost category definitions, by ARN.
 */

export interface TagKeyStatus {
  status: 'Active' | 'Inactive';
  lastUpdatedDate: Date;
}

/** A cost category definition (cost-categories.ts), as given; `effectiveEnd` is never set on a live one. */
export interface StoredCostCategory {
  arn: string;
  name: string;
  effectiveStart: string;
  effectiveEnd?: string;
  ruleVersion: string;
  rules: import('@aws-sdk/client-cost-explorer').CostCategoryRule[];
  splitChargeRules?: import('@aws-sdk/client-cost-explorer').CostCategorySplitChargeRule[];
  defaultValue?: string;
  tags: { Key: string; Value: string }[];
}

export interface CostExplorerState {
  tagStatus: Map<string, TagKeyStatus>;
  /** By ARN. Absent in state persisted before cost categories existed (see createCostExplorerState's callers). */
  costCategories: Map<string, StoredCostCategory>;
}

export function createCostExplorerState(): CostExplorerState {
  return { tagStatus: new Map(), costCategories: new Map() };
}
