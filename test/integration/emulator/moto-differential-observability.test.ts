/**
 * Differential tests against moto_server (skipped, with a message, when it is not installed): the
 * same CloudWatch, CloudWatch Logs and EventBridge calls through the real SDKs against moto and
 * against the emulator. Every member moto returns must be in the emulator's answer, errors must
 * carry the same code and status — except the differences listed below, each with its reason.
 */
import { CloudWatchClient, DeleteDashboardsCommand, DescribeAlarmsCommand, GetDashboardCommand, GetMetricStatisticsCommand, ListDashboardsCommand, ListMetricsCommand, PutDashboardCommand, PutMetricAlarmCommand, PutMetricDataCommand, SetAlarmStateCommand, DeleteAlarmsCommand, ListTagsForResourceCommand as CwListTags } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, DeleteLogGroupCommand, DescribeLogGroupsCommand, DescribeLogStreamsCommand, DescribeMetricFiltersCommand, FilterLogEventsCommand, GetLogEventsCommand, ListTagsLogGroupCommand, PutLogEventsCommand, PutMetricFilterCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateEventBusCommand, DeleteRuleCommand, DescribeEventBusCommand, DescribeRuleCommand, EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { MOTO_SERVER, shapePaths, startMoto } from './moto-server.ts';
import { clientConfig, emulator } from './support.ts';

interface Clients {
  cw: CloudWatchClient;
  logs: CloudWatchLogsClient;
  eb: EventBridgeClient;
}

const NOW = Date.now();
const ACCOUNT = '123456789012'; // moto's default account; the emulator derives the same from this key
const creds = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };

