/** Composite alarms: PutCompositeAlarm (rules in composite-rule.ts; evaluation in alarm-evaluation.ts). */
import type * as CW from '@aws-sdk/client-cloudwatch';
import type { RequestContext } from '../../core/context.ts';
import type { Output } from '../define-service.ts';
import { checkActions } from './alarm-actions.ts';
import { evaluateAlarms, UNCHECKED } from './alarm-evaluation.ts';
import { alarmArn, commonProblems, saveAlarm } from './alarms.ts';
import { parseRule, RuleError, ruleAlarms } from './composite-rule.ts';
import { invalidValue, validationError } from './errors.ts';
import type { CloudWatchState, StoredAlarm } from './state.ts';
import { checkTags } from './tags.ts';

type Ctx = RequestContext<CloudWatchState>;

export function putCompositeAlarm(input: CW.PutCompositeAlarmInput, ctx: Ctx): Output<Record<string, never>> {
  commonProblems(input).minLength('alarmRule', input.AlarmRule, 1).maxLength('alarmRule', input.AlarmRule, 10240).check();
  if (input.ActionsSuppressor !== undefined) throw invalidValue('Composite alarm action suppression (ActionsSuppressor) is not supported by this emulator.');
  const name = input.AlarmName!;
  const state = ctx.state();
  const existing = state.alarms.get(name);
  if (existing && existing.kind === 'metric') throw validationError(`The alarm ${name} already exists as a metric alarm.`);
  let referenced: Set<string>;
  try {
    referenced = ruleAlarms(parseRule(input.AlarmRule!));
  } catch (error) {
    if (error instanceof RuleError) throw validationError(`Error in AlarmRule [${input.AlarmRule}]: ${error.message}.`);
    throw error;
  }
  const unknown = [...referenced].filter((r) => !state.alarms.has(r));
  if (unknown.length) throw validationError(`Could not save the composite alarm as alarms [${unknown.join(', ')}] in the alarm rule do not exist`);
  if (referenced.has(name)) throw validationError(`The alarm rule of ${name} must not refer to ${name} itself.`);
  const now = ctx.now;
  const stored: StoredAlarm = {
    kind: 'composite',
    AlarmName: name,
    AlarmArn: alarmArn(ctx, name),
    ...(input.AlarmDescription !== undefined ? { AlarmDescription: input.AlarmDescription } : {}),
    AlarmRule: input.AlarmRule!,
    ActionsEnabled: input.ActionsEnabled ?? true,
    OKActions: checkActions(ctx, 'OKActions', input.OKActions),
    AlarmActions: checkActions(ctx, 'AlarmActions', input.AlarmActions),
    InsufficientDataActions: checkActions(ctx, 'InsufficientDataActions', input.InsufficientDataActions),
    AlarmConfigurationUpdatedTimestamp: now,
    StateValue: existing?.StateValue ?? 'INSUFFICIENT_DATA',
    StateReason: existing?.StateReason ?? UNCHECKED,
    StateUpdatedTimestamp: existing?.StateUpdatedTimestamp ?? now,
    StateTransitionedTimestamp: existing?.StateTransitionedTimestamp ?? now,
    tags: checkTags(input.Tags, existing?.tags ?? {}),
  };
  saveAlarm(ctx, stored, existing);
  evaluateAlarms(ctx, []);
  return {};
}
