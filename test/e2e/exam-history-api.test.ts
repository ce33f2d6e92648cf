/**
 * The exam history API on the built server (no lab target needed): finished sessions made by the
 * real exam engine are recorded for the `mlsec_learner` cookie, once per id, listed, opened and
 * deleted; malformed, unfinished and oversized bodies get a 400 naming the problem; the progress
 * profile exports the history and imports it into a fresh learner (version-1 files included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../src/exam/bank-files.ts';
import { correctAnswer } from '../../src/exam/answers.ts';
import { indexBank } from '../../src/exam/scored-items.ts';
import { applyAction } from '../../src/exam/session-actions.ts';
import { startExam, startPractice } from '../../src/exam/session-setup.ts';
import type { ExamSession } from '../../src/exam/session-types.ts';
import { projectRoot, startBuiltSite, type RunningSite } from './support/built-site.ts';

let site: RunningSite;
beforeAll(async () => {
  site = await startBuiltSite();
});
afterAll(async () => {
  await site?.stop();
});

const bank = indexBank(loadBankFromDisk({ root: projectRoot, questionsDir: 'test/fixtures/questions/valid' }).questions.map((q) => q.question));
const t0 = Date.UTC(2026, 4, 1);

function finished(id: string, right: boolean, at = t0): ExamSession {
  let session = startExam(bank, { id, seed: id, now: at - 60_000, format: 'domain-set' });
  if (right) for (const slot of session.slots) session = applyAction(session, bank, { type: 'answer', itemId: slot.itemId, answer: correctAnswer(bank.itemById.get(slot.itemId)!) }, at - 1000).session;
  return applyAction(session, bank, { type: 'submit' }, at).session;
}

class Browser {
  cookie = '';
  async call(path: string, body?: unknown, init: RequestInit = {}): Promise<{ status: number; headers: Headers; data: any }> {
    const response = await fetch(`${site.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...init,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(init.headers as Record<string, string>) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const text = await response.text();
    return { status: response.status, headers: response.headers, data: text ? JSON.parse(text) : undefined };
  }
  /** As a browser sends it: same origin (Astro refuses cross-site DELETEs). */
  remove(path: string) {
    return this.call(path, undefined, { method: 'DELETE', headers: { origin: site.url } });
  }
}