/** The calls compared, in order (later ones rely on earlier ones). PutEvents runs before the rule has an SNS target: moto fails delivering to topics it does not have. */
const STEPS: { name: string; call: (c: Clients) => Promise<unknown> }[] = [
  { name: 'PutMetricData', call: ({ cw }) => cw.send(new PutMetricDataCommand({ Namespace: 'Diff', MetricData: [{ MetricName: 'Latency', Dimensions: [{ Name: 'Endpoint', Value: 'e' }], Value: 5, Unit: 'Milliseconds', Timestamp: new Date(NOW) }] })) },
  { name: 'ListMetrics', call: ({ cw }) => cw.send(new ListMetricsCommand({ Namespace: 'Diff' })) },
  { name: 'GetMetricStatistics', call: ({ cw }) => cw.send(new GetMetricStatisticsCommand({ Namespace: 'Diff', MetricName: 'Latency', Dimensions: [{ Name: 'Endpoint', Value: 'e' }], StartTime: new Date(NOW - 3_600_000), EndTime: new Date(NOW + 60_000), Period: 3600, Statistics: ['Sum', 'Maximum'] })) },
  { name: 'PutMetricData AWS/ namespace (error)', call: ({ cw }) => cw.send(new PutMetricDataCommand({ Namespace: 'AWS/EC2', MetricData: [{ MetricName: 'x', Value: 1 }] })) },
  { name: 'PutMetricAlarm', call: ({ cw }) => cw.send(new PutMetricAlarmCommand({ AlarmName: 'diff-alarm', Namespace: 'Diff', MetricName: 'Latency', Dimensions: [{ Name: 'Endpoint', Value: 'e' }], Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 100, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [`arn:aws:sns:us-east-1:${ACCOUNT}:t`], Tags: [{ Key: 'k', Value: 'v' }] })) },
  { name: 'DescribeAlarms', call: ({ cw }) => cw.send(new DescribeAlarmsCommand({ AlarmNames: ['diff-alarm'] })) },
  { name: 'SetAlarmState', call: ({ cw }) => cw.send(new SetAlarmStateCommand({ AlarmName: 'diff-alarm', StateValue: 'ALARM', StateReason: 'diff' })) },
  { name: 'SetAlarmState missing alarm (error)', call: ({ cw }) => cw.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'ALARM', StateReason: 'diff' })) },
  { name: 'ListTagsForResource (alarm)', call: ({ cw }) => cw.send(new CwListTags({ ResourceARN: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:diff-alarm` })) },
  { name: 'DeleteAlarms', call: ({ cw }) => cw.send(new DeleteAlarmsCommand({ AlarmNames: ['diff-alarm'] })) },
  { name: 'PutDashboard', call: ({ cw }) => cw.send(new PutDashboardCommand({ DashboardName: 'diff', DashboardBody: JSON.stringify({ widgets: [{ type: 'text', properties: { markdown: 'x' } }] }) })) },
  { name: 'GetDashboard', call: ({ cw }) => cw.send(new GetDashboardCommand({ DashboardName: 'diff' })) },
  { name: 'ListDashboards', call: ({ cw }) => cw.send(new ListDashboardsCommand({})) },
  { name: 'GetDashboard missing (error)', call: ({ cw }) => cw.send(new GetDashboardCommand({ DashboardName: 'nope' })) },
  { name: 'DeleteDashboards', call: ({ cw }) => cw.send(new DeleteDashboardsCommand({ DashboardNames: ['diff'] })) },
  { name: 'CreateLogGroup', call: ({ logs }) => logs.send(new CreateLogGroupCommand({ logGroupName: '/diff/group', tags: { k: 'v' } })) },
  { name: 'CreateLogGroup duplicate (error)', call: ({ logs }) => logs.send(new CreateLogGroupCommand({ logGroupName: '/diff/group' })) },
  { name: 'PutRetentionPolicy', call: ({ logs }) => logs.send(new PutRetentionPolicyCommand({ logGroupName: '/diff/group', retentionInDays: 30 })) },
  { name: 'DescribeLogGroups', call: ({ logs }) => logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/diff' })) },
  { name: 'ListTagsLogGroup', call: ({ logs }) => logs.send(new ListTagsLogGroupCommand({ logGroupName: '/diff/group' })) },
  { name: 'CreateLogStream', call: ({ logs }) => logs.send(new CreateLogStreamCommand({ logGroupName: '/diff/group', logStreamName: 's' })) },
  { name: 'PutLogEvents', call: ({ logs }) => logs.send(new PutLogEventsCommand({ logGroupName: '/diff/group', logStreamName: 's', logEvents: [{ timestamp: NOW, message: 'ERROR one' }, { timestamp: NOW + 1, message: 'INFO two' }] })) },
  { name: 'PutLogEvents missing stream (error)', call: ({ logs }) => logs.send(new PutLogEventsCommand({ logGroupName: '/diff/group', logStreamName: 'nope', logEvents: [{ timestamp: NOW, message: 'x' }] })) },
  { name: 'DescribeLogStreams', call: ({ logs }) => logs.send(new DescribeLogStreamsCommand({ logGroupName: '/diff/group' })) },
  { name: 'GetLogEvents', call: ({ logs }) => logs.send(new GetLogEventsCommand({ logGroupName: '/diff/group', logStreamName: 's', startFromHead: true })) },
  { name: 'FilterLogEvents', call: ({ logs }) => logs.send(new FilterLogEventsCommand({ logGroupName: '/diff/group', filterPattern: 'ERROR' })) },
  { name: 'PutMetricFilter', call: ({ logs }) => logs.send(new PutMetricFilterCommand({ logGroupName: '/diff/group', filterName: 'f', filterPattern: 'ERROR', metricTransformations: [{ metricName: 'Errors', metricNamespace: 'Diff', metricValue: '1' }] })) },
  { name: 'DescribeMetricFilters', call: ({ logs }) => logs.send(new DescribeMetricFiltersCommand({ logGroupName: '/diff/group' })) },
  { name: 'DeleteLogGroup', call: ({ logs }) => logs.send(new DeleteLogGroupCommand({ logGroupName: '/diff/group' })) },
  { name: 'DeleteLogGroup missing (error)', call: ({ logs }) => logs.send(new DeleteLogGroupCommand({ logGroupName: '/diff/group' })) },
  { name: 'CreateEventBus', call: ({ eb }) => eb.send(new CreateEventBusCommand({ Name: 'diff-bus' })) },
  { name: 'DescribeEventBus', call: ({ eb }) => eb.send(new DescribeEventBusCommand({ Name: 'diff-bus' })) },
  { name: 'PutRule', call: ({ eb }) => eb.send(new PutRuleCommand({ Name: 'diff-rule', EventPattern: JSON.stringify({ source: ['diff.app'] }), Description: 'd' })) },
  { name: 'PutRule invalid pattern (error)', call: ({ eb }) => eb.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source": "x"}' })) },
  { name: 'DescribeRule', call: ({ eb }) => eb.send(new DescribeRuleCommand({ Name: 'diff-rule' })) },
  { name: 'ListRules', call: ({ eb }) => eb.send(new ListRulesCommand({ NamePrefix: 'diff' })) },
  { name: 'PutEvents', call: ({ eb }) => eb.send(new PutEventsCommand({ Entries: [{ Source: 'diff.app', DetailType: 'd', Detail: '{"a":1}' }] })) },
  { name: 'PutTargets', call: ({ eb }) => eb.send(new PutTargetsCommand({ Rule: 'diff-rule', Targets: [{ Id: 't', Arn: `arn:aws:sns:us-east-1:${ACCOUNT}:t` }] })) },
  { name: 'ListTargetsByRule', call: ({ eb }) => eb.send(new ListTargetsByRuleCommand({ Rule: 'diff-rule' })) },
  { name: 'PutEvents malformed Detail', call: ({ eb }) => eb.send(new PutEventsCommand({ Entries: [{ Source: 'diff.app', DetailType: 'd', Detail: '{bad' }, { Source: 'diff.app', DetailType: 'd' }] })) },
  { name: 'DeleteRule with targets (error)', call: ({ eb }) => eb.send(new DeleteRuleCommand({ Name: 'diff-rule' })) },
  { name: 'DescribeRule missing (error)', call: ({ eb }) => eb.send(new DescribeRuleCommand({ Name: 'nope' })) },
];

/** Known, deliberate differences: step → member paths moto returns that the emulator does not, or 'error'. */
const EXPECTED_DIFFERENCES: Record<string, { paths?: string[]; error?: true; reason: string }> = {
  DescribeAlarms: { paths: ['MetricAlarms[].Metrics', 'MetricAlarms[].Metrics[]'], reason: 'moto lists an empty Metrics array on single-metric alarms; AWS omits it.' },
  'PutRule invalid pattern (error)': { error: true, reason: "moto accepts some invalid patterns that EventBridge refuses; the emulator answers InvalidEventPatternException as EventBridge does." },
  FilterLogEvents: { paths: ['searchedLogStreams[].logStreamName', 'searchedLogStreams[].searchedCompletely'], reason: 'searchedLogStreams is deprecated; AWS returns it empty, as the emulator does, while moto lists every stream.' },
  'PutEvents malformed Detail': { error: true, reason: 'moto answers a 500 for a malformed or missing Detail; EventBridge reports each such entry (MalformedDetail, InvalidArgument) in FailedEntryCount, as the emulator does.' },
  'PutMetricData AWS/ namespace (error)': { error: true, reason: 'moto stores data in AWS/ namespaces; CloudWatch refuses them with InvalidParameterValue, as the emulator does.' },
};

describe.skipIf(!MOTO_SERVER)('moto differential: CloudWatch, CloudWatch Logs, EventBridge', { timeout: 120_000 }, () => {
  let emu: RunningEmulator;
  let moto: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    [emu, moto] = await Promise.all([emulator(), startMoto()]);
  });
  afterAll(async () => {
    await Promise.all([emu?.stop(), moto?.stop()]);
  });

  const clients = (url: string): Clients => ({ cw: new CloudWatchClient(clientConfig(url, creds)), logs: new CloudWatchLogsClient(clientConfig(url, creds)), eb: new EventBridgeClient(clientConfig(url, creds)) });
  const outcome = async (run: () => Promise<unknown>) => {
    try {
      return { ok: true as const, value: await run() };
    } catch (error) {
      const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
      return { ok: false as const, name: e.name, status: e.$metadata?.httpStatusCode };
    }
  };

  it('returns at least moto\'s members and the same errors, step by step', async () => {
    const ours = clients(emu.url);
    const theirs = clients(moto.url);
    const report: string[] = [];
    const mismatches: string[] = [];
    for (const step of STEPS) {
      const [a, b] = [await outcome(() => step.call(ours)), await outcome(() => step.call(theirs))];
      const expected = EXPECTED_DIFFERENCES[step.name];
      if (!a.ok || !b.ok) {
        if (expected?.error) {
          report.push(`${step.name}: expected difference (${expected.reason})`);
          continue;
        }
        const mine = a.ok ? 'success' : `${a.name} ${a.status}`;
        const motos = b.ok ? 'success' : `${b.name} ${b.status}`;
        if (mine !== motos) mismatches.push(`${step.name}: emulator ${mine}, moto ${motos}`);
        report.push(`${step.name}: same error`);
        continue;
      }
      const missing = [...shapePaths(b.value)].filter((p) => !shapePaths(a.value).has(p) && !expected?.paths?.includes(p));
      if (missing.length) mismatches.push(`${step.name}: missing ${missing.join(', ')}`);
      report.push(`${step.name}: shape ok`);
    }
    expect(mismatches).toEqual([]);
    expect(report).toHaveLength(STEPS.length);
  });
});
