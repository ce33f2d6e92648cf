/**
 * Inventory types for hosting, monitoring and cost: SageMaker endpoints (with the endpoint
 * configuration in use, monitoring schedules and auto scaling), CloudWatch alarms, log groups,
 * budgets, cost allocation tags and the training jobs cost checks read. Re-exported from types.ts.
 */
import type { Observed } from './observed.ts';

// ---------------------------------------------------------------- SageMaker hosting

export interface EndpointVariantState {
  variantName: string;
  currentWeight?: number;
  desiredWeight?: number;
  currentInstanceCount?: number;
  desiredInstanceCount?: number;
}

export interface DataCaptureSettings {
  enableCapture: boolean;
  initialSamplingPercentage?: number;
  destinationS3Uri?: string;
  kmsKeyId?: string;
  /** `Input`, `Output` — which halves of each invocation are kept. */
  captureModes: string[];
}

export interface EndpointConfigVariant {
  variantName: string;
  modelName?: string;
  instanceType?: string;
  initialInstanceCount?: number;
  initialVariantWeight?: number;
}

export interface EndpointConfigDetails {
  name: string;
  kmsKeyId?: string;
  variants: EndpointConfigVariant[];
  /** null when the configuration has no DataCaptureConfig. */
  dataCapture: DataCaptureSettings | null;
}

export interface MonitoringNetwork {
  enableNetworkIsolation: boolean;
  enableInterContainerTrafficEncryption: boolean;
  hasVpcConfig: boolean;
}

export interface MonitoringScheduleDetails {
  name: string;
  arn?: string;
  status?: string;
  monitoringType: string;
  scheduleExpression?: string;
  /** The job definition: named (`MonitoringJobDefinitionName`) or inline. */
  jobDefinitionName?: string;
  /** The job's network settings, from the named definition or the inline one. */
  network: Observed<MonitoringNetwork>;
  /** Baseline files the job compares against (S3 URIs); absent when none is configured. */
  baseline: Observed<{ constraintsS3Uri?: string; statisticsS3Uri?: string }>;
}

export interface ScalingPolicyDetails {
  policyName: string;
  policyType?: string;
  /** PredefinedMetricSpecification.PredefinedMetricType, when target tracking uses one. */
  predefinedMetricType?: string;
  targetValue?: number;
}

export interface VariantScaling {
  variantName: string;
  /** null when the variant is not registered as a scalable target. */
  target: { minCapacity: number; maxCapacity: number } | null;
  policies: ScalingPolicyDetails[];
}

export interface HostedEndpoint {
  name: string;
  /** DescribeEndpoint; null when the endpoint does not exist. */
  endpoint: Observed<{
    arn?: string;
    status?: string;
    endpointConfigName?: string;
    variants: EndpointVariantState[];
  } | null>;
  /** The endpoint configuration the endpoint uses now; null when the endpoint does not exist. */
  config: Observed<EndpointConfigDetails | null>;
  tags: Observed<Record<string, string>>;
  /** Monitoring schedules of this endpoint (when the scope asked for them). */
  monitoringSchedules?: Observed<MonitoringScheduleDetails[]>;
  /** Application Auto Scaling of each variant (when the scope asked for it). */
  scaling?: Observed<VariantScaling[]>;
}

export interface SageMakerHostingInventory {
  endpoints: HostedEndpoint[];
}

// ---------------------------------------------------------------- CloudWatch

export interface MetricAlarmSummary {
  name: string;
  arn?: string;
  namespace?: string;
  metricName?: string;
  dimensions: Record<string, string>;
  /** Metric math alarms: every metric the expressions read, namespace/metric/dimensions. */
  metrics: { namespace?: string; metricName?: string; dimensions: Record<string, string> }[];
  actionsEnabled: boolean;
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
  comparisonOperator?: string;
  threshold?: number;
  statistic?: string;
}

export interface CloudWatchInventory {
  /** Every metric alarm in the region. */
  alarms: Observed<MetricAlarmSummary[]>;
}

// ---------------------------------------------------------------- CloudWatch Logs

export interface LogGroupDetails {
  name: string;
  /** DescribeLogGroups; null when the group does not exist. `retentionInDays` absent = never expire. */
  group: Observed<{ arn?: string; retentionInDays?: number; kmsKeyId?: string; storedBytes?: number } | null>;
}

export interface LogsInventory {
  logGroups: LogGroupDetails[];
}

// ---------------------------------------------------------------- Budgets and Cost Explorer

export interface BudgetNotificationDetails {
  notificationType?: string;
  comparisonOperator?: string;
  threshold?: number;
  thresholdType?: string;
  subscribers: { type?: string; address?: string }[];
}

export interface BudgetDetails {
  name: string;
  /** DescribeBudget; null when no budget has this name. */
  budget: Observed<{ budgetType?: string; timeUnit?: string; limitAmount?: number; limitUnit?: string; costFilters: Record<string, string[]> } | null>;
  notifications: Observed<BudgetNotificationDetails[]>;
}

export interface BudgetsInventory {
  budgets: BudgetDetails[];
}

export interface CostExplorerInventory {
  /** ListCostAllocationTags for the keys asked about: key → Active | Inactive; absent keys have never been seen. */
  costAllocationTags: Observed<Record<string, string>>;
}

// ---------------------------------------------------------------- training jobs (cost view)

export interface TrainingJobCostView {
  name: string;
  status?: string;
  creationTime?: string;
  enableManagedSpotTraining: boolean;
  maxRuntimeInSeconds?: number;
  maxWaitTimeInSeconds?: number;
  checkpointS3Uri?: string;
  tags: Observed<Record<string, string>>;
}

/** Training jobs whose names start with `prefix`; a family's latest run is the one graded. */
export interface TrainingJobCostFamily {
  prefix: string;
  jobs: Observed<TrainingJobCostView[]>;
}

export interface SageMakerTrainingCostInventory {
  families: TrainingJobCostFamily[];
}

// ---------------------------------------------------------------- EventBridge

export interface EventRuleDetails {
  name: string;
  arn?: string;
  state?: string;
  /** The event pattern, parsed; null for scheduled rules or an unparseable pattern. */
  pattern: Record<string, unknown> | null;
  targets: Observed<{ id: string; arn: string }[]>;
}

export interface EventsInventory {
  /** Rules on the default event bus. */
  rules: Observed<EventRuleDetails[]>;
}
