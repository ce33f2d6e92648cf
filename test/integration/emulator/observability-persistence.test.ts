/**
 * CloudWatch, CloudWatch Logs and EventBridge state survives a restart with a data directory:
 * metrics and alarms (with their evaluated state and history), dashboards, log groups with
 * retention, tags, events and metric filters, event buses, rules and targets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetDashboardCommand, GetMetricStatisticsCommand, PutDashboardCommand, PutMetricAlarmCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, DescribeLogGroupsCommand, DescribeMetricFiltersCommand, GetLogEventsCommand, ListTagsLogGroupCommand, PutLogEventsCommand, PutMetricFilterCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateEventBusCommand, DescribeRuleCommand, EventBridgeClient, ListEventBusesCommand, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, describe, expect, it } from 'vitest';
import { clientConfig, emulator } from './support.ts';

const ACCOUNT = '606060606060';
const creds = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };
const dir = mkdtempSync(join(tmpdir(), 'mlsec-observability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('observability persistence', () => {
  it('keeps metrics, alarms, dashboards, log groups and rules across a restart', async () => {
    const now = Date.now();
    const first = await emulator({ dataDir: dir });
    const cw = new CloudWatchClient(clientConfig(first.url, creds));
    const logs = new CloudWatchLogsClient(clientConfig(first.url, creds));
    const eb = new EventBridgeClient(clientConfig(first.url, creds));
    await cw.send(new PutMetricDataCommand({ Namespace: 'Lab/Persist', MetricData: [{ MetricName: 'Errors', Value: 4, Timestamp: new Date(now), Unit: 'Count' }] }));
    await cw.send(new PutMetricAlarmCommand({ AlarmName: 'errors', Namespace: 'Lab/Persist', MetricName: 'Errors', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [`arn:aws:sns:us-east-1:${ACCOUNT}:t`], Tags: [{ Key: 'Project', Value: 'churn' }] }));
    const before = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['errors'] }))).MetricAlarms![0]!;
    expect(before.StateValue).toBe('ALARM');
    await cw.send(new PutDashboardCommand({ DashboardName: 'ops', DashboardBody: JSON.stringify({ widgets: [{ type: 'text', properties: { markdown: '# Ops' } }] }) }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/lab/persist', tags: { Project: 'churn' } }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/lab/persist', retentionInDays: 14 }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/lab/persist', logStreamName: 's' }));
    await logs.send(new PutMetricFilterCommand({ logGroupName: '/lab/persist', filterName: 'errors', filterPattern: 'ERROR', metricTransformations: [{ metricName: 'LogErrors', metricNamespace: 'Lab/Persist', metricValue: '1' }] }));
    await logs.send(new PutLogEventsCommand({ logGroupName: '/lab/persist', logStreamName: 's', logEvents: [{ timestamp: now, message: 'ERROR first' }] }));
    await eb.send(new CreateEventBusCommand({ Name: 'ml' }));
    await eb.send(new PutRuleCommand({ Name: 'failures', EventPattern: '{"source":["ml.training"]}' }));
    await eb.send(new PutTargetsCommand({ Rule: 'failures', Targets: [{ Id: 'log', Arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/lab/persist` }] }));
    await first.stop();

    const second = await emulator({ dataDir: dir });
    try {
      const cw2 = new CloudWatchClient(clientConfig(second.url, creds));
      const logs2 = new CloudWatchLogsClient(clientConfig(second.url, creds));
      const eb2 = new EventBridgeClient(clientConfig(second.url, creds));
      const stats = await cw2.send(new GetMetricStatisticsCommand({ Namespace: 'Lab/Persist', MetricName: 'Errors', StartTime: new Date(now - 600_000), EndTime: new Date(now + 600_000), Period: 1200, Statistics: ['Sum'] }));
      expect(stats.Datapoints!.map((d) => d.Sum)).toEqual([4]);
      const after = (await cw2.send(new DescribeAlarmsCommand({ AlarmNames: ['errors'] }))).MetricAlarms![0]!;
      expect(after).toMatchObject({ AlarmArn: before.AlarmArn, AlarmActions: before.AlarmActions, StateReason: before.StateReason, StateTransitionedTimestamp: before.StateTransitionedTimestamp });
      expect((await cw2.send(new DescribeAlarmHistoryCommand({ AlarmName: 'errors' }))).AlarmHistoryItems!.length).toBeGreaterThanOrEqual(3);
      expect((await cw2.send(new GetDashboardCommand({ DashboardName: 'ops' }))).DashboardBody).toContain('# Ops');
      const group = (await logs2.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/lab/persist' }))).logGroups![0]!;
      expect(group).toMatchObject({ retentionInDays: 14, metricFilterCount: 1 });
      expect((await logs2.send(new ListTagsLogGroupCommand({ logGroupName: '/lab/persist' }))).tags).toEqual({ Project: 'churn' });
      expect((await logs2.send(new GetLogEventsCommand({ logGroupName: '/lab/persist', logStreamName: 's' }))).events!.map((e) => e.message)).toEqual(['ERROR first']);
      expect((await logs2.send(new DescribeMetricFiltersCommand({ logGroupName: '/lab/persist' }))).metricFilters!.map((f) => f.filterName)).toEqual(['errors']);
      expect((await eb2.send(new ListEventBusesCommand({}))).EventBuses!.map((b) => b.Name)).toEqual(['default', 'ml']);
      expect((await eb2.send(new DescribeRuleCommand({ Name: 'failures' }))).EventPattern).toBe('{"source":["ml.training"]}');
      expect((await eb2.send(new ListTargetsByRuleCommand({ Rule: 'failures' }))).Targets!.map((t) => t.Id)).toEqual(['log']);
    } finally {
      await second.stop();
    }
  });
});
