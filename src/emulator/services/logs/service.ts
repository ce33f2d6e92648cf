/**
 * Amazon CloudWatch Logs: log groups (retention, KMS, tags), streams, events (put, get, filter),
 * metric filters that publish to CloudWatch, subscription filters, resource policies, and a stated
 * subset of Logs Insights.
 */
import { defineService } from '../define-service.ts';
import { attachLogs } from './cloudtrail-delivery.ts';
import * as insights from './insights.ts';
import { LOGS_LIMITATIONS } from './limitations.ts';
import * as events from './log-events.ts';
import * as groups from './log-groups.ts';
import * as streams from './log-streams.ts';
import * as metricFilters from './metric-filters.ts';
import * as policies from './resource-policies.ts';
import { createLogsState, type LogsState } from './state.ts';
import * as subscriptions from './subscription-filters.ts';
import * as tags from './tags.ts';

export const logs = defineService<LogsState>({
  id: 'logs',
  title: 'Amazon CloudWatch Logs',
  signingName: 'logs',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2014-03-28', targetPrefix: 'Logs_20140328', validationErrorCode: 'InvalidParameterException' },
  loadModel: () => import('@aws-sdk/client-cloudwatch-logs') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createLogsState },
  handlers: {
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
  },
  limitations: LOGS_LIMITATIONS,
  attach: attachLogs,
});
