import type { Inventory, MonitoringScheduleDetails } from '../../inventory/types.ts';
import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { endpointOf, observabilityInventory } from '../fixtures/observability.ts';

const schedule = (inv: Inventory): MonitoringScheduleDetails => {
  const s = endpointOf(inv).monitoringSchedules;
  if (!s?.ok) throw new Error('fixture has no schedules');
  return s.value[0]!;
};

export const fixtures: CheckFixtures = {
  pass: observabilityInventory,
  fail: (inv) => void (endpointOf(inv).monitoringSchedules = { ok: true, value: [] }),
  fields: {
    'sagemakerHosting.endpoints[].monitoringSchedules.value[].monitoringType': [
      { description: 'only a model-quality schedule', expect: 'fail', mutate: (inv) => void (schedule(inv).monitoringType = 'ModelQuality') },
    ],
    'sagemakerHosting.endpoints[].monitoringSchedules.value[].status': [
      { description: 'stopped', expect: 'fail', mutate: (inv) => void (schedule(inv).status = 'Stopped') },
      { description: 'failed', expect: 'fail', mutate: (inv) => void (schedule(inv).status = 'Failed') },
      { description: 'still pending', expect: 'pass', mutate: (inv) => void (schedule(inv).status = 'Pending') },
    ],
    'sagemakerHosting.endpoints[].monitoringSchedules.value[].baseline.value': [
      { description: 'no baseline', expect: 'fail', mutate: (inv) => void (schedule(inv).baseline = { ok: true, value: {} }) },
      { description: 'constraints without statistics', expect: 'fail', mutate: (inv) => void (schedule(inv).baseline = { ok: true, value: { constraintsS3Uri: 's3://x/constraints.json' } }) },
      { description: 'job definition unreadable', expect: 'unknown', mutate: (inv) => void (schedule(inv).baseline = failed('AccessDeniedException', 'SageMaker.DescribeDataQualityJobDefinition')) },
    ],
  },
};
