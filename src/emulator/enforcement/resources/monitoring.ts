/**
 * CloudTrail, CloudWatch, CloudWatch Logs and EventBridge: resources named by one input member.
 *
 * - CloudTrail trails `arn:aws:cloudtrail:<region>:<account>:trail/<name>`; CreateTrail/UpdateTrail
 *   pass the CloudWatch Logs role (iam:PassRole to cloudtrail.amazonaws.com).
 * - CloudWatch alarms `…:alarm:<name>` (one check per alarm for DeleteAlarms and the alarm-action
 *   switches), dashboards `arn:aws:cloudwatch::<account>:dashboard/<name>`, cloudwatch:namespace for PutMetricData.
 * - CloudWatch Logs log groups `…:log-group:<name>` and streams `…:log-group:<name>:log-stream:<stream>`;
 *   subscription filters pass their role to logs.amazonaws.com.
 * - EventBridge rules `…:rule/<name>` (`rule/<bus>/<name>` on a custom bus), buses `…:event-bus/<name>`;
 *   PutEvents is authorized on each bus it sends to, with events:source and events:detail-type;
 *   targets and rules pass their roles to events.amazonaws.com.
 */
import type { ContextValue } from '../../policy/index.ts';
import type { AccessCheck, ResolverCall } from '../access-check.ts';
import { actionName } from '../action-names.ts';
import { requestTagContext } from '../request-tags.ts';
import { namedChecks, regionalArn, type NameRule } from './named.ts';
import { passRoleChecks } from './pass-role.ts';

const trail = regionalArn('cloudtrail', 'trail');
const TRAIL_RULES: readonly NameRule[] = [
  { member: 'ResourceId', arn: trail },
  { member: 'Name', arn: trail },
  { member: 'TrailName', arn: trail },
];

export function cloudTrailChecks(call: ResolverCall): AccessCheck[] {
  const checks = namedChecks(call, TRAIL_RULES, { unscoped: new Set(['LookupEvents', 'DescribeTrails', 'ListTrails', 'ListTags']) });
  if (call.operation === 'CreateTrail' || call.operation === 'UpdateTrail') checks.push(...passRoleChecks(call, ['CloudWatchLogsRoleArn'], 'cloudtrail.amazonaws.com'));
  return checks;
}

const alarm = regionalArn('cloudwatch', 'alarm', ':');
const dashboard = (name: string, call: ResolverCall) => `arn:aws:cloudwatch::${call.accountId}:dashboard/${name}`;

export function cloudWatchChecks(call: ResolverCall): AccessCheck[] {
  const input = call.input;
  const action = actionName('cloudwatch', call.operation);
  const context: Record<string, ContextValue | undefined> = {};
  requestTagContext(input, context);
  if (typeof input.Namespace === 'string' && call.operation === 'PutMetricData') context['cloudwatch:namespace'] = input.Namespace;
  const many = (names: unknown, arn: (name: string, call: ResolverCall) => string): AccessCheck[] | undefined =>
    Array.isArray(names) && names.length ? names.map((n) => ({ action, resource: arn(String(n), call), context })) : undefined;
  if (call.operation === 'DeleteAlarms' || call.operation === 'EnableAlarmActions' || call.operation === 'DisableAlarmActions') {
    return many(input.AlarmNames, alarm) ?? [{ action, resource: '*', context }];
  }
  if (call.operation === 'DeleteDashboards') return many(input.DashboardNames, dashboard) ?? [{ action, resource: '*', context }];
  return namedChecks(call, [
    { member: 'ResourceARN', arn: (v) => v },
    { member: 'AlarmName', arn: alarm },
    { member: 'DashboardName', arn: dashboard },
  ], { unscoped: new Set(['DescribeAlarms', 'DescribeAlarmHistory', 'ListDashboards', 'ListMetrics', 'GetMetricData', 'GetMetricStatistics', 'PutMetricData']), context: (_c, into) => Object.assign(into, context) });
}

const logGroup = regionalArn('logs', 'log-group', ':');

export function logsChecks(call: ResolverCall): AccessCheck[] {
  const input = call.input;
  const action = actionName('logs', call.operation);
  const context: Record<string, ContextValue | undefined> = {};
  requestTagContext(input, context);
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const group = text(input.logGroupName) ?? text(input.logGroupIdentifier);
  const stream = text(input.logStreamName);
  let arn = text(input.resourceArn);
  if (!arn && group && !LOGS_UNSCOPED.has(call.operation)) {
    const groupArn = group.startsWith('arn:') ? group.replace(/:\*$/, '') : logGroup(group, call);
    arn = stream && STREAM_OPERATIONS.has(call.operation) ? `${groupArn}:log-stream:${stream}` : groupArn;
  }
  const checks: AccessCheck[] = [{ action, resource: arn ?? '*', context }];
  if (call.operation === 'PutSubscriptionFilter') checks.push(...passRoleChecks(call, ['roleArn'], 'logs.amazonaws.com'));
  return checks;
}

const LOGS_UNSCOPED = new Set(['DescribeLogGroups', 'ListLogGroups', 'DescribeQueries', 'GetQueryResults', 'StopQuery', 'DescribeResourcePolicies', 'PutResourcePolicy', 'DeleteResourcePolicy', 'TestMetricFilter']);
const STREAM_OPERATIONS = new Set(['CreateLogStream', 'DeleteLogStream', 'PutLogEvents', 'GetLogEvents']);

const bus = regionalArn('events', 'event-bus');

function ruleArn(name: string, call: ResolverCall): string {
  const busName = typeof call.input.EventBusName === 'string' ? call.input.EventBusName.replace(/^arn:[^/]*event-bus\//, '') : 'default';
  return regionalArn('events', 'rule')(busName === 'default' ? name : `${busName}/${name}`, call);
}

export function eventsChecks(call: ResolverCall): AccessCheck[] {
  const input = call.input;
  if (call.operation === 'PutEvents') {
    const entries = (input.Entries as { EventBusName?: string; Source?: string; DetailType?: string }[] | undefined) ?? [];
    const byBus = new Map<string, { sources: Set<string>; types: Set<string> }>();
    for (const e of entries) {
      const name = e.EventBusName || 'default';
      const arn = name.startsWith('arn:') ? name : bus(name, call);
      const entry = byBus.get(arn) ?? { sources: new Set(), types: new Set() };
      if (e.Source) entry.sources.add(e.Source);
      if (e.DetailType) entry.types.add(e.DetailType);
      byBus.set(arn, entry);
    }
    if (!byBus.size) byBus.set(bus('default', call), { sources: new Set(), types: new Set() });
    return [...byBus].map(([arn, e]) => ({ action: 'events:PutEvents', resource: arn, context: { 'events:source': [...e.sources], 'events:detail-type': [...e.types] } }));
  }
  const busOperations = new Set(['CreateEventBus', 'DescribeEventBus', 'UpdateEventBus', 'DeleteEventBus']);
  const checks = namedChecks(call, [
    { member: 'ResourceARN', arn: (v) => v },
    { member: 'Name', arn: bus, operations: busOperations },
    { member: 'Name', arn: ruleArn },
    { member: 'Rule', arn: ruleArn },
  ], { unscoped: new Set(['ListEventBuses', 'ListRules', 'ListRuleNamesByTarget', 'TestEventPattern']) });
  if (call.operation === 'PutTargets') checks.push(...passRoleChecks(call, ['Targets.RoleArn'], 'events.amazonaws.com'));
  if (call.operation === 'PutRule') checks.push(...passRoleChecks(call, ['RoleArn'], 'events.amazonaws.com'));
  return checks;
}
