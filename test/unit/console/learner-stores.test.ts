/** The web app's learner and progress stores, on SQLite and on PostgreSQL. */
import { expect, it } from 'vitest';
import { learnerCookie, learnerFromCookies, LearnerStore, sessionOwner, type CookieJar } from '../../../src/console/learners.ts';
import { ProgressStore, profileSchema } from '../../../src/console/progress.ts';
import { sqlSessionStore, type SessionRecord } from '../../../src/labs/index.ts';
import { describeEachDatabase } from '../../support/databases.ts';

function jar(value?: string): CookieJar & { sets: { name: string; value: string; options: unknown }[] } {
  const sets: { name: string; value: string; options: unknown }[] = [];
  return { sets, get: (name) => (name === learnerCookie && value !== undefined ? { value } : undefined), set: (name, v, options) => void sets.push({ name, value: v, options }) };
}

describeEachDatabase('anonymous learners', (db) => {
  it('creates a learner with an HttpOnly, SameSite=Lax cookie, and recognises it afterwards', async () => {
    const store = new LearnerStore(db());
    const first = jar();
    const learner = await learnerFromCookies(first, store, {});
    expect(learner.isNew).toBe(true);
    expect(first.sets).toEqual([{ name: 'mlsec_learner', value: learner.id, options: { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 31_536_000 } }]);
    const again = await learnerFromCookies(jar(learner.id), store, {});
    expect(again).toMatchObject({ id: learner.id, isNew: false });
    expect(await db().get('SELECT COUNT(*) AS n FROM learners')).toEqual({ n: 1 });
  });

  it('replaces an id the database does not know, or a malformed one, so a client cannot choose its identity', async () => {
    const store = new LearnerStore(db());
    const made = 'A'.repeat(22);
    const cookies = jar(made);
    const learner = await learnerFromCookies(cookies, store, { secure: true });
    expect(learner.id).not.toBe(made);
    expect(cookies.sets[0]!.options).toMatchObject({ secure: true });
    const bad = await learnerFromCookies(jar('../../etc'), store, {});
    expect(bad.isNew).toBe(true);
  });

  it('creates nothing for reads without a known learner', async () => {
    const store = new LearnerStore(db());
    const before = await db().get<{ n: number }>('SELECT COUNT(*) AS n FROM learners');
    expect(await learnerFromCookies(jar(), store, { create: false })).toBeUndefined();
    expect(await learnerFromCookies(jar('B'.repeat(22)), store, { create: false })).toBeUndefined();
    expect(await db().get('SELECT COUNT(*) AS n FROM learners')).toEqual(before);
  });

  it('records a visit at most once a minute', async () => {
    const store = new LearnerStore(db());
    const learner = await store.create(undefined, new Date('2026-03-01T10:00:00Z'));
    await store.touch(learner, new Date('2026-03-01T10:00:30Z'));
    expect((await store.get(learner.id))!.lastSeenAt).toBe('2026-03-01T10:00:00.000Z');
    await store.touch(learner, new Date('2026-03-01T10:02:00Z'));
    expect((await store.get(learner.id))!.lastSeenAt).toBe('2026-03-01T10:02:00.000Z');
  });
});

describeEachDatabase('learner progress', (db) => {
  function session(learnerId: string, labId: string, state: string, extra: Partial<SessionRecord['context']> = {}, at = '2026-03-01T12:00:00.000Z'): SessionRecord {
    const id = `ls-${labId}-${Math.random().toString(36).slice(2, 10)}`;
    return {
      id,
      labId,
      owner: sessionOwner(learnerId),
      runId: 'r1',
      target: { kind: 'embedded', region: 'us-east-1', label: 'embedded' },
      state,
      context: { sessionId: id, ...extra } as SessionRecord['context'],
      active: state !== 'done',
      version: 0,
      createdAt: at,
      updatedAt: at,
    };
  }

  it('marks lessons read once, sums up lab sessions, and round-trips the profile without duplicates', async () => {
    const learners = new LearnerStore(db());
    const sessions = sqlSessionStore(db());
    const progress = new ProgressStore(db(), sessions);
    const learner = await learners.create();
    await progress.markRead(learner.id, 'iam-for-ml-workloads', '2026-03-01T09:00:00.000Z');
    await progress.markRead(learner.id, 'iam-for-ml-workloads', '2026-03-01T09:30:00.000Z');
    await progress.markRead(learner.id, 'kms-key-hygiene-basics', '2026-03-01T10:00:00.000Z');
    await sessions.insert(session(learner.id, 'kms-key-hygiene', 'ready'));
    await sessions.insert(session(learner.id, 'kms-key-hygiene', 'done', { lastGrade: { passed: true } as never, assisted: true }, '2026-03-01T13:00:00.000Z'));
    await sessions.insert(session(learner.id, 'exposed-training-data-bucket', 'passed'));
    const other = await learners.create();
    await sessions.insert(session(other.id, 'network-exposure', 'ready'));

    const mine = await progress.of(learner.id);
    expect(mine.lessonsRead).toEqual([
      { lessonId: 'iam-for-ml-workloads', readAt: '2026-03-01T09:00:00.000Z' },
      { lessonId: 'kms-key-hygiene-basics', readAt: '2026-03-01T10:00:00.000Z' },
    ]);
    expect(mine.labs).toEqual([
      { labId: 'exposed-training-data-bucket', result: 'passed', sessions: 1, lastAt: '2026-03-01T12:00:00.000Z' },
      { labId: 'kms-key-hygiene', result: 'passed-assisted', sessions: 2, lastAt: '2026-03-01T13:00:00.000Z' },
    ]);

    const exported = profileSchema.parse(await progress.export(learner.id, new Date('2026-03-02T00:00:00Z')));
    const fresh = await learners.create();
    expect(await progress.import(fresh.id, exported)).toEqual({ lessons: 2, labs: 2, exams: 0 });
    expect(await progress.import(fresh.id, exported)).toEqual({ lessons: 0, labs: 0, exams: 0 });
    const imported = await progress.of(fresh.id);
    expect(imported.lessonsRead).toEqual(mine.lessonsRead);
    expect(imported.labs).toEqual(mine.labs.map((l) => ({ ...l, sessions: 1, imported: true })));
  });

  it('refuses an import for a learner the database does not know, and stores nothing', async () => {
    const progress = new ProgressStore(db(), sqlSessionStore(db()));
    const profile = profileSchema.parse({ format: 'mlsec-progress', version: 1, exportedAt: '2026-03-02T00:00:00.000Z', lessonsRead: [{ lessonId: 'a-lesson', readAt: '2026-03-01T09:00:00.000Z' }], labs: [] });
    await expect(progress.import('no-such-learner-id-000', profile)).rejects.toThrow();
    expect(await db().get("SELECT COUNT(*) AS n FROM lesson_reads WHERE learner_id = 'no-such-learner-id-000'")).toEqual({ n: 0 });
  });
});
