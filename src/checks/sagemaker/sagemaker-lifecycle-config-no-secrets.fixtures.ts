import type { CheckFixtures } from '../fixtures/base.ts';
import { lifecycleOf, secureSecretsInventory } from '../fixtures/secrets.ts';

export const fixtures: CheckFixtures = {
  pass: secureSecretsInventory,
  fail: (inv) => void (lifecycleOf(inv).onStart = ['#!/bin/bash\nexport DB_PASSWORD="Winter2026!"\n']),
  fields: {
    'sagemakerNotebooks.lifecycleConfigs[].found.value.onStart': [
      { description: 'exported literal password', expect: 'fail', mutate: (inv) => void (lifecycleOf(inv).onStart = ['#!/bin/bash\nexport DB_PASSWORD="Winter2026!"\n']) },
      { description: 'psql URL with a password', expect: 'fail', mutate: (inv) => void (lifecycleOf(inv).onStart = ['psql postgresql://claims:Winter2026!@db:5432/claims -c "select 1"\n']) },
      { description: 'a commented-out old password is ignored', expect: 'pass', mutate: (inv) => void (lifecycleOf(inv).onStart = ['# DB_PASSWORD=old-value-removed\necho ok\n']) },
    ],
    'sagemakerNotebooks.lifecycleConfigs[].found.value.onCreate': [
      { description: '--password flag', expect: 'fail', mutate: (inv) => void (lifecycleOf(inv).onCreate = ['mysql --password=Winter2026! -h db\n']) },
    ],
  },
};
