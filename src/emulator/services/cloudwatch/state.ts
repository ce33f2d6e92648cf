/**
 * CloudWatch's state in one account and region: metric series with their datapoints, alarms,
 * alarm history and dashboards (kept in us-east-1's state: dashboards are global, like their ARNs).
 * Plain data, so persistence writes it as is.
 */

export interface StoredDimension {
  Name: string;
  Value: string;
}

/**
 * One PutMetricData datum as stored: always as a statistic set, plus the raw values (with their
 * counts) when the datum carried them, so percentiles can be computed.
 */
export interface StoredPoint {
  /** Epoch milliseconds. */
  t: number;
  unit: string;
  n: number;
  sum: number;
  min: number;
  max: number;
  values?: number[];
  counts?: number[];
  /** Sent with StorageResolution 1. */
  highRes?: true;
}

export interface MetricSeries {
  namespace: string;
  metricName: string;
  /** Sorted by name, as ListMetrics reports them. */
  dimensions: StoredDimension[];
  /** Sorted by time. */
  points: StoredPoint[];
  /** When data last arrived (epoch ms): ListMetrics hides series idle for two weeks; RecentlyActive=PT3H. */
  lastPutAt: number;
}

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface MetricStatConfig {
  Metric: { Namespace: string; MetricName: string; Dimensions: StoredDimension[] };
  Period: number;
  Stat: string;
  Unit?: string;
}

export interface MetricQueryConfig {
  Id: string;
  MetricStat?: MetricStatConfig;
  Expression?: string;
  Label?: string;
  ReturnData?: boolean;
  Period?: number;
  AccountId?: string;
}

export interface StoredAlarm {
  kind: 'metric' | 'composite';
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription?: string;
  ActionsEnabled: boolean;
  OKActions: string[];
  AlarmActions: string[];
  InsufficientDataActions: string[];
  AlarmConfigurationUpdatedTimestamp: Date;
  StateValue: AlarmStateValue;
  StateReason: string;
  StateReasonData?: string;
  StateUpdatedTimestamp: Date;
  StateTransitionedTimestamp: Date;
  /** Metric alarms: a single metric … */
  Namespace?: string;
  MetricName?: string;
  Dimensions?: StoredDimension[];
  Statistic?: string;
  ExtendedStatistic?: string;
  Period?: number;
  Unit?: string;
  /** … or metric math. */
  Metrics?: MetricQueryConfig[];
  EvaluationPeriods?: number;
  DatapointsToAlarm?: number;
  Threshold?: number;
  ThresholdMetricId?: string;
  ComparisonOperator?: string;
  TreatMissingData?: string;
  EvaluateLowSampleCountPercentile?: string;
  /** Composite alarms. */
  AlarmRule?: string;
  /** Set by SetAlarmState: evaluation leaves the state alone until the next data or period. */
  manualUntil?: number;
  tags: Record<string, string>;
}

export interface HistoryEntry {
  AlarmName: string;
  AlarmType: 'MetricAlarm' | 'CompositeAlarm';
  Timestamp: Date;
  HistoryItemType: 'ConfigurationUpdate' | 'StateUpdate' | 'Action';
  HistorySummary: string;
  HistoryData: string;
}

export interface Dashboard {
  DashboardName: string;
  DashboardBody: string;
  LastModified: Date;
  tags: Record<string, string>;
}

export interface CloudWatchState {
  series: Map<string, MetricSeries>;
  alarms: Map<string, StoredAlarm>;
  history: HistoryEntry[];
  dashboards: Map<string, Dashboard>;
}

export function createCloudWatchState(): CloudWatchState {
  return { series: new Map(), alarms: new Map(), history: [], dashboards: new Map() };
}
