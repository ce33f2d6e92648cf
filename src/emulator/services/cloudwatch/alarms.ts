/**
 * Metric alarms and what all alarms share: PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric,
 * DeleteAlarms, SetAlarmState (composite alarms: composite-alarms.ts; actions: alarm-actions.ts;
 * history: alarm-history.ts). Alarms are evaluated (alarm-evaluation.ts) before they are described.
 */
import { arnIn } from '../../core/arn.ts';
import type * as CW from '@aws-sdk/client-cloudwatch';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { BAND_OPERATORS, checkBandAlarm } from './anomaly-band.ts';
import { checkActions } from './alarm-actions.ts';
import { evaluateAlarms, recordHistory, transition, UNCHECKED } from './alarm-evaluation.ts';
import { parseRule, ruleAlarms } from './composite-rule.ts';
import { checkUnit, decodeToken, encodeToken, invalidCombination, invalidFormat, invalidValue, missingParameter, resourceNotFound, validationError } from './errors.ts';
import { validateQueries } from './metric-queries.ts';
import { sortDimensions } from './metric-store.ts';
import type { AlarmStateValue, CloudWatchState, MetricQueryConfig, StoredAlarm } from './state.ts';
import { isPercentile, isValidPeriod } from './statistics.ts';
import { checkTags } from './tags.ts';

type Ctx = RequestContext<CloudWatchState>;

const COMPARISON_OPERATORS = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold', 'LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold'];
const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
const TREAT_MISSING = ['breaching', 'notBreaching', 'ignore', 'missing'];
export const STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

export function alarmArn(ctx: Ctx, name: string): string {
  return arnIn(ctx, 'cloudwatch', `alarm:${name}`);
}

export function commonProblems(input: { AlarmName?: string; AlarmDescription?: string; Tags?: CW.Tag[] }): ProblemList {
  return new ProblemList()
    .minLength('alarmName', input.AlarmName, 1)
    .maxLength('alarmName', input.AlarmName, 255)
    .maxLength('alarmDescription', input.AlarmDescription, 1024);
}