describe('exam history API', () => {
  const learner = new Browser();
  const good = finished('api-good', true, t0 + 3_600_000);
  const bad = finished('api-bad', false, t0);

  it('has no history for a visitor, and creates no learner for the read', async () => {
    const visitor = new Browser();
    const list = await visitor.call('/api/progress/exams');
    expect(list).toMatchObject({ status: 200, data: { attempts: [], recentBySyllabusItem: {} } });
    expect(visitor.cookie).toBe('');
    expect((await visitor.call('/api/progress/exams/api-good')).status).toBe(404);
  });

  it('records a finished session for the learner cookie, once per id', async () => {
    const first = await learner.call('/api/progress/exams', good);
    expect(first.status).toBe(201);
    expect(learner.cookie).toMatch(/^mlsec_learner=[A-Za-z0-9_-]{22}$/);
    expect(first.data).toMatchObject({ created: true, attempt: { id: 'api-good', mode: 'exam', correct: 7, total: 7, scaled: 1000, passed: true } });
    const again = await learner.call('/api/progress/exams', good);
    expect(again).toMatchObject({ status: 200, data: { created: false, attempt: first.data.attempt } });
    expect((await learner.call('/api/progress/exams', bad)).status).toBe(201);
    const list = await learner.call('/api/progress/exams');
    expect(list.data.attempts.map((a: { id: string; correct: number }) => [a.id, a.correct])).toEqual([
      ['api-good', 7],
      ['api-bad', 0],
    ]);
    // Readiness evidence: the oldest answers first, so a wrong then a right answer per question.
    const kms = bank.itemById.get('fx-kms-access-denied')!.syllabus[0]!;
    expect(list.data.recentBySyllabusItem[kms].slice(0, 1)).toEqual([false]);
    expect(list.data.recentBySyllabusItem[kms].at(-1)).toBe(true);
    expect((await learner.call('/api/progress/exams/api-good')).data).toEqual(good);
  });

  it('keeps one learner’s history from another', async () => {
    const stranger = new Browser();
    await stranger.call('/api/progress/exams', finished('theirs', true));
    expect((await stranger.call('/api/progress/exams/api-good')).status).toBe(404);
    expect((await stranger.call('/api/progress/exams')).data.attempts.map((a: { id: string }) => a.id)).toEqual(['theirs']);
    expect((await stranger.remove('/api/progress/exams/api-good')).status).toBe(404);
    expect((await learner.call('/api/progress/exams/api-good')).status).toBe(200);
  });

  it('answers malformed, unfinished and oversized sessions with a 400 naming the problem, and records nothing', async () => {
    const fresh = new Browser();
    const cases: [unknown, RegExp][] = [
      ['{oops', /not valid JSON/],
      [{ ...good, result: { ...good.result!, scored: { correct: 5, total: 7 } } }, /^result\.scored: says 5 of 7, but the per-question results give 7 of 7/],
      [startPractice(bank, { id: 'open', seed: 'x', now: t0, scope: { kind: 'all' } }), /status: must be "submitted": only finished sessions are kept on the server/],
      [{ ...good, id: '../../x' }, /^id: must be 1–80 letters/],
      [{ ...good, notes: ['x'.repeat(70_000)] }, /^The request body is \d+ bytes; the limit is 65536\.$/],
    ];
    for (const [body, message] of cases) {
      const response = await fresh.call('/api/progress/exams', body);
      expect(response.status, JSON.stringify(response.data)).toBe(400);
      expect(response.data).toEqual({ __type: 'ValidationException', message: expect.stringMatching(message) });
      expect(response.headers.get('x-amzn-errortype')).toBe('ValidationException');
    }
    const xml = await fetch(`${site.url}/api/progress/exams`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<session/>' });
    expect(xml.status).toBe(400);
    expect(fresh.cookie).toBe('');
  });

  it('exports the history in the profile and imports it into a fresh learner, once', async () => {
    const exported = await learner.call('/api/progress/export');
    expect(exported.data).toMatchObject({ format: 'mlsec-progress', version: 1 });
    expect(exported.data.exams.sessions.map((s: ExamSession) => s.id)).toEqual(['api-bad', 'api-good']);
    const elsewhere = new Browser();
    const open = startPractice(bank, { id: 'still-open', seed: 'y', now: t0, scope: { kind: 'all' } });
    const file = { ...exported.data, exams: { ...exported.data.exams, sessions: [...exported.data.exams.sessions, open] } };
    const imported = await elsewhere.call('/api/progress/import', file);
    expect(imported.data).toEqual({ imported: { lessons: 0, labs: 0, exams: 2 }, ignored: [], inProgress: 1 });
    expect((await elsewhere.call('/api/progress/import', file)).data.imported).toEqual({ lessons: 0, labs: 0, exams: 0 });
    const theirs = await elsewhere.call('/api/progress/exams');
    expect(theirs.data.attempts.map((a: { id: string }) => a.id)).toEqual(['api-good', 'api-bad']);
    expect((await elsewhere.call('/api/progress/exams/api-good')).data).toEqual(good);
  });

  it('imports a version-1 file from before the server kept exam history, and refuses a damaged one whole', async () => {
    const older = new Browser();
    const v1 = {
      format: 'mlsec-progress',
      version: 1,
      exportedAt: new Date(t0).toISOString(),
      lessonsRead: [],
      labs: [],
      exams: { sessions: [finished('v1-done', true)], schedule: { format: 'mlsec-drill-schedule', version: 1, questions: {}, items: {}, updatedAt: t0 } },
    };
    expect((await older.call('/api/progress/import', v1)).data.imported).toEqual({ lessons: 0, labs: 0, exams: 1 });
    const damaged = await older.call('/api/progress/import', { ...v1, exams: { sessions: [finished('v1-other', true), { ...finished('v1-broken', true), slots: 'nope' }] } });
    expect(damaged.status).toBe(400);
    expect(damaged.data.message).toMatch(/^exams\.sessions\.1\.slots: /);
    expect((await older.call('/api/progress/exams')).data.attempts.map((a: { id: string }) => a.id)).toEqual(['v1-done']);
  });

  it('deletes an attempt from the history', async () => {
    expect((await learner.remove('/api/progress/exams/api-bad')).status).toBe(204);
    expect((await learner.remove('/api/progress/exams/api-bad')).status).toBe(404);
    expect((await learner.call('/api/progress/exams')).data.attempts.map((a: { id: string }) => a.id)).toEqual(['api-good']);
  });
});
