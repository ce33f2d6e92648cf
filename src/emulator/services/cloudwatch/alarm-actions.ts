/** Alarm actions: which ARNs CloudWatch accepts (checkActions), and EnableAlarmActions / DisableAlarmActions. */
import type * as CW from '@aws-sdk/client-cloudwatch';
import type { RequestContext } from '../../core/context.ts';
import type { Output } from '../define-service.ts';
import { recordHistory } from './alarm-evaluation.ts';
import { describeAlarm } from './alarms.ts';
import { invalidValue, validationError } from './errors.ts';
import type { CloudWatchState } from './state.ts';

type Ctx = RequestContext<CloudWatchState>;

/** Alarm actions CloudWatch accepts, by service; anything else is refused. */
const ACTION_PATTERNS: RegExp[] = [
  /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_.-]{1,256}$/,
  /^arn:aws[a-z-]*:autoscaling:([a-z0-9-]+):\d{12}:scalingPolicy:.+$/,
  /^arn:aws[a-z-]*:automate:([a-z0-9-]+):ec2:(stop|terminate|reboot|recover)$/,
  /^arn:aws[a-z-]*:swf:([a-z0-9-]+):\d{12}:action\/actions\/AWS_EC2\.InstanceId\.(Stop|Terminate|Reboot)\/1\.0$/,
  /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/,
  /^arn:aws[a-z-]*:ssm:([a-z0-9-]+):\d{12}:opsitem:[0-9#:A-Za-z_-]+$/,
  /^arn:aws[a-z-]*:ssm-incidents::\d{12}:responseplan\/.+$/,
];

export function checkActions(ctx: Ctx, name: string, actions: readonly string[] | undefined): string[] {
  const list = [...(actions ?? [])];
  if (list.length > 5) throw validationError(`The collection ${name} must not have a size greater than 5.`);
  for (const action of list) {
    if (!/^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/.test(action)) throw validationError(`Invalid arn syntax: ${action}`);
    const match = ACTION_PATTERNS.map((p) => p.exec(action)).find((m) => m);
    if (!match) throw validationError(`The action ${action} in ${name} is not supported. Alarm actions must be SNS topics, Auto Scaling or Application Auto Scaling policies, EC2 actions, Lambda functions, Systems Manager OpsItems or Incident Manager response plans.`);
    const region = match[1];
    if (region !== undefined && region !== ctx.region) throw validationError(`Invalid region ${region} specified. Only ${ctx.region} is supported.`);
  }
  return list;
}

export function enableAlarmActions(input: CW.EnableAlarmActionsInput, ctx: Ctx): Output<Record<string, never>> {
  return setActionsEnabled(input.AlarmNames ?? [], true, ctx);
}

export function disableAlarmActions(input: CW.DisableAlarmActionsInput, ctx: Ctx): Output<Record<string, never>> {
  return setActionsEnabled(input.AlarmNames ?? [], false, ctx);
}

function setActionsEnabled(names: string[], enabled: boolean, ctx: Ctx): Record<string, never> {
  if (names.length > 100) throw invalidValue('The collection AlarmNames must not have a size greater than 100.');
  for (const name of names) {
    const alarm = ctx.state().alarms.get(name);
    if (!alarm || alarm.ActionsEnabled === enabled) continue;
    const before = describeAlarm(alarm);
    alarm.ActionsEnabled = enabled;
    alarm.AlarmConfigurationUpdatedTimestamp = ctx.now;
    recordHistory(ctx.state(), ctx.now.getTime(), {
      AlarmName: name,
      AlarmType: alarm.kind === 'composite' ? 'CompositeAlarm' : 'MetricAlarm',
      Timestamp: ctx.now,
      HistoryItemType: 'ConfigurationUpdate',
      HistorySummary: `Alarm "${name}" updated`,
      HistoryData: JSON.stringify({ version: '1.0', type: 'Update', originalUpdatedAlarm: before, updatedAlarm: describeAlarm(alarm) }),
    });
  }
  return {};
}
