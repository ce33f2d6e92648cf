/** The Amazon CloudWatch operation handlers, loaded on the service's first call (service.ts lists their names). */
import type { Handler } from '../define-service.ts';
import * as actions from './alarm-actions.ts';
import * as history from './alarm-history.ts';
import * as alarms from './alarms.ts';
import * as composite from './composite-alarms.ts';
import * as dashboards from './dashboards.ts';
import * as data from './metric-data.ts';
import * as statistics from './metric-statistics.ts';
import * as tags from './tags.ts';
import type { CloudWatchState } from './state.ts';

export const CLOUDWATCH_HANDLERS: Readonly<Record<string, Handler<any, any, CloudWatchState>>> = {
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
};
