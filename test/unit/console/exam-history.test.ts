/**
 * The server's exam history on SQLite (a real file) and PostgreSQL: finished sessions made by the
 * real exam engine over the fixture bank, recorded once per id, listed newest first with recent
 * answers per syllabus item, exported and imported with the progress profile (version-1 files
 * included).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExamHistoryStore, finishedSessionProblem, finishedSessionSchema, RECENT_ANSWERS, type FinishedSession } from '../../../src/console/exam-history.ts';
import { LearnerStore } from '../../../src/console/learners.ts';
import { profileSchema, ProgressStore } from '../../../src/console/progress.ts';
import { openDatabase } from '../../../src/db/index.ts';
import { correctAnswer } from '../../../src/exam/answers.ts';
import { applyAction } from '../../../src/exam/session-actions.ts';
import { startExam, startPractice } from '../../../src/exam/session-setup.ts';
import type { ExamSession } from '../../../src/exam/session-types.ts';
import { sqlSessionStore } from '../../../src/labs/index.ts';
import { describeEachDatabase } from '../../support/databases.ts';
import { fixtureBank } from '../exam/helpers.ts';

const bank = fixtureBank();
const t0 = Date.UTC(2026, 4, 1);

/** A session submitted at `at` with every question answered right (`right`) or left unanswered. */
function finished(id: string, at: number, options: { right: boolean; mode?: 'exam' | 'practice' }): ExamSession {
  let session = options.mode === 'practice' ? startPractice(bank, { id, seed: id, now: at - 60_000, scope: { kind: 'all' } }) : startExam(bank, { id, seed: id, now: at - 60_000, format: 'domain-set' });
  if (options.right) {
    for (const slot of session.slots) session = applyAction(session, bank, { type: 'answer', itemId: slot.itemId, answer: correctAnswer(bank.itemById.get(slot.itemId)!) }, at - 1000).session;
  }
  return applyAction(session, bank, { type: 'submit' }, at).session;
}
const parse = (s: ExamSession): FinishedSession => finishedSessionSchema.parse(s);

describeEachDatabase('exam history store', (db) => {
  const learnersOf = () => new LearnerStore(db());
  const storeOf = () => new ExamHistoryStore(db());

  it('records a finished session once per id, and lists attempts newest first with their scores', async () => {
    const learner = await learnersOf().create();
    const good = finished('e-good', t0 + 2 * 3_600_000, { right: true });
    const bad = finished('e-bad', t0 + 3_600_000, { right: false });
    const first = await storeOf().record(learner.id, parse(good));
    expect(first).toEqual({
      created: true,
      attempt: {
        id: 'e-good',
        mode: 'exam',
        title: good.title,
        startedAt: new Date(good.createdAt).toISOString(),
        finishedAt: new Date(good.submittedAt!).toISOString(),
        submitReason: 'learner',
        questions: good.slots.length,
        answered: good.slots.length,
        correct: 7,
        total: 7,
        scaled: 1000,
        passed: true,
      },
    });
    // The same attempt again (a retried request): no second row, the first one kept.
    const again = await storeOf().record(learner.id, parse(good));
    expect(again).toEqual({ created: false, attempt: first.attempt });
    await storeOf().record(learner.id, parse(bad));
    const history = await storeOf().history(learner.id);
    expect(history.attempts.map((a) => [a.id, a.correct, a.total, a.scaled, a.passed])).toEqual([
      ['e-good', 7, 7, 1000, true],
      ['e-bad', 0, 7, 100, false],
    ]);
    expect(await db().get('SELECT COUNT(*) AS n FROM exam_attempts WHERE learner_id = ?', [learner.id])).toEqual({ n: 2 });
    // The whole session comes back as it was sent.
    expect(await storeOf().load(learner.id, 'e-good')).toEqual(good);
    expect((await storeOf().sessions(learner.id)).map((s) => s.id)).toEqual(['e-bad', 'e-good']);
  });

  it('gives readiness the most recent answers per syllabus item, oldest first, across attempts', async () => {
    const learner = await learnersOf().create();
    // Oldest: all wrong; then all right. 4.3.S4 has one question in the fixture bank.
    await storeOf().record(learner.id, parse(finished('p1', t0, { right: false, mode: 'practice' })));
    await storeOf().record(learner.id, parse(finished('p2', t0 + 1000, { right: true, mode: 'practice' })));
    const { recentBySyllabusItem } = await storeOf().history(learner.id);
    const kmsItem = bank.itemById.get('fx-kms-access-denied')!.syllabus[0]!;
    const expected = bank.items.filter((i) => i.syllabus.includes(kmsItem)).map(() => false);
    expect(recentBySyllabusItem[kmsItem]).toEqual([...expected, ...expected.map(() => true)].slice(-RECENT_ANSWERS));
    for (const answers of Object.values(recentBySyllabusItem)) expect(answers.length).toBeLessThanOrEqual(RECENT_ANSWERS);
    expect(Object.keys(recentBySyllabusItem).sort()).toEqual([...new Set(bank.items.flatMap((i) => i.syllabus))].sort());
  });

  it('keeps each learner to their own history, and deletes an attempt', async () => {
    const a = await learnersOf().create();
    const b = await learnersOf().create();
    await storeOf().record(a.id, parse(finished('shared-id', t0, { right: true })));
    await storeOf().record(b.id, parse(finished('shared-id', t0 + 5, { right: false })));
    expect((await storeOf().history(a.id)).attempts[0]!.correct).toBe(7);
    expect((await storeOf().history(b.id)).attempts[0]!.correct).toBe(0);
    expect(await storeOf().load(b.id, 'nope')).toBeUndefined();
    expect(await storeOf().remove(a.id, 'shared-id')).toBe(true);
    expect(await storeOf().remove(a.id, 'shared-id')).toBe(false);
    expect((await storeOf().history(a.id)).attempts).toEqual([]);
    expect((await storeOf().history(b.id)).attempts).toHaveLength(1);
  });

});

