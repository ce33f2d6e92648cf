/** CloudWatch Logs' state in one account and region. Plain data, persisted as is. */

export interface StoredLogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

export interface LogStreamState {
  logStreamName: string;
  creationTime: number;
  /** Sorted by timestamp (ties by ingestion). */
  events: StoredLogEvent[];
  storedBytes: number;
  lastIngestionTime?: number;
}

export interface MetricTransformationState {
  metricName: string;
  metricNamespace: string;
  metricValue: string;
  defaultValue?: number;
  dimensions?: Record<string, string>;
  unit?: string;
}

export interface MetricFilterState {
  filterName: string;
  filterPattern: string;
  metricTransformations: MetricTransformationState[];
  creationTime: number;
  applyOnTransformedLogs: boolean;
}

export interface SubscriptionFilterState {
  filterName: string;
  filterPattern: string;
  destinationArn: string;
  roleArn?: string;
  distribution: string;
  creationTime: number;
  applyOnTransformedLogs: boolean;
}

export interface LogGroupState {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  kmsKeyId?: string;
  logGroupClass: string;
  deletionProtectionEnabled: boolean;
  tags: Record<string, string>;
  streams: Map<string, LogStreamState>;
  metricFilters: Map<string, MetricFilterState>;
  subscriptionFilters: Map<string, SubscriptionFilterState>;
}

export interface InsightsQueryState {
  queryId: string;
  queryString: string;
  logGroupNames: string[];
  createTime: number;
  status: 'Complete' | 'Cancelled' | 'Failed';
  results: { field: string; value: string }[][];
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number; logGroupsScanned: number };
}

export interface ResourcePolicyState {
  policyName: string;
  policyDocument: string;
  lastUpdatedTime: number;
}

export interface LogsState {
  groups: Map<string, LogGroupState>;
  queries: Map<string, InsightsQueryState>;
  resourcePolicies: Map<string, ResourcePolicyState>;
  /** Source of event ids, unique within the region. */
  eventSeq: number;
}

export function createLogsState(): LogsState {
  return { groups: new Map(), queries: new Map(), resourcePolicies: new Map(), eventSeq: 0 };
}
