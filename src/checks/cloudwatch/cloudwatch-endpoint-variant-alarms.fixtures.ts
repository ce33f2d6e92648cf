import type { Inventory, MetricAlarmSummary } from '../../inventory/types.ts';
import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { alarm, endpointOf, observabilityInventory } from '../fixtures/observability.ts';

const alarms = (inv: Inventory): MetricAlarmSummary[] => {
  const a = inv.cloudwatch!.alarms;
  if (!a.ok) throw new Error('fixture alarms unreadable');
  return a.value;
};
const variants = (inv: Inventory) => {
  const e = endpointOf(inv).endpoint;
  if (!e.ok || !e.value) throw new Error('fixture endpoint missing');
  return e.value.variants;
};
const twoVariants = (): Inventory => {
  const inv = observabilityInventory();
  variants(inv).push({ variantName: 'Challenger', currentWeight: 0.1, desiredWeight: 0.1, currentInstanceCount: 1 });
  alarms(inv).push(alarm('Invocation5XXErrors', { name: 'fraud-scorer-challenger-5xx', dimensions: { EndpointName: 'fraud-scorer', VariantName: 'Challenger' } }));
  return inv;
};

export const fixtures: CheckFixtures<{ metric: string }> = {
  params: { metric: 'Invocation5XXErrors' },
  pass: twoVariants,
  fail: (inv) => void (inv.cloudwatch!.alarms = { ok: true, value: alarms(inv).filter((a) => a.name !== 'fraud-scorer-challenger-5xx') }),
  fields: {
    'cloudwatch.alarms.value': [
      { description: 'challenger alarm missing', expect: 'fail', mutate: (inv) => void (inv.cloudwatch!.alarms = { ok: true, value: alarms(inv).filter((a) => a.name !== 'fraud-scorer-challenger-5xx') }) },
      { description: 'challenger alarm without action', expect: 'fail', mutate: (inv) => void (alarms(inv).find((a) => a.name === 'fraud-scorer-challenger-5xx')!.alarmActions = []) },
      { description: 'challenger alarm disabled', expect: 'fail', mutate: (inv) => void (alarms(inv).find((a) => a.name === 'fraud-scorer-challenger-5xx')!.actionsEnabled = false) },
      { description: 'endpoint-wide alarm only (no VariantName)', expect: 'fail', mutate: (inv) => void (inv.cloudwatch!.alarms = { ok: true, value: [alarm('Invocation5XXErrors', { dimensions: { EndpointName: 'fraud-scorer' } })] }) },
      { description: 'unreadable', expect: 'unknown', mutate: (inv) => void (inv.cloudwatch!.alarms = failed('AccessDenied', 'CloudWatch.DescribeAlarms')) },
    ],
    'sagemakerHosting.endpoints[].endpoint.value.variants': [
      { description: 'a third variant without alarm', expect: 'fail', mutate: (inv) => void variants(inv).push({ variantName: 'Shadow', currentWeight: 0 }) },
      { description: 'no variants', expect: 'fail', mutate: (inv) => void variants(inv).splice(0) },
    ],
  },
};
