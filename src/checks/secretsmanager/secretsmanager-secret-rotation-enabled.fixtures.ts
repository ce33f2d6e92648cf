import type { CheckFixtures } from '../fixtures/base.ts';
import { secretOf, secureSecretsInventory } from '../fixtures/secrets.ts';

export const fixtures: CheckFixtures = {
  pass: secureSecretsInventory,
  fail: (inv) => void (secretOf(inv).rotationEnabled = false),
  fields: {
    'secretsmanager.secrets[].found.value.rotationEnabled': [{ description: 'rotation off', expect: 'fail', mutate: (inv) => void (secretOf(inv).rotationEnabled = false) }],
  },
};
