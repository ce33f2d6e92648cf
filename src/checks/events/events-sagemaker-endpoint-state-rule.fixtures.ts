import type { EventRuleDetails, Inventory } from '../../inventory/types.ts';
import { failed, type CheckFixtures } from '../fixtures/base.ts';
import { endpointOf, observabilityInventory } from '../fixtures/observability.ts';

const rule = (inv: Inventory): EventRuleDetails => {
  const r = inv.events!.rules;
  if (!r.ok) throw new Error('fixture rules unreadable');
  return r.value[0]!;
};

export const fixtures: CheckFixtures = {
  pass: observabilityInventory,
  fail: (inv) => void (inv.events!.rules = { ok: true, value: [] }),
  fields: {
    'events.rules.value': [
      { description: 'no rule', expect: 'fail', mutate: (inv) => void (inv.events!.rules = { ok: true, value: [] }) },
      { description: 'disabled', expect: 'fail', mutate: (inv) => void (rule(inv).state = 'DISABLED') },
      { description: 'no target', expect: 'fail', mutate: (inv) => void (rule(inv).targets = { ok: true, value: [] }) },
      { description: 'training job events only', expect: 'fail', mutate: (inv) => void (rule(inv).pattern = { source: ['aws.sagemaker'], 'detail-type': ['SageMaker Training Job State Change'] }) },
      { description: 'another endpoint', expect: 'fail', mutate: (inv) => void (rule(inv).pattern = { source: ['aws.sagemaker'], 'detail-type': ['SageMaker Endpoint State Change'], detail: { EndpointName: ['other'] } }) },
      { description: 'every SageMaker endpoint', expect: 'pass', mutate: (inv) => void (rule(inv).pattern = { source: ['aws.sagemaker'], 'detail-type': ['SageMaker Endpoint State Change'] }) },
      { description: 'a scheduled rule', expect: 'fail', mutate: (inv) => void (rule(inv).pattern = null) },
      { description: 'targets unreadable', expect: 'unknown', mutate: (inv) => void (rule(inv).targets = failed('AccessDenied', 'EventBridge.ListTargetsByRule')) },
      { description: 'rules unreadable', expect: 'unknown', mutate: (inv) => void (inv.events!.rules = failed('AccessDenied', 'EventBridge.ListRules')) },
    ],
    'sagemakerHosting.endpoints[].name': [{ description: 'the rule names another endpoint', expect: 'fail', mutate: (inv) => void (endpointOf(inv).name = 'fraud-scorer-v2') }],
  },
};
