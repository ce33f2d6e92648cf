import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { trailInventory, trailOf } from '../fixtures/trails.ts';

export const fixtures: CheckFixtures = {
  pass: trailInventory,
  fail: (inv) => void (trailOf(inv).isMultiRegionTrail = false),
  fields: {
    'cloudtrail.trails.value[].isMultiRegionTrail': [{ description: 'single Region', expect: 'fail', mutate: (inv) => void (trailOf(inv).isMultiRegionTrail = false) }],
    'cloudtrail.trails.value[].status.value.isLogging': [
      { description: 'stopped', expect: 'fail', mutate: (inv) => void (trailOf(inv).status = { ok: true, value: { isLogging: false } }) },
      { description: 'status unreadable', expect: 'unknown', mutate: (inv) => void (trailOf(inv).status = failed('AccessDenied', 'CloudTrail.GetTrailStatus')) },
    ],
    'cloudtrail.trails.value[].eventSelectors.value': [
      { description: 'write-only management events', expect: 'fail', mutate: (inv) => void (trailOf(inv).eventSelectors = { ok: true, value: { basic: [{ readWriteType: 'WriteOnly', includeManagementEvents: true, dataResources: [] }], advanced: [] } }) },
      { description: 'management events excluded', expect: 'fail', mutate: (inv) => void (trailOf(inv).eventSelectors = { ok: true, value: { basic: [{ readWriteType: 'All', includeManagementEvents: false, dataResources: [] }], advanced: [] } }) },
      { description: 'advanced selector for management events', expect: 'pass', mutate: (inv) => void (trailOf(inv).eventSelectors = { ok: true, value: { basic: [], advanced: [{ name: 'mgmt', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] }] } }) },
      { description: 'advanced selector for write-only management events', expect: 'fail', mutate: (inv) => void (trailOf(inv).eventSelectors = { ok: true, value: { basic: [], advanced: [{ name: 'mgmt', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'readOnly', equals: ['false'] }] }] } }) },
      { description: 'selectors unreadable', expect: 'unknown', mutate: (inv) => void (trailOf(inv).eventSelectors = failed('AccessDenied', 'CloudTrail.GetEventSelectors')) },
    ],
  },
};
