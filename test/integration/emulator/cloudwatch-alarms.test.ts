/**
 * CloudWatch alarms evaluated from metric data, as of the request time (a controllable clock):
 * state, StateReason and StateReasonData as AWS words them, DatapointsToAlarm and TreatMissingData,
 * history and recorded actions, SetAlarmState, Enable/DisableAlarmActions, DescribeAlarms filters
 * and pagination, DescribeAlarmsForMetric, DeleteAlarms, composite and metric-math alarms, tags,
 * dashboards.
 */
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DeleteDashboardsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  DisableAlarmActionsCommand,
  EnableAlarmActionsCommand,
  GetDashboardCommand,
  ListDashboardsCommand,
  ListTagsForResourceCommand,
  PutCompositeAlarmCommand,
  PutDashboardCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmInput,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
let clock = T0;
const ACCOUNT = '210987654321';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:ml-oncall`;
const DIMS = [{ Name: 'EndpointName', Value: 'churn' }, { Name: 'VariantName', Value: 'AllTraffic' }];

describe('CloudWatch alarms', () => {
  let emu: RunningEmulator;
  let cw: CloudWatchClient;
  beforeAll(async () => {
    emu = await emulator({ now: () => clock });
    cw = new CloudWatchClient(clientConfig(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' }));
  });
  afterAll(async () => emu.stop());
  beforeEach(() => {
    clock = T0;
  });

  const put = (value: number, at: number, MetricName = 'Invocation5XXErrors') =>
    cw.send(new PutMetricDataCommand({ Namespace: 'Lab/SageMaker', MetricData: [{ MetricName, Dimensions: DIMS, Value: value, Timestamp: new Date(at), Unit: 'Count' }] }));
  const alarm = async (name: string) => (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms![0]!;
  const base = (name: string, extra: Partial<PutMetricAlarmInput> = {}): PutMetricAlarmInput => ({
    AlarmName: name,
    Namespace: 'Lab/SageMaker',
    MetricName: 'Invocation5XXErrors',
    Dimensions: DIMS,
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    AlarmActions: [TOPIC],
    ...extra,
  });

  it('starts unchecked, goes to ALARM when data breaches, and words the reason as AWS does', async () => {
    await cw.send(new PutMetricAlarmCommand(base('errors-5xx', { AlarmDescription: '5XX errors on churn', Tags: [{ Key: 'team', Value: 'ml' }] })));
    const fresh = await alarm('errors-5xx');
    expect(fresh).toMatchObject({
      AlarmName: 'errors-5xx',
      AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:errors-5xx`,
      AlarmDescription: '5XX errors on churn',
      ActionsEnabled: true,
      AlarmActions: [TOPIC],
      OKActions: [],
      InsufficientDataActions: [],
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Unchecked: Initial alarm creation',
      Namespace: 'Lab/SageMaker',
      Statistic: 'Sum',
      Dimensions: DIMS,
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    clock = T0 + 30_000;
    await put(3, T0 + 20_000);
    const fired = await alarm('errors-5xx');
    expect(fired.StateValue).toBe('ALARM');
    expect(fired.StateReason).toBe('Threshold Crossed: 1 datapoint [3.0 (02/03/26 10:00:00)] was greater than or equal to the threshold (1.0).');
    expect(JSON.parse(fired.StateReasonData!)).toEqual({
      version: '1.0',
      queryDate: '2026-03-02T10:00:30.000+0000',
      startDate: '2026-03-02T10:00:00.000+0000',
      unit: undefined,
      statistic: 'Sum',
      period: 60,
      recentDatapoints: [3],
      threshold: 1,
      evaluatedDatapoints: [{ timestamp: '2026-03-02T10:00:00.000+0000', sampleCount: 1, value: 3 }],
    });
    expect(fired.StateReasonData).toContain('"threshold":1.0');
    expect(fired.StateUpdatedTimestamp).toEqual(new Date(T0 + 30_000));
    // The next period without data: the alarm goes to INSUFFICIENT_DATA (TreatMissingData missing).
    clock = T0 + 130_000;
    const idle = await alarm('errors-5xx');
    expect([idle.StateValue, idle.StateReason]).toEqual(['INSUFFICIENT_DATA', 'Insufficient Data: 1 datapoint was unknown.']);
    const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'errors-5xx' }));
    expect(history.AlarmHistoryItems!.map((h) => [h.HistoryItemType, h.HistorySummary])).toEqual([
      ['StateUpdate', 'Alarm updated from ALARM to INSUFFICIENT_DATA'],
      ['Action', `Successfully executed action ${TOPIC}`],
      ['StateUpdate', 'Alarm updated from INSUFFICIENT_DATA to ALARM'],
      ['ConfigurationUpdate', 'Alarm "errors-5xx" created'],
    ]);
    const stateData = JSON.parse(history.AlarmHistoryItems![2]!.HistoryData!);
    expect(stateData).toMatchObject({ version: '1.0', oldState: { stateValue: 'INSUFFICIENT_DATA' }, newState: { stateValue: 'ALARM' } });
    const onlyActions = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'errors-5xx', HistoryItemType: 'Action', ScanBy: 'TimestampAscending' }));
    expect(onlyActions.AlarmHistoryItems).toHaveLength(1);
  });

  it('evaluates M out of N datapoints and names them, most recent first', async () => {
    await cw.send(new PutMetricAlarmCommand(base('latency-m-of-n', { MetricName: 'ModelLatency', Statistic: 'Average', Threshold: 500000, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 3, DatapointsToAlarm: 2 })));
    clock = T0 + 3 * 60_000 + 10_000;
    for (const [minute, value] of [[0, 600000], [1, 100000], [2, 700000]] as const) await put(value, T0 + minute * 60_000 + 5_000, 'ModelLatency');
    await put(1, clock - 5_000, 'ModelLatency');
    // The current minute has data: the window is minutes 1..3.
    let a = await alarm('latency-m-of-n');
    expect(a.StateValue).toBe('OK');
    expect(a.StateReason).toBe('Threshold Crossed: 2 out of the last 3 datapoints [1.0 (02/03/26 10:03:00), 100000.0 (02/03/26 10:01:00)] were not greater than the threshold (500000.0) (minimum 2 datapoints for ALARM -> OK transition).');
    await put(2_000_000, clock - 2_000, 'ModelLatency');
    a = await alarm('latency-m-of-n');
    expect(a.StateValue).toBe('ALARM');
    expect(a.StateReason).toBe('Threshold Crossed: 2 out of the last 3 datapoints [1000000.5 (02/03/26 10:03:00), 700000.0 (02/03/26 10:02:00)] were greater than the threshold (500000.0) (minimum 2 datapoints for OK -> ALARM transition).');
  });

  it('treats missing data as breaching, not breaching, ignored or missing', async () => {
    for (const treat of ['breaching', 'notBreaching', 'ignore', 'missing']) {
      await cw.send(new PutMetricAlarmCommand(base(`missing-${treat}`, { MetricName: `Quiet-${treat}`, TreatMissingData: treat, EvaluationPeriods: 2 })));
    }
    clock = T0 + 5 * 60_000;
    const state = async (treat: string) => (await alarm(`missing-${treat}`)).StateValue;
    expect(await state('breaching')).toBe('ALARM');
    expect((await alarm('missing-breaching')).StateReason).toBe('Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated as [Breaching].');
    expect(await state('notBreaching')).toBe('OK');
    expect((await alarm('missing-notBreaching')).StateReason).toBe('Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated as [NonBreaching].');
    expect(await state('ignore')).toBe('INSUFFICIENT_DATA');
    expect((await alarm('missing-ignore')).StateReason).toBe('Unchecked: Initial alarm creation');
    expect(await state('missing')).toBe('INSUFFICIENT_DATA');
    expect((await alarm('missing-missing')).StateReason).toBe('Insufficient Data: 2 datapoints were unknown.');
  });

  it('holds a state set with SetAlarmState until the next evaluation, running its actions', async () => {
    await cw.send(new PutMetricAlarmCommand(base('manual', { MetricName: 'Manual', OKActions: [TOPIC] })));
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'manual', StateValue: 'ALARM', StateReason: 'Testing the on-call page', StateReasonData: '{"test":true}' }));
    const set = await alarm('manual');
    expect([set.StateValue, set.StateReason, set.StateReasonData]).toEqual(['ALARM', 'Testing the on-call page', '{"test":true}']);
    const actions = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'manual', HistoryItemType: 'Action' }));
    expect(actions.AlarmHistoryItems!.map((h) => h.HistorySummary)).toEqual([`Successfully executed action ${TOPIC}`]);
    clock = T0 + 61_000;
    expect((await alarm('manual')).StateValue).toBe('INSUFFICIENT_DATA');
    const missing = await awsError(() => cw.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' })));
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['ResourceNotFound', 404]);
    const badJson = await awsError(() => cw.send(new SetAlarmStateCommand({ AlarmName: 'manual', StateValue: 'OK', StateReason: 'x', StateReasonData: '{oops' })));
    expect([badJson.name, badJson.message]).toEqual(['InvalidFormatFault', 'StateReasonData was not syntactically valid JSON']);
  });

  it('records no actions while actions are disabled', async () => {
    await cw.send(new PutMetricAlarmCommand(base('quiet', { MetricName: 'QuietMetric', ActionsEnabled: false })));
    expect((await alarm('quiet')).ActionsEnabled).toBe(false);
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'quiet', StateValue: 'ALARM', StateReason: 'x' }));
    expect((await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'quiet', HistoryItemType: 'Action' }))).AlarmHistoryItems).toEqual([]);
    await cw.send(new EnableAlarmActionsCommand({ AlarmNames: ['quiet'] }));
    expect((await alarm('quiet')).ActionsEnabled).toBe(true);
    await cw.send(new DisableAlarmActionsCommand({ AlarmNames: ['quiet', 'does-not-exist'] }));
    expect((await alarm('quiet')).ActionsEnabled).toBe(false);
  });

  it('filters and pages DescribeAlarms, and finds alarms for a metric', async () => {
    for (let i = 0; i < 5; i++) await cw.send(new PutMetricAlarmCommand(base(`page-${i}`, { MetricName: 'Paged', AlarmActions: i % 2 ? [TOPIC] : [] })));
    const page1 = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'page-', MaxRecords: 2 }));
    expect(page1.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['page-0', 'page-1']);
    const page2 = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'page-', MaxRecords: 2, NextToken: page1.NextToken }));
    expect(page2.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['page-2', 'page-3']);
    const page3 = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'page-', MaxRecords: 2, NextToken: page2.NextToken }));
    expect(page3.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['page-4']);
    expect(page3.NextToken).toBeUndefined();
    const withActions = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'page-', ActionPrefix: 'arn:aws:sns:' }));
    expect(withActions.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['page-1', 'page-3']);
    const insufficient = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'page-', StateValue: 'INSUFFICIENT_DATA' }));
    expect(insufficient.MetricAlarms).toHaveLength(5);
    const both = await awsError(() => cw.send(new DescribeAlarmsCommand({ AlarmNames: ['page-1'], AlarmNamePrefix: 'page-' })));
    expect([both.name, both.message]).toEqual(['InvalidParameterCombinationException', 'AlarmNamePrefix and AlarmNames.member are mutually exclusive']);
    const forMetric = await cw.send(new DescribeAlarmsForMetricCommand({ Namespace: 'Lab/SageMaker', MetricName: 'Paged', Dimensions: [...DIMS].reverse() }));
    expect(forMetric.MetricAlarms).toHaveLength(5);
    expect((await cw.send(new DescribeAlarmsForMetricCommand({ Namespace: 'Lab/SageMaker', MetricName: 'Paged', Statistic: 'Average' }))).MetricAlarms).toEqual([]);
  });

  it('validates PutMetricAlarm as CloudWatch does', async () => {
    const bad = (extra: Partial<PutMetricAlarmInput>) => awsError(() => cw.send(new PutMetricAlarmCommand(base('bad', extra))));
    const period = await bad({ Period: 45 });
    expect([period.name, period.message]).toEqual(['ValidationException', 'Period must be 10, 20, 30 or a multiple of 60']);
    const long = await bad({ Period: 600, EvaluationPeriods: 200 });
    expect(long.message).toBe('Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400) for alarms using period < 3600');
    const dta = await bad({ EvaluationPeriods: 2, DatapointsToAlarm: 3 });
    expect(dta.message).toBe('DatapointsToAlarm must be less than or equal to EvaluationPeriods');
    const arn = await bad({ AlarmActions: ['not-an-arn'] });
    expect(arn.message).toBe('Invalid arn syntax: not-an-arn');
    const region = await bad({ AlarmActions: [`arn:aws:sns:eu-west-1:${ACCOUNT}:t`] });
    expect(region.message).toBe('Invalid region eu-west-1 specified. Only us-east-1 is supported.');
    const tooMany = await bad({ AlarmActions: Array.from({ length: 6 }, (_, i) => `arn:aws:sns:us-east-1:${ACCOUNT}:t${i}`) });
    expect(tooMany.message).toBe('The collection AlarmActions must not have a size greater than 5.');
    const both = await bad({ ExtendedStatistic: 'p99' });
    expect(both.name).toBe('InvalidParameterCombinationException');
    const treat = await bad({ TreatMissingData: 'sometimes' });
    expect(treat.message).toBe('Option sometimes is not supported. Supported options for parameter TreatMissingData are breaching, notBreaching, ignore, and missing.');
    const op = await bad({ ComparisonOperator: 'Bigger' as never });
    expect(op.message).toContain("Value 'Bigger' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set");
    // A band comparison needs a band; a band alarm has no static threshold and a band expression to name.
    const noBand = await bad({ ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold' });
    expect(noBand.message).toContain('needs ThresholdMetricId');
    const withThreshold = await bad({ ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold', ThresholdMetricId: 'ad1' });
    expect(withThreshold.message).toContain('Threshold must not be set when ThresholdMetricId is set');
    const notABand = await awsError(() => cw.send(new PutMetricAlarmCommand({
      AlarmName: 'bad', EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanUpperThreshold', ThresholdMetricId: 'e1',
      Metrics: [{ Id: 'm1', MetricStat: { Metric: { Namespace: 'Lab/SageMaker', MetricName: 'Invocations', Dimensions: DIMS }, Period: 60, Stat: 'Sum' } }, { Id: 'e1', Expression: 'm1 * 2' }],
    })));
    expect(notABand.message).toContain('must name an ANOMALY_DETECTION_BAND expression');
    // An Application Auto Scaling policy and EC2 actions are valid actions.
    await cw.send(new PutMetricAlarmCommand(base('scaling', { AlarmActions: [`arn:aws:autoscaling:us-east-1:${ACCOUNT}:scalingPolicy:1b2c3d4e-1111-2222-3333-444455556666:resource/sagemaker/endpoint/churn/variant/AllTraffic:policyName/scale-out`, 'arn:aws:automate:us-east-1:ec2:stop'] })));
    expect((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['bad'] }))).MetricAlarms).toEqual([]);
  });

  it('evaluates anomaly detection band alarms against the metric\'s own recent history', async () => {
    await cw.send(new PutMetricAlarmCommand({
      AlarmName: 'traffic-band',
      EvaluationPeriods: 1,
      ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
      ThresholdMetricId: 'band',
      TreatMissingData: 'notBreaching',
      Metrics: [
        { Id: 'm1', ReturnData: true, MetricStat: { Metric: { Namespace: 'Lab/SageMaker', MetricName: 'Invocations', Dimensions: DIMS }, Period: 60, Stat: 'Sum' } },
        { Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(m1, 2)', Label: 'expected invocations', ReturnData: true },
      ],
    }));
    const described = await alarm('traffic-band');
    expect(described).toMatchObject({ ThresholdMetricId: 'band', ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold', Metrics: [{ Id: 'm1' }, { Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(m1, 2)' }] });
    expect(described.Threshold).toBeUndefined();
    // A steady history of about 100 invocations a minute trains the model; values inside the band are OK.
    const history = [100, 104, 96, 101, 99, 103, 97];
    for (const [i, v] of history.entries()) await put(v, T0 + i * 60_000, 'Invocations');
    clock = T0 + history.length * 60_000;
    await put(102, clock, 'Invocations');
    expect((await alarm('traffic-band')).StateValue).toBe('OK');
    // Traffic collapsing falls below the band.
    clock += 60_000;
    await put(12, clock, 'Invocations');
    const alarmed = await alarm('traffic-band');
    expect(alarmed.StateValue).toBe('ALARM');
    expect(alarmed.StateReason).toMatch(/^Thresholds Crossed: 1 out of the last 1 datapoints \[12\.0 \(.*\)\] was outside the band \[/);
  });

  it('evaluates metric-math alarms', async () => {
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'error-rate',
        EvaluationPeriods: 1,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanThreshold',
        Metrics: [
          { Id: 'errors', MetricStat: { Metric: { Namespace: 'Lab/SageMaker', MetricName: 'MathErrors', Dimensions: DIMS }, Period: 60, Stat: 'Sum' }, ReturnData: false },
          { Id: 'calls', MetricStat: { Metric: { Namespace: 'Lab/SageMaker', MetricName: 'MathCalls', Dimensions: DIMS }, Period: 60, Stat: 'Sum' }, ReturnData: false },
          { Id: 'rate', Expression: '100 * errors / calls', Label: 'Error rate (%)' },
        ],
      }),
    );
    clock = T0 + 30_000;
    await put(100, T0 + 1_000, 'MathCalls');
    await put(10, T0 + 2_000, 'MathErrors');
    const a = await alarm('error-rate');
    expect(a.StateValue).toBe('ALARM');
    expect(a.Metrics!.map((m) => m.Id)).toEqual(['errors', 'calls', 'rate']);
    expect(a.StateReason).toBe('Threshold Crossed: 1 datapoint [10.0 (02/03/26 10:00:00)] was greater than the threshold (5.0).');
    const one = await awsError(() => cw.send(new PutMetricAlarmCommand({ AlarmName: 'two-returning', EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', Metrics: [{ Id: 'e1', Expression: '1 + 1' }, { Id: 'e2', Expression: '2' }] })));
    expect(one.message).toBe('Exactly one element of the Metrics list must return data.');
  });

  it('evaluates composite alarms from their children and protects children from deletion', async () => {
    await cw.send(new PutMetricAlarmCommand(base('child-a', { MetricName: 'ChildA' })));
    await cw.send(new PutMetricAlarmCommand(base('child-b', { MetricName: 'ChildB' })));
    await cw.send(new PutCompositeAlarmCommand({ AlarmName: 'both', AlarmRule: 'ALARM("child-a") AND ALARM(child-b)', AlarmActions: [TOPIC] }));
    const composite = async () => (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['both'], AlarmTypes: ['CompositeAlarm'] }))).CompositeAlarms![0]!;
    clock = T0 + 10_000;
    await put(5, T0 + 1_000, 'ChildA');
    expect((await composite()).StateValue).toBe('OK');
    await put(5, T0 + 2_000, 'ChildB');
    const fired = await composite();
    expect(fired.StateValue).toBe('ALARM');
    expect(fired.StateReason).toMatch(new RegExp(`^arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:child-[ab] transitioned to ALARM at Monday 02 March, 2026 10:00:10 UTC$`));
    expect((await cw.send(new DescribeAlarmsCommand({ ChildrenOfAlarmName: 'both' }))).MetricAlarms!.map((a) => a.AlarmName)).toEqual(['child-a', 'child-b']);
    expect((await cw.send(new DescribeAlarmsCommand({ ParentsOfAlarmName: 'child-a' }))).CompositeAlarms!.map((a) => a.AlarmName)).toEqual(['both']);
    const blocked = await awsError(() => cw.send(new DeleteAlarmsCommand({ AlarmNames: ['child-a'] })));
    expect([blocked.name, blocked.message]).toEqual(['ValidationException', 'Cannot delete child-a as there are composite alarm(s) depending on it.']);
    const unknown = await awsError(() => cw.send(new PutCompositeAlarmCommand({ AlarmName: 'ghost', AlarmRule: 'ALARM(nobody)' })));
    expect(unknown.message).toBe('Could not save the composite alarm as alarms [nobody] in the alarm rule do not exist');
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['both', 'child-a', 'child-b', 'never-existed'] }));
    expect((await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['child-a'] }))).MetricAlarms).toEqual([]);
  });

  it('tags alarms', async () => {
    await cw.send(new PutMetricAlarmCommand(base('tagged', { MetricName: 'Tagged', Tags: [{ Key: 'Project', Value: 'churn' }] })));
    const arn = `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:tagged`;
    await cw.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'CostCenter', Value: '42' }] }));
    expect((await cw.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }, { Key: 'CostCenter', Value: '42' }]);
    await cw.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['Project'] }));
    expect((await cw.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([{ Key: 'CostCenter', Value: '42' }]);
    const missing = await awsError(() => cw.send(new ListTagsForResourceCommand({ ResourceARN: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:ghost` })));
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['ResourceNotFoundException', 404]);
  });

  it('keeps dashboards, validates their bodies and shares them across regions', async () => {
    const body = JSON.stringify({ widgets: [{ type: 'metric', x: 0, y: 0, width: 12, height: 6, properties: { region: 'us-east-1', metrics: [['AWS/SageMaker', 'ModelLatency', 'EndpointName', 'churn', 'VariantName', 'AllTraffic']], stat: 'Average', period: 60 } }] });
    expect((await cw.send(new PutDashboardCommand({ DashboardName: 'endpoint-health', DashboardBody: body }))).DashboardValidationMessages).toEqual([]);
    const got = await cw.send(new GetDashboardCommand({ DashboardName: 'endpoint-health' }));
    expect(got).toMatchObject({ DashboardName: 'endpoint-health', DashboardArn: `arn:aws:cloudwatch::${ACCOUNT}:dashboard/endpoint-health`, DashboardBody: body });
    const west = new CloudWatchClient(clientConfig(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' }, 'eu-west-1'));
    const listed = await west.send(new ListDashboardsCommand({ DashboardNamePrefix: 'endpoint' }));
    expect(listed.DashboardEntries).toEqual([{ DashboardName: 'endpoint-health', DashboardArn: `arn:aws:cloudwatch::${ACCOUNT}:dashboard/endpoint-health`, LastModified: new Date(T0), Size: Buffer.byteLength(body) }]);
    const invalid = await awsError(() => cw.send(new PutDashboardCommand({ DashboardName: 'broken', DashboardBody: JSON.stringify({ widgets: [{ type: 'metric', width: 30, properties: { metrics: [] } }, { type: 'chart' }] }) })));
    expect(invalid.name).toBe('DashboardInvalidInputError');
    expect(invalid.message).toMatch(/^The dashboard body is invalid, there are 3 validation errors:\n\[/);
    expect((invalid as unknown as { dashboardValidationMessages: unknown }).dashboardValidationMessages).toEqual([
      { DataPath: '/widgets/0/width', Message: 'Should be <= 24' },
      { DataPath: '/widgets/0/properties', Message: "Should have required property 'region'" },
      { DataPath: '/widgets/1/type', Message: 'Should be equal to one of the allowed values' },
    ]);
    const notJson = await awsError(() => cw.send(new PutDashboardCommand({ DashboardName: 'broken', DashboardBody: '{' })));
    expect(notJson.name).toBe('DashboardInvalidInputError');
    const missing = await awsError(() => cw.send(new DeleteDashboardsCommand({ DashboardNames: ['endpoint-health', 'nope'] })));
    expect([missing.name, missing.message, missing.$metadata.httpStatusCode]).toEqual(['ResourceNotFound', 'The specified dashboard does not exist. [nope]', 404]);
    expect((await cw.send(new GetDashboardCommand({ DashboardName: 'endpoint-health' }))).DashboardName).toBe('endpoint-health');
    await west.send(new DeleteDashboardsCommand({ DashboardNames: ['endpoint-health'] }));
    const gone = await awsError(() => cw.send(new GetDashboardCommand({ DashboardName: 'endpoint-health' })));
    expect([gone.name, gone.message]).toEqual(['ResourceNotFound', 'Dashboard does not exist']);
  });
});
