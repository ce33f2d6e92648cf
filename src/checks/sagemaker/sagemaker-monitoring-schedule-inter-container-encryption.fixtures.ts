import type { Inventory, MonitoringNetwork } from '../../inventory/types.ts';
import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { endpointOf, observabilityInventory, secureSchedule } from '../fixtures/observability.ts';

const network = (inv: Inventory, i = 0): MonitoringNetwork => {
  const s = endpointOf(inv).monitoringSchedules;
  if (!s?.ok || !s.value[i]?.network.ok) throw new Error('fixture has no schedule network');
  return (s.value[i]!.network as { value: MonitoringNetwork }).value;
};

export const fixtures: CheckFixtures = {
  pass: observabilityInventory,
  fail: (inv) => void (network(inv).enableInterContainerTrafficEncryption = false),
  fields: {
    'sagemakerHosting.endpoints[].monitoringSchedules.value[].network.value.enableInterContainerTrafficEncryption': [
      { description: 'off', expect: 'fail', mutate: (inv) => void (network(inv).enableInterContainerTrafficEncryption = false) },
      {
        description: 'off on the second of two schedules',
        expect: 'fail',
        mutate: (inv) => {
          const s = endpointOf(inv).monitoringSchedules;
          if (s?.ok) s.value.push(secureSchedule('fraud-scorer-model-quality'));
          network(inv, 1).enableInterContainerTrafficEncryption = false;
        },
      },
      { description: 'no schedule at all', expect: 'fail', mutate: (inv) => void (endpointOf(inv).monitoringSchedules = { ok: true, value: [] }) },
      { description: 'job definition unreadable', expect: 'unknown', mutate: (inv) => { const s = endpointOf(inv).monitoringSchedules; if (s?.ok) s.value[0]!.network = failed('AccessDeniedException', 'SageMaker.DescribeDataQualityJobDefinition'); } },
    ],
  },
};