export function putMetricAlarm(input: CW.PutMetricAlarmInput, ctx: Ctx): Output<Record<string, never>> {
  const problems = commonProblems(input)
    .oneOf('comparisonOperator', input.ComparisonOperator, COMPARISON_OPERATORS)
    .oneOf('statistic', input.Statistic, STATISTICS)
    .maxLength('treatMissingData', input.TreatMissingData, 255)
    .minLength('namespace', input.Namespace, 1)
    .maxLength('namespace', input.Namespace, 255)
    .minLength('metricName', input.MetricName, 1)
    .maxLength('metricName', input.MetricName, 255)
    .range('evaluationPeriods', input.EvaluationPeriods, 1, Number.MAX_SAFE_INTEGER)
    .range('datapointsToAlarm', input.DatapointsToAlarm, 1, Number.MAX_SAFE_INTEGER)
    .range('period', input.Period, 1, Number.MAX_SAFE_INTEGER);
  problems.check();
  checkUnit(input.Unit, 'Unit');
  if (input.EvaluationCriteria || input.EvaluationInterval !== undefined) throw invalidValue('PromQL alarms (EvaluationCriteria, EvaluationInterval) are not supported by this emulator.');
  const name = input.AlarmName!;
  const state = ctx.state();
  const existing = state.alarms.get(name);
  if (existing && existing.kind === 'composite') throw validationError(`The alarm ${name} already exists as a composite alarm.`);
  if (input.EvaluationPeriods === undefined) throw missingParameter('The parameter EvaluationPeriods is required.');
  if (input.ComparisonOperator === undefined) throw missingParameter('The parameter ComparisonOperator is required.');
  const n = input.EvaluationPeriods;
  if (input.DatapointsToAlarm !== undefined && input.DatapointsToAlarm > n) throw validationError('DatapointsToAlarm must be less than or equal to EvaluationPeriods');
  if (input.TreatMissingData !== undefined && !TREAT_MISSING.includes(input.TreatMissingData)) {
    throw validationError(`Option ${input.TreatMissingData} is not supported. Supported options for parameter TreatMissingData are breaching, notBreaching, ignore, and missing.`);
  }
  if (input.EvaluateLowSampleCountPercentile !== undefined && !['evaluate', 'ignore'].includes(input.EvaluateLowSampleCountPercentile)) {
    throw validationError(`Option ${input.EvaluateLowSampleCountPercentile} is not supported. Supported options for parameter EvaluateLowSampleCountPercentile are evaluate and ignore.`);
  }
  if (input.ThresholdMetricId !== undefined) checkBandAlarm(input.Metrics, input.ThresholdMetricId, input.ComparisonOperator, input.Threshold);
  else if (BAND_OPERATORS.includes(input.ComparisonOperator)) throw validationError(`ComparisonOperator ${input.ComparisonOperator} needs ThresholdMetricId: the ID of an ANOMALY_DETECTION_BAND expression in Metrics.`);
  else if (input.Threshold === undefined) throw missingParameter('The parameter Threshold is required.');
  const alarm: Partial<StoredAlarm> = {};
  if (input.Metrics && input.Metrics.length) {
    if (input.MetricName !== undefined || input.Namespace !== undefined || input.Dimensions !== undefined || input.Period !== undefined || input.Unit !== undefined || input.Statistic !== undefined || input.ExtendedStatistic !== undefined) {
      throw validationError('Scalar metric parameters (MetricName, Namespace, Dimensions, Period, Unit, Statistic, ExtendedStatistic) must not be set if the list of Metrics is set.');
    }
    if (input.Metrics.length > 20) throw validationError('The collection Metrics must not have a size greater than 20.');
    // The band is the threshold, not metric math: it is checked by checkBandAlarm.
    validateQueries(input.Metrics.filter((q) => q.Id !== input.ThresholdMetricId), 'Metrics', { maxQueries: 20 });
    const returning = input.Metrics.filter((q) => q.ReturnData !== false && q.Id !== input.ThresholdMetricId);
    if (returning.length !== 1) throw validationError('Exactly one element of the Metrics list must return data.');
    const periods = input.Metrics.map((q) => q.MetricStat?.Period ?? q.Period).filter((p): p is number => p !== undefined);
    for (const p of periods) checkAlarmPeriod(p, n);
    alarm.Metrics = input.Metrics.map(
      (q): MetricQueryConfig => ({
        Id: q.Id!,
        ...(q.MetricStat ? { MetricStat: { Metric: { Namespace: q.MetricStat.Metric!.Namespace!, MetricName: q.MetricStat.Metric!.MetricName!, Dimensions: sortDimensions(q.MetricStat.Metric!.Dimensions) }, Period: q.MetricStat.Period!, Stat: q.MetricStat.Stat!, ...(q.MetricStat.Unit ? { Unit: q.MetricStat.Unit } : {}) } } : {}),
        ...(q.Expression !== undefined ? { Expression: q.Expression } : {}),
        ...(q.Label !== undefined ? { Label: q.Label } : {}),
        ReturnData: q.ReturnData !== false,
        ...(q.Period !== undefined ? { Period: q.Period } : {}),
        ...(q.AccountId !== undefined ? { AccountId: q.AccountId } : {}),
      }),
    );
  } else {
    if (input.MetricName === undefined) throw missingParameter('The parameter MetricName is required.');
    if (input.Namespace === undefined) throw missingParameter('The parameter Namespace is required.');
    if (input.Statistic !== undefined && input.ExtendedStatistic !== undefined) throw invalidCombination('The parameters Statistic and ExtendedStatistic are mutually exclusive and you have specified both.');
    if (input.Statistic === undefined && input.ExtendedStatistic === undefined) throw missingParameter('One of the parameters Statistic or ExtendedStatistic must be specified.');
    if (input.ExtendedStatistic !== undefined && !isPercentile(input.ExtendedStatistic)) throw invalidValue(`The value ${input.ExtendedStatistic} for parameter ExtendedStatistic is not supported.`);
    if (input.Period === undefined) throw missingParameter('The parameter Period is required.');
    checkAlarmPeriod(input.Period, n);
    if ((input.Dimensions ?? []).length > 30) throw invalidValue('The collection Dimensions must not have a size greater than 30.');
    Object.assign(alarm, {
      Namespace: input.Namespace,
      MetricName: input.MetricName,
      Dimensions: sortDimensions(input.Dimensions),
      ...(input.Statistic !== undefined ? { Statistic: input.Statistic } : {}),
      ...(input.ExtendedStatistic !== undefined ? { ExtendedStatistic: input.ExtendedStatistic } : {}),
      Period: input.Period,
      ...(input.Unit !== undefined ? { Unit: input.Unit } : {}),
    });
  }
  const alarmActions = checkActions(ctx, 'AlarmActions', input.AlarmActions);
  const okActions = checkActions(ctx, 'OKActions', input.OKActions);
  const insufficientActions = checkActions(ctx, 'InsufficientDataActions', input.InsufficientDataActions);
  const tags = checkTags(input.Tags, existing?.tags ?? {});
  const now = ctx.now;
  const stored: StoredAlarm = {
    kind: 'metric',
    AlarmName: name,
    AlarmArn: alarmArn(ctx, name),
    ...(input.AlarmDescription !== undefined ? { AlarmDescription: input.AlarmDescription } : {}),
    ActionsEnabled: input.ActionsEnabled ?? true,
    OKActions: okActions,
    AlarmActions: alarmActions,
    InsufficientDataActions: insufficientActions,
    AlarmConfigurationUpdatedTimestamp: now,
    // Updating an alarm keeps its state; a new one starts unchecked, as on AWS.
    StateValue: existing?.StateValue ?? 'INSUFFICIENT_DATA',
    StateReason: existing?.StateReason ?? UNCHECKED,
    ...(existing?.StateReasonData !== undefined ? { StateReasonData: existing.StateReasonData } : {}),
    StateUpdatedTimestamp: existing?.StateUpdatedTimestamp ?? now,
    StateTransitionedTimestamp: existing?.StateTransitionedTimestamp ?? now,
    ...alarm,
    EvaluationPeriods: n,
    ...(input.DatapointsToAlarm !== undefined ? { DatapointsToAlarm: input.DatapointsToAlarm } : {}),
    ...(input.Threshold !== undefined ? { Threshold: input.Threshold } : {}),
    ...(input.ThresholdMetricId !== undefined ? { ThresholdMetricId: input.ThresholdMetricId } : {}),
    ComparisonOperator: input.ComparisonOperator,
    ...(input.TreatMissingData !== undefined ? { TreatMissingData: input.TreatMissingData } : {}),
    ...(input.EvaluateLowSampleCountPercentile !== undefined ? { EvaluateLowSampleCountPercentile: input.EvaluateLowSampleCountPercentile } : {}),
    tags,
  };
  saveAlarm(ctx, stored, existing);
  evaluateAlarms(ctx, [stored]);
  return {};
}

