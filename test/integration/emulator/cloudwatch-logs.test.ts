/**
 * CloudWatch Logs through the real SDK over HTTP: log groups (retention with AWS's allowed values,
 * KMS, tags, deletion protection), streams, PutLogEvents batch rules, GetLogEvents tokens,
 * FilterLogEvents patterns, metric filters that publish CloudWatch metrics, subscription filters,
 * resource policies and the Logs Insights subset — with AWS's error codes.
 */
import { CloudWatchClient, GetMetricStatisticsCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import {
  AssociateKmsKeyCommand,
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DeleteMetricFilterCommand,
  DeleteResourcePolicyCommand,
  DeleteRetentionPolicyCommand,
  DeleteSubscriptionFilterCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  DescribeMetricFiltersCommand,
  DescribeQueriesCommand,
  DescribeResourcePoliciesCommand,
  DescribeSubscriptionFiltersCommand,
  DisassociateKmsKeyCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  GetQueryResultsCommand,
  ListLogGroupsCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutLogEventsCommand,
  PutLogGroupDeletionProtectionCommand,
  PutMetricFilterCommand,
  PutResourcePolicyCommand,
  PutRetentionPolicyCommand,
  PutSubscriptionFilterCommand,
  StartQueryCommand,
  StopQueryCommand,
  TagLogGroupCommand,
  TagResourceCommand,
  TestMetricFilterCommand,
  UntagLogGroupCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
let clock = T0;
const ACCOUNT = '123412341234';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const GROUP = '/aws/sagemaker/Endpoints/churn';

describe('CloudWatch Logs', () => {
  let emu: RunningEmulator;
  let logs: CloudWatchLogsClient;
  let cw: CloudWatchClient;
  beforeAll(async () => {
    emu = await emulator({ now: () => clock });
    logs = new CloudWatchLogsClient(clientConfig(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' }));
    cw = new CloudWatchClient(clientConfig(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP, tags: { Project: 'churn' } }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'AllTraffic/i-0abc' }));
  });
  afterAll(async () => emu.stop());

  it('creates log groups that keep events forever until a retention is set', async () => {
    const described = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/sagemaker' }));
    expect(described.logGroups).toEqual([
      {
        logGroupName: GROUP,
        creationTime: T0,
        metricFilterCount: 0,
        arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${GROUP}:*`,
        logGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${GROUP}`,
        storedBytes: 0,
        logGroupClass: 'STANDARD',
        deletionProtectionEnabled: false,
      },
    ]);
    const dup = await awsError(() => logs.send(new CreateLogGroupCommand({ logGroupName: GROUP })));
    expect([dup.name, dup.message, dup.$metadata.httpStatusCode]).toEqual(['ResourceAlreadyExistsException', 'The specified log group already exists', 400]);
    const bad = await awsError(() => logs.send(new CreateLogGroupCommand({ logGroupName: 'no spaces' })));
    expect([bad.name, bad.message]).toEqual(['InvalidParameterException', "1 validation error detected: Value 'no spaces' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+"]);
  });

  it('accepts only AWS retention values and removes retention again', async () => {
    const bad = await awsError(() => logs.send(new PutRetentionPolicyCommand({ logGroupName: GROUP, retentionInDays: 2 })));
    expect([bad.name, bad.message]).toEqual([
      'InvalidParameterException',
      "1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
    ]);
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: GROUP, retentionInDays: 30 }));
    expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: GROUP }))).logGroups![0]!.retentionInDays).toBe(30);
    await logs.send(new DeleteRetentionPolicyCommand({ logGroupName: GROUP }));
    expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: GROUP }))).logGroups![0]!.retentionInDays).toBeUndefined();
    const missing = await awsError(() => logs.send(new PutRetentionPolicyCommand({ logGroupName: '/nope', retentionInDays: 7 })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFoundException', 'The specified log group does not exist.']);
  });

  it('associates KMS keys by ARN only', async () => {
    await logs.send(new AssociateKmsKeyCommand({ logGroupName: GROUP, kmsKeyId: KEY }));
    expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: GROUP }))).logGroups![0]!.kmsKeyId).toBe(KEY);
    const alias = await awsError(() => logs.send(new AssociateKmsKeyCommand({ logGroupName: GROUP, kmsKeyId: 'alias/ml' })));
    expect(alias.name).toBe('InvalidParameterException');
    const otherRegion = await awsError(() => logs.send(new AssociateKmsKeyCommand({ logGroupName: GROUP, kmsKeyId: KEY.replace('us-east-1', 'eu-west-1') })));
    expect([otherRegion.name, otherRegion.message]).toEqual(['AccessDeniedException', `The specified KMS key does not exist or is not allowed to be used with Arn 'arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${GROUP}'`]);
    await logs.send(new DisassociateKmsKeyCommand({ logGroupName: GROUP }));
    expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: GROUP }))).logGroups![0]!.kmsKeyId).toBeUndefined();
  });

  it('tags log groups through both tagging APIs', async () => {
    const arn = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${GROUP}`;
    await logs.send(new TagLogGroupCommand({ logGroupName: GROUP, tags: { CostCenter: '42' } }));
    await logs.send(new TagResourceCommand({ resourceArn: arn, tags: { Owner: 'ml-platform' } }));
    expect((await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({ Project: 'churn', CostCenter: '42', Owner: 'ml-platform' });
    await logs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['Owner'] }));
    await logs.send(new UntagLogGroupCommand({ logGroupName: GROUP, tags: ['CostCenter'] }));
    expect((await logs.send(new ListTagsLogGroupCommand({ logGroupName: GROUP }))).tags).toEqual({ Project: 'churn' });
    const tooMany = await awsError(() => logs.send(new TagLogGroupCommand({ logGroupName: GROUP, tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])) })));
    expect([tooMany.name, tooMany.message]).toEqual(['TooManyTagsException', 'A resource can have no more than 50 tags.']);
  });

  it('puts events under AWS batch rules and reports rejected ones', async () => {
    const stream = { logGroupName: GROUP, logStreamName: 'AllTraffic/i-0abc' };
    clock = T0 + 60_000;
    const out = await logs.send(
      new PutLogEventsCommand({
        ...stream,
        sequenceToken: 'ignored',
        logEvents: [
          { timestamp: clock - 15 * 86_400_000, message: 'too old' },
          { timestamp: clock - 2_000, message: JSON.stringify({ level: 'INFO', latency: 120, variant: 'A', path: '/invocations' }) },
          { timestamp: clock - 1_000, message: JSON.stringify({ level: 'ERROR', latency: 900, variant: 'B', path: '/invocations' }) },
          { timestamp: clock, message: '10.0.0.7 alice GET /ping 200 12' },
          { timestamp: clock + 3 * 3_600_000, message: 'too new' },
        ],
      }),
    );
    expect(out.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 0, tooNewLogEventStartIndex: 4 });
    expect(out.nextSequenceToken).toMatch(/^\d+$/);
    const order = await awsError(() => logs.send(new PutLogEventsCommand({ ...stream, logEvents: [{ timestamp: clock, message: 'b' }, { timestamp: clock - 1, message: 'a' }] })));
    expect([order.name, order.message]).toEqual(['InvalidParameterException', 'Log events in a single PutLogEvents request must be in chronological order.']);
    const big = await awsError(() => logs.send(new PutLogEventsCommand({ ...stream, logEvents: [{ timestamp: clock, message: 'x'.repeat(1_048_560) }] })));
    expect(big.message).toBe('Upload too large: 1048586 bytes exceeds limit of 1048576');
    const noStream = await awsError(() => logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: 'nope', logEvents: [{ timestamp: clock, message: 'x' }] })));
    expect([noStream.name, noStream.message]).toEqual(['ResourceNotFoundException', 'The specified log stream does not exist.']);
    const described = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }));
    expect(described.logStreams![0]).toMatchObject({ logStreamName: 'AllTraffic/i-0abc', creationTime: T0, firstEventTimestamp: clock - 2_000, lastEventTimestamp: clock, lastIngestionTime: clock, arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${GROUP}:log-stream:AllTraffic/i-0abc` });
  });

  it('pages GetLogEvents forward and backward with tokens', async () => {
    const stream = { logGroupName: GROUP, logStreamName: 'AllTraffic/i-0abc' };
    const head = await logs.send(new GetLogEventsCommand({ ...stream, startFromHead: true, limit: 2 }));
    expect(head.events!.map((e) => JSON.parse(e.message!).level)).toEqual(['INFO', 'ERROR']);
    expect(head.nextForwardToken).toMatch(/^f\/\d{56}$/);
    const next = await logs.send(new GetLogEventsCommand({ ...stream, nextToken: head.nextForwardToken, limit: 2 }));
    expect(next.events!.map((e) => e.message)).toEqual(['10.0.0.7 alice GET /ping 200 12']);
    const end = await logs.send(new GetLogEventsCommand({ ...stream, nextToken: next.nextForwardToken }));
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(next.nextForwardToken);
    const tail = await logs.send(new GetLogEventsCommand({ ...stream, limit: 1 }));
    expect(tail.events!.map((e) => e.message)).toEqual(['10.0.0.7 alice GET /ping 200 12']);
    const back = await logs.send(new GetLogEventsCommand({ ...stream, nextToken: tail.nextBackwardToken, limit: 1 }));
    expect(JSON.parse(back.events![0]!.message!).level).toBe('ERROR');
    const bad = await awsError(() => logs.send(new GetLogEventsCommand({ ...stream, nextToken: 'x/1' })));
    expect([bad.name, bad.message]).toEqual(['InvalidParameterException', 'The specified nextToken is invalid.']);
  });

  it('filters events with terms, JSON selectors and space-delimited patterns', async () => {
    const filter = async (filterPattern: string) => (await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern }))).events!.map((e) => e.message);
    expect(await filter('ERROR')).toHaveLength(1);
    expect(await filter('"/invocations"')).toHaveLength(2);
    expect(await filter('?ERROR ?alice')).toHaveLength(2);
    expect(await filter('invocations -ERROR')).toHaveLength(1);
    expect(await filter('{ $.latency > 500 }')).toEqual([JSON.stringify({ level: 'ERROR', latency: 900, variant: 'B', path: '/invocations' })]);
    expect(await filter('{ ($.level = "INF*") || ($.variant = B && $.latency >= 900) }')).toHaveLength(2);
    expect(await filter('{ $.user NOT EXISTS && $.level != "ERROR" }')).toHaveLength(1);
    expect(await filter('[ip, user, method = GET, path, status = 2*, size < 100]')).toEqual(['10.0.0.7 alice GET /ping 200 12']);
    const bad = await awsError(() => logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '{ $.latency > high }' })));
    expect([bad.name, bad.message]).toEqual(['InvalidParameterException', 'Invalid filter pattern: > compares numbers; high is not a number']);
    const paged = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, limit: 2 }));
    expect(paged.events).toHaveLength(2);
    const rest = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, limit: 2, nextToken: paged.nextToken }));
    expect(rest.events!.map((e) => e.message)).toEqual(['10.0.0.7 alice GET /ping 200 12']);
    expect(rest.nextToken).toBeUndefined();
  });

  it('publishes metric filter values as CloudWatch metrics', async () => {
    await logs.send(new PutMetricFilterCommand({ logGroupName: GROUP, filterName: 'latency-by-variant', filterPattern: '{ $.latency = * }', metricTransformations: [{ metricName: 'InvocationLatency', metricNamespace: 'Lab/Logs', metricValue: '$.latency', unit: 'Milliseconds', dimensions: { Variant: '$.variant' } }] }));
    await logs.send(new PutMetricFilterCommand({ logGroupName: GROUP, filterName: 'errors', filterPattern: 'ERROR', metricTransformations: [{ metricName: 'ErrorCount', metricNamespace: 'Lab/Logs', metricValue: '1', defaultValue: 0 }] }));
    const filters = await logs.send(new DescribeMetricFiltersCommand({ logGroupName: GROUP }));
    expect(filters.metricFilters!.map((f) => f.filterName)).toEqual(['errors', 'latency-by-variant']);
    expect(filters.metricFilters![1]).toMatchObject({ logGroupName: GROUP, filterPattern: '{ $.latency = * }', metricTransformations: [{ metricName: 'InvocationLatency', metricNamespace: 'Lab/Logs', metricValue: '$.latency', unit: 'Milliseconds', dimensions: { Variant: '$.variant' } }] });
    clock = T0 + 120_000;
    await logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: 'AllTraffic/i-0abc', logEvents: [{ timestamp: clock, message: JSON.stringify({ level: 'ERROR', latency: 700, variant: 'B' }) }, { timestamp: clock + 1, message: 'all good' }] }));
    const latency = await cw.send(new GetMetricStatisticsCommand({ Namespace: 'Lab/Logs', MetricName: 'InvocationLatency', Dimensions: [{ Name: 'Variant', Value: 'B' }], StartTime: new Date(T0), EndTime: new Date(T0 + 600_000), Period: 600, Statistics: ['Sum', 'SampleCount'] }));
    expect(latency.Datapoints).toEqual([{ Timestamp: new Date(T0), Sum: 700, SampleCount: 1, Unit: 'Milliseconds' }]);
    const errors = await cw.send(new GetMetricStatisticsCommand({ Namespace: 'Lab/Logs', MetricName: 'ErrorCount', StartTime: new Date(T0), EndTime: new Date(T0 + 600_000), Period: 600, Statistics: ['Sum', 'SampleCount'] }));
    expect(errors.Datapoints).toEqual([{ Timestamp: new Date(T0), Sum: 1, SampleCount: 2, Unit: 'None' }]);
    expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: GROUP }))).logGroups![0]!.metricFilterCount).toBe(2);
    const tested = await logs.send(new TestMetricFilterCommand({ filterPattern: '{ $.latency > 100 }', logEventMessages: ['{"latency": 50}', '{"latency": 150}'] }));
    expect(tested.matches).toEqual([{ eventNumber: 2, eventMessage: '{"latency": 150}', extractedValues: { '$.latency': '150' } }]);
    const noFields = await awsError(() => logs.send(new PutMetricFilterCommand({ logGroupName: GROUP, filterName: 'bad', filterPattern: 'ERROR', metricTransformations: [{ metricName: 'x', metricNamespace: 'y', metricValue: '$.latency' }] })));
    expect(noFields.name).toBe('InvalidParameterException');
    await logs.send(new DeleteMetricFilterCommand({ logGroupName: GROUP, filterName: 'errors' }));
    const gone = await awsError(() => logs.send(new DeleteMetricFilterCommand({ logGroupName: GROUP, filterName: 'errors' })));
    expect([gone.name, gone.message]).toEqual(['ResourceNotFoundException', 'The specified metric filter does not exist.']);
    expect((await cw.send(new ListMetricsCommand({ Namespace: 'Lab/Logs' }))).Metrics!.map((m) => m.MetricName).sort()).toEqual(['ErrorCount', 'InvocationLatency']);
  });

  it('runs the Logs Insights subset and refuses the rest with MalformedQueryException', async () => {
    const run = async (queryString: string) => {
      const { queryId } = await logs.send(new StartQueryCommand({ logGroupName: GROUP, startTime: Math.floor(T0 / 1000), endTime: Math.floor(T0 / 1000) + 3600, queryString }));
      return logs.send(new GetQueryResultsCommand({ queryId }));
    };
    const rows = await run('fields @timestamp, @message, level | filter level = "ERROR" | sort @timestamp desc | limit 10');
    expect(rows.status).toBe('Complete');
    expect(rows.results!.map((r) => r.filter((f) => f.field !== '@ptr'))).toEqual([
      [{ field: '@timestamp', value: '2026-03-02 10:02:00.000' }, { field: '@message', value: JSON.stringify({ level: 'ERROR', latency: 700, variant: 'B' }) }, { field: 'level', value: 'ERROR' }],
      [{ field: '@timestamp', value: '2026-03-02 10:00:59.000' }, { field: '@message', value: JSON.stringify({ level: 'ERROR', latency: 900, variant: 'B', path: '/invocations' }) }, { field: 'level', value: 'ERROR' }],
    ]);
    expect(rows.results![0]!.at(-1)!.field).toBe('@ptr');
    expect(rows.statistics).toMatchObject({ recordsMatched: 2, recordsScanned: 5 });
    const stats = await run('filter ispresent(latency) | stats count(*) as calls, avg(latency) as avgLatency, max(latency) by variant | sort variant');
    expect(stats.results).toEqual([
      [{ field: 'variant', value: 'A' }, { field: 'calls', value: '1' }, { field: 'avgLatency', value: '120' }, { field: 'max(latency)', value: '120' }],
      [{ field: 'variant', value: 'B' }, { field: 'calls', value: '2' }, { field: 'avgLatency', value: '800' }, { field: 'max(latency)', value: '900' }],
    ]);
    const binned = await run('stats count(*) by bin(1m)');
    expect(binned.results!.map((r) => r.map((f) => f.value))).toEqual([['2026-03-02 10:00:00.000', '2'], ['2026-03-02 10:01:00.000', '1'], ['2026-03-02 10:02:00.000', '2']]);
    const parsed = await run('filter @message like /GET/ | parse @message "* * * * * *" as ip, user, method, path, status, size | display user, status');
    expect(parsed.results!.map((r) => r.filter((f) => f.field !== '@ptr'))).toEqual([[{ field: 'user', value: 'alice' }, { field: 'status', value: '200' }]]);
    const malformed = await awsError(() => logs.send(new StartQueryCommand({ logGroupName: GROUP, startTime: 1, endTime: 2, queryString: 'fields @message | dedup @message' })));
    expect(malformed.name).toBe('MalformedQueryException');
    expect(malformed.message).toContain("The Logs Insights command 'dedup' is not supported by this emulator");
    expect((malformed as unknown as { queryCompileError: unknown }).queryCompileError).toEqual({ location: { startCharOffset: 18, endCharOffset: 23 }, message: malformed.message });
    const syntax = await awsError(() => logs.send(new StartQueryCommand({ logGroupName: GROUP, startTime: 1, endTime: 2, queryString: 'filter = 3' })));
    expect([syntax.name, syntax.message]).toEqual(['MalformedQueryException', 'unexpected symbol found = at line 1 and position 8; expected a value']);
    const noGroup = await awsError(() => logs.send(new StartQueryCommand({ logGroupName: '/nope', startTime: 1, endTime: 2, queryString: 'fields @message' })));
    expect([noGroup.name, noGroup.message]).toEqual(['ResourceNotFoundException', `Log group '/nope' does not exist for account ID '${ACCOUNT}'`]);
    const described = await logs.send(new DescribeQueriesCommand({ logGroupName: GROUP }));
    expect(described.queries!.length).toBeGreaterThanOrEqual(4);
    expect((await logs.send(new StopQueryCommand({ queryId: described.queries![0]!.queryId }))).success).toBe(false);
  });

  it('stores subscription filters and resource policies', async () => {
    await logs.send(new PutSubscriptionFilterCommand({ logGroupName: GROUP, filterName: 'to-firehose', filterPattern: 'ERROR', destinationArn: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/errors`, roleArn: `arn:aws:iam::${ACCOUNT}:role/cwl` }));
    expect((await logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: GROUP }))).subscriptionFilters).toMatchObject([{ filterName: 'to-firehose', filterPattern: 'ERROR', distribution: 'ByLogStream' }]);
    await logs.send(new DeleteSubscriptionFilterCommand({ logGroupName: GROUP, filterName: 'to-firehose' }));
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] });
    expect((await logs.send(new PutResourcePolicyCommand({ policyName: 'eventbridge', policyDocument: policy }))).resourcePolicy).toMatchObject({ policyName: 'eventbridge', policyDocument: policy });
    expect((await logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies).toHaveLength(1);
    await logs.send(new DeleteResourcePolicyCommand({ policyName: 'eventbridge' }));
  });

  it('deletes streams and groups, honouring deletion protection', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/lab/protected', deletionProtectionEnabled: true }));
    const blocked = await awsError(() => logs.send(new DeleteLogGroupCommand({ logGroupName: '/lab/protected' })));
    expect(blocked.name).toBe('OperationAbortedException');
    await logs.send(new PutLogGroupDeletionProtectionCommand({ logGroupIdentifier: '/lab/protected', deletionProtectionEnabled: false }));
    await logs.send(new DeleteLogGroupCommand({ logGroupName: '/lab/protected' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'temp' }));
    await logs.send(new DeleteLogStreamCommand({ logGroupName: GROUP, logStreamName: 'temp' }));
    const gone = await awsError(() => logs.send(new DeleteLogStreamCommand({ logGroupName: GROUP, logStreamName: 'temp' })));
    expect([gone.name, gone.message]).toEqual(['ResourceNotFoundException', 'The specified log stream does not exist.']);
    expect((await logs.send(new ListLogGroupsCommand({ logGroupNamePattern: 'sagemaker' }))).logGroups).toEqual([{ logGroupName: GROUP, logGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${GROUP}`, logGroupClass: 'STANDARD' }]);
  });

  it('pages DescribeLogGroups and hides expired events', async () => {
    for (let i = 0; i < 3; i++) await logs.send(new CreateLogGroupCommand({ logGroupName: `/lab/page/${i}` }));
    const first = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/lab/page/', limit: 2 }));
    expect(first.logGroups!.map((g) => g.logGroupName)).toEqual(['/lab/page/0', '/lab/page/1']);
    const second = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/lab/page/', limit: 2, nextToken: first.nextToken }));
    expect(second.logGroups!.map((g) => g.logGroupName)).toEqual(['/lab/page/2']);
    expect(second.nextToken).toBeUndefined();
    const both = await awsError(() => logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/a', logGroupNamePattern: 'b' })));
    expect([both.name, both.message]).toEqual(['InvalidParameterException', 'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.']);
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/lab/page/0', logStreamName: 's' }));
    const span = await awsError(() => logs.send(new PutLogEventsCommand({ logGroupName: '/lab/page/0', logStreamName: 's', logEvents: [{ timestamp: clock - 2 * 86_400_000, message: 'two days old' }, { timestamp: clock, message: 'fresh' }] })));
    expect([span.name, span.message]).toEqual(['InvalidParameterException', 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.']);
    await logs.send(new PutLogEventsCommand({ logGroupName: '/lab/page/0', logStreamName: 's', logEvents: [{ timestamp: clock - 2 * 86_400_000, message: 'two days old' }] }));
    await logs.send(new PutLogEventsCommand({ logGroupName: '/lab/page/0', logStreamName: 's', logEvents: [{ timestamp: clock, message: 'fresh' }] }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/lab/page/0', retentionInDays: 1 }));
    expect((await logs.send(new FilterLogEventsCommand({ logGroupName: '/lab/page/0' }))).events!.map((e) => e.message)).toEqual(['fresh']);
  });
});
