import { ok, otherKeyId, teamKeyAlias, type CheckFixtures } from '../fixtures/base.ts';
import { notebookOf, secureNotebookInventory } from '../fixtures/sagemaker.ts';

export const fixtures: CheckFixtures<{ key?: string }> = {
  params: { key: teamKeyAlias },
  pass: secureNotebookInventory,
  fail: (inv) => void delete notebookOf(inv).kmsKeyId,
  fields: {
    'sagemakerNotebooks.notebooks[].members.value[].kmsKeyId': [
      { description: 'no key', expect: 'fail', mutate: (inv) => void delete notebookOf(inv).kmsKeyId },
      { description: 'another key', expect: 'fail', mutate: (inv) => void (notebookOf(inv).kmsKeyId = otherKeyId) },
      { description: 'the team alias itself', expect: 'pass', mutate: (inv) => void (notebookOf(inv).kmsKeyId = teamKeyAlias) },
    ],
    'kms.aliases.value': [
      { description: 'the team alias was deleted', expect: 'fail', mutate: (inv) => void (inv.kms!.aliases = ok([])) },
    ],
  },
};