/** Period rules for alarms: 10, 20, 30 or a multiple of 60, and at most a day (a week for hourly periods) of evaluation. */
function checkAlarmPeriod(period: number, evaluationPeriods: number): void {
  if (!isValidPeriod(period) || period < 10) throw validationError('Period must be 10, 20, 30 or a multiple of 60');
  const total = period * evaluationPeriods;
  if (period < 3600 && total > 86400) throw validationError('Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400) for alarms using period < 3600');
  if (total > 604800) throw validationError('Metrics cannot be checked across more than a week (EvaluationPeriods * Period must be <= 604800) for alarms using period >= 3600');
}

export function saveAlarm(ctx: Ctx, alarm: StoredAlarm, existing: StoredAlarm | undefined): void {
  const state = ctx.state();
  state.alarms.set(alarm.AlarmName, alarm);
  const config = describeAlarm(alarm);
  recordHistory(state, ctx.now.getTime(), {
    AlarmName: alarm.AlarmName,
    AlarmType: alarm.kind === 'composite' ? 'CompositeAlarm' : 'MetricAlarm',
    Timestamp: ctx.now,
    HistoryItemType: 'ConfigurationUpdate',
    HistorySummary: `Alarm "${alarm.AlarmName}" ${existing ? 'updated' : 'created'}`,
    HistoryData: JSON.stringify(existing ? { version: '1.0', type: 'Update', originalUpdatedAlarm: describeAlarm(existing), updatedAlarm: config } : { version: '1.0', type: 'Create', createdAlarm: config }),
  });
}

