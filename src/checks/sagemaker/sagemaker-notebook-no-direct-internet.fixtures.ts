import type { CheckFixtures } from '../fixtures/base.ts';
import { notebookOf, secureNotebookInventory } from '../fixtures/sagemaker.ts';

export const fixtures: CheckFixtures = {
  pass: secureNotebookInventory,
  fail: (inv) => void (notebookOf(inv).directInternetAccess = 'Enabled'),
  fields: {
    'sagemakerNotebooks.notebooks[].members.value[].directInternetAccess': [
      { description: 'Enabled', expect: 'fail', mutate: (inv) => void (notebookOf(inv).directInternetAccess = 'Enabled') },
      { description: 'not reported', expect: 'fail', mutate: (inv) => void delete notebookOf(inv).directInternetAccess },
    ],
  },
};
