/**
 * CloudWatch metrics through the real SDK over HTTP (awsJson1_0 with awsQuery-compatible errors)
 * and over raw awsQuery forms (what older CLIs send): PutMetricData, GetMetricStatistics,
 * GetMetricData with metric math, ListMetrics — success shapes, AWS's limits and error codes.
 */
import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
let clock = T0;
const at = (seconds: number) => new Date(T0 + seconds * 1000);

describe('CloudWatch metrics', () => {
  let emu: RunningEmulator;
  let cw: CloudWatchClient;
  beforeAll(async () => {
    emu = await emulator({ now: () => clock });
    cw = new CloudWatchClient(clientConfig(emu.url));
  });
  afterAll(async () => emu.stop());

  /** A raw awsQuery request, as AWS CLI v1 and older SDKs send CloudWatch calls. */
  const query = (params: Record<string, string>) =>
    fetch(`${emu.url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20260302/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: new URLSearchParams({ Version: '2010-08-01', ...params }).toString(),
    });

  it('stores values, value/count arrays and statistic sets, and aggregates them per period', async () => {
    clock = T0 + 600_000;
    const dims = [{ Name: 'EndpointName', Value: 'churn' }, { Name: 'VariantName', Value: 'A' }];
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'Lab/Inference',
        MetricData: [
          { MetricName: 'Latency', Dimensions: dims, Timestamp: at(5), Value: 10, Unit: 'Milliseconds' },
          { MetricName: 'Latency', Dimensions: [...dims].reverse(), Timestamp: at(20), Values: [20, 40], Counts: [1, 3], Unit: 'Milliseconds' },
          { MetricName: 'Latency', Dimensions: dims, Timestamp: at(70), StatisticValues: { SampleCount: 2, Sum: 30, Minimum: 5, Maximum: 25 }, Unit: 'Milliseconds' },
        ],
      }),
    );
    const out = await cw.send(
      new GetMetricStatisticsCommand({ Namespace: 'Lab/Inference', MetricName: 'Latency', Dimensions: dims, StartTime: at(0), EndTime: at(180), Period: 60, Statistics: ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'], ExtendedStatistics: ['p50', 'p99'] }),
    );
    expect(out.Label).toBe('Latency');
    const byTime = Object.fromEntries(out.Datapoints!.map((d) => [d.Timestamp!.toISOString(), d]));
    expect(byTime[at(0).toISOString()]).toEqual({ Timestamp: at(0), SampleCount: 5, Sum: 150, Average: 30, Minimum: 10, Maximum: 40, Unit: 'Milliseconds', ExtendedStatistics: { p50: 40, p99: 40 } });
    // A statistic set has no raw values, so its period has no percentiles.
    expect(byTime[at(60).toISOString()]).toEqual({ Timestamp: at(60), SampleCount: 2, Sum: 30, Average: 15, Minimum: 5, Maximum: 25, Unit: 'Milliseconds', ExtendedStatistics: {} });
  });

  it('matches the exact dimension set, filters by unit and keeps units apart', async () => {
    await cw.send(new PutMetricDataCommand({ Namespace: 'Lab/Units', MetricData: [{ MetricName: 'Size', Value: 1, Unit: 'Bytes', Timestamp: at(1) }, { MetricName: 'Size', Value: 3, Unit: 'Kilobytes', Timestamp: at(2) }, { MetricName: 'Size', Value: 9, Dimensions: [{ Name: 'x', Value: 'y' }], Timestamp: at(3) }] }));
    const all = await cw.send(new GetMetricStatisticsCommand({ Namespace: 'Lab/Units', MetricName: 'Size', StartTime: at(0), EndTime: at(60), Period: 60, Statistics: ['Sum'] }));
    expect(all.Datapoints!.map((d) => [d.Unit, d.Sum]).sort()).toEqual([['Bytes', 1], ['Kilobytes', 3]]);
    const bytes = await cw.send(new GetMetricStatisticsCommand({ Namespace: 'Lab/Units', MetricName: 'Size', StartTime: at(0), EndTime: at(60), Period: 60, Statistics: ['Sum'], Unit: 'Bytes' }));
    expect(bytes.Datapoints).toEqual([{ Timestamp: at(0), Sum: 1, Unit: 'Bytes' }]);
  });

  it('refuses bad PutMetricData input with AWS error codes and messages', async () => {
    const put = (MetricData: object[], Namespace = 'Lab/Bad') => awsError(() => cw.send(new PutMetricDataCommand({ Namespace, MetricData: MetricData as never })));
    const reserved = await put([{ MetricName: 'x', Value: 1 }], 'AWS/EC2');
    expect([reserved.name, reserved.message, reserved.$metadata.httpStatusCode]).toEqual(['InvalidParameterValueException', 'The value AWS/ for parameter Namespace is invalid.', 400]);
    const both = await put([{ MetricName: 'x', Value: 1, StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } }]);
    expect(both.name).toBe('InvalidParameterCombinationException');
    expect(both.message).toBe('The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are mutually exclusive and you have specified both.');
    const counts = await put([{ MetricName: 'x', Values: [1, 2], Counts: [1] }]);
    expect(counts.message).toBe('The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be of the same size.');
    const old = await put([{ MetricName: 'x', Value: 1, Timestamp: new Date(clock - 15 * 86_400_000) }]);
    expect(old.message).toBe('The parameter MetricData.member.1.Timestamp must specify a time within the past two weeks.');
    const future = await put([{ MetricName: 'x', Value: 1, Timestamp: new Date(clock + 3 * 3_600_000) }]);
    expect(future.message).toBe('The parameter MetricData.member.1.Timestamp must specify a time no more than two hours in the future.');
    const dims = await put([{ MetricName: 'x', Value: 1, Dimensions: Array.from({ length: 31 }, (_, i) => ({ Name: `d${i}`, Value: 'v' })) }]);
    expect(dims.message).toBe('The collection MetricData.member.1.Dimensions must not have a size greater than 30.');
    const unit = await put([{ MetricName: 'x', Value: 1, Unit: 'Furlongs' }]);
    expect(unit.name).toBe('ValidationException');
    expect(unit.message).toContain("Value 'Furlongs' at 'metricData.1.member.unit' failed to satisfy constraint: Member must satisfy enum value set");
    const none = await put([{ MetricName: 'x' }]);
    expect([none.name, none.message]).toEqual(['MissingRequiredParameterException', 'At least one of the parameters MetricData.member.1.Value or MetricData.member.1.StatisticValues must be specified.']);
    const resolution = await put([{ MetricName: 'x', Value: 1, StorageResolution: 5 }]);
    expect(resolution.message).toContain('StorageResolution');
    const tooMany = await put(Array.from({ length: 1001 }, () => ({ MetricName: 'x', Value: 1 })));
    expect(tooMany.message).toBe('The collection MetricData must not have a size greater than 1000.');
    // Nothing of a refused request was stored.
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'Lab/Bad' }))).Metrics).toEqual([]);
  });

  it('checks GetMetricStatistics parameters as CloudWatch does', async () => {
    const get = (extra: object) => awsError(() => cw.send(new GetMetricStatisticsCommand({ Namespace: 'Lab/Inference', MetricName: 'Latency', StartTime: at(0), EndTime: at(3600), Period: 60, ...extra } as never)));
    const noStats = await get({});
    expect([noStats.name, noStats.message]).toEqual(['InvalidParameterCombinationException', 'Must specify either Statistics or ExtendedStatistics']);
    const period = await get({ Statistics: ['Sum'], Period: 61 });
    expect(period.message).toBe('The parameter Period must be a multiple of 60.');
    const tooMany = await get({ Statistics: ['Sum'], EndTime: at(2 * 86400), Period: 60 });
    expect(tooMany.name).toBe('InvalidParameterCombinationException');
    expect(tooMany.message).toBe('You have requested up to 2,880 datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.');
    const order = await get({ Statistics: ['Sum'], StartTime: at(60), EndTime: at(0) });
    expect(order.message).toBe('The parameter StartTime must be less than the parameter EndTime.');
    const pct = await get({ ExtendedStatistics: ['p101'] });
    expect(pct.message).toBe('The value p101 for parameter ExtendedStatistics is not supported.');
    const missing = await awsError(() => cw.send(new GetMetricStatisticsCommand({ Namespace: 'x', MetricName: 'y', StartTime: at(0), EndTime: at(60), Statistics: ['Sum'] } as never)));
    expect(missing.name).toBe('ValidationException');
    expect(missing.message).toContain("at 'period' failed to satisfy constraint: Member must not be null");
  });

  it('runs GetMetricData queries with metric math, ScanBy and pagination', async () => {
    const metric = (name: string) => ({ Namespace: 'Lab/Math', MetricName: name, Dimensions: [{ Name: 'EndpointName', Value: 'churn' }] });
    const data = [];
    for (let m = 0; m < 5; m++) {
      data.push({ ...metric('Invocations'), Timestamp: at(m * 60 + 1), Value: 10 });
      data.push({ ...metric('Errors'), Timestamp: at(m * 60 + 2), Value: m });
    }
    await cw.send(new PutMetricDataCommand({ Namespace: 'Lab/Math', MetricData: data.map(({ Namespace: _, ...d }) => d) }));
    const queries = [
      { Id: 'inv', MetricStat: { Metric: metric('Invocations'), Period: 60, Stat: 'Sum' }, ReturnData: false },
      { Id: 'err', MetricStat: { Metric: metric('Errors'), Period: 60, Stat: 'Sum' }, Label: 'errors' },
      { Id: 'rate', Expression: '100 * err / inv', Label: 'ErrorRate' },
      { Id: 'total', Expression: 'SUM([err, inv])' },
      { Id: 'avgerr', Expression: 'err - AVG(err)' },
    ];
    const asc = await cw.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: at(0), EndTime: at(300), ScanBy: 'TimestampAscending' }));
    const result = (id: string) => asc.MetricDataResults!.find((r) => r.Id === id)!;
    expect(asc.MetricDataResults!.map((r) => r.Id)).toEqual(['err', 'rate', 'total', 'avgerr']);
    expect(result('err')).toMatchObject({ Label: 'errors', Values: [0, 1, 2, 3, 4], StatusCode: 'Complete' });
    expect(result('rate')).toMatchObject({ Label: 'ErrorRate', Values: [0, 10, 20, 30, 40] });
    expect(result('total').Values).toEqual([10, 11, 12, 13, 14]);
    expect(result('avgerr').Values).toEqual([-2, -1, 0, 1, 2]);
    expect(result('err').Timestamps![0]).toEqual(at(0));
    const desc = await cw.send(new GetMetricDataCommand({ MetricDataQueries: [queries[1]!], StartTime: at(0), EndTime: at(300) }));
    expect(desc.MetricDataResults![0]!.Values).toEqual([4, 3, 2, 1, 0]);
    // Pages of MaxDatapoints, continued by NextToken.
    const page1 = await cw.send(new GetMetricDataCommand({ MetricDataQueries: [queries[1]!], StartTime: at(0), EndTime: at(300), MaxDatapoints: 3, ScanBy: 'TimestampAscending' }));
    expect(page1.MetricDataResults![0]).toMatchObject({ Values: [0, 1, 2], StatusCode: 'PartialData' });
    const page2 = await cw.send(new GetMetricDataCommand({ MetricDataQueries: [queries[1]!], StartTime: at(0), EndTime: at(300), MaxDatapoints: 3, ScanBy: 'TimestampAscending', NextToken: page1.NextToken }));
    expect(page2.MetricDataResults![0]).toMatchObject({ Values: [3, 4], StatusCode: 'Complete' });
    expect(page2.NextToken).toBeUndefined();
  });

  it('refuses bad GetMetricData queries with ValidationError', async () => {
    const run = (MetricDataQueries: object[], extra: object = {}) => awsError(() => cw.send(new GetMetricDataCommand({ MetricDataQueries: MetricDataQueries as never, StartTime: at(0), EndTime: at(60), ...extra })));
    const fn = await run([{ Id: 'e1', Expression: 'BOGUS(m1)' }]);
    expect([fn.name, fn.message]).toEqual(['ValidationException', 'Error in expression e1 [BOGUS(m1)]: Unrecognized function name BOGUS.']);
    expect(fn.$metadata.httpStatusCode).toBe(400);
    const unknownId = await run([{ Id: 'e1', Expression: 'm9 * 2' }]);
    expect(unknownId.message).toBe('Error in expression e1: Unknown metric id m9.');
    const badId = await run([{ Id: 'E1', Expression: '1' }]);
    expect(badId.message).toContain('The value E1 for parameter MetricDataQueries.member.1.Id is invalid');
    const neither = await run([{ Id: 'm1' }]);
    expect(neither.message).toBe('The parameter MetricDataQueries.member.1.MetricStat is required.\n');
    const order = await run([{ Id: 'm1', Expression: 'METRICS()' }], { StartTime: at(60), EndTime: at(0) });
    expect(order.message).toBe('The parameter EndTime must be greater than StartTime.');
    const token = await run([{ Id: 'e1', Expression: 'METRICS()' }], { NextToken: 'not-a-token' });
    expect(token.name).toBe('InvalidNextToken');
  });

  it('lists metrics with filters, RecentlyActive and pagination', async () => {
    const listed = await cw.send(new ListMetricsCommand({ Namespace: 'Lab/Math', Dimensions: [{ Name: 'EndpointName', Value: 'churn' }] }));
    expect(listed.Metrics!.map((m) => m.MetricName)).toEqual(['Errors', 'Invocations']);
    expect(listed.Metrics![0]).toEqual({ Namespace: 'Lab/Math', MetricName: 'Errors', Dimensions: [{ Name: 'EndpointName', Value: 'churn' }] });
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'Lab/Math', Dimensions: [{ Name: 'EndpointName' }] }))).Metrics).toHaveLength(2);
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'Lab/Math', Dimensions: [{ Name: 'VariantName' }] }))).Metrics).toEqual([]);
    await cw.send(new PutMetricDataCommand({ Namespace: 'Lab/Many', MetricData: Array.from({ length: 600 }, (_, i) => ({ MetricName: `m${String(i).padStart(3, '0')}`, Value: i })) }));
    const first = await cw.send(new ListMetricsCommand({ Namespace: 'Lab/Many' }));
    expect(first.Metrics).toHaveLength(500);
    const second = await cw.send(new ListMetricsCommand({ Namespace: 'Lab/Many', NextToken: first.NextToken }));
    expect(second.Metrics).toHaveLength(100);
    expect(second.NextToken).toBeUndefined();
    clock += 4 * 3_600_000;
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'Lab/Many', RecentlyActive: 'PT3H' }))).Metrics).toEqual([]);
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'Lab/Many' }))).Metrics).toHaveLength(500);
    clock -= 4 * 3_600_000;
  });

  it('answers awsQuery requests with XML and query error codes', async () => {
    const put = await query({ Action: 'PutMetricData', Namespace: 'Lab/Query', 'MetricData.member.1.MetricName': 'Hits', 'MetricData.member.1.Value': '7', 'MetricData.member.1.Dimensions.member.1.Name': 'Page', 'MetricData.member.1.Dimensions.member.1.Value': 'home' });
    expect(put.status).toBe(200);
    expect(await put.text()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><PutMetricDataResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/"><ResponseMetadata><RequestId>[0-9a-f-]+<\/RequestId><\/ResponseMetadata><\/PutMetricDataResponse>$/);
    const list = await (await query({ Action: 'ListMetrics', Namespace: 'Lab/Query' })).text();
    expect(list).toContain('<ListMetricsResult><Metrics><member><Namespace>Lab/Query</Namespace><MetricName>Hits</MetricName><Dimensions><member><Name>Page</Name><Value>home</Value></member></Dimensions></member></Metrics></ListMetricsResult>');
    const stats = await (await query({ Action: 'GetMetricStatistics', Namespace: 'Lab/Query', MetricName: 'Hits', 'Dimensions.member.1.Name': 'Page', 'Dimensions.member.1.Value': 'home', StartTime: at(0).toISOString(), EndTime: new Date(clock + 60_000).toISOString(), Period: '3600', 'Statistics.member.1': 'Sum', 'ExtendedStatistics.member.1': 'p90' })).text();
    expect(stats).toContain('<Sum>7</Sum>');
    expect(stats).toMatch(/<ExtendedStatistics><entry><key>p90<\/key><value>7<\/value><\/entry><\/ExtendedStatistics>/);
    const bad = await query({ Action: 'PutMetricData', Namespace: 'AWS/Thing', 'MetricData.member.1.MetricName': 'x', 'MetricData.member.1.Value': '1' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('<Error><Type>Sender</Type><Code>InvalidParameterValue</Code><Message>The value AWS/ for parameter Namespace is invalid.</Message></Error>');
    const unknown = await query({ Action: 'DescribeInsightRules' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('<Code>InvalidAction</Code><Message>Could not find operation DescribeInsightRules for version 2010-08-01</Message>');
  });

  it('sends the query error code in x-amzn-query-error over JSON', async () => {
    const res = await fetch(`${emu.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.PutMetricData', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260302/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=x' },
      body: JSON.stringify({ Namespace: 'AWS/X', MetricData: [{ MetricName: 'x', Value: 1 }] }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-query-error')).toBe('InvalidParameterValue;Sender');
    expect(await res.json()).toEqual({ __type: 'InvalidParameterValueException', message: 'The value AWS/ for parameter Namespace is invalid.' });
  });

  it('keeps metrics per account and region', async () => {
    const other = new CloudWatchClient(clientConfig(emu.url, { accessKeyId: '111122223333', secretAccessKey: 'x' }));
    const west = new CloudWatchClient(clientConfig(emu.url, undefined, 'us-west-2'));
    expect((await other.send(new ListMetricsCommand({ Namespace: 'Lab/Math' }))).Metrics).toEqual([]);
    expect((await west.send(new ListMetricsCommand({ Namespace: 'Lab/Math' }))).Metrics).toEqual([]);
  });
});
