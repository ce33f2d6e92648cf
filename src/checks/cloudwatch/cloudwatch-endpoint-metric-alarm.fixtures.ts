import type { Inventory, MetricAlarmSummary } from '../../inventory/types.ts';
import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { alarm, endpointOf, observabilityInventory } from '../fixtures/observability.ts';

const alarms = (inv: Inventory): MetricAlarmSummary[] => {
  const a = inv.cloudwatch!.alarms;
  if (!a.ok) throw new Error('fixture alarms unreadable');
  return a.value;
};
const errorsAlarm = (inv: Inventory) => alarms(inv).find((a) => a.metricName === 'Invocation5XXErrors')!;

export const fixtures: CheckFixtures<{ metric: string }> = {
  params: { metric: 'Invocation5XXErrors' },
  pass: observabilityInventory,
  fail: (inv) => void (errorsAlarm(inv).alarmActions = []),
  fields: {
    'cloudwatch.alarms.value': [
      { description: 'no actions', expect: 'fail', mutate: (inv) => void (errorsAlarm(inv).alarmActions = []) },
      { description: 'actions disabled', expect: 'fail', mutate: (inv) => void (errorsAlarm(inv).actionsEnabled = false) },
      { description: 'only an OK action', expect: 'fail', mutate: (inv) => void Object.assign(errorsAlarm(inv), { alarmActions: [], okActions: ['arn:aws:sns:us-east-1:111122223333:ok'] }) },
      { description: 'alarm on another endpoint', expect: 'fail', mutate: (inv) => void (errorsAlarm(inv).dimensions = { EndpointName: 'other', VariantName: 'AllTraffic' }) },
      { description: 'alarm on another namespace', expect: 'fail', mutate: (inv) => void (errorsAlarm(inv).namespace = 'Custom/Fraud') },
      { description: 'no alarm on the metric', expect: 'fail', mutate: (inv) => void (inv.cloudwatch!.alarms = { ok: true, value: alarms(inv).filter((a) => a.metricName !== 'Invocation5XXErrors') }) },
      {
        description: 'metric math alarm reading the metric',
        expect: 'pass',
        mutate: (inv) => {
          const a = errorsAlarm(inv);
          Object.assign(a, alarm('x', { namespace: undefined, metricName: undefined, dimensions: {}, metrics: [{ namespace: 'AWS/SageMaker', metricName: 'Invocation5XXErrors', dimensions: { EndpointName: 'fraud-scorer', VariantName: 'AllTraffic' } }] }));
        },
      },
      { description: 'alarms unreadable', expect: 'unknown', mutate: (inv) => void (inv.cloudwatch!.alarms = failed('AccessDenied', 'CloudWatch.DescribeAlarms')) },
    ],
    'sagemakerHosting.endpoints[].name': [{ description: 'alarms name another endpoint', expect: 'fail', mutate: (inv) => void (endpointOf(inv).name = 'fraud-scorer-v2') }],
  },
};
