/** DescribeAlarmHistory: configuration updates, state updates and (recorded) actions, 30 days. */
import type * as CW from '@aws-sdk/client-cloudwatch';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { evaluateAlarms } from './alarm-evaluation.ts';
import { decodeToken, encodeToken, invalidValue } from './errors.ts';
import type { CloudWatchState } from './state.ts';

type Ctx = RequestContext<CloudWatchState>;

export function describeAlarmHistory(input: CW.DescribeAlarmHistoryInput, ctx: Ctx): Output<CW.DescribeAlarmHistoryOutput> {
  const problems = new ProblemList().oneOf('historyItemType', input.HistoryItemType, ['ConfigurationUpdate', 'StateUpdate', 'Action', 'AlarmContributorStateUpdate', 'AlarmContributorAction']).range('maxRecords', input.MaxRecords, 1, 100).oneOf('scanBy', input.ScanBy, ['TimestampDescending', 'TimestampAscending']);
  (input.AlarmTypes ?? []).forEach((t, i) => problems.oneOf(`alarmTypes.${i + 1}.member`, t, ['CompositeAlarm', 'MetricAlarm']));
  problems.check();
  if (input.StartDate && input.EndDate && input.StartDate > input.EndDate) throw invalidValue('The parameter EndDate must be greater than StartDate.');
  evaluateAlarms(ctx);
  const types = input.AlarmTypes?.length ? input.AlarmTypes : ['MetricAlarm'];
  const items = ctx
    .state()
    .history.filter((h) => input.AlarmName === undefined || h.AlarmName === input.AlarmName)
    .filter((h) => types.includes(h.AlarmType))
    .filter((h) => input.HistoryItemType === undefined || h.HistoryItemType === input.HistoryItemType)
    .filter((h) => !input.StartDate || h.Timestamp >= input.StartDate)
    .filter((h) => !input.EndDate || h.Timestamp <= input.EndDate);
  if ((input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending') items.reverse();
  const max = input.MaxRecords ?? 100;
  const fingerprint = JSON.stringify(['DescribeAlarmHistory', input.AlarmName ?? null, types, input.HistoryItemType ?? null, input.StartDate ?? null, input.EndDate ?? null, input.ScanBy ?? null]);
  const offset = Number(decodeToken(input.NextToken, fingerprint) ?? 0);
  return {
    AlarmHistoryItems: items.slice(offset, offset + max).map((h) => ({ ...h })),
    NextToken: offset + max < items.length ? encodeToken(offset + max, fingerprint) : undefined,
  };
}