/** The MetricAlarm / CompositeAlarm shape DescribeAlarms returns. */
export function describeAlarm(a: StoredAlarm): CW.MetricAlarm & CW.CompositeAlarm {
  const common = {
    AlarmName: a.AlarmName,
    AlarmArn: a.AlarmArn,
    AlarmDescription: a.AlarmDescription,
    AlarmConfigurationUpdatedTimestamp: a.AlarmConfigurationUpdatedTimestamp,
    ActionsEnabled: a.ActionsEnabled,
    OKActions: [...a.OKActions],
    AlarmActions: [...a.AlarmActions],
    InsufficientDataActions: [...a.InsufficientDataActions],
    StateValue: a.StateValue,
    StateReason: a.StateReason,
    StateReasonData: a.StateReasonData,
    StateUpdatedTimestamp: a.StateUpdatedTimestamp,
    StateTransitionedTimestamp: a.StateTransitionedTimestamp,
  } as CW.MetricAlarm & CW.CompositeAlarm;
  if (a.kind === 'composite') return { ...common, AlarmRule: a.AlarmRule };
  return {
    ...common,
    MetricName: a.MetricName,
    Namespace: a.Namespace,
    Statistic: a.Statistic as CW.Statistic | undefined,
    ExtendedStatistic: a.ExtendedStatistic,
    Dimensions: a.Metrics ? [] : a.Dimensions?.map((d) => ({ ...d })),
    Period: a.Period,
    Unit: a.Unit as CW.StandardUnit | undefined,
    EvaluationPeriods: a.EvaluationPeriods,
    DatapointsToAlarm: a.DatapointsToAlarm,
    Threshold: a.Threshold,
    ThresholdMetricId: a.ThresholdMetricId,
    ComparisonOperator: a.ComparisonOperator as CW.ComparisonOperator,
    TreatMissingData: a.TreatMissingData,
    EvaluateLowSampleCountPercentile: a.EvaluateLowSampleCountPercentile,
    Metrics: a.Metrics?.map((q) => ({ ...q, MetricStat: q.MetricStat ? { ...q.MetricStat, Unit: q.MetricStat.Unit as CW.StandardUnit | undefined } : undefined })),
  };
}

export function describeAlarms(input: CW.DescribeAlarmsInput, ctx: Ctx): Output<CW.DescribeAlarmsOutput> {
  const problems = new ProblemList().minLength('alarmNamePrefix', input.AlarmNamePrefix, 1).maxLength('alarmNamePrefix', input.AlarmNamePrefix, 255).oneOf('stateValue', input.StateValue, STATES).minLength('actionPrefix', input.ActionPrefix, 1).maxLength('actionPrefix', input.ActionPrefix, 1024).range('maxRecords', input.MaxRecords, 1, 100);
  (input.AlarmTypes ?? []).forEach((t, i) => problems.oneOf(`alarmTypes.${i + 1}.member`, t, ['CompositeAlarm', 'MetricAlarm']));
  problems.check();
  if (input.AlarmNames && input.AlarmNames.length > 100) throw invalidValue('The collection AlarmNames must not have a size greater than 100.');
  if (input.AlarmNames?.length && input.AlarmNamePrefix !== undefined) throw invalidCombination('AlarmNamePrefix and AlarmNames.member are mutually exclusive');
  if ((input.ChildrenOfAlarmName !== undefined || input.ParentsOfAlarmName !== undefined) && (input.AlarmNames?.length || input.AlarmNamePrefix !== undefined || input.StateValue !== undefined || input.ActionPrefix !== undefined)) {
    throw invalidCombination('If you specify ChildrenOfAlarmName or ParentsOfAlarmName, you cannot specify any other parameters in the request except for MaxRecords and NextToken.');
  }
  const state = ctx.state();
  evaluateAlarms(ctx);
  const types = input.AlarmTypes?.length ? input.AlarmTypes : ['MetricAlarm'];
  let alarms = [...state.alarms.values()];
  if (input.ChildrenOfAlarmName !== undefined) {
    const parent = state.alarms.get(input.ChildrenOfAlarmName);
    const children = parent?.kind === 'composite' ? ruleAlarms(parseRule(parent.AlarmRule!)) : new Set<string>();
    alarms = alarms.filter((a) => children.has(a.AlarmName));
  } else if (input.ParentsOfAlarmName !== undefined) {
    alarms = alarms.filter((a) => a.kind === 'composite' && ruleAlarms(parseRule(a.AlarmRule!)).has(input.ParentsOfAlarmName!));
  } else {
    alarms = alarms
      .filter((a) => types.includes(a.kind === 'composite' ? 'CompositeAlarm' : 'MetricAlarm'))
      .filter((a) => !input.AlarmNames?.length || input.AlarmNames.includes(a.AlarmName))
      .filter((a) => input.AlarmNamePrefix === undefined || a.AlarmName.startsWith(input.AlarmNamePrefix))
      .filter((a) => input.StateValue === undefined || a.StateValue === input.StateValue)
      .filter((a) => input.ActionPrefix === undefined || [...a.AlarmActions, ...a.OKActions, ...a.InsufficientDataActions].some((x) => x.startsWith(input.ActionPrefix!)));
  }
  alarms.sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : a.AlarmName > b.AlarmName ? 1 : 0));
  const max = input.MaxRecords ?? 50;
  const fingerprint = JSON.stringify(['DescribeAlarms', input.AlarmNames ?? null, input.AlarmNamePrefix ?? null, input.StateValue ?? null, input.ActionPrefix ?? null, types, input.ChildrenOfAlarmName ?? null, input.ParentsOfAlarmName ?? null]);
  const after = decodeToken(input.NextToken, fingerprint);
  const from = after === undefined ? 0 : alarms.findIndex((a) => a.AlarmName > String(after));
  const page = from === -1 ? [] : alarms.slice(from, from + max);
  const more = from !== -1 && from + max < alarms.length;
  return {
    MetricAlarms: page.filter((a) => a.kind === 'metric').map(describeAlarm),
    CompositeAlarms: page.filter((a) => a.kind === 'composite').map(describeAlarm),
    NextToken: more ? encodeToken(page.at(-1)!.AlarmName, fingerprint) : undefined,
  };
}

