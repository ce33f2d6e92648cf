/**
 * Model Monitor monitoring schedules: a schedule (schedule-expression.ts) that runs a job
 * definition — named (MonitoringJobDefinitionName + MonitoringType) or inline
 * (MonitoringJobDefinition, a data-quality job) — against an endpoint. Pending → Scheduled over
 * the transition delay; Stop → Stopped, Start → Scheduled; Update → Pending → Scheduled.
 * No monitoring execution runs (LastMonitoringExecutionSummary stays absent).
 */
import type * as SM from '@aws-sdk/client-sagemaker';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { after, checkKmsKeyId, checkName, checkRoleArn, checkVpcConfig, enumValues, enums, key, listPage, resourceInUse, resourceNotFound, sagemaker, sagemakerArn, validation } from './common.ts';
import { findEndpoint } from './endpoints.ts';
import { checkExecutionRole } from './execution-role.ts';
import { endpointOfDefinition, findJobDefinition } from './monitoring-job-definitions.ts';
import { checkKmsKey, checkNetwork } from './peers.ts';
import { schedule, takeDue } from './progress.ts';
import { parseScheduleExpression, SCHEDULE_HELP } from './schedule-expression.ts';
import type { MonitoringSchedule, MonitoringType, SageMakerState } from './state.ts';
import { checkTags, dropTags, setTags } from './tags.ts';

const TYPE = 'monitoring-schedule';
const STATUSES = ['Pending', 'Failed', 'Scheduled', 'Stopped'];
const TYPES: MonitoringType[] = ['DataQuality', 'ModelQuality', 'ModelBias', 'ModelExplainability'];

export function findSchedule(ctx: RequestContext, name: string): MonitoringSchedule {
  const s = sagemaker(ctx).monitoringSchedules.get(key(name));
  if (!s) throw resourceNotFound(`Monitoring schedule ${sagemakerArn(ctx, TYPE, name)} does not exist.`);
  return s;
}

/** The endpoint a schedule monitors, and its monitoring type. */
export function scheduleTarget(ctx: RequestContext, config: SM.MonitoringScheduleConfig): { endpoint?: string; type: MonitoringType } {
  if (config.MonitoringJobDefinitionName) {
    const type = config.MonitoringType as MonitoringType;
    return { endpoint: endpointOfDefinition(findJobDefinition(ctx, type, config.MonitoringJobDefinitionName)), type };
  }
  return { endpoint: config.MonitoringJobDefinition?.MonitoringInputs?.[0]?.EndpointInput?.EndpointName, type: (config.MonitoringType as MonitoringType | undefined) ?? 'DataQuality' };
}

