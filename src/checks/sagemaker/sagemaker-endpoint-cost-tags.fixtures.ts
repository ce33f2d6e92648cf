import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { endpointOf, observabilityInventory } from '../fixtures/observability.ts';

export const fixtures: CheckFixtures<{ tagKeys: string[] }> = {
  params: { tagKeys: ['cost-center', 'project', 'environment'] },
  pass: observabilityInventory,
  fail: (inv) => void (endpointOf(inv).tags = { ok: true, value: { 'mlsec:lab': 'x' } }),
  fields: {
    'sagemakerHosting.endpoints[].tags.value': [
      { description: 'no tags', expect: 'fail', mutate: (inv) => void (endpointOf(inv).tags = { ok: true, value: {} }) },
      { description: 'one key missing', expect: 'fail', mutate: (inv) => void (endpointOf(inv).tags = { ok: true, value: { 'cost-center': 'cc-1', project: 'p' } }) },
      { description: 'an empty value', expect: 'fail', mutate: (inv) => void (endpointOf(inv).tags = { ok: true, value: { 'cost-center': ' ', project: 'p', environment: 'prod' } }) },
      { description: 'key with other case', expect: 'fail', mutate: (inv) => void (endpointOf(inv).tags = { ok: true, value: { 'Cost-Center': 'cc-1', project: 'p', environment: 'prod' } }) },
      { description: 'tags unreadable', expect: 'unknown', mutate: (inv) => void (endpointOf(inv).tags = failed('AccessDeniedException', 'SageMaker.ListTags')) },
    ],
  },
};
