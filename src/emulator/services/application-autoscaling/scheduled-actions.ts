/** Scheduled actions: PutScheduledAction, DescribeScheduledActions, DeleteScheduledAction. */
import type * as AAS from '@aws-sdk/client-application-auto-scaling';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { aas, arns, checkName, checkTargetRef, findTarget, objectNotFound, page, targetKey, validation } from './common.ts';
import { scheduleProblem } from './schedule-expression.ts';
import type { ScheduledAction } from './state.ts';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function actionOutput(a: ScheduledAction): AAS.ScheduledAction {
  return {
    ScheduledActionName: a.name,
    ScheduledActionARN: a.arn,
    ServiceNamespace: a.serviceNamespace as AAS.ServiceNamespace,
    Schedule: a.schedule,
    Timezone: a.timezone,
    ResourceId: a.resourceId,
    ScalableDimension: a.scalableDimension as AAS.ScalableDimension,
    StartTime: a.startTime,
    EndTime: a.endTime,
    ScalableTargetAction: a.action,
    CreationTime: a.createdAt,
  };
}

export function putScheduledAction(input: AAS.PutScheduledActionRequest, ctx: RequestContext): Output<unknown> {
  const problems = checkName(new ProblemList(), 'scheduledActionName', input.ScheduledActionName).minLength('schedule', input.Schedule, 1).maxLength('schedule', input.Schedule, 1600);
  problems.maxLength('timezone', input.Timezone, 1600);
  checkTargetRef(input, problems);
  const state = aas(ctx);
  const target = findTarget(state, input);
  const key = `${targetKey(target.serviceNamespace, target.resourceId, target.scalableDimension)}|${input.ScheduledActionName}`;
  const existing = state.scheduledActions.get(key);
  const schedule = input.Schedule ?? existing?.schedule;
  if (schedule === undefined) throw validation('Schedule is required when you create a scheduled action.');
  const problem = scheduleProblem(schedule);
  if (problem) throw validation(`Schedule expression ${schedule} is not valid: ${problem}.`);
  if (input.Timezone !== undefined && !isTimeZone(input.Timezone)) throw validation(`Timezone ${input.Timezone} is not a valid IANA time zone (for example Etc/UTC or America/New_York).`);
  const action = input.ScalableTargetAction ?? existing?.action;
  if (!action || (action.MinCapacity === undefined && action.MaxCapacity === undefined)) throw validation('At least one of minimum capacity and maximum capacity should be provided');
  if (action.MinCapacity !== undefined && action.MaxCapacity !== undefined && action.MinCapacity > action.MaxCapacity) {
    throw validation(`Minimum capacity cannot be greater than maximum capacity: MinCapacity ${action.MinCapacity}, MaxCapacity ${action.MaxCapacity}.`);
  }
  const startTime = input.StartTime ?? existing?.startTime;
  const endTime = input.EndTime ?? existing?.endTime;
  if (startTime && endTime && endTime <= startTime) throw validation('EndTime must be later than StartTime.');
  state.scheduledActions.set(key, {
    name: input.ScheduledActionName!,
    arn: existing?.arn ?? arns.scheduledAction(ctx, target.serviceNamespace, target.resourceId, input.ScheduledActionName!),
    serviceNamespace: target.serviceNamespace,
    resourceId: target.resourceId,
    scalableDimension: target.scalableDimension,
    schedule,
    timezone: input.Timezone ?? existing?.timezone,
    startTime,
    endTime,
    action,
    createdAt: existing?.createdAt ?? ctx.now,
  });
  return {};
}

export function describeScheduledActions(input: AAS.DescribeScheduledActionsRequest, ctx: RequestContext): Output<AAS.DescribeScheduledActionsResponse> {
  const problems = new ProblemList();
  if ((input.ScheduledActionNames?.length ?? 0) > 50) problems.problems.push({ path: 'scheduledActionNames', kind: 'constraint', value: input.ScheduledActionNames, constraint: 'Member must have length less than or equal to 50' });
  checkTargetRef({ ServiceNamespace: input.ServiceNamespace, ResourceId: input.ResourceId, ScalableDimension: input.ScalableDimension }, problems);
  const names = input.ScheduledActionNames?.length ? new Set(input.ScheduledActionNames) : undefined;
  const actions = [...aas(ctx).scheduledActions.values()]
    .filter(
      (a) =>
        a.serviceNamespace === input.ServiceNamespace &&
        (input.ResourceId === undefined || a.resourceId === input.ResourceId) &&
        (input.ScalableDimension === undefined || a.scalableDimension === input.ScalableDimension) &&
        (!names || names.has(a.name)),
    )
    .map(actionOutput);
  const { items, nextToken } = page(actions, input, ['scheduled', input.ServiceNamespace, input.ResourceId, input.ScalableDimension, input.ScheduledActionNames ?? []]);
  return { ScheduledActions: items, NextToken: nextToken };
}

export function deleteScheduledAction(input: AAS.DeleteScheduledActionRequest, ctx: RequestContext): Output<unknown> {
  checkTargetRef(input, checkName(new ProblemList(), 'scheduledActionName', input.ScheduledActionName));
  const state = aas(ctx);
  const key = `${targetKey(input.ServiceNamespace!, input.ResourceId!, input.ScalableDimension!)}|${input.ScheduledActionName}`;
  if (!state.scheduledActions.delete(key)) {
    throw objectNotFound(`No scheduled action found for service namespace: ${input.ServiceNamespace}, resource ID: ${input.ResourceId}, scalable dimension: ${input.ScalableDimension}, scheduled action name: ${input.ScheduledActionName}`);
  }
  return {};
}
