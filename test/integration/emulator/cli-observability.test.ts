/**
 * The `aws cloudwatch …`, `aws logs …` and `aws events …` commands a learner types in the labs,
 * through the AWS CLI installed on this machine (skipped, with a message, when there is none).
 * CloudWatch is also driven over awsQuery — the wire form older CLIs use — by giving the CLI a
 * copy of its CloudWatch model that names only the query protocol.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { AWS_CLI_AVAILABLE, AwsCli, awsCliSkipMessage } from '../../support/aws-cli.ts';
import { emulator } from './support.ts';

const ACCOUNT = '777788889999';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:ml-oncall`;

/** A CloudWatch model for the installed CLI that speaks only awsQuery (AWS_DATA_PATH override). */
function queryOnlyModel(): string | undefined {
  try {
    const botocore = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim();
    const dir = join(botocore, 'data', 'cloudwatch', '2010-08-01');
    let text: string;
    try {
      text = gunzipSync(readFileSync(join(dir, 'service-2.json.gz'))).toString('utf8');
    } catch {
      text = readFileSync(join(dir, 'service-2.json'), 'utf8');
    }
    const model = JSON.parse(text) as { metadata: Record<string, unknown> };
    model.metadata.protocol = 'query';
    model.metadata.protocols = ['query'];
    const root = mkdtempSync(join(tmpdir(), 'mlsec-cw-query-model-'));
    mkdirSync(join(root, 'cloudwatch', '2010-08-01'), { recursive: true });
    writeFileSync(join(root, 'cloudwatch', '2010-08-01', 'service-2.json'), JSON.stringify(model));
    return root;
  } catch {
    return undefined;
  }
}

// Each CLI call starts a Python process (1-2 s on a busy machine): generous per-test time.
if (!AWS_CLI_AVAILABLE) console.warn(awsCliSkipMessage('cli-observability.test.ts'));

