/**
 * The browser's synced exam store over Web Storage (a Map with the Storage contract) and the real
 * server-side history store on a SQLite file, joined in-process (the HTTP layer is covered by the
 * e2e tests). The server can be switched off to show that nothing is lost: a finished session stays
 * in the browser and is sent on the next sync; sessions saved before the server kept history are
 * sent once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExamHistoryStore, finishedSessionProblem, finishedSessionSchema } from '../../../src/console/exam-history.ts';
import { LearnerStore } from '../../../src/console/learners.ts';
import { openDatabase } from '../../../src/db/index.ts';
import { applyAction } from '../../../src/exam/session-actions.ts';
import { startExam, startPractice } from '../../../src/exam/session-setup.ts';
import type { ExamSession } from '../../../src/exam/session-types.ts';
import { AttemptRefusedError, createSyncedStore, type AttemptServer } from '../../../src/exam/synced-store.ts';
import { createWebStorageStore, type StorageLike } from '../../../src/exam/web-storage-store.ts';
import { fixtureBank } from './helpers.ts';

class MapStorage implements StorageLike {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'mlsec-synced-'));
const db = await openDatabase({ file: join(dir, 'mlsec.db') });
const history = new ExamHistoryStore(db);
const learners = new LearnerStore(db);
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The server's store for one learner, reachable or not (`up`), checking bodies as the API does. */
async function server(): Promise<AttemptServer & { up: boolean; calls: number; learnerId: string }> {
  const { id } = await learners.create();
  const state = { up: true, calls: 0, learnerId: id };
  const reach = () => {
    state.calls++;
    if (!state.up) throw new Error('the server could not be reached: fetch failed');
  };
  return Object.assign(state, {
    async load(attemptId: string) {
      reach();
      return history.load(id, attemptId);
    },
    async record(session: ExamSession) {
      reach();
      const problem = finishedSessionProblem(session);
      if (problem) throw new AttemptRefusedError(`the server refused it: ${problem}`);
      await history.record(id, finishedSessionSchema.parse(session));
    },
    async remove(attemptId: string) {
      reach();
      await history.remove(id, attemptId);
    },
  });
}

const bank = fixtureBank();
const t0 = Date.UTC(2026, 4, 1);
const submitted = (id: string, at = t0): ExamSession => applyAction(startExam(bank, { id, seed: id, now: at - 1000, format: 'domain-set' }), bank, { type: 'submit' }, at).session;
const open = (id: string): ExamSession => startPractice(bank, { id, seed: id, now: t0, scope: { kind: 'all' } });
const onServer = async (learnerId: string) => (await history.history(learnerId)).attempts.map((a) => a.id);

