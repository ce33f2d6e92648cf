/**
 * What Application Auto Scaling reads and writes in other services, when they are emulated here
 * (`ctx.hasService`): SageMaker endpoints and their variants (does the target exist? what is its
 * instance count?) and CloudWatch alarms (target tracking policies own two). Without the peer the
 * call goes ahead unchecked (documented in limitations.ts).
 *
 * The peers' state is read through the few fields named below, so this file is the whole contract
 * between Application Auto Scaling and SageMaker/CloudWatch.
 */
import type { RequestContext } from '../../core/context.ts';
import { validation } from './common.ts';

interface SageMakerVariantView {
  VariantName: string;
  CurrentInstanceCount?: number;
  DesiredInstanceCount?: number;
}

interface SageMakerView {
  /** By lower-case endpoint name. */
  endpoints: Map<string, { name: string; variants: SageMakerVariantView[] }>;
}

interface CloudWatchAlarmView {
  kind: 'metric';
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription?: string;
  ActionsEnabled: boolean;
  OKActions: string[];
  AlarmActions: string[];
  InsufficientDataActions: string[];
  AlarmConfigurationUpdatedTimestamp: Date;
  StateValue: 'INSUFFICIENT_DATA';
  StateReason: string;
  StateUpdatedTimestamp: Date;
  StateTransitionedTimestamp: Date;
  Namespace?: string;
  MetricName?: string;
  Dimensions?: { Name: string; Value: string }[];
  Statistic?: string;
  Period?: number;
  Unit?: string;
  Metrics?: unknown[];
  EvaluationPeriods: number;
  DatapointsToAlarm: number;
  Threshold: number;
  ComparisonOperator: string;
  tags: Record<string, string>;
}

interface CloudWatchView {
  alarms: Map<string, CloudWatchAlarmView>;
  history: { AlarmName: string; AlarmType: 'MetricAlarm'; Timestamp: Date; HistoryItemType: 'ConfigurationUpdate'; HistorySummary: string; HistoryData: string }[];
}

/** `endpoint/<name>/variant/<variant>` → its parts. */
export function parseVariantResourceId(resourceId: string): { endpoint: string; variant: string } | undefined {
  const m = /^endpoint\/([^/]+)\/variant\/([^/]+)$/.exec(resourceId);
  return m ? { endpoint: m[1]!, variant: m[2]! } : undefined;
}

/** The variant a SageMaker resource id names; throws ValidationException when SageMaker is emulated and it does not exist. */
export function sageMakerVariant(ctx: RequestContext, resourceId: string): SageMakerVariantView | undefined {
  const ref = parseVariantResourceId(resourceId);
  if (!ref || !ctx.hasService('sagemaker')) return undefined;
  const endpoint = ctx.stateOf<SageMakerView>('sagemaker').endpoints.get(ref.endpoint.toLowerCase());
  if (!endpoint) throw validation(`The endpoint ${ref.endpoint} does not exist in account ${ctx.accountId}, region ${ctx.region}: create it before registering its variant ${ref.variant}.`);
  const variant = endpoint.variants.find((v) => v.VariantName === ref.variant);
  if (!variant) throw validation(`The endpoint ${ref.endpoint} has no variant ${ref.variant}; its variants are ${endpoint.variants.map((v) => v.VariantName).join(', ')}.`);
  return variant;
}

/** Sets a variant's instance count, as Application Auto Scaling does when the count leaves [min, max]. */
export function setVariantInstanceCount(variant: SageMakerVariantView, count: number): void {
  variant.DesiredInstanceCount = count;
  variant.CurrentInstanceCount = count;
}

export interface AlarmSpec {
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription: string;
  AlarmActions: string[];
  Namespace?: string;
  MetricName?: string;
  Dimensions?: { Name: string; Value: string }[];
  Statistic?: string;
  Unit?: string;
  Metrics?: unknown[];
  Period: number;
  EvaluationPeriods: number;
  Threshold: number;
  ComparisonOperator: 'GreaterThanThreshold' | 'LessThanThreshold';
}

/** Creates or replaces alarms in CloudWatch (a no-op when CloudWatch is not emulated). */
export function putAlarms(ctx: RequestContext, alarms: readonly AlarmSpec[]): void {
  if (!alarms.length || !ctx.hasService('cloudwatch')) return;
  const cloudwatch = ctx.stateOf<CloudWatchView>('cloudwatch');
  for (const spec of alarms) {
    const existing = cloudwatch.alarms.get(spec.AlarmName);
    const alarm: CloudWatchAlarmView = {
      kind: 'metric',
      ...spec,
      Dimensions: spec.Dimensions ? [...spec.Dimensions].sort((a, b) => a.Name.localeCompare(b.Name)) : undefined,
      ActionsEnabled: true,
      OKActions: [],
      InsufficientDataActions: [],
      AlarmConfigurationUpdatedTimestamp: ctx.now,
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Unchecked: Initial alarm creation',
      StateUpdatedTimestamp: existing?.StateUpdatedTimestamp ?? ctx.now,
      StateTransitionedTimestamp: existing?.StateTransitionedTimestamp ?? ctx.now,
      DatapointsToAlarm: spec.EvaluationPeriods,
      tags: existing?.tags ?? {},
    };
    for (const key of Object.keys(alarm) as (keyof CloudWatchAlarmView)[]) if (alarm[key] === undefined) delete alarm[key];
    cloudwatch.alarms.set(spec.AlarmName, alarm);
    cloudwatch.history.push({
      AlarmName: spec.AlarmName,
      AlarmType: 'MetricAlarm',
      Timestamp: ctx.now,
      HistoryItemType: 'ConfigurationUpdate',
      HistorySummary: `Alarm "${spec.AlarmName}" ${existing ? 'updated' : 'created'}`,
      HistoryData: JSON.stringify({ version: '1.0', type: existing ? 'Update' : 'Create' }),
    });
  }
}

/** Deletes a policy's alarms from CloudWatch (a no-op when CloudWatch is not emulated). */
export function deleteAlarms(ctx: RequestContext, names: readonly string[]): void {
  if (!names.length || !ctx.hasService('cloudwatch')) return;
  const cloudwatch = ctx.stateOf<CloudWatchView>('cloudwatch');
  for (const name of names) {
    if (!cloudwatch.alarms.delete(name)) continue;
    cloudwatch.history.push({ AlarmName: name, AlarmType: 'MetricAlarm', Timestamp: ctx.now, HistoryItemType: 'ConfigurationUpdate', HistorySummary: `Alarm "${name}" deleted`, HistoryData: JSON.stringify({ version: '1.0', type: 'Delete' }) });
  }
}