async function validateConfig(ctx: RequestContext, config: SM.MonitoringScheduleConfig, scheduleArn: string): Promise<void> {
  const sdk = await enums();
  const problems = new ProblemList().oneOf('monitoringScheduleConfig.monitoringType', config.MonitoringType, TYPES);
  checkName(problems, 'monitoringScheduleConfig.monitoringJobDefinitionName', config.MonitoringJobDefinitionName);
  const inline = config.MonitoringJobDefinition;
  if (inline) {
    const at = 'monitoringScheduleConfig.monitoringJobDefinition';
    checkRoleArn(problems, `${at}.roleArn`, inline.RoleArn);
    const cluster = inline.MonitoringResources?.ClusterConfig;
    problems.oneOf(`${at}.monitoringResources.clusterConfig.instanceType`, cluster?.InstanceType, enumValues(sdk.ProcessingInstanceType));
    checkKmsKeyId(problems, `${at}.monitoringResources.clusterConfig.volumeKmsKeyId`, cluster?.VolumeKmsKeyId);
    checkKmsKeyId(problems, `${at}.monitoringOutputConfig.kmsKeyId`, inline.MonitoringOutputConfig?.KmsKeyId);
    checkVpcConfig(problems, `${at}.networkConfig.vpcConfig`, inline.NetworkConfig?.VpcConfig);
  }
  problems.check();

  const expression = config.ScheduleConfig?.ScheduleExpression;
  if (expression !== undefined) {
    const parsed = parseScheduleExpression(expression);
    if (!parsed) throw validation(`Invalid ScheduleExpression '${expression}'. ${SCHEDULE_HELP}`);
    if (parsed.kind === 'now' && (!config.ScheduleConfig?.DataAnalysisStartTime || !config.ScheduleConfig?.DataAnalysisEndTime)) {
      throw validation('DataAnalysisStartTime and DataAnalysisEndTime are required when ScheduleExpression is NOW.');
    }
  }
  if (inline && config.MonitoringJobDefinitionName) throw validation('Specify MonitoringJobDefinition or MonitoringJobDefinitionName, not both.');
  if (!inline && !config.MonitoringJobDefinitionName) throw validation('MonitoringScheduleConfig needs a MonitoringJobDefinition or a MonitoringJobDefinitionName (with its MonitoringType).');
  if (config.MonitoringJobDefinitionName && !config.MonitoringType) throw validation('MonitoringType is required with MonitoringJobDefinitionName: DataQuality, ModelQuality, ModelBias or ModelExplainability.');
  const { endpoint } = scheduleTarget(ctx, config);
  if (endpoint) findEndpoint(ctx, endpoint);
  if (inline) {
    const vpc = inline.NetworkConfig?.VpcConfig;
    if (vpc) checkNetwork(ctx, vpc.Subnets ?? [], vpc.SecurityGroupIds ?? []);
    checkKmsKey(ctx, inline.MonitoringResources?.ClusterConfig?.VolumeKmsKeyId, 'MonitoringResources.ClusterConfig.VolumeKmsKeyId');
    checkKmsKey(ctx, inline.MonitoringOutputConfig?.KmsKeyId, 'MonitoringOutputConfig.KmsKeyId');
    checkExecutionRole(ctx, inline.RoleArn!, scheduleArn);
  }
}

export async function createMonitoringSchedule(input: SM.CreateMonitoringScheduleRequest, ctx: RequestContext): Promise<Output<SM.CreateMonitoringScheduleResponse>> {
  checkName(new ProblemList(), 'monitoringScheduleName', input.MonitoringScheduleName).check();
  const tags = checkTags(input.Tags);
  const state = sagemaker(ctx);
  const name = input.MonitoringScheduleName!;
  const arn = sagemakerArn(ctx, TYPE, name);
  if (state.monitoringSchedules.has(key(name))) throw resourceInUse(`Resource Already Exists: Monitoring schedule with name ${name} already exists. Choose a different name.`);
  await validateConfig(ctx, input.MonitoringScheduleConfig!, arn);
  const s: MonitoringSchedule = { name, arn, creationTime: ctx.now, lastModifiedTime: ctx.now, status: 'Pending', transitions: [], config: input.MonitoringScheduleConfig! };
  schedule(s, [{ at: after(ctx), status: 'Scheduled' }]);
  state.monitoringSchedules.set(key(name), s);
  setTags(state, arn, tags);
  return { MonitoringScheduleArn: arn };
}

export function describeMonitoringSchedule(input: SM.DescribeMonitoringScheduleRequest, ctx: RequestContext): Output<SM.DescribeMonitoringScheduleResponse> {
  const s = findSchedule(ctx, input.MonitoringScheduleName!);
  const target = scheduleTargetSafe(ctx, s);
  return {
    MonitoringScheduleArn: s.arn,
    MonitoringScheduleName: s.name,
    MonitoringScheduleStatus: s.status as SM.ScheduleStatus,
    MonitoringType: target.type,
    FailureReason: s.failureReason,
    CreationTime: s.creationTime,
    LastModifiedTime: s.lastModifiedTime,
    MonitoringScheduleConfig: { ...s.config, MonitoringType: s.config.MonitoringType ?? target.type },
    EndpointName: target.endpoint,
  };
}

/** The target even when the named job definition was deleted since (then without an endpoint). */
function scheduleTargetSafe(ctx: RequestContext, s: MonitoringSchedule): { endpoint?: string; type: MonitoringType } {
  try {
    return scheduleTarget(ctx, s.config);
  } catch {
    return { type: (s.config.MonitoringType as MonitoringType | undefined) ?? 'DataQuality' };
  }
}

