/** Scalable targets: RegisterScalableTarget, DescribeScalableTargets, DeregisterScalableTarget, and scaling activities. */
import { randomUUID } from 'node:crypto';
import type * as AAS from '@aws-sdk/client-application-auto-scaling';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { aas, arns, checkTargetRef, defaultRoleArn, findTarget, page, targetKey, validation } from './common.ts';
import { deleteAlarms, sageMakerVariant, setVariantInstanceCount } from './peers.ts';
import type { ApplicationAutoScalingState, ScalableTarget, ScalingActivity } from './state.ts';
import { checkTagMap } from './tags.ts';

/** Activities kept per account and region (AWS keeps six weeks of history). */
export const MAX_ACTIVITIES = 1000;
const MAX_CAPACITY = 2_147_483_647;

function targetOutput(t: ScalableTarget): AAS.ScalableTarget {
  return {
    ServiceNamespace: t.serviceNamespace as AAS.ServiceNamespace,
    ResourceId: t.resourceId,
    ScalableDimension: t.scalableDimension as AAS.ScalableDimension,
    MinCapacity: t.minCapacity,
    MaxCapacity: t.maxCapacity,
    RoleARN: t.roleArn,
    CreationTime: t.createdAt,
    SuspendedState: t.suspendedState,
    ScalableTargetARN: t.arn,
  };
}

export function recordActivity(state: ApplicationAutoScalingState, activity: Omit<ScalingActivity, 'activityId' | 'statusCode'>): void {
  state.activities.push({ activityId: randomUUID(), statusCode: 'Successful', ...activity });
  if (state.activities.length > MAX_ACTIVITIES) state.activities.splice(0, state.activities.length - MAX_ACTIVITIES);
}

/** Brings a SageMaker variant's instance count into [min, max], as Application Auto Scaling does on registration. */
function clampVariant(ctx: RequestContext, state: ApplicationAutoScalingState, target: ScalableTarget): void {
  if (target.scalableDimension !== 'sagemaker:variant:DesiredInstanceCount') return;
  const variant = sageMakerVariant(ctx, target.resourceId);
  const current = variant?.DesiredInstanceCount ?? variant?.CurrentInstanceCount;
  if (!variant || current === undefined) return;
  const wanted = Math.min(Math.max(current, target.minCapacity), target.maxCapacity);
  if (wanted === current) return;
  setVariantInstanceCount(variant, wanted);
  const bound = wanted > current ? `minimum capacity was set to ${target.minCapacity}` : `maximum capacity was set to ${target.maxCapacity}`;
  recordActivity(state, {
    serviceNamespace: target.serviceNamespace,
    resourceId: target.resourceId,
    scalableDimension: target.scalableDimension,
    description: `Setting desired instance count to ${wanted}.`,
    cause: `at ${ctx.now.toISOString()} the ${bound} by a RegisterScalableTarget request, outside the current instance count of ${current}`,
    startTime: ctx.now,
    endTime: ctx.now,
    statusMessage: `Successfully set desired instance count to ${wanted}. Change successfully fulfilled by sagemaker.`,
  });
}

export function registerScalableTarget(input: AAS.RegisterScalableTargetRequest, ctx: RequestContext): Output<AAS.RegisterScalableTargetResponse> {
  const problems = new ProblemList().range('minCapacity', input.MinCapacity, 0, MAX_CAPACITY).range('maxCapacity', input.MaxCapacity, 0, MAX_CAPACITY);
  problems.minLength('roleARN', input.RoleARN, 1).maxLength('roleARN', input.RoleARN, 1600);
  checkTargetRef(input, problems);
  const tags = checkTagMap(input.Tags ?? {}, input.ResourceId!);
  const state = aas(ctx);
  const key = targetKey(input.ServiceNamespace!, input.ResourceId!, input.ScalableDimension!);
  const existing = state.targets.get(key);
  if (!existing && (input.MinCapacity === undefined || input.MaxCapacity === undefined)) {
    throw validation('MinCapacity and MaxCapacity are required when you register a new scalable target.');
  }
  const min = input.MinCapacity ?? existing!.minCapacity;
  const max = input.MaxCapacity ?? existing!.maxCapacity;
  if (min > max) throw validation(`Minimum capacity cannot be greater than maximum capacity: MinCapacity ${min}, MaxCapacity ${max}.`);
  if (input.RoleARN !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(input.RoleARN)) throw validation(`RoleARN ${input.RoleARN} is not the ARN of an IAM role.`);
  if (input.ScalableDimension!.startsWith('sagemaker:variant:')) sageMakerVariant(ctx, input.ResourceId!);
  const target: ScalableTarget = existing ?? {
    serviceNamespace: input.ServiceNamespace!,
    resourceId: input.ResourceId!,
    scalableDimension: input.ScalableDimension!,
    minCapacity: min,
    maxCapacity: max,
    roleArn: input.RoleARN ?? defaultRoleArn(ctx.accountId, input.ServiceNamespace!),
    arn: arns.scalableTarget(ctx),
    createdAt: ctx.now,
    suspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
    tags,
  };
  target.minCapacity = min;
  target.maxCapacity = max;
  if (input.RoleARN !== undefined) target.roleArn = input.RoleARN;
  if (input.SuspendedState) target.suspendedState = { ...target.suspendedState, ...input.SuspendedState };
  state.targets.set(key, target);
  clampVariant(ctx, state, target);
  return { ScalableTargetARN: target.arn };
}

