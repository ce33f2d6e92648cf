/**
 * Cost Explorer's state, account-wide: the status of each cost allocation tag key that was ever
 * activated or deactivated. Keys themselves are discovered from the tags on resources
 * (tag-discovery.ts); a key never activated is Inactive.
 */

export interface TagKeyStatus {
  status: 'Active' | 'Inactive';
  lastUpdatedDate: Date;
}

export interface CostExplorerState {
  tagStatus: Map<string, TagKeyStatus>;
}

export function createCostExplorerState(): CostExplorerState {
  return { tagStatus: new Map() };
}
