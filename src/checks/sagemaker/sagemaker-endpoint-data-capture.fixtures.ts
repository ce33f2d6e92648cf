import type { DataCaptureSettings, Inventory } from '../../inventory/types.ts';
import { failed, otherKeyId, teamKeyAlias, type CheckFixtures } from '../fixtures/base.ts';
import { endpointOf, observabilityInventory } from '../fixtures/observability.ts';

const capture = (inv: Inventory): DataCaptureSettings => {
  const c = endpointOf(inv).config;
  if (!c.ok || !c.value?.dataCapture) throw new Error('fixture endpoint has no capture');
  return c.value.dataCapture;
};

export const fixtures: CheckFixtures<{ key?: string }> = {
  params: { key: teamKeyAlias },
  pass: observabilityInventory,
  fail: (inv) => {
    const c = endpointOf(inv).config;
    if (c.ok && c.value) c.value.dataCapture = null;
  },
  fields: {
    'sagemakerHosting.endpoints[].config.value': [
      { description: 'no DataCaptureConfig', expect: 'fail', mutate: (inv) => void (endpointOf(inv).config.ok && (endpointOf(inv).config as { value: { dataCapture: null } }).value && ((endpointOf(inv).config as { value: { dataCapture: null } }).value.dataCapture = null)) },
      { description: 'capture disabled', expect: 'fail', mutate: (inv) => void (capture(inv).enableCapture = false) },
      { description: 'input only', expect: 'fail', mutate: (inv) => void (capture(inv).captureModes = ['Input']) },
      { description: 'output only', expect: 'fail', mutate: (inv) => void (capture(inv).captureModes = ['Output']) },
      { description: 'sampling 0%', expect: 'fail', mutate: (inv) => void (capture(inv).initialSamplingPercentage = 0) },
      { description: 'no KMS key', expect: 'fail', mutate: (inv) => void (capture(inv).kmsKeyId = undefined) },
      { description: 'another key', expect: 'fail', mutate: (inv) => void (capture(inv).kmsKeyId = otherKeyId) },
      { description: 'the key by its id', expect: 'pass', mutate: (inv) => void (capture(inv).kmsKeyId = '1234abcd-12ab-34cd-56ef-1234567890ab') },
      { description: 'endpoint uses no config (unreadable)', expect: 'unknown', mutate: (inv) => void (endpointOf(inv).config = failed('AccessDeniedException', 'SageMaker.DescribeEndpointConfig')) },
    ],
    'kms.aliases.value': [
      { description: 'the alias points elsewhere', expect: 'fail', mutate: (inv) => void (inv.kms!.aliases = { ok: true, value: [{ name: teamKeyAlias, targetKeyId: otherKeyId }] }) },
      { description: 'aliases unreadable', expect: 'unknown', mutate: (inv) => void (inv.kms!.aliases = failed('AccessDeniedException', 'KMS.ListAliases')) },
    ],
  },
};
