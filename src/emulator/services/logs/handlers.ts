/** The Amazon CloudWatch Logs operation handlers, loaded on the service's first call (service.ts lists their names). */
import type { Handler } from '../define-service.ts';
import * as insights from './insights.ts';
import * as events from './log-events.ts';
import * as groups from './log-groups.ts';
import * as streams from './log-streams.ts';
import * as metricFilters from './metric-filters.ts';
import * as policies from './resource-policies.ts';
import * as subscriptions from './subscription-filters.ts';
import * as tags from './tags.ts';
import type { LogsState } from './state.ts';

export const LOGS_HANDLERS: Readonly<Record<string, Handler<any, any, LogsState>>> = {
  CreateLogGroup: groups.createLogGroup,
  DescribeLogGroups: groups.describeLogGroups,
  ListLogGroups: groups.listLogGroups,
  DeleteLogGroup: groups.deleteLogGroup,
  PutRetentionPolicy: groups.putRetentionPolicy,
  DeleteRetentionPolicy: groups.deleteRetentionPolicy,
  AssociateKmsKey: groups.associateKmsKey,
  DisassociateKmsKey: groups.disassociateKmsKey,
  PutLogGroupDeletionProtection: groups.putLogGroupDeletionProtection,
  CreateLogStream: streams.createLogStream,
  DescribeLogStreams: streams.describeLogStreams,
  DeleteLogStream: streams.deleteLogStream,
  PutLogEvents: events.putLogEvents,
  GetLogEvents: events.getLogEvents,
  FilterLogEvents: events.filterLogEvents,
  PutMetricFilter: metricFilters.putMetricFilter,
  DescribeMetricFilters: metricFilters.describeMetricFilters,
  DeleteMetricFilter: metricFilters.deleteMetricFilter,
  TestMetricFilter: metricFilters.testMetricFilter,
  PutSubscriptionFilter: subscriptions.putSubscriptionFilter,
  DescribeSubscriptionFilters: subscriptions.describeSubscriptionFilters,
  DeleteSubscriptionFilter: subscriptions.deleteSubscriptionFilter,
  PutResourcePolicy: policies.putResourcePolicy,
  DescribeResourcePolicies: policies.describeResourcePolicies,
  DeleteResourcePolicy: policies.deleteResourcePolicy,
  StartQuery: insights.startQuery,
  GetQueryResults: insights.getQueryResults,
  StopQuery: insights.stopQuery,
  DescribeQueries: insights.describeQueries,
  TagLogGroup: tags.tagLogGroup,
  UntagLogGroup: tags.untagLogGroup,
  ListTagsLogGroup: tags.listTagsLogGroup,
  TagResource: tags.tagResource,
  UntagResource: tags.untagResource,
  ListTagsForResource: tags.listTagsForResource,
};
