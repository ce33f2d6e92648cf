/**
 * EventBridge through the real SDK over HTTP: buses, rules with event patterns (checked with
 * EventBridge's InvalidEventPatternException wording and matched as EventBridge matches them),
 * schedule expressions, targets with FailedEntries, PutEvents with per-entry errors, delivery to
 * CloudWatch Logs log groups, AWS/Events metrics, TestEventPattern, tags — and events the emulator
 * emits itself (CloudWatch alarm state changes, events published on the internal bus).
 */
import { CloudWatchClient, GetMetricStatisticsCommand, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
  TestEventPatternCommand,
  UntagResourceCommand,
  UpdateEventBusCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
let clock = T0;
const ACCOUNT = '555566667777';
const LOG_GROUP = '/aws/events/ml-ops';
const LOG_ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${LOG_GROUP}`;

describe('EventBridge', () => {
  let emu: RunningEmulator;
  let eb: EventBridgeClient;
  let logs: CloudWatchLogsClient;
  let cw: CloudWatchClient;
  beforeAll(async () => {
    emu = await emulator({ now: () => clock });
    const creds = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };
    eb = new EventBridgeClient(clientConfig(emu.url, creds));
    logs = new CloudWatchLogsClient(clientConfig(emu.url, creds));
    cw = new CloudWatchClient(clientConfig(emu.url, creds));
    await logs.send(new CreateLogGroupCommand({ logGroupName: LOG_GROUP }));
  });
  afterAll(async () => emu.stop());

  const delivered = async (filterPattern?: string) => (await logs.send(new FilterLogEventsCommand({ logGroupName: LOG_GROUP, filterPattern }))).events!.map((e) => JSON.parse(e.message!));

  it('has a default bus and manages custom ones', async () => {
    const def = await eb.send(new DescribeEventBusCommand({}));
    expect(def).toMatchObject({ Name: 'default', Arn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default` });
    const created = await eb.send(new CreateEventBusCommand({ Name: 'ml-platform', Description: 'Model lifecycle events', Tags: [{ Key: 'team', Value: 'ml' }] }));
    expect(created.EventBusArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/ml-platform`);
    const dup = await awsError(() => eb.send(new CreateEventBusCommand({ Name: 'ml-platform' })));
    expect([dup.name, dup.message]).toEqual(['ResourceAlreadyExistsException', 'Event bus ml-platform already exists.']);
    const slash = await awsError(() => eb.send(new CreateEventBusCommand({ Name: 'a/b' })));
    expect([slash.name, slash.message]).toEqual(['ValidationException', "Event bus name must not contain '/'."]);
    await eb.send(new UpdateEventBusCommand({ Name: 'ml-platform', Description: 'Updated' }));
    expect((await eb.send(new DescribeEventBusCommand({ Name: created.EventBusArn }))).Description).toBe('Updated');
    expect((await eb.send(new ListEventBusesCommand({ NamePrefix: 'ml' }))).EventBuses!.map((b) => b.Name)).toEqual(['ml-platform']);
    const noDefault = await awsError(() => eb.send(new DeleteEventBusCommand({ Name: 'default' })));
    expect([noDefault.name, noDefault.message]).toEqual(['ValidationException', 'Cannot delete event bus default.']);
    const missing = await awsError(() => eb.send(new DescribeEventBusCommand({ Name: 'nope' })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFoundException', 'Event bus nope does not exist.']);
  });

  it('checks event patterns and schedule expressions as EventBridge does', async () => {
    const bad = (EventPattern: string) => awsError(() => eb.send(new PutRuleCommand({ Name: 'bad', EventPattern })));
    const notArray = await bad('{"source": "aws.sagemaker"}');
    expect(notArray.name).toBe('InvalidEventPatternException');
    expect(notArray.message).toBe('Event pattern is not valid. Reason: "source" must be an object or an array\n at [Source: (String)"{"source": "aws.sagemaker"}"; line: 1, column: 27]');
    expect((await bad('{"source": []}')).message).toMatch(/^Event pattern is not valid. Reason: Empty arrays are not allowed\n at \[Source/);
    expect((await bad('[]')).message).toMatch(/^Event pattern is not valid. Reason: Filter is not an object\n/);
    expect((await bad('{"detail": {"x": [{"numeric": [">", "ten"]}]}}')).message).toMatch(/Reason: Value of > must be numeric\n/);
    expect((await bad('{"detail": {"x": [{"regex": "a.*"}]}}')).message).toMatch(/Reason: Unrecognized match type regex\n/);
    expect((await bad('{"detail": {"x": [{"anything-but": ["a", 1]}]}}')).message).toMatch(/Reason: Inside anything but list, either all values are number or string, mixed type is not supported\n/);
    expect((await bad('{"$or": [{"source": ["a"]}]}')).message).toMatch(/Reason: There must have at least 2 Objects in \$or relationship.\n/);
    expect((await bad('{"detail": {"x": [{"wildcard": "a**"}]}}')).message).toMatch(/Reason: Consecutive wildcard characters at pos 2\n/);
    const neither = await awsError(() => eb.send(new PutRuleCommand({ Name: 'empty' })));
    expect([neither.name, neither.message]).toEqual(['ValidationException', 'Parameter(s) EventPattern or ScheduleExpression must be specified.']);
    for (const expr of ['rate(1 minutes)', 'rate(5 minute)', 'rate(0 hours)', 'cron(0 12 * * * *)', 'cron(61 12 ? * MON *)', 'every 5 minutes']) {
      const e = await awsError(() => eb.send(new PutRuleCommand({ Name: 'sched', ScheduleExpression: expr })));
      expect([expr, e.message]).toEqual([expr, 'Parameter ScheduleExpression is not valid.']);
    }
    for (const expr of ['rate(1 minute)', 'rate(5 minutes)', 'rate(12 hours)', 'cron(0 12 * * ? *)', 'cron(0/15 8-17 ? * MON-FRI *)', 'cron(0 0 L * ? 2026)', 'cron(30 2 ? * 6#3 *)']) {
      await eb.send(new PutRuleCommand({ Name: 'sched', ScheduleExpression: expr }));
    }
    const customBus = await awsError(() => eb.send(new PutRuleCommand({ Name: 'sched', ScheduleExpression: 'rate(1 hour)', EventBusName: 'ml-platform' })));
    expect(customBus.message).toBe('ScheduleExpression is supported only on the default event bus.');
    const name = await awsError(() => eb.send(new PutRuleCommand({ Name: 'no spaces', EventPattern: '{"source":["x"]}' })));
    expect(name.message).toBe("1 validation error detected: Value 'no spaces' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
  });

  it('matches EventBridge pattern semantics in TestEventPattern', async () => {
    const event = {
      id: '7bf73129-1428-4cd3-a780-95db273d1602',
      'detail-type': 'SageMaker Endpoint State Change',
      source: 'aws.sagemaker',
      account: ACCOUNT,
      time: '2026-03-02T10:00:00Z',
      region: 'us-east-1',
      resources: [`arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/churn-prod`],
      detail: { EndpointName: 'churn-prod', EndpointStatus: 'Failed', ProductionVariants: [{ VariantName: 'A', CurrentWeight: 0.9 }, { VariantName: 'B', CurrentWeight: 0.1 }], Tags: { Stage: 'prod' }, SourceIp: '10.0.3.7', Nothing: null },
    };
    const test = async (pattern: object) => (await eb.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: JSON.stringify(event) }))).Result;
    expect(await test({ source: ['aws.sagemaker'], 'detail-type': ['SageMaker Endpoint State Change'] })).toBe(true);
    expect(await test({ source: ['aws.s3'] })).toBe(false);
    expect(await test({ detail: { EndpointName: [{ prefix: 'churn-' }] } })).toBe(true);
    expect(await test({ detail: { EndpointName: [{ suffix: { 'equals-ignore-case': '-PROD' } }] } })).toBe(true);
    expect(await test({ detail: { EndpointStatus: [{ 'anything-but': ['InService', 'Creating'] }] } })).toBe(true);
    expect(await test({ detail: { EndpointStatus: [{ 'anything-but': { prefix: 'Fail' } }] } })).toBe(false);
    expect(await test({ detail: { ProductionVariants: { CurrentWeight: [{ numeric: ['>', 0.5, '<=', 1] }] } } })).toBe(true);
    expect(await test({ detail: { ProductionVariants: { VariantName: ['B'], CurrentWeight: [{ numeric: ['>', 0.5] }] } } })).toBe(false);
    expect(await test({ detail: { ProductionVariants: { VariantName: ['B'], CurrentWeight: [{ numeric: ['<', 0.5] }] } } })).toBe(true);
    expect(await test({ detail: { FailureReason: [{ exists: false }], EndpointName: [{ exists: true }] } })).toBe(true);
    expect(await test({ detail: { EndpointStatus: [{ 'equals-ignore-case': 'FAILED' }] } })).toBe(true);
    expect(await test({ detail: { EndpointName: [{ wildcard: 'churn-*' }] } })).toBe(true);
    expect(await test({ detail: { SourceIp: [{ cidr: '10.0.0.0/16' }] } })).toBe(true);
    expect(await test({ detail: { Nothing: [null] } })).toBe(true);
    expect(await test({ resources: [{ suffix: '/churn-prod' }] })).toBe(true);
    expect(await test({ detail: { Tags: { Stage: ['prod'] } } })).toBe(true);
    expect(await test({ source: ['aws.sagemaker'], $or: [{ detail: { EndpointStatus: ['InService'] } }, { detail: { EndpointName: [{ prefix: 'churn' }] } }] })).toBe(true);
    expect(await test({ $or: [{ detail: { EndpointStatus: ['InService'] } }, { source: ['aws.s3'] }] })).toBe(false);
    const noId = await awsError(() => eb.send(new TestEventPatternCommand({ EventPattern: '{"source":["x"]}', Event: JSON.stringify({ ...event, id: undefined }) })));
    expect([noId.name, noId.message]).toEqual(['ValidationException', 'Parameter Event is not valid. Reason: Provided Event must have mandatory field id.']);
  });

  it('delivers matching PutEvents entries to log-group targets and reports per-entry errors', async () => {
    const pattern = { source: ['ml.training'], detail: { status: ['Failed'] } };
    await eb.send(new PutRuleCommand({ Name: 'training-failures', EventPattern: JSON.stringify(pattern), Description: 'Failed training jobs' }));
    const targets = await eb.send(
      new PutTargetsCommand({
        Rule: 'training-failures',
        Targets: [
          { Id: 'log', Arn: LOG_ARN },
          { Id: 'pager', Arn: `arn:aws:sns:us-east-1:${ACCOUNT}:ml-oncall`, InputTransformer: { InputPathsMap: { job: '$.detail.job' }, InputTemplate: '"Training job <job> failed"' } },
          { Id: 'broken', Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, Input: '{not json' },
        ],
      }),
    );
    expect(targets).toMatchObject({ FailedEntryCount: 1, FailedEntries: [{ TargetId: 'broken', ErrorCode: 'ValidationException', ErrorMessage: 'Parameter Input is not valid. Reason: Input is not a valid JSON text.' }] });
    const arnBad = await awsError(() => eb.send(new PutTargetsCommand({ Rule: 'training-failures', Targets: [{ Id: 'x', Arn: 'not-an-arn' }] })));
    expect([arnBad.name, arnBad.message]).toEqual(['ValidationException', 'Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format.']);
    const tooMany = await awsError(() => eb.send(new PutTargetsCommand({ Rule: 'training-failures', Targets: Array.from({ length: 4 }, (_, i) => ({ Id: `t${i}`, Arn: `arn:aws:sns:us-east-1:${ACCOUNT}:t${i}` })) })));
    expect([tooMany.name, tooMany.message]).toEqual(['LimitExceededException', 'The requested resource exceeds the maximum number allowed.']);
    const noRule = await awsError(() => eb.send(new PutTargetsCommand({ Rule: 'nope', Targets: [{ Id: 'x', Arn: LOG_ARN }] })));
    expect([noRule.name, noRule.message]).toEqual(['ResourceNotFoundException', 'Rule nope does not exist on EventBus default.']);
    expect((await eb.send(new ListTargetsByRuleCommand({ Rule: 'training-failures' }))).Targets!.map((t) => t.Id)).toEqual(['log', 'pager']);
    expect((await eb.send(new ListRuleNamesByTargetCommand({ TargetArn: LOG_ARN }))).RuleNames).toEqual(['training-failures']);

    clock = T0 + 5_000;
    const out = await eb.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'ml.training', DetailType: 'Training Job State Change', Detail: JSON.stringify({ job: 'xgb-7', status: 'Failed' }), Resources: ['arn:aws:sagemaker:us-east-1:555566667777:training-job/xgb-7'] },
          { Source: 'ml.training', DetailType: 'Training Job State Change', Detail: JSON.stringify({ job: 'xgb-8', status: 'Completed' }) },
          { Source: 'aws.sagemaker', DetailType: 'x', Detail: '{}' },
          { Source: 'ml.training', DetailType: 'x', Detail: '{broken' },
          { DetailType: 'x', Detail: '{}' },
          { Source: 'ml.training', DetailType: 'x', Detail: '{}', EventBusName: 'nope' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(4);
    expect(out.Entries![0]!.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.Entries!.slice(2)).toEqual([
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus nope does not exist.' },
    ]);
    const events = await delivered('xgb');
    expect(events).toEqual([
      {
        version: '0',
        id: out.Entries![0]!.EventId,
        'detail-type': 'Training Job State Change',
        source: 'ml.training',
        account: ACCOUNT,
        time: '2026-03-02T10:00:05Z',
        region: 'us-east-1',
        resources: ['arn:aws:sagemaker:us-east-1:555566667777:training-job/xgb-7'],
        detail: { job: 'xgb-7', status: 'Failed' },
      },
    ]);
    const invocations = await cw.send(new GetMetricStatisticsCommand({ Namespace: 'AWS/Events', MetricName: 'Invocations', Dimensions: [{ Name: 'RuleName', Value: 'training-failures' }], StartTime: new Date(T0), EndTime: new Date(T0 + 60_000), Period: 60, Statistics: ['Sum'] }));
    expect(invocations.Datapoints![0]!.Sum).toBe(2);
    const size = await awsError(() => eb.send(new PutEventsCommand({ Entries: [{ Source: 'ml.big', DetailType: 'x', Detail: JSON.stringify({ blob: 'x'.repeat(262_144) }) }] })));
    expect([size.name, size.message]).toEqual(['ValidationException', 'Total size of the entries in the request is over the limit.']);
  });

  it('skips disabled rules, removes targets and deletes rules only without targets', async () => {
    await eb.send(new DisableRuleCommand({ Name: 'training-failures' }));
    expect((await eb.send(new DescribeRuleCommand({ Name: 'training-failures' }))).State).toBe('DISABLED');
    await eb.send(new PutEventsCommand({ Entries: [{ Source: 'ml.training', DetailType: 'x', Detail: JSON.stringify({ job: 'xgb-9', status: 'Failed' }) }] }));
    expect(await delivered('xgb-9')).toEqual([]);
    await eb.send(new EnableRuleCommand({ Name: 'training-failures' }));
    const blocked = await awsError(() => eb.send(new DeleteRuleCommand({ Name: 'training-failures' })));
    expect([blocked.name, blocked.message]).toEqual(['ValidationException', "Rule can't be deleted since it has targets."]);
    expect(await eb.send(new RemoveTargetsCommand({ Rule: 'training-failures', Ids: ['log', 'pager'] }))).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    await eb.send(new DeleteRuleCommand({ Name: 'training-failures' }));
    const gone = await awsError(() => eb.send(new DescribeRuleCommand({ Name: 'training-failures' })));
    expect([gone.name, gone.message]).toEqual(['ResourceNotFoundException', 'Rule training-failures does not exist on EventBus default.']);
  });

  it('routes emulator-emitted events (alarm state changes, internal bus) through rules like PutEvents', async () => {
    await eb.send(new PutRuleCommand({ Name: 'endpoint-state', EventPattern: JSON.stringify({ source: ['aws.sagemaker'], 'detail-type': ['SageMaker Endpoint State Change'], detail: { EndpointStatus: ['Failed', 'OutOfService'] } }) }));
    await eb.send(new PutRuleCommand({ Name: 'alarms-firing', EventPattern: JSON.stringify({ source: ['aws.cloudwatch'], 'detail-type': ['CloudWatch Alarm State Change'], detail: { state: { value: ['ALARM'] } } }) }));
    await eb.send(new PutTargetsCommand({ Rule: 'endpoint-state', Targets: [{ Id: 'log', Arn: LOG_ARN }] }));
    await eb.send(new PutTargetsCommand({ Rule: 'alarms-firing', Targets: [{ Id: 'log', Arn: `${LOG_ARN}:*` }] }));
    emu.events.publish({ accountId: ACCOUNT, source: 'aws.sagemaker', detailType: 'SageMaker Endpoint State Change', detail: { EndpointName: 'churn', EndpointStatus: 'Failed' }, resources: [`arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/churn`] });
    emu.events.publish({ accountId: ACCOUNT, source: 'aws.sagemaker', detailType: 'SageMaker Endpoint State Change', detail: { EndpointName: 'churn', EndpointStatus: 'InService' } });
    const endpointEvents = await delivered('{ $.source = "aws.sagemaker" }');
    expect(endpointEvents.map((e) => e.detail.EndpointStatus)).toEqual(['Failed']);
    expect(endpointEvents[0]).toMatchObject({ account: ACCOUNT, region: 'us-east-1', resources: [`arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/churn`] });
    await cw.send(new PutMetricAlarmCommand({ AlarmName: 'latency-high', Namespace: 'Lab/X', MetricName: 'Latency', Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }));
    await cw.send(new SetAlarmStateCommand({ AlarmName: 'latency-high', StateValue: 'ALARM', StateReason: 'drill' }));
    const alarmEvents = await delivered('{ $.source = "aws.cloudwatch" }');
    expect(alarmEvents).toHaveLength(1);
    expect(alarmEvents[0]).toMatchObject({
      'detail-type': 'CloudWatch Alarm State Change',
      resources: [`arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:latency-high`],
      detail: { alarmName: 'latency-high', state: { value: 'ALARM', reason: 'drill' }, previousState: { value: 'INSUFFICIENT_DATA', reason: 'Unchecked: Initial alarm creation' }, configuration: { metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'Lab/X', name: 'Latency', dimensions: {} }, period: 60, stat: 'Average' }, returnData: true }] } },
    });
  });

  it('lists rules by prefix and tags rules and buses', async () => {
    const rules = await eb.send(new ListRulesCommand({ NamePrefix: 'endpoint' }));
    expect(rules.Rules!.map((r) => [r.Name, r.State, r.EventBusName])).toEqual([['endpoint-state', 'ENABLED', 'default']]);
    const ruleArn = `arn:aws:events:us-east-1:${ACCOUNT}:rule/endpoint-state`;
    await eb.send(new TagResourceCommand({ ResourceARN: ruleArn, Tags: [{ Key: 'Project', Value: 'churn' }] }));
    expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: ruleArn }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }]);
    await eb.send(new UntagResourceCommand({ ResourceARN: ruleArn, TagKeys: ['Project'] }));
    expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: ruleArn }))).Tags).toEqual([]);
    const busArn = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/ml-platform`;
    expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: busArn }))).Tags).toEqual([{ Key: 'team', Value: 'ml' }]);
    await eb.send(new PutRuleCommand({ Name: 'on-custom', EventBusName: 'ml-platform', EventPattern: '{"source":["ml.platform"]}' }));
    expect((await eb.send(new DescribeRuleCommand({ Name: 'on-custom', EventBusName: busArn }))).Arn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/ml-platform/on-custom`);
    await eb.send(new DeleteEventBusCommand({ Name: 'ml-platform' }));
    const gone = await awsError(() => eb.send(new ListRulesCommand({ EventBusName: 'ml-platform' })));
    expect(gone.name).toBe('ResourceNotFoundException');
  });
});
