/**
 * The workshop storage on both databases (SQLite file and PostgreSQL, via describeEachDatabase):
 * the rate limiter, instructors and their sessions, workshops and joins, the one-query dashboard,
 * and ending overdue workshops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/support/databases.ts';
import { countingClient, seedWorkshop } from '../../test/support/workshop-seed.ts';
import { createConsoleRuntime } from '../console/runtime.ts';
import { openDatabase } from '../db/index.ts';
import { autoEndWorkshops } from './auto-end.ts';
import { dashboardRows } from './dashboard.ts';
import { InstructorError, InstructorStore } from './instructor-store.ts';
import { RateLimiter } from './rate-limit.ts';
import { leaderboard } from './scoring.ts';
import { createWorkshopRuntime } from './workshop-runtime.ts';
import { WorkshopStore } from './workshop-store.ts';

const unique = () => Math.random().toString(36).slice(2, 10);

describeEachDatabase('workshop storage', (db) => {
  it('rate limiter: counts per key in fixed windows and says when to retry', async () => {
    const limiter = new RateLimiter(db());
    const key = `login:ip:${unique()}`;
    const rule = { limit: 3, windowSeconds: 60 };
    const t0 = Date.parse('2026-01-01T00:00:10Z');
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.hit(key, rule, t0));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]).toMatchObject({ count: 4, retryAfterSeconds: 50 });
    expect((await limiter.hit(`${key}-other`, rule, t0)).allowed).toBe(true);
    // The next window starts afresh.
    expect(await limiter.hit(key, rule, t0 + 60_000)).toMatchObject({ allowed: true, count: 1 });
    expect(await limiter.prune(0, t0 + 3_600_000)).toBeGreaterThanOrEqual(2);
  });

  it('instructors: unique emails, strong passwords, sign-in, only hashes of session cookies stored', async () => {
    const store = new InstructorStore(db());
    const name = unique();
    const ada = await store.create({ email: ` ${name}@Example.com `, displayName: 'Ada', password: 'correct horse battery' });
    expect(ada.email).toBe(`${name}@example.com`);
    await expect(store.create({ email: `${name.toUpperCase()}@example.com`, displayName: 'Ada 2', password: 'correct horse battery' })).rejects.toThrow(InstructorError);
    await expect(store.create({ email: `b${name}@example.com`, displayName: 'Bob', password: 'too short' })).rejects.toThrow(/at least 12/);
    expect(await store.authenticate(ada.email, 'wrong password!!')).toBeUndefined();
    expect(await store.authenticate(`nobody-${name}@example.com`, 'correct horse battery')).toBeUndefined();
    expect(await store.authenticate(ada.email.toUpperCase(), 'correct horse battery')).toEqual(ada);
    const session = await store.startSession(ada);
    const stored = await db().all<{ id_hash: string }>('SELECT id_hash FROM instructor_sessions WHERE instructor_id = ?', [ada.id]);
    expect(stored).toEqual([{ id_hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(stored[0]!.id_hash).not.toContain(session.cookie);
    expect((await store.session(session.cookie))?.instructor).toEqual(ada);
    expect(await store.session(session.cookie, new Date(Date.now() + 13 * 3_600_000))).toBeUndefined();
    await store.resetPassword(ada.email, 'a different long one');
    expect(await store.session(session.cookie)).toBeUndefined();
  });

  it('workshops: join codes, names unique regardless of case, seats limited, cookies stored as hashes', async () => {
    const ada = await new InstructorStore(db()).create({ email: `${unique()}@example.com`, displayName: 'Ada', password: 'correct horse battery' });
    const store = new WorkshopStore(db());
    const now = Date.now();
    const workshop = await store.create({
      instructorId: ada.id,
      title: 'Securing ML',
      labIds: ['kms-key-hygiene'],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      maxLearners: 2,
      leaderboard: true,
      target: { kind: 'embedded', region: 'us-east-1', label: 'embedded emulator' },
    });
    expect(workshop.joinCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await store.byCode(workshop.joinCode)).toMatchObject({ id: workshop.id, labIds: ['kms-key-hygiene'], leaderboard: true, maxLearners: 2 });
    const first = await store.join(workshop, 'Grace');
    await expect(store.join(workshop, 'GRACE')).rejects.toThrow(/already uses the name/);
    await store.join(workshop, 'Linus');
    await expect(store.join(workshop, 'Ken')).rejects.toThrow(/full \(2 learners\)/);
    expect(await store.learnerCount(workshop.id)).toBe(2);
    expect((await store.learnerBySession(first.cookie))?.displayName).toBe('Grace');
    expect(await store.learnerBySession('made-up')).toBeUndefined();
    const hashes = await db().all<{ session_hash: string }>('SELECT session_hash FROM workshop_learners WHERE workshop_id = ?', [workshop.id]);
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h.session_hash) && h.session_hash !== first.cookie)).toBe(true);
    expect((await store.listOwn(ada.id)).map((w) => [w.record.id, w.learnerCount])).toEqual([[workshop.id, 2]]);
  });

  it('tenants: a tenant id is held by one learner at a time, and free again once released', async () => {
    const workshop = await seedWorkshop(db(), { learners: 0, labIds: [] });
    const store = new WorkshopStore(db());
    const a = await store.join(workshop, 'A');
    const b = await store.join(workshop, 'B');
    const tenant = { id: `pool:${unique()}`, accountId: '111122223333', label: 'pool account', data: {} };
    expect((await store.setTenantIfAbsent(a.learner.id, tenant)).won).toBe(true);
    expect((await store.tenantsInUse()).map((t) => t.id)).toContain(tenant.id);
    await expect(store.setTenantIfAbsent(b.learner.id, tenant)).rejects.toThrow(/unique|duplicate/i);
    await store.markTenantReleased(a.learner.id, { ...tenant, releasedAt: new Date().toISOString() });
    expect((await store.tenantsInUse()).map((t) => t.id)).not.toContain(tenant.id);
    expect((await store.setTenantIfAbsent(b.learner.id, tenant)).won).toBe(true);
  });

  it('dashboard: every learner × lab with one query, however many learners', async () => {
    const labIds = ['lab-a', 'lab-b', 'lab-c'];
    const workshop = await seedWorkshop(db(), { learners: 40, labIds });
    const { client, count } = countingClient(db());
    const rows = await dashboardRows(client, workshop);
    expect(count()).toBe(1);
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.labs.map((c) => c.labId).join() === labIds.join())).toBe(true);
    const first = rows[0]!;
    expect(first).toMatchObject({ displayName: 'Learner 0', accountId: '100000000000' });
    expect(first.labs[0]).toMatchObject({ status: 'ready', checksPassed: 3, checksTotal: 6, hintsUsed: 0, assisted: true, sessionId: expect.stringContaining('-0-0') });
    expect(first.labs[1]).toMatchObject({ status: 'passed', checksPassed: 6, checksTotal: 6, hintsUsed: 1, assisted: false });
    const statuses = new Set(rows.flatMap((r) => r.labs.map((c) => c.status)));
    expect([...statuses].sort()).toEqual(['checking', 'failed', 'not-started', 'passed', 'provisioning', 'ready', 'torn-down']);
    expect(leaderboard(rows)[0]!.points).toBeGreaterThan(0);
  });

  it('overdue workshops end after the grace period, once, with their report kept', async () => {
    const rt = await createConsoleRuntime(() => [], { db: db(), openTarget: () => Promise.reject(new Error('no target needed')) });
    const wrt = createWorkshopRuntime(rt, {
      tenants: () => ({ kind: 'embedded', provision: () => Promise.reject(new Error('unused')), openTarget: () => Promise.reject(new Error('unused')), release: async () => ({ removed: [] }), close: async () => {} }),
    });
    const workshop = await seedWorkshop(db(), { learners: 2, labIds: [] });
    const endsAt = Date.parse(workshop.endsAt);
    expect(await autoEndWorkshops(wrt, { graceMinutes: 60 }, endsAt + 30 * 60_000)).not.toContain(workshop.id);
    expect(await autoEndWorkshops(wrt, { graceMinutes: 60 }, endsAt + 61 * 60_000)).toContain(workshop.id);
    const ended = (await wrt.workshops.get(workshop.id))!;
    expect(ended.endedAt).toBeDefined();
    expect(ended.endReport).toEqual({ learners: [expect.objectContaining({ displayName: 'Learner 0', errors: [] }), expect.objectContaining({ displayName: 'Learner 1', errors: [] })], removedCount: 0 });
    // Already ended: a second pass (or another instance) leaves it alone.
    expect(await autoEndWorkshops(wrt, { graceMinutes: 60 }, endsAt + 120 * 60_000)).not.toContain(workshop.id);
  });
});

describe('rate limiter across two SQLite connections', () => {
  it('holds across two connections to the same file (two app instances)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlsec-workshops-'));
    const a = await openDatabase({ file: join(dir, 'shared.db') });
    const b = await openDatabase({ file: join(dir, 'shared.db') });
    try {
      const rule = { limit: 2, windowSeconds: 600 };
      const now = Date.now();
      expect((await new RateLimiter(a).hit('join:ip:x', rule, now)).allowed).toBe(true);
      expect((await new RateLimiter(b).hit('join:ip:x', rule, now)).allowed).toBe(true);
      expect((await new RateLimiter(a).hit('join:ip:x', rule, now)).allowed).toBe(false);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
