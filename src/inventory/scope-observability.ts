/**
 * Scope parts for hosting, monitoring and cost collectors, and how two scopes combine. Kept apart
 * from scope.ts so each service family adds its own lines there.
 */
import type { ResourceSelector } from './scope.ts';

export interface ObservabilityScope {
  /** Endpoints by name; `monitoring` adds their monitoring schedules, `scaling` their auto scaling. */
  sagemakerHosting?: { endpoints?: ResourceSelector; monitoring?: boolean; scaling?: boolean };
  cloudwatch?: { alarms?: boolean };
  logs?: { logGroups?: ResourceSelector };
  budgets?: { budgets?: ResourceSelector };
  /** Cost allocation tag keys whose status is needed. */
  costExplorer?: { tagKeys?: string[] };
  /** Training job families: each name is a prefix, every job whose name starts with it is read. */
  sagemakerTrainingCost?: { families?: ResourceSelector };
  /** Rules on the default event bus. */
  events?: { rules?: boolean };
}

export function mergeObservabilityScope(out: ObservabilityScope, scope: ObservabilityScope): void {
  if (scope.sagemakerHosting) {
    out.sagemakerHosting ??= {};
    out.sagemakerHosting.monitoring ||= scope.sagemakerHosting.monitoring;
    out.sagemakerHosting.scaling ||= scope.sagemakerHosting.scaling;
    out.sagemakerHosting.endpoints = unionNames(out.sagemakerHosting.endpoints, scope.sagemakerHosting.endpoints);
  }
  if (scope.cloudwatch) {
    out.cloudwatch ??= {};
    out.cloudwatch.alarms ||= scope.cloudwatch.alarms;
  }
  if (scope.logs) out.logs = { logGroups: unionNames(out.logs?.logGroups, scope.logs.logGroups) };
  if (scope.budgets) out.budgets = { budgets: unionNames(out.budgets?.budgets, scope.budgets.budgets) };
  if (scope.costExplorer) out.costExplorer = { tagKeys: [...new Set([...(out.costExplorer?.tagKeys ?? []), ...(scope.costExplorer.tagKeys ?? [])])] };
  if (scope.events) out.events = { rules: Boolean(out.events?.rules || scope.events.rules) };
  if (scope.sagemakerTrainingCost) out.sagemakerTrainingCost = { families: unionNames(out.sagemakerTrainingCost?.families, scope.sagemakerTrainingCost.families) };
}

/** These collectors select by exact name only; names are united. */
function unionNames(a: ResourceSelector | undefined, b: ResourceSelector | undefined): ResourceSelector | undefined {
  if (!a && !b) return undefined;
  return { names: [...new Set([...(a?.names ?? []), ...(b?.names ?? [])])] };
}