describe.skipIf(!AWS_CLI_AVAILABLE)(AWS_CLI_AVAILABLE ? 'AWS CLI: CloudWatch, CloudWatch Logs, EventBridge' : awsCliSkipMessage('AWS CLI: CloudWatch, CloudWatch Logs, EventBridge'), { timeout: 180_000 }, () => {
  let emu: RunningEmulator;
  let modelDir: string | undefined;
  let cli: AwsCli;
  const aws = (...args: string[]) => cli.run(args);
  beforeAll(async () => {
    emu = await emulator();
    cli = new AwsCli(emu.url, { accessKeyId: ACCOUNT });
    modelDir = queryOnlyModel();
    if (!modelDir) console.warn('AWS CLI awsQuery test skipped: the CLI\'s botocore CloudWatch model was not found.');
  });
  afterAll(async () => {
    cli?.dispose();
    await emu.stop();
    if (modelDir) rmSync(modelDir, { recursive: true, force: true });
  });

  it('creates endpoint alarms, lists them, tests them with set-alarm-state and reads the history', async () => {
    const create = await aws('cloudwatch', 'put-metric-alarm', '--alarm-name', 'churn-5xx', '--namespace', 'AWS/SageMaker', '--metric-name', 'Invocation5XXErrors', '--statistic', 'Sum', '--period', '60', '--evaluation-periods', '1', '--threshold', '1', '--comparison-operator', 'GreaterThanOrEqualToThreshold', '--dimensions', 'Name=EndpointName,Value=churn', 'Name=VariantName,Value=AllTraffic', '--alarm-actions', TOPIC, '--treat-missing-data', 'notBreaching', '--tags', 'Key=Project,Value=churn');
    expect([create.code, create.stderr]).toEqual([0, '']);
    const [listed, missingActions] = await Promise.all([
      aws('cloudwatch', 'describe-alarms', '--alarm-name-prefix', 'churn-'),
      aws('cloudwatch', 'describe-alarms', '--query', 'MetricAlarms[?length(AlarmActions)==`0`].AlarmName'),
    ]);
    expect(listed.json.MetricAlarms[0]).toMatchObject({ AlarmName: 'churn-5xx', Namespace: 'AWS/SageMaker', AlarmActions: [TOPIC], ActionsEnabled: true, Dimensions: [{ Name: 'EndpointName', Value: 'churn' }, { Name: 'VariantName', Value: 'AllTraffic' }], TreatMissingData: 'notBreaching' });
    expect(missingActions.json).toEqual([]);
    expect((await aws('cloudwatch', 'set-alarm-state', '--alarm-name', 'churn-5xx', '--state-value', 'ALARM', '--state-reason', 'Drill')).code).toBe(0);
    const [state, history, forMetric] = await Promise.all([
      aws('cloudwatch', 'describe-alarms', '--alarm-names', 'churn-5xx', '--query', 'MetricAlarms[0].[StateValue,StateReason]'),
      aws('cloudwatch', 'describe-alarm-history', '--alarm-name', 'churn-5xx', '--history-item-type', 'Action'),
      aws('cloudwatch', 'describe-alarms-for-metric', '--namespace', 'AWS/SageMaker', '--metric-name', 'Invocation5XXErrors', '--dimensions', 'Name=EndpointName,Value=churn', 'Name=VariantName,Value=AllTraffic'),
    ]);
    expect(state.json).toEqual(['ALARM', 'Drill']);
    expect(history.json.AlarmHistoryItems[0].HistorySummary).toBe(`Successfully executed action ${TOPIC}`);
    expect(forMetric.json.MetricAlarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual(['churn-5xx']);
    const [disabled, tags] = await Promise.all([
      aws('cloudwatch', 'disable-alarm-actions', '--alarm-names', 'churn-5xx'),
      aws('cloudwatch', 'list-tags-for-resource', '--resource-arn', `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:churn-5xx`),
    ]);
    expect(disabled.code).toBe(0);
    expect(tags.json.Tags).toEqual([{ Key: 'Project', Value: 'churn' }]);
    const bad = await aws('cloudwatch', 'put-metric-alarm', '--alarm-name', 'x', '--namespace', 'N', '--metric-name', 'M', '--statistic', 'Sum', '--period', '45', '--evaluation-periods', '1', '--threshold', '1', '--comparison-operator', 'GreaterThanThreshold');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('An error occurred (ValidationError) when calling the PutMetricAlarm operation: Period must be 10, 20, 30 or a multiple of 60');
  });

  it('puts and reads metric data and dashboards', async () => {
    const put = await aws('cloudwatch', 'put-metric-data', '--namespace', 'Lab/Custom', '--metric-name', 'DriftScore', '--value', '0.42', '--unit', 'None', '--dimensions', 'Model=churn');
    expect(put.code).toBe(0);
    const start = new Date(Date.now() - 600_000).toISOString();
    const end = new Date(Date.now() + 60_000).toISOString();
    const queries = JSON.stringify([{ Id: 'drift', MetricStat: { Metric: { Namespace: 'Lab/Custom', MetricName: 'DriftScore', Dimensions: [{ Name: 'Model', Value: 'churn' }] }, Period: 60, Stat: 'Maximum' } }, { Id: 'pct', Expression: 'drift * 100' }]);
    const body = JSON.stringify({ widgets: [{ type: 'metric', x: 0, y: 0, width: 12, height: 6, properties: { region: 'us-east-1', metrics: [['Lab/Custom', 'DriftScore', 'Model', 'churn']], period: 60, stat: 'Maximum' } }] });
    const [stats, data, metrics, dashboard] = await Promise.all([
      aws('cloudwatch', 'get-metric-statistics', '--namespace', 'Lab/Custom', '--metric-name', 'DriftScore', '--dimensions', 'Name=Model,Value=churn', '--start-time', start, '--end-time', end, '--period', '3600', '--statistics', 'Maximum'),
      aws('cloudwatch', 'get-metric-data', '--metric-data-queries', queries, '--start-time', start, '--end-time', end),
      aws('cloudwatch', 'list-metrics', '--namespace', 'Lab/Custom'),
      aws('cloudwatch', 'put-dashboard', '--dashboard-name', 'drift', '--dashboard-body', body),
    ]);
    expect(stats.json.Datapoints.map((d: { Maximum: number }) => d.Maximum)).toEqual([0.42]);
    expect(data.json.MetricDataResults.find((r: { Id: string }) => r.Id === 'pct').Values).toEqual([42]);
    expect(metrics.json.Metrics).toEqual([{ Namespace: 'Lab/Custom', MetricName: 'DriftScore', Dimensions: [{ Name: 'Model', Value: 'churn' }] }]);
    expect(dashboard.json).toEqual({ DashboardValidationMessages: [] });
    const got = await aws('cloudwatch', 'get-dashboard', '--dashboard-name', 'drift');
    expect(JSON.parse(got.json.DashboardBody)).toEqual(JSON.parse(body));
    const reserved = await aws('cloudwatch', 'put-metric-data', '--namespace', 'AWS/SageMaker', '--metric-name', 'Invocations', '--value', '1');
    expect(reserved.stderr).toContain('An error occurred (InvalidParameterValue) when calling the PutMetricData operation: The value AWS/ for parameter Namespace is invalid.');
  });

  it('speaks awsQuery to a CLI whose CloudWatch model names only the query protocol', async (context) => {
    if (!modelDir) context.skip();
    const q = (...args: string[]) => cli.run(args, { env: { AWS_DATA_PATH: modelDir! } });
    const put = await q('cloudwatch', 'put-metric-data', '--namespace', 'Lab/Query', '--metric-name', 'Hits', '--value', '3', '--dimensions', 'Page=home', '--debug');
    expect(put.code).toBe(0);
    expect(put.stderr).toContain("'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'");
    expect(put.stderr).toContain('Action=PutMetricData');
    const [stats, alarms, error] = await Promise.all([
      q('cloudwatch', 'get-metric-statistics', '--namespace', 'Lab/Query', '--metric-name', 'Hits', '--dimensions', 'Name=Page,Value=home', '--start-time', new Date(Date.now() - 600_000).toISOString(), '--end-time', new Date(Date.now() + 60_000).toISOString(), '--period', '3600', '--statistics', 'Sum', 'SampleCount'),
      q('cloudwatch', 'describe-alarms', '--alarm-names', 'churn-5xx'),
      q('cloudwatch', 'get-dashboard', '--dashboard-name', 'nope'),
    ]);
    expect(stats.json.Datapoints).toMatchObject([{ Sum: 3, SampleCount: 1, Unit: 'None' }]);
    expect(alarms.json.MetricAlarms[0]).toMatchObject({ AlarmName: 'churn-5xx', StateValue: 'ALARM', ActionsEnabled: false });
    expect(error.stderr).toContain('An error occurred (ResourceNotFound) when calling the GetDashboard operation: Dashboard does not exist');
  });

  it('manages log groups, retention, events, metric filters and Insights queries', async () => {
    expect((await aws('logs', 'create-log-group', '--log-group-name', '/aws/sagemaker/Endpoints/churn', '--tags', 'Project=churn')).code).toBe(0);
    await aws('logs', 'create-log-group', '--log-group-name', '/aws/sagemaker/TrainingJobs');
    const forever = await aws('logs', 'describe-log-groups', '--query', 'logGroups[?retentionInDays==null].logGroupName');
    expect(forever.json).toEqual(['/aws/sagemaker/Endpoints/churn', '/aws/sagemaker/TrainingJobs']);
    const bad = await aws('logs', 'put-retention-policy', '--log-group-name', '/aws/sagemaker/TrainingJobs', '--retention-in-days', '10');
    expect(bad.stderr).toContain("An error occurred (InvalidParameterException) when calling the PutRetentionPolicy operation: 1 validation error detected: Value '10' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30");
    await Promise.all([
      aws('logs', 'put-retention-policy', '--log-group-name', '/aws/sagemaker/TrainingJobs', '--retention-in-days', '30'),
      aws('logs', 'put-retention-policy', '--log-group-name', '/aws/sagemaker/Endpoints/churn', '--retention-in-days', '90'),
      aws('logs', 'create-log-stream', '--log-group-name', '/aws/sagemaker/Endpoints/churn', '--log-stream-name', 'AllTraffic/i-1'),
      aws('logs', 'put-metric-filter', '--log-group-name', '/aws/sagemaker/Endpoints/churn', '--filter-name', 'errors', '--filter-pattern', '{ $.level = "ERROR" }', '--metric-transformations', 'metricName=EndpointErrors,metricNamespace=Lab/Logs,metricValue=1'),
    ]);
    expect((await aws('logs', 'describe-log-groups', '--query', 'logGroups[?retentionInDays==null].logGroupName')).json).toEqual([]);
    const now = Date.now();
    const events = JSON.stringify([{ timestamp: now - 1000, message: '{"level":"INFO","latency":120}' }, { timestamp: now, message: '{"level":"ERROR","latency":950}' }]);
    const put = await aws('logs', 'put-log-events', '--log-group-name', '/aws/sagemaker/Endpoints/churn', '--log-stream-name', 'AllTraffic/i-1', '--log-events', events);
    expect(put.json.nextSequenceToken).toMatch(/^\d+$/);
    const [filtered, got, metric] = await Promise.all([
      aws('logs', 'filter-log-events', '--log-group-name', '/aws/sagemaker/Endpoints/churn', '--filter-pattern', '{ $.latency > 500 }'),
      aws('logs', 'get-log-events', '--log-group-name', '/aws/sagemaker/Endpoints/churn', '--log-stream-name', 'AllTraffic/i-1', '--start-from-head'),
      aws('cloudwatch', 'list-metrics', '--namespace', 'Lab/Logs'),
    ]);
    expect(filtered.json.events.map((e: { message: string }) => JSON.parse(e.message).level)).toEqual(['ERROR']);
    expect(got.json.events).toHaveLength(2);
    expect(metric.json.Metrics.map((m: { MetricName: string }) => m.MetricName)).toEqual(['EndpointErrors']);
    const started = await aws('logs', 'start-query', '--log-group-name', '/aws/sagemaker/Endpoints/churn', '--start-time', String(Math.floor(now / 1000) - 600), '--end-time', String(Math.floor(now / 1000) + 60), '--query-string', 'stats avg(latency) as avgLatency by level | sort level');
    const results = await aws('logs', 'get-query-results', '--query-id', started.json.queryId);
    expect(results.json.status).toBe('Complete');
    expect(results.json.results).toEqual([[{ field: 'level', value: 'ERROR' }, { field: 'avgLatency', value: '950' }], [{ field: 'level', value: 'INFO' }, { field: 'avgLatency', value: '120' }]]);
    const malformed = await aws('logs', 'start-query', '--log-group-name', '/aws/sagemaker/Endpoints/churn', '--start-time', '1', '--end-time', '2', '--query-string', 'fields @message | unmask @message');
    expect(malformed.stderr).toContain('An error occurred (MalformedQueryException) when calling the StartQuery operation');
  });

  it('creates EventBridge rules with targets, tests patterns and sends events', async () => {
    const pattern = JSON.stringify({ source: ['aws.sagemaker'], 'detail-type': ['SageMaker Endpoint State Change'], detail: { EndpointStatus: ['Failed'] } });
    const rule = await aws('events', 'put-rule', '--name', 'endpoint-failed', '--event-pattern', pattern, '--description', 'Endpoint failures');
    expect(rule.json.RuleArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/endpoint-failed`);
    await aws('logs', 'create-log-group', '--log-group-name', '/aws/events/endpoints');
    const targets = await aws('events', 'put-targets', '--rule', 'endpoint-failed', '--targets', `Id=log,Arn=arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/events/endpoints`, `Id=page,Arn=${TOPIC}`);
    expect(targets.json).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
    const event = JSON.stringify({ id: '1', account: ACCOUNT, source: 'aws.sagemaker', time: '2026-03-02T10:00:00Z', region: 'us-east-1', resources: [], 'detail-type': 'SageMaker Endpoint State Change', detail: { EndpointStatus: 'Failed' } });
    const [rules, described, tested, listedTargets, bad] = await Promise.all([
      aws('events', 'list-rules', '--name-prefix', 'endpoint'),
      aws('events', 'describe-rule', '--name', 'endpoint-failed'),
      aws('events', 'test-event-pattern', '--event-pattern', pattern, '--event', event),
      aws('events', 'list-targets-by-rule', '--rule', 'endpoint-failed'),
      aws('events', 'put-rule', '--name', 'broken', '--event-pattern', '{"source": "aws.sagemaker"}'),
    ]);
    expect(rules.json.Rules.map((r: { Name: string }) => r.Name)).toEqual(['endpoint-failed']);
    expect(described.json).toMatchObject({ Name: 'endpoint-failed', State: 'ENABLED', EventPattern: pattern, EventBusName: 'default' });
    expect(tested.json).toEqual({ Result: true });
    expect(listedTargets.json.Targets.map((t: { Id: string }) => t.Id)).toEqual(['log', 'page']);
    expect(bad.stderr).toContain('An error occurred (InvalidEventPatternException) when calling the PutRule operation: Event pattern is not valid. Reason: "source" must be an object or an array');
    const entries = JSON.stringify([{ Source: 'lab.app', DetailType: 'Drift Detected', Detail: '{"score":0.7}' }, { Source: 'aws.sagemaker', DetailType: 'x', Detail: '{}' }]);
    const sent = await aws('events', 'put-events', '--entries', entries);
    expect(sent.json.FailedEntryCount).toBe(1);
    emu.events.publish({ accountId: ACCOUNT, source: 'aws.sagemaker', detailType: 'SageMaker Endpoint State Change', detail: { EndpointName: 'churn', EndpointStatus: 'Failed' } });
    const delivered = await aws('logs', 'filter-log-events', '--log-group-name', '/aws/events/endpoints');
    expect(delivered.json.events.map((e: { message: string }) => JSON.parse(e.message).detail)).toEqual([{ EndpointName: 'churn', EndpointStatus: 'Failed' }]);
    const blocked = await aws('events', 'delete-rule', '--name', 'endpoint-failed');
    expect(blocked.stderr).toContain("An error occurred (ValidationException) when calling the DeleteRule operation: Rule can't be deleted since it has targets.");
    await aws('events', 'remove-targets', '--rule', 'endpoint-failed', '--ids', 'log', 'page');
    expect((await aws('events', 'delete-rule', '--name', 'endpoint-failed')).code).toBe(0);
  });
});