describe('finished session validation', () => {
  const good = finished('v1', t0, { right: true });
  it('accepts what the exam engine produces', () => {
    expect(finishedSessionProblem(good)).toBeUndefined();
    expect(finishedSessionProblem(finished('v2', t0, { right: false, mode: 'practice' }))).toBeUndefined();
  });

  it('names the field of a malformed session', () => {
    const inProgress = startPractice(bank, { id: 'open', seed: 'x', now: t0, scope: { kind: 'all' } });
    expect(finishedSessionProblem(inProgress)).toMatch(/status: must be "submitted": only finished sessions are kept on the server/);
    expect(finishedSessionProblem({ ...good, id: '../etc/passwd' })).toMatch(/^id: must be 1–80 letters/);
    expect(finishedSessionProblem({ ...good, format: 'other' })).toMatch(/format: must be "mlsec-exam-session"/);
    expect(finishedSessionProblem({ ...good, extra: 1 })).toMatch(/Unrecognized key.*extra/);
    expect(finishedSessionProblem({ ...good, result: { ...good.result!, scored: { correct: 9, total: 7 } } })).toMatch(/result\.scored: correct cannot exceed total/);
    expect(finishedSessionProblem({ ...good, result: { ...good.result!, scored: { correct: 6, total: 7 } } })).toMatch(/result\.scored: says 6 of 7, but the per-question results give 7 of 7/);
    expect(finishedSessionProblem({ ...good, answers: { x: { type: 'single', choice: 1 } } })).toMatch(/^answers\.x\.choice:/);
    expect(finishedSessionProblem({ ...good, slots: Array.from({ length: 501 }, () => good.slots[0]) })).toMatch(/^slots: Too big/);
    expect(finishedSessionProblem('not a session')).toMatch(/^session: /);
  });
});

describeEachDatabase('the progress profile with exam history', (db) => {
  const learnersOf = () => new LearnerStore(db());

  it('exports finished sessions, and imports them into another learner once, in progress ones left out', async () => {
    const progress = new ProgressStore(db(), sqlSessionStore(db()));
    const from = await learnersOf().create();
    const session = finished('exported', t0, { right: true });
    await progress.exams.record(from.id, parse(session));
    const exported = await progress.export(from.id, new Date(t0));
    expect(exported.exams.sessions).toEqual([session]);
    // Through JSON, as a file would go.
    const profile = profileSchema.parse(JSON.parse(JSON.stringify({ ...exported, exams: { ...exported.exams, sessions: [...exported.exams.sessions, startPractice(bank, { id: 'open', seed: 'y', now: t0, scope: { kind: 'all' } })] } })));
    const to = await learnersOf().create();
    expect(await progress.import(to.id, profile)).toEqual({ lessons: 0, labs: 0, exams: 1 });
    expect(await progress.import(to.id, profile)).toEqual({ lessons: 0, labs: 0, exams: 0 });
    expect((await progress.exams.history(to.id)).attempts.map((a) => a.id)).toEqual(['exported']);
    expect(await progress.exams.load(to.id, 'exported')).toEqual(session);
  });

  it('imports a version-1 file made before the server kept exam history (browser sessions and a schedule)', async () => {
    const progress = new ProgressStore(db(), sqlSessionStore(db()));
    const old = {
      format: 'mlsec-progress',
      version: 1,
      exportedAt: new Date(t0).toISOString(),
      lessonsRead: [],
      labs: [],
      exams: { sessions: [finished('old-a', t0, { right: true }), startPractice(bank, { id: 'old-open', seed: 'z', now: t0, scope: { kind: 'all' } })], schedule: { format: 'mlsec-drill-schedule', version: 1, questions: {}, items: {}, updatedAt: t0 } },
    };
    const to = await learnersOf().create();
    expect(await progress.import(to.id, profileSchema.parse(JSON.parse(JSON.stringify(old))))).toEqual({ lessons: 0, labs: 0, exams: 1 });
    expect((await progress.exams.history(to.id)).attempts.map((a) => a.id)).toEqual(['old-a']);
    // A version-1 file without exam data at all still imports.
    expect(profileSchema.safeParse({ ...old, exams: undefined }).success).toBe(true);
  });

  it('rejects a profile with a damaged finished session, naming it, and writes nothing', async () => {
    const progress = new ProgressStore(db(), sqlSessionStore(db()));
    const good = finished('fine', t0, { right: true });
    const damaged = { ...finished('damaged', t0, { right: true }), result: null };
    const parsed = profileSchema.safeParse({ format: 'mlsec-progress', version: 1, exportedAt: new Date(t0).toISOString(), lessonsRead: [], labs: [], exams: { sessions: [good, damaged] } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')).toMatch(/^exams\.sessions\.1\.result: /);
    const learner = await learnersOf().create();
    expect((await progress.exams.history(learner.id)).attempts).toEqual([]);
  });
});

describe('exam history in the SQLite file', () => {
  it('is still there when the database is opened again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlsec-exam-history-'));
    const file = join(dir, 'mlsec.db');
    try {
      const db = await openDatabase({ file });
      const learner = await new LearnerStore(db).create();
      await new ExamHistoryStore(db).record(learner.id, parse(finished('kept', t0, { right: true })));
      await db.close();
      const reopened = await openDatabase({ file });
      expect((await new ExamHistoryStore(reopened).history(learner.id)).attempts.map((a) => a.id)).toEqual(['kept']);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