export function describeScalableTargets(input: AAS.DescribeScalableTargetsRequest, ctx: RequestContext): Output<AAS.DescribeScalableTargetsResponse> {
  const problems = new ProblemList();
  if ((input.ResourceIds?.length ?? 0) > 50) {
    problems.problems.push({ path: 'resourceIds', kind: 'constraint', value: input.ResourceIds, constraint: 'Member must have length less than or equal to 50' });
  }
  checkTargetRef({ ScalableDimension: input.ScalableDimension, ServiceNamespace: input.ServiceNamespace }, problems);
  const wanted = input.ResourceIds?.length ? new Set(input.ResourceIds) : undefined;
  const targets = [...aas(ctx).targets.values()]
    .filter((t) => t.serviceNamespace === input.ServiceNamespace && (!wanted || wanted.has(t.resourceId)) && (!input.ScalableDimension || t.scalableDimension === input.ScalableDimension))
    .map(targetOutput);
  const { items, nextToken } = page(targets, input, ['targets', input.ServiceNamespace, input.ResourceIds ?? [], input.ScalableDimension]);
  return { ScalableTargets: items, NextToken: nextToken };
}

export function deregisterScalableTarget(input: AAS.DeregisterScalableTargetRequest, ctx: RequestContext): Output<unknown> {
  checkTargetRef(input);
  const state = aas(ctx);
  const target = findTarget(state, input);
  const key = targetKey(target.serviceNamespace, target.resourceId, target.scalableDimension);
  // Deregistering removes the target's scaling policies (and their alarms) and scheduled actions.
  for (const [policyKey, policy] of state.policies) {
    if (policyKey.startsWith(`${key}|`)) {
      deleteAlarms(ctx, policy.alarms.map((a) => a.AlarmName));
      state.policies.delete(policyKey);
    }
  }
  for (const actionKey of state.scheduledActions.keys()) if (actionKey.startsWith(`${key}|`)) state.scheduledActions.delete(actionKey);
  state.targets.delete(key);
  return {};
}

export function describeScalingActivities(input: AAS.DescribeScalingActivitiesRequest, ctx: RequestContext): Output<AAS.DescribeScalingActivitiesResponse> {
  checkTargetRef({ ServiceNamespace: input.ServiceNamespace, ScalableDimension: input.ScalableDimension });
  const activities = aas(ctx)
    .activities.filter(
      (a) =>
        a.serviceNamespace === input.ServiceNamespace &&
        (input.ResourceId === undefined || a.resourceId === input.ResourceId) &&
        (input.ScalableDimension === undefined || a.scalableDimension === input.ScalableDimension),
    )
    .reverse()
    .map(
      (a): AAS.ScalingActivity => ({
        ActivityId: a.activityId,
        ServiceNamespace: a.serviceNamespace as AAS.ServiceNamespace,
        ResourceId: a.resourceId,
        ScalableDimension: a.scalableDimension as AAS.ScalableDimension,
        Description: a.description,
        Cause: a.cause,
        StartTime: a.startTime,
        EndTime: a.endTime,
        StatusCode: a.statusCode,
        StatusMessage: a.statusMessage,
      }),
    );
  const { items, nextToken } = page(activities, input, ['activities', input.ServiceNamespace, input.ResourceId, input.ScalableDimension]);
  return { ScalingActivities: items, NextToken: nextToken };
}
