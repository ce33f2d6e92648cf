/** The dashboard from lab sessions in a real SQLite file: statuses, counts, and one query however many learners. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqlClient } from '../db/index.ts';
import { countingClient, seedWorkshop } from '../../test/support/workshop-seed.ts';
import { dashboardRows, statusOf } from './dashboard.ts';
import { leaderboard } from './scoring.ts';

let dir = '';
let db: SqlClient | undefined;
afterEach(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('workshop dashboard', () => {
  it('maps session states to the dashboard statuses', () => {
    const grade = (passed: boolean) => ({ lastGrade: { passed } as never });
    expect(['idle', 'preflight', 'provisioning', 'resetting'].map((s) => statusOf(s, {}))).toEqual(Array(4).fill('provisioning'));
    expect(statusOf('ready', {})).toBe('ready');
    expect(statusOf('checking', {})).toBe('checking');
    expect(statusOf('solving', {})).toBe('checking');
    expect(statusOf('passed', grade(true))).toBe('passed');
    expect(statusOf('failed', {})).toBe('failed');
    expect(statusOf('done', grade(true))).toBe('passed');
    expect(statusOf('done', grade(false))).toBe('torn-down');
    expect(statusOf('tearingDown', {})).toBe('torn-down');
  });

  it('reads every learner × lab with one query, however many learners there are', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlsec-dashboard-'));
    db = await openDatabase({ file: join(dir, 'test.db') });
    const labIds = ['lab-a', 'lab-b', 'lab-c'];
    const workshop = await seedWorkshop(db, { learners: 40, labIds });
    const { client, count } = countingClient(db);
    const rows = await dashboardRows(client, workshop);
    expect(count()).toBe(1);
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.labs.map((c) => c.labId).join() === labIds.join())).toBe(true);
    const first = rows[0]!;
    expect(first).toMatchObject({ learnerId: 'wl-seed-0', displayName: 'Learner 0', accountId: '100000000000' });
    expect(first.labs[0]).toMatchObject({ status: 'ready', checksPassed: 3, checksTotal: 6, hintsUsed: 0, assisted: true, sessionId: expect.stringContaining('-0-0') });
    expect(first.labs[1]).toMatchObject({ status: 'passed', checksPassed: 6, checksTotal: 6, hintsUsed: 1, assisted: false });
    const statuses = new Set(rows.flatMap((r) => r.labs.map((c) => c.status)));
    expect([...statuses].sort()).toEqual(['checking', 'failed', 'not-started', 'passed', 'provisioning', 'ready', 'torn-down']);
    expect(leaderboard(rows)[0]!.points).toBeGreaterThan(0);
  });
});

describe('overdue workshops', () => {
  it('are ended automatically after the grace period, once, with their report kept', async () => {
    const { createConsoleRuntime } = await import('../console/runtime.ts');
    const { createWorkshopRuntime } = await import('./workshop-runtime.ts');
    const { autoEndWorkshops } = await import('./auto-end.ts');
    dir = mkdtempSync(join(tmpdir(), 'mlsec-auto-end-'));
    db = await openDatabase({ file: join(dir, 'test.db') });
    const rt = await createConsoleRuntime(() => [], { db, openTarget: () => Promise.reject(new Error('no target needed')) });
    const wrt = createWorkshopRuntime(rt, { tenants: () => ({ kind: 'embedded', provision: () => Promise.reject(new Error('unused')), openTarget: () => Promise.reject(new Error('unused')), release: async () => ({ removed: [] }), close: async () => {} }) });
    const workshop = await seedWorkshop(db, { learners: 2, labIds: [] });
    const endsAt = Date.parse(workshop.endsAt);
    expect(await autoEndWorkshops(wrt, { graceMinutes: 60 }, endsAt + 30 * 60_000)).toEqual([]);
    expect(await autoEndWorkshops(wrt, { graceMinutes: 60 }, endsAt + 61 * 60_000)).toEqual([workshop.id]);
    const ended = (await wrt.workshops.get(workshop.id))!;
    expect(ended.endedAt).toBeDefined();
    expect(ended.endReport).toEqual({ learners: [expect.objectContaining({ displayName: 'Learner 0', errors: [] }), expect.objectContaining({ displayName: 'Learner 1', errors: [] })], removedCount: 0 });
    // Already ended: a second pass (or another instance) leaves it alone.
    expect(await autoEndWorkshops(wrt, { graceMinutes: 60 }, endsAt + 120 * 60_000)).toEqual([]);
  });
});
