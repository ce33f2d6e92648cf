import type { CheckFixtures } from '../fixtures/base.ts';
import { notebookOf, secureNotebookInventory } from '../fixtures/sagemaker.ts';

export const fixtures: CheckFixtures = {
  pass: secureNotebookInventory,
  fail: (inv) => void delete notebookOf(inv).subnetId,
  fields: {
    'sagemakerNotebooks.notebooks[].members.value[].subnetId': [{ description: 'no subnet', expect: 'fail', mutate: (inv) => void delete notebookOf(inv).subnetId }],
  },
};
