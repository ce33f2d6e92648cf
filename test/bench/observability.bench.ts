/**
 * CloudWatch, CloudWatch Logs and EventBridge through the real SDKs over HTTP: the calls labs make
 * most, and the lazy work (alarm evaluation, filter patterns, Insights, rule matching) on data
 * sizes a busy lab reaches.
 */
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand, GetMetricStatisticsCommand, PutMetricAlarmCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, FilterLogEventsCommand, GetQueryResultsCommand, PutLogEventsCommand, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, PutEventsCommand, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { startEmulator } from '../../src/emulator/index.ts';
import { type Benchmark, type BenchRow, goalRow, percentile, timeEach } from './harness.ts';

const creds = { accessKeyId: 'test', secretAccessKey: 'test' };

const bench: Benchmark = {
  suite: 'observability',
  async run(): Promise<BenchRow[]> {
    const emu = await startEmulator({ port: 0, warmUp: false, log: () => {} });
    const config = { endpoint: emu.url, region: 'us-east-1', credentials: creds, maxAttempts: 1 };
    const cw = new CloudWatchClient(config);
    const logs = new CloudWatchLogsClient(config);
    const eb = new EventBridgeClient(config);
    const rows: BenchRow[] = [];
    try {
      const now = Date.now();
      const dims = [{ Name: 'EndpointName', Value: 'churn' }, { Name: 'VariantName', Value: 'AllTraffic' }];
      // Warm the models and the connection.
      await cw.send(new PutMetricDataCommand({ Namespace: 'Bench', MetricData: [{ MetricName: 'Warm', Value: 1 }] }));

      const put = await timeEach(500, (i) => cw.send(new PutMetricDataCommand({ Namespace: 'Bench', MetricData: [{ MetricName: 'Latency', Dimensions: dims, Value: i % 100, Timestamp: new Date(now - (i % 600) * 1000) }] })));
      rows.push(goalRow('PutMetricData, 1 datum (p50)', percentile(put, 50), 'ms', { below: 2 }, '500 calls'));

      // 10,000 points in one series, then statistics over a day in 5-minute periods.
      for (let b = 0; b < 10; b++) {
        await cw.send(new PutMetricDataCommand({ Namespace: 'Bench', MetricData: Array.from({ length: 1000 }, (_, i) => ({ MetricName: 'Big', Dimensions: dims, Values: [i % 97, i % 13], Timestamp: new Date(now - ((b * 1000 + i) % 86_000) * 1000) })) }));
      }
      const stats = await timeEach(50, () => cw.send(new GetMetricStatisticsCommand({ Namespace: 'Bench', MetricName: 'Big', Dimensions: dims, StartTime: new Date(now - 86_400_000), EndTime: new Date(now + 60_000), Period: 300, Statistics: ['Average', 'Maximum', 'SampleCount'], ExtendedStatistics: ['p99'] })));
      rows.push(goalRow('GetMetricStatistics, 10k points, 288 periods, p99 (p50)', percentile(stats, 50), 'ms', { below: 50 }, '50 calls'));
      const math = await timeEach(50, () => cw.send(new GetMetricDataCommand({ StartTime: new Date(now - 86_400_000), EndTime: new Date(now + 60_000), MetricDataQueries: [{ Id: 'big', MetricStat: { Metric: { Namespace: 'Bench', MetricName: 'Big', Dimensions: dims }, Period: 300, Stat: 'Sum' }, ReturnData: false }, { Id: 'e1', Expression: 'big / 300' }] })));
      rows.push(goalRow('GetMetricData with metric math, 10k points (p50)', percentile(math, 50), 'ms', { below: 50 }, '50 calls'));

      for (let i = 0; i < 100; i++) {
        await cw.send(new PutMetricAlarmCommand({ AlarmName: `alarm-${i}`, Namespace: 'Bench', MetricName: i % 2 ? 'Latency' : 'Big', Dimensions: dims, Statistic: 'Average', Period: 60, EvaluationPeriods: 5, DatapointsToAlarm: 3, Threshold: 50, ComparisonOperator: 'GreaterThanThreshold' }));
      }
      const describe = await timeEach(50, () => cw.send(new DescribeAlarmsCommand({ MaxRecords: 100 })));
      rows.push(goalRow('DescribeAlarms, 100 alarms evaluated lazily (p50)', percentile(describe, 50), 'ms', { below: 50 }, '50 calls'));

      await logs.send(new CreateLogGroupCommand({ logGroupName: '/bench' }));
      await logs.send(new CreateLogStreamCommand({ logGroupName: '/bench', logStreamName: 's' }));
      let t = now - 3_600_000;
      const putLogs = await timeEach(200, () => {
        const batch = Array.from({ length: 500 }, (_, i) => ({ timestamp: t++, message: JSON.stringify({ level: i % 50 ? 'INFO' : 'ERROR', latency: i, variant: i % 2 ? 'A' : 'B' }) }));
        return logs.send(new PutLogEventsCommand({ logGroupName: '/bench', logStreamName: 's', logEvents: batch }));
      });
      rows.push(goalRow('PutLogEvents, 500 events (p50)', percentile(putLogs, 50), 'ms', { below: 20 }, '200 batches → 100,000 events stored'));
      const filter = await timeEach(10, () => logs.send(new FilterLogEventsCommand({ logGroupName: '/bench', filterPattern: '{ $.level = "ERROR" && $.latency > 100 }', limit: 100 })));
      rows.push(goalRow('FilterLogEvents, JSON pattern over 100k events (p50)', percentile(filter, 50), 'ms', { below: 500 }, '10 calls'));
      const insights = await timeEach(5, async () => {
        const { queryId } = await logs.send(new StartQueryCommand({ logGroupName: '/bench', startTime: Math.floor((now - 7_200_000) / 1000), endTime: Math.floor(now / 1000) + 60, queryString: 'filter level = "ERROR" | stats count(*), avg(latency) by variant, bin(5m)' }));
        return logs.send(new GetQueryResultsCommand({ queryId }));
      });
      rows.push(goalRow('Logs Insights stats query over 100k events (p50)', percentile(insights, 50), 'ms', { below: 1000 }, '5 queries'));

      for (let i = 0; i < 50; i++) await eb.send(new PutRuleCommand({ Name: `rule-${i}`, EventPattern: JSON.stringify({ source: [`bench.${i}`], detail: { status: [{ 'anything-but': 'OK' }], score: [{ numeric: ['>', i] }] } }) }));
      const events = await timeEach(300, (i) => eb.send(new PutEventsCommand({ Entries: [{ Source: `bench.${i % 50}`, DetailType: 'Bench', Detail: JSON.stringify({ status: 'FAILED', score: i }) }] })));
      rows.push(goalRow('PutEvents, 1 entry matched against 50 rules (p50)', percentile(events, 50), 'ms', { below: 3 }, '300 calls'));
    } finally {
      await emu.stop();
    }
    return rows;
  },
};

export default bench;
