/**
 * What to collect. Labs scope the inventory to their own resources (found by name or tag, never by
 * the ARN setup created), so a learner's other buckets neither slow a check down nor fail it.
 */
export interface ResourceSelector {
  /** Exact names; each is looked up directly and reported missing when absent. */
  names?: string[];
  /** Every resource whose name starts with this (needs a listing). */
  namePrefix?: string;
  /** Every resource carrying all these tags (needs a listing and a tag read per candidate). */
  tags?: Record<string, string>;
}

import { mergeObservabilityScope, type ObservabilityScope } from './scope-observability.ts';

export interface InventoryScope {
  sagemakerHosting?: ObservabilityScope['sagemakerHosting'];
  cloudwatch?: ObservabilityScope['cloudwatch'];
  logs?: ObservabilityScope['logs'];
  budgets?: ObservabilityScope['budgets'];
  costExplorer?: ObservabilityScope['costExplorer'];
  sagemakerTrainingCost?: ObservabilityScope['sagemakerTrainingCost'];
  events?: ObservabilityScope['events'];
  s3?: { buckets?: ResourceSelector; accountPublicAccessBlock?: boolean };
  kms?: { aliases?: boolean; keys?: { aliasNames?: string[]; tags?: Record<string, string> } };
  cloudtrail?: { trails?: boolean };
  iam?: { roles?: ResourceSelector };
  /** EC2 resources by name: security group names, subnet and VPC `Name` tags. */
  ec2?: { securityGroups?: string[]; subnets?: string[]; vpcs?: string[] };
  /** SageMaker notebook instances by name prefix (a family: the lab's name and its replacements). */
  sagemakerNotebooks?: { prefixes: string[]; network?: boolean; lifecycleConfigs?: string[] };
  /** Secrets Manager secrets by name. */
  secretsmanager?: { secrets: string[] };
  /** SageMaker training jobs by name prefix; the newest job of each family is described. */
  sagemakerTraining?: { prefixes: string[] };
  /** SageMaker models by name prefix. */
  sagemakerModels?: { prefixes: string[] };
}

/** Combines scopes: names are united, flags OR-ed. Prefix and tag selectors must agree when both are set. */
export function mergeScopes(scopes: readonly InventoryScope[]): InventoryScope {
  const out: InventoryScope = {};
  for (const scope of scopes) {
    mergeObservabilityScope(out, scope);
    if (scope.s3) {
      out.s3 ??= {};
      out.s3.accountPublicAccessBlock ||= scope.s3.accountPublicAccessBlock;
      if (scope.s3.buckets) out.s3.buckets = mergeSelector(out.s3.buckets, scope.s3.buckets);
    }
    if (scope.kms) {
      out.kms ??= {};
      out.kms.aliases ||= scope.kms.aliases;
      if (scope.kms.keys) {
        out.kms.keys ??= {};
        out.kms.keys.aliasNames = unique([...(out.kms.keys.aliasNames ?? []), ...(scope.kms.keys.aliasNames ?? [])]);
        if (scope.kms.keys.tags) out.kms.keys.tags = { ...out.kms.keys.tags, ...scope.kms.keys.tags };
      }
    }
    if (scope.cloudtrail) {
      out.cloudtrail ??= {};
      out.cloudtrail.trails ||= scope.cloudtrail.trails;
    }
    if (scope.iam) {
      out.iam ??= {};
      if (scope.iam.roles) out.iam.roles = mergeSelector(out.iam.roles, scope.iam.roles);
    }
    if (scope.ec2) {
      out.ec2 ??= {};
      for (const key of ['securityGroups', 'subnets', 'vpcs'] as const) if (scope.ec2[key]) out.ec2[key] = unique([...(out.ec2[key] ?? []), ...scope.ec2[key]]);
    }
    if (scope.secretsmanager) out.secretsmanager = { secrets: unique([...(out.secretsmanager?.secrets ?? []), ...scope.secretsmanager.secrets]) };
    if (scope.sagemakerTraining) out.sagemakerTraining = { prefixes: unique([...(out.sagemakerTraining?.prefixes ?? []), ...scope.sagemakerTraining.prefixes]) };
    if (scope.sagemakerModels) out.sagemakerModels = { prefixes: unique([...(out.sagemakerModels?.prefixes ?? []), ...scope.sagemakerModels.prefixes]) };
    if (scope.sagemakerNotebooks) {
      out.sagemakerNotebooks = {
        prefixes: unique([...(out.sagemakerNotebooks?.prefixes ?? []), ...scope.sagemakerNotebooks.prefixes]),
        network: out.sagemakerNotebooks?.network || scope.sagemakerNotebooks.network,
        lifecycleConfigs: unique([...(out.sagemakerNotebooks?.lifecycleConfigs ?? []), ...(scope.sagemakerNotebooks.lifecycleConfigs ?? [])]),
      };
    }
  }
  return out;
}

function mergeSelector(a: ResourceSelector | undefined, b: ResourceSelector): ResourceSelector {
  if (!a) return { ...b, names: b.names ? unique(b.names) : undefined };
  if (a.namePrefix && b.namePrefix && a.namePrefix !== b.namePrefix) throw new Error(`Cannot merge name prefixes "${a.namePrefix}" and "${b.namePrefix}" in one scope.`);
  return {
    names: a.names || b.names ? unique([...(a.names ?? []), ...(b.names ?? [])]) : undefined,
    namePrefix: a.namePrefix ?? b.namePrefix,
    tags: a.tags || b.tags ? { ...a.tags, ...b.tags } : undefined,
  };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
