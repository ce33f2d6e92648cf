import type { CheckFixtures } from '../fixtures/base.ts';
import { trailInventory, trailOf } from '../fixtures/trails.ts';

export const fixtures: CheckFixtures = {
  pass: trailInventory,
  fail: (inv) => void (trailOf(inv).cloudWatchLogsLogGroupArn = undefined),
  fields: {
    'cloudtrail.trails.value[].cloudWatchLogsLogGroupArn': [{ description: 'no log group', expect: 'fail', mutate: (inv) => void (trailOf(inv).cloudWatchLogsLogGroupArn = undefined) }],
  },
};
