/** `src/inventory` — collectors that read a target through `src/aws` into typed snapshots. */
export { collectInventory } from './collect.ts';
export { mergeScopes, type InventoryScope, type ResourceSelector } from './scope.ts';
export { observe, observedError, observedValue, mapObserved, type Observed } from './observed.ts';
export { paginate, mapLimit, type Page } from './paginate.ts';
export type * from './types.ts';
