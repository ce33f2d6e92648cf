/**
 * Amazon CloudWatch: metrics (PutMetricData, GetMetricStatistics, GetMetricData, ListMetrics),
 * alarms evaluated from the stored data, alarm history, dashboards and tags. It is also the
 * emulator's metric sink (core/metrics.ts): other services record AWS/* metrics here.
 */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { CLOUDWATCH_LIMITATIONS } from './limitations.ts';
import * as data from './metric-data.ts';
import { type CloudWatchState, createCloudWatchState } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const CLOUDWATCH_OPERATIONS: readonly string[] = [
  'PutMetricData', 'ListMetrics', 'GetMetricStatistics', 'GetMetricData', 'PutMetricAlarm',
  'PutCompositeAlarm', 'DescribeAlarms', 'DescribeAlarmsForMetric', 'DeleteAlarms', 'SetAlarmState',
  'EnableAlarmActions', 'DisableAlarmActions', 'DescribeAlarmHistory', 'PutDashboard', 'GetDashboard',
  'ListDashboards', 'DeleteDashboards', 'TagResource', 'UntagResource', 'ListTagsForResource',
];

export const cloudwatch = defineService<CloudWatchState>({
  id: 'cloudwatch',
  title: 'Amazon CloudWatch',
  signingName: 'monitoring',
  protocol: 'awsJson1_0',
  alsoSpeaks: ['awsQuery'],
  wire: { apiVersion: '2010-08-01', targetPrefix: 'GraniteServiceVersion20100801', xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/', awsQueryCompatible: true },
  loadModel: () => import('@aws-sdk/client-cloudwatch') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createCloudWatchState },
  handlers: lazyHandlers(CLOUDWATCH_OPERATIONS, async () => (await import('./handlers.ts')).CLOUDWATCH_HANDLERS),
  consumes: { metrics: data.consumeMetrics },
  limitations: CLOUDWATCH_LIMITATIONS,
});
