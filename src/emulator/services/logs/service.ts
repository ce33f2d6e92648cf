/**
 * Amazon CloudWatch Logs: log groups (retention, KMS, tags), streams, events (put, get, filter),
 * metric filters that publish to CloudWatch, subscription filters, resource policies, and a stated
 * subset of Logs Insights.
 */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { attachLogs } from './cloudtrail-delivery.ts';
import { LOGS_LIMITATIONS } from './limitations.ts';
import { createLogsState, type LogsState } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const LOGS_OPERATIONS: readonly string[] = [
  'CreateLogGroup', 'DescribeLogGroups', 'ListLogGroups', 'DeleteLogGroup', 'PutRetentionPolicy',
  'DeleteRetentionPolicy', 'AssociateKmsKey', 'DisassociateKmsKey', 'PutLogGroupDeletionProtection', 'CreateLogStream',
  'DescribeLogStreams', 'DeleteLogStream', 'PutLogEvents', 'GetLogEvents', 'FilterLogEvents',
  'PutMetricFilter', 'DescribeMetricFilters', 'DeleteMetricFilter', 'TestMetricFilter', 'PutSubscriptionFilter',
  'DescribeSubscriptionFilters', 'DeleteSubscriptionFilter', 'PutResourcePolicy', 'DescribeResourcePolicies', 'DeleteResourcePolicy',
  'StartQuery', 'GetQueryResults', 'StopQuery', 'DescribeQueries', 'TagLogGroup',
  'UntagLogGroup', 'ListTagsLogGroup', 'TagResource', 'UntagResource', 'ListTagsForResource',
];

export const logs = defineService<LogsState>({
  id: 'logs',
  title: 'Amazon CloudWatch Logs',
  signingName: 'logs',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2014-03-28', targetPrefix: 'Logs_20140328', validationErrorCode: 'InvalidParameterException' },
  loadModel: () => import('@aws-sdk/client-cloudwatch-logs') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createLogsState },
  handlers: lazyHandlers(LOGS_OPERATIONS, async () => (await import('./handlers.ts')).LOGS_HANDLERS),
  limitations: LOGS_LIMITATIONS,
  attach: attachLogs,
});
