import type { Inventory, TrainingJobCostView } from '../../inventory/types.ts';
import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { observabilityInventory } from '../fixtures/observability.ts';

const jobs = (inv: Inventory): TrainingJobCostView[] => {
  const j = inv.sagemakerTrainingCost!.families[0]!.jobs;
  if (!j.ok) throw new Error('fixture jobs unreadable');
  return j.value;
};
const latest = (inv: Inventory) => jobs(inv)[1]!;

export const fixtures: CheckFixtures = {
  pass: observabilityInventory,
  fail: (inv) => void (latest(inv).enableManagedSpotTraining = false),
  fields: {
    'sagemakerTrainingCost.families[].jobs.value': [
      { description: 'latest run on demand', expect: 'fail', mutate: (inv) => void (latest(inv).enableManagedSpotTraining = false) },
      { description: 'spot without checkpoints', expect: 'fail', mutate: (inv) => void (latest(inv).checkpointS3Uri = undefined) },
      { description: 'no wait limit', expect: 'fail', mutate: (inv) => void (latest(inv).maxWaitTimeInSeconds = undefined) },
      { description: 'wait shorter than runtime', expect: 'fail', mutate: (inv) => void (latest(inv).maxWaitTimeInSeconds = 3600) },
      { description: 'an older on-demand run appears newest', expect: 'fail', mutate: (inv) => void (jobs(inv)[0]!.creationTime = '2026-02-01T00:00:00.000Z') },
      { description: 'no run at all', expect: 'fail', mutate: (inv) => void (inv.sagemakerTrainingCost!.families[0]!.jobs = { ok: true, value: [] }) },
      { description: 'unreadable', expect: 'unknown', mutate: (inv) => void (inv.sagemakerTrainingCost!.families[0]!.jobs = failed('AccessDeniedException', 'SageMaker.ListTrainingJobs')) },
    ],
  },
};
