import type { CheckFixtures } from '../fixtures/base.ts';
import { notebookOf, secureNotebookInventory } from '../fixtures/sagemaker.ts';

export const fixtures: CheckFixtures = {
  pass: secureNotebookInventory,
  fail: (inv) => void (notebookOf(inv).rootAccess = 'Enabled'),
  fields: {
    'sagemakerNotebooks.notebooks[].members.value[].rootAccess': [
      { description: 'Enabled', expect: 'fail', mutate: (inv) => void (notebookOf(inv).rootAccess = 'Enabled') },
      { description: 'not reported', expect: 'fail', mutate: (inv) => void delete notebookOf(inv).rootAccess },
    ],
  },
};
