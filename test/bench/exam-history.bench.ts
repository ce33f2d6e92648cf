/**
 * The server's exam history on a SQLite file: recording a finished full-pace exam (what
 * `POST /api/progress/exams` does after validation), reading the history with readiness evidence
 * for a learner with 500 finished exams (what every /progress view does), and the export's sessions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExamHistoryStore, finishedSessionSchema, type FinishedSession } from '../../src/console/exam-history.ts';
import { LearnerStore } from '../../src/console/learners.ts';
import { openDatabase } from '../../src/db/index.ts';
import { correctAnswer } from '../../src/exam/answers.ts';
import { applyAction } from '../../src/exam/session-actions.ts';
import { startExam } from '../../src/exam/session-setup.ts';
import { syntheticBank } from '../unit/exam/helpers.ts';
import { goalRow, percentile, timeEach, type Benchmark } from './harness.ts';

const ATTEMPTS = 500;

const bench: Benchmark = {
  suite: 'exam-history',
  async run() {
    const bank = syntheticBank({ '4.1': 90, '4.2': 200, '4.3': 110 });
    const sessions: FinishedSession[] = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      let session = startExam(bank, { id: `bench-${i}`, seed: `seed-${i}`, now: i * 60_000, format: 'full-pace' });
      for (const slot of session.slots.filter((_, n) => (n + i) % 3 !== 0)) {
        session = applyAction(session, bank, { type: 'answer', itemId: slot.itemId, answer: correctAnswer(bank.itemById.get(slot.itemId)!) }, i * 60_000 + 1).session;
      }
      sessions.push(finishedSessionSchema.parse(applyAction(session, bank, { type: 'submit' }, i * 60_000 + 2).session));
    }
    const bodyKb = Buffer.byteLength(JSON.stringify(sessions[0])) / 1024;
    const validate = await timeEach(50, async (i) => finishedSessionSchema.parse(sessions[i]));

    const dir = mkdtempSync(join(tmpdir(), 'mlsec-bench-history-'));
    const db = await openDatabase({ file: join(dir, 'mlsec.db') });
    try {
      const learner = await new LearnerStore(db).create();
      const store = new ExamHistoryStore(db);
      const record = await timeEach(ATTEMPTS, async (i) => store.record(learner.id, sessions[i]!));
      const history = await timeEach(20, async () => store.history(learner.id));
      const exported = await timeEach(5, async () => store.sessions(learner.id));
      return [
        { measure: 'a finished full-pace exam as sent to the server', value: bodyKb, unit: 'KB', note: 'the API takes up to 64 KiB per session' },
        goalRow('validate a finished full-pace exam (zod), median', percentile(validate, 50), 'ms', { below: 10 }, 'every POST /api/progress/exams'),
        goalRow('record a finished full-pace exam in SQLite, median', percentile(record, 50), 'ms', { below: 20 }, `p95 ${percentile(record, 95).toFixed(2)} ms over ${ATTEMPTS} inserts`),
        goalRow(`history + readiness evidence of a learner with ${ATTEMPTS} exams, median`, percentile(history, 50), 'ms', { below: 200 }, 'every /progress view'),
        goalRow(`all ${ATTEMPTS} sessions for an export, median`, percentile(exported, 50), 'ms', { below: 1000 }, 'GET /api/progress/export'),
      ];
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