describe('synced exam store', () => {
  it('keeps sessions in progress local, and sends a session to the server when it is submitted', async () => {
    const storage = new MapStorage();
    const remote = await server();
    const store = createSyncedStore(createWebStorageStore(storage), storage, remote);
    expect(await store.sync()).toEqual({ sent: 0, pending: 0, refused: [] });
    await store.saveSession(open('in-progress'));
    expect(await onServer(remote.learnerId)).toEqual([]);
    await store.saveSession(submitted('done'));
    expect(await onServer(remote.learnerId)).toEqual(['done']);
    expect(storage.getItem('mlsec.exam.unsent')).toBe('[]');
  });

  it('keeps a finished session in the browser when the server is down, and sends it on the next page load', async () => {
    const storage = new MapStorage();
    const remote = await server();
    await createSyncedStore(createWebStorageStore(storage), storage, remote).sync();
    remote.up = false;
    const page1 = createSyncedStore(createWebStorageStore(storage), storage, remote);
    await page1.saveSession(submitted('offline'));
    expect(await onServer(remote.learnerId)).toEqual([]);
    expect((await page1.loadSession('offline'))?.status).toBe('submitted');
    expect(await page1.sync()).toEqual({ sent: 0, pending: 1, problem: 'the server could not be reached: fetch failed', refused: [] });
    // The list shows it, from this browser, without asking the server.
    const calls = remote.calls;
    expect((await page1.listSessions()).sessions.map((s) => s.id)).toEqual(['offline']);
    expect(remote.calls).toBe(calls);
    remote.up = true;
    const page2 = createSyncedStore(createWebStorageStore(storage), storage, remote);
    expect(await page2.sync()).toEqual({ sent: 1, pending: 0, refused: [] });
    expect(await onServer(remote.learnerId)).toEqual(['offline']);
    expect(await page2.sync()).toEqual({ sent: 0, pending: 0, refused: [] });
  });

  it('sends the finished sessions saved before the server kept history, once', async () => {
    const storage = new MapStorage();
    const before = createWebStorageStore(storage);
    await before.saveSession(submitted('old-1', t0));
    await before.saveSession(submitted('old-2', t0 + 1000));
    await before.saveSession(open('old-open'));
    const remote = await server();
    const store = createSyncedStore(createWebStorageStore(storage), storage, remote);
    expect(await store.sync()).toEqual({ sent: 2, pending: 0, refused: [] });
    expect((await onServer(remote.learnerId)).sort()).toEqual(['old-1', 'old-2']);
    // Deleted on the server (from the exams page of another tab): a later page load does not bring it back.
    await history.remove(remote.learnerId, 'old-1');
    const calls = remote.calls;
    expect(await createSyncedStore(createWebStorageStore(storage), storage, remote).sync()).toEqual({ sent: 0, pending: 0, refused: [] });
    expect(remote.calls).toBe(calls);
    expect(await onServer(remote.learnerId)).toEqual(['old-2']);
  });

  it('loads finished sessions from the server when this browser no longer has them, and lists only its own', async () => {
    const first = new MapStorage();
    const remote = await server();
    await createSyncedStore(createWebStorageStore(first), first, remote).saveSession(submitted('elsewhere'));
    const cleared = new MapStorage();
    const store = createSyncedStore(createWebStorageStore(cleared), cleared, remote);
    await store.saveSession(open('here'));
    // The list is this browser's (the page never waits for the network); the server's history is on /progress.
    expect((await store.listSessions()).sessions.map((s) => [s.id, s.status])).toEqual([['here', 'active']]);
    expect((await store.loadSession('elsewhere'))?.result?.scored.total).toBe(7);
    expect(await store.loadSession('nowhere')).toBeUndefined();
  });

  it('deletes a finished session on the server and in the browser, and refuses to half-delete when the server is down', async () => {
    const storage = new MapStorage();
    const remote = await server();
    const store = createSyncedStore(createWebStorageStore(storage), storage, remote);
    await store.saveSession(submitted('gone'));
    remote.up = false;
    await expect(store.deleteSession('gone')).rejects.toThrow(/could not be deleted from your history on the server \(the server could not be reached.*Nothing was deleted/);
    expect(await store.loadSession('gone')).toBeDefined();
    remote.up = true;
    await store.deleteSession('gone');
    expect(await store.loadSession('gone')).toBeUndefined();
    expect(await onServer(remote.learnerId)).toEqual([]);
    // A session in progress never touches the server.
    await store.saveSession(open('local-only'));
    remote.up = false;
    const calls = remote.calls;
    await store.deleteSession('local-only');
    expect(remote.calls).toBe(calls);
    expect(await createWebStorageStore(storage).loadSession('local-only')).toBeUndefined();
    // Not here and the server unreachable: loading says so rather than claiming there is no such session.
    await expect(store.loadSession('local-only')).rejects.toThrow(/could not be reached/);
  });

  it('keeps a session the server refuses in the browser, reports why, and does not send it again', async () => {
    const storage = new MapStorage();
    const remote = await server();
    const store = createSyncedStore(createWebStorageStore(storage), storage, remote);
    await store.sync();
    const damaged = { ...submitted('damaged'), title: '' };
    await store.saveSession(damaged);
    expect(await store.loadSession('damaged')).toEqual(damaged);
    const report = await store.sync();
    expect(report).toMatchObject({ sent: 0, pending: 0, refused: [{ id: 'damaged', problem: expect.stringMatching(/^the server refused it: title: /) }] });
    expect(await onServer(remote.learnerId)).toEqual([]);
  });
});
