/**
 * Exam engine timings: validating the real bank (what `npm test` and every build do), validating a
 * bank of 400 synthetic questions (headroom), and building, answering and scoring a full-pace exam.
 */
import { stringify } from 'yaml';
import { loadBankFromDisk } from '../../src/exam/bank-files.ts';
import { validateQuestionSources } from '../../src/exam/bank-validate.ts';
import { correctAnswer } from '../../src/exam/answers.ts';
import { applyAction } from '../../src/exam/session-actions.ts';
import { startExam } from '../../src/exam/session-setup.ts';
import { toPayload } from '../../src/exam/bank-payload.ts';
import { syntheticBank } from '../unit/exam/helpers.ts';
import { goalRow, percentile, timeEach, type Benchmark } from './harness.ts';

const bench: Benchmark = {
  suite: 'exam',
  async run() {
    const real = await timeEach(5, async () => loadBankFromDisk());
    const loaded = loadBankFromDisk();
    const payloadKb = Buffer.byteLength(JSON.stringify(toPayload(loaded.questions.map((q) => q.question)))) / 1024;

    const big = syntheticBank({ '4.1': 90, '4.2': 200, '4.3': 110 });
    const sources = big.questions.map((q) => ({ path: `content/questions/${q.id.length % 3 === 0 ? '4.1' : '4.2'}/${q.id}.yaml`, text: stringify(q) }));
    const synthetic = await timeEach(3, async () => validateQuestionSources(sources));

    const exams = await timeEach(20, async (i) => {
      let session = startExam(big, { id: `b${i}`, seed: `seed-${i}`, now: 0, format: 'full-pace' });
      for (const slot of session.slots) {
        session = applyAction(session, big, { type: 'answer', itemId: slot.itemId, answer: correctAnswer(big.itemById.get(slot.itemId)!) }, 1).session;
      }
      return applyAction(session, big, { type: 'submit' }, 2).session.result;
    });

    return [
      goalRow(`validate the real bank from disk (${loaded.questions.length} questions), median`, percentile(real, 50), 'ms', { below: 1000 }, 'npm run exam -- validate, and every site build'),
      goalRow('validate 400 synthetic questions incl. pairwise stem comparison, median', percentile(synthetic, 50), 'ms', { below: 5000 }, 'headroom well beyond the 160-question floor'),
      goalRow('full-pace exam: build 65 from 400, answer all, submit and score, median', percentile(exams, 50), 'ms', { below: 50 }, 'runs in the browser on every action'),
      { measure: `bank.json payload for ${loaded.questions.length} questions`, value: payloadKb, unit: 'KB', note: 'fetched once per exam page; gzip shrinks it further' },
    ];
  },
};

export default bench;
