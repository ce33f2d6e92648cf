/**
 * Amazon CloudWatch: metrics (PutMetricData, GetMetricStatistics, GetMetricData, ListMetrics),
 * alarms evaluated from the stored data, alarm history, dashboards and tags. It is also the
 * emulator's metric sink (core/metrics.ts): other services record AWS/* metrics here.
 */
import { defineService } from '../define-service.ts';
import * as actions from './alarm-actions.ts';
import * as history from './alarm-history.ts';
import * as alarms from './alarms.ts';
import * as composite from './composite-alarms.ts';
import * as dashboards from './dashboards.ts';
import { CLOUDWATCH_LIMITATIONS } from './limitations.ts';
import * as data from './metric-data.ts';
import * as statistics from './metric-statistics.ts';
import { type CloudWatchState, createCloudWatchState } from './state.ts';
import * as tags from './tags.ts';

export const cloudwatch = defineService<CloudWatchState>({
  id: 'cloudwatch',
  title: 'Amazon CloudWatch',
  signingName: 'monitoring',
  protocol: 'awsJson1_0',
  alsoSpeaks: ['awsQuery'],
  wire: { apiVersion: '2010-08-01', targetPrefix: 'GraniteServiceVersion20100801', xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/', awsQueryCompatible: true },
  loadModel: () => import('@aws-sdk/client-cloudwatch') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createCloudWatchState },
  handlers: {
    PutMetricData: data.putMetricData,
    ListMetrics: data.listMetrics,
    GetMetricStatistics: statistics.getMetricStatistics,
    GetMetricData: statistics.getMetricData,
    PutMetricAlarm: alarms.putMetricAlarm,
    PutCompositeAlarm: composite.putCompositeAlarm,
    DescribeAlarms: alarms.describeAlarms,
    DescribeAlarmsForMetric: alarms.describeAlarmsForMetric,
    DeleteAlarms: alarms.deleteAlarms,
    SetAlarmState: alarms.setAlarmState,
    EnableAlarmActions: actions.enableAlarmActions,
    DisableAlarmActions: actions.disableAlarmActions,
    DescribeAlarmHistory: history.describeAlarmHistory,
    PutDashboard: dashboards.putDashboard,
    GetDashboard: dashboards.getDashboard,
    ListDashboards: dashboards.listDashboards,
    DeleteDashboards: dashboards.deleteDashboards,
    TagResource: tags.tagResource,
    UntagResource: tags.untagResource,
    ListTagsForResource: tags.listTagsForResource,
  },
  consumes: { metrics: data.consumeMetrics },
  limitations: CLOUDWATCH_LIMITATIONS,
});
