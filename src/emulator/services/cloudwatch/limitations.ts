/** Where the emulated CloudWatch knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const CLOUDWATCH_LIMITATIONS: readonly Limitation[] = [
  { text: 'Served over both wire forms: awsJson1_0 with awsQuery-compatible errors (current SDKs and AWS CLI) and awsQuery (older CLIs and SDKs). The Smithy RPC v2 CBOR form is not served.' },
  { text: 'Alarms are evaluated lazily, as of the request time: when data for their metric arrives and when alarms or their history are described. There are no background timers. Periods are aligned to the epoch; the evaluation window ends with the current, still-filling period as soon as it has data (so an alarm reacts to new data at once instead of within a minute), and with the last complete period otherwise.' },
  { text: 'Alarm actions are recorded, not performed: each executed action appears in DescribeAlarmHistory as "Successfully executed action <arn>". Every state change is also published to EventBridge as a "CloudWatch Alarm State Change" event.' },
  { text: 'Metric data is kept for 15 months and at most 200,000 datapoints per metric; alarm history for 30 days and at most 10,000 items per region.' },
  { operation: 'PutMetricData', text: 'EntityMetricData and StrictEntityValidation are accepted and ignored. Data is stored at full resolution; there is no roll-up of old data to coarser periods.' },
  { operation: 'GetMetricData', text: 'Metric math supports numbers, ids, + - * / ^, arrays, SUM AVG MIN MAX STDDEV ABS CEIL FLOOR FILL METRICS DIFF RATE RUNNING_SUM. Other functions (ANOMALY_DETECTION_BAND, SEARCH, INSIGHT_RULE_METRIC, IF, …) and Metrics Insights queries answer a ValidationError naming the function; those messages are the emulator\'s own. Statistics: SampleCount, Sum, Average, Minimum, Maximum and percentiles pNN(.NN); trimmed means and other extended statistics are refused. LabelOptions are ignored.' },
  { operation: 'GetMetricStatistics', text: 'Percentiles are computed by nearest rank over the raw values; periods that contain statistic sets (StatisticValues) have no percentiles.' },
  { operation: 'PutMetricAlarm', text: 'Anomaly detection band alarms (ThresholdMetricId), PromQL alarms and cross-account metric queries are refused; EvaluateLowSampleCountPercentile is stored but does not change evaluation. Alarms may be created on any namespace, including AWS/* metrics the emulator itself records.' },
  { operation: 'PutCompositeAlarm', text: 'Action suppressors are not supported. Rules support ALARM/OK/INSUFFICIENT_DATA(name or ARN), TRUE, FALSE, AND, OR, NOT and parentheses.' },
  { operation: 'SetAlarmState', text: 'The state set holds for 60 seconds of request time; the next evaluation after that returns the alarm to its actual state.' },
  { operation: 'PutDashboard', text: 'DashboardBody is checked against the main rules of the dashboard schema (widget types, positions and sizes, required properties, metric arrays); deeper widget options are not validated.' },
];
