import type { AnswerEvidence, Inventory } from '../../inventory/types.ts';
import { secureInventory, type CheckFixtures } from '../fixtures/base.ts';

const answer = (): AnswerEvidence => ({ questionId: 'who', prompt: 'Which access key made the bucket public?', given: 'AKIAEXAMPLE123', accepted: ['akiaexample123'], match: 'case-insensitive' });
const first = (inv: Inventory) => inv.lab!.answers[0]!;

export const fixtures: CheckFixtures<{ question: string }> = {
  params: { question: 'who' },
  pass: () => ({ ...secureInventory(), lab: { answers: [answer(), { ...answer(), questionId: 'other', given: undefined }], probes: {} } }),
  fail: (inv) => void (first(inv).given = 'AKIAWRONG'),
  fields: {
    'lab.answers[].given': [
      { description: 'wrong key', expect: 'fail', mutate: (inv) => void (first(inv).given = 'AKIAOTHER') },
      { description: 'not answered', expect: 'fail', mutate: (inv) => void (first(inv).given = undefined) },
      { description: 'blank', expect: 'fail', mutate: (inv) => void (first(inv).given = '   ') },
      { description: 'surrounding spaces are ignored', expect: 'pass', mutate: (inv) => void (first(inv).given = '  AKIAEXAMPLE123 ') },
    ],
    'lab.answers[].accepted': [{ description: 'another accepted answer', expect: 'fail', mutate: (inv) => void (first(inv).accepted = ['akiaother']) }],
    'lab.answers[].match': [{ description: 'exact match required', expect: 'fail', mutate: (inv) => void (first(inv).match = 'exact') }],
    'lab.answers[].questionId': [{ description: 'the answer belongs to another question', expect: 'none', mutate: (inv) => void (first(inv).questionId = 'elsewhere') }],
  },
};