export async function updateMonitoringSchedule(input: SM.UpdateMonitoringScheduleRequest, ctx: RequestContext): Promise<Output<SM.UpdateMonitoringScheduleResponse>> {
  const s = findSchedule(ctx, input.MonitoringScheduleName!);
  await validateConfig(ctx, input.MonitoringScheduleConfig!, s.arn);
  s.config = input.MonitoringScheduleConfig!;
  s.status = 'Pending';
  s.lastModifiedTime = ctx.now;
  schedule(s, [{ at: after(ctx), status: 'Scheduled' }]);
  return { MonitoringScheduleArn: s.arn };
}

export function startMonitoringSchedule(input: SM.StartMonitoringScheduleRequest, ctx: RequestContext): Output<unknown> {
  const s = findSchedule(ctx, input.MonitoringScheduleName!);
  if (s.status !== 'Stopped' && s.status !== 'Scheduled') throw validation(`Monitoring schedule ${s.arn} is ${s.status}; only a Stopped schedule can be started.`);
  s.status = 'Scheduled';
  s.lastModifiedTime = ctx.now;
  schedule(s, []);
  return {};
}

export function stopMonitoringSchedule(input: SM.StopMonitoringScheduleRequest, ctx: RequestContext): Output<unknown> {
  const s = findSchedule(ctx, input.MonitoringScheduleName!);
  s.status = 'Stopped';
  s.lastModifiedTime = ctx.now;
  schedule(s, []);
  return {};
}

export function deleteMonitoringSchedule(input: SM.DeleteMonitoringScheduleRequest, ctx: RequestContext): Output<unknown> {
  const s = findSchedule(ctx, input.MonitoringScheduleName!);
  const state = sagemaker(ctx);
  state.monitoringSchedules.delete(key(s.name));
  dropTags(state, s.arn);
  return {};
}

export function listMonitoringSchedules(input: SM.ListMonitoringSchedulesRequest, ctx: RequestContext): Output<SM.ListMonitoringSchedulesResponse> {
  new ProblemList().oneOf('monitoringTypeEquals', input.MonitoringTypeEquals, TYPES).check();
  const candidates = [...sagemaker(ctx).monitoringSchedules.values()].map((s) => ({ s, target: scheduleTargetSafe(ctx, s), name: s.name, creationTime: s.creationTime, lastModifiedTime: s.lastModifiedTime, status: s.status })).filter(({ s, target }) => {
    if (input.EndpointName !== undefined && key(target.endpoint ?? '') !== key(input.EndpointName)) return false;
    if (input.MonitoringJobDefinitionName !== undefined && key(s.config.MonitoringJobDefinitionName ?? '') !== key(input.MonitoringJobDefinitionName)) return false;
    if (input.MonitoringTypeEquals !== undefined && target.type !== input.MonitoringTypeEquals) return false;
    return true;
  });
  const { page, NextToken } = listPage(candidates, input, { sortBy: ['Name', 'CreationTime', 'Status'], defaultSortBy: 'CreationTime', defaultSortOrder: 'Descending', statuses: STATUSES });
  return {
    MonitoringScheduleSummaries: page.map(({ s, target }) => ({
      MonitoringScheduleName: s.name,
      MonitoringScheduleArn: s.arn,
      CreationTime: s.creationTime,
      LastModifiedTime: s.lastModifiedTime,
      MonitoringScheduleStatus: s.status as SM.ScheduleStatus,
      EndpointName: target.endpoint,
      MonitoringJobDefinitionName: s.config.MonitoringJobDefinitionName,
      MonitoringType: target.type,
    })),
    NextToken,
  };
}

export function settleMonitoringSchedules(state: SageMakerState, ctx: RequestContext): boolean {
  let changed = false;
  for (const s of state.monitoringSchedules.values()) if (takeDue(s, ctx.now).length) changed = true;
  return changed;
}