export function describeAlarmsForMetric(input: CW.DescribeAlarmsForMetricInput, ctx: Ctx): Output<CW.DescribeAlarmsForMetricOutput> {
  new ProblemList().oneOf('statistic', input.Statistic, STATISTICS).check();
  checkUnit(input.Unit, 'Unit');
  evaluateAlarms(ctx);
  const dims = input.Dimensions ? JSON.stringify(sortDimensions(input.Dimensions)) : undefined;
  const alarms = [...ctx.state().alarms.values()]
    .filter((a) => a.kind === 'metric' && !a.Metrics && a.Namespace === input.Namespace && a.MetricName === input.MetricName)
    .filter((a) => dims === undefined || JSON.stringify(a.Dimensions ?? []) === dims)
    .filter((a) => input.Statistic === undefined || a.Statistic === input.Statistic)
    .filter((a) => input.ExtendedStatistic === undefined || a.ExtendedStatistic === input.ExtendedStatistic)
    .filter((a) => input.Period === undefined || a.Period === input.Period)
    .filter((a) => input.Unit === undefined || a.Unit === input.Unit)
    .sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : 1));
  return { MetricAlarms: alarms.map(describeAlarm) };
}

export function deleteAlarms(input: CW.DeleteAlarmsInput, ctx: Ctx): Output<Record<string, never>> {
  const names = input.AlarmNames ?? [];
  if (names.length > 100) throw invalidValue('The collection AlarmNames must not have a size greater than 100.');
  const state = ctx.state();
  // As on AWS: names that do not exist are ignored, and nothing is deleted if a composite alarm still needs one.
  const deleting = new Set(names.filter((n) => state.alarms.has(n)));
  const blocked = [...deleting].filter((n) => [...state.alarms.values()].some((a) => a.kind === 'composite' && !deleting.has(a.AlarmName) && ruleAlarms(parseRule(a.AlarmRule!)).has(n)));
  if (blocked.length) throw validationError(`Cannot delete ${blocked.join(',')} as there are composite alarm(s) depending on ${blocked.length === 1 ? 'it' : 'them'}.`);
  for (const name of deleting) {
    const alarm = state.alarms.get(name)!;
    state.alarms.delete(name);
    recordHistory(state, ctx.now.getTime(), {
      AlarmName: name,
      AlarmType: alarm.kind === 'composite' ? 'CompositeAlarm' : 'MetricAlarm',
      Timestamp: ctx.now,
      HistoryItemType: 'ConfigurationUpdate',
      HistorySummary: `Alarm "${name}" deleted`,
      HistoryData: JSON.stringify({ version: '1.0', type: 'Delete', deletedAlarm: describeAlarm(alarm) }),
    });
  }
  return {};
}

export function setAlarmState(input: CW.SetAlarmStateInput, ctx: Ctx): Output<Record<string, never>> {
  new ProblemList().minLength('alarmName', input.AlarmName, 1).maxLength('alarmName', input.AlarmName, 255).oneOf('stateValue', input.StateValue, STATES).maxLength('stateReason', input.StateReason, 1023).maxLength('stateReasonData', input.StateReasonData, 4000).check();
  if (input.StateReasonData !== undefined) {
    try {
      JSON.parse(input.StateReasonData);
    } catch {
      throw invalidFormat('StateReasonData was not syntactically valid JSON');
    }
  }
  const alarm = ctx.state().alarms.get(input.AlarmName!);
  if (!alarm) throw resourceNotFound(`Alarm ${input.AlarmName} not found`);
  transition(ctx, alarm, { state: input.StateValue as AlarmStateValue, reason: input.StateReason!, reasonData: input.StateReasonData ?? '' }, { manual: true });
  if (input.StateReasonData === undefined) delete alarm.StateReasonData;
  evaluateAlarms(ctx, []);
  return {};
}
