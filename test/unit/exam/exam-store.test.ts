import { describe, expect, it } from 'vitest';
import { createMemoryStore, type ExamStore } from '../../../src/exam/store.ts';
import { createWebStorageStore, type StorageLike } from '../../../src/exam/web-storage-store.ts';
import { StoredStateError } from '../../../src/exam/stored-state.ts';
import { emptySchedule, recordOutcomes } from '../../../src/exam/drill-schedule.ts';
import { applyAction } from '../../../src/exam/session-actions.ts';
import { startExam, startPractice } from '../../../src/exam/session-setup.ts';
import { fixtureBank } from './helpers.ts';

/** The Web Storage contract over a Map (what localStorage does, minus the browser). */
class MapStorage implements StorageLike {
  readonly data = new Map<string, string>();
  quota = Number.POSITIVE_INFINITY;
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    const size = [...this.data].reduce((n, [k, v]) => n + (k === key ? 0 : v.length), 0) + value.length;
    if (size > this.quota) throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const bank = fixtureBank();
const t0 = Date.UTC(2026, 4, 1);

function contract(name: string, make: () => ExamStore) {
  describe(`${name} store`, () => {
    it('saves, lists (newest first), loads and deletes sessions', async () => {
      const store = make();
      const practice = startPractice(bank, { id: 'p1', seed: 'a', now: t0, scope: { kind: 'all' } });
      let exam = startExam(bank, { id: 'e1', seed: 'b', now: t0 + 1000, format: 'domain-set' });
      exam = applyAction(exam, bank, { type: 'submit' }, t0 + 2000).session;
      await store.saveSession(practice);
      await store.saveSession(exam);
      const { sessions, unreadable } = await store.listSessions();
      expect(unreadable).toEqual([]);
      expect(sessions.map((s) => [s.id, s.status, s.score?.total])).toEqual([
        ['e1', 'submitted', 7],
        ['p1', 'active', undefined],
      ]);
      expect(await store.loadSession('e1')).toEqual(exam);
      await store.deleteSession('e1');
      expect(await store.loadSession('e1')).toBeUndefined();
      expect((await store.listSessions()).sessions.map((s) => s.id)).toEqual(['p1']);
    });

    it('keeps the drill schedule', async () => {
      const store = make();
      expect(await store.loadSchedule()).toEqual(emptySchedule());
      const schedule = recordOutcomes(emptySchedule(), [{ itemId: 'fx-kms-access-denied', correct: false, syllabus: ['4.3.S4'] }], t0);
      await store.saveSchedule(schedule);
      expect(await store.loadSchedule()).toEqual(schedule);
    });
  });
}

contract('memory', createMemoryStore);
contract('web storage', () => createWebStorageStore(new MapStorage()));

describe('web storage store with damaged or full storage', () => {
  it('reports an unreadable session and leaves it untouched', async () => {
    const storage = new MapStorage();
    const store = createWebStorageStore(storage);
    await store.saveSession(startPractice(bank, { id: 'good', seed: 'a', now: t0, scope: { kind: 'all' } }));
    storage.setItem('mlsec.exam.sessions', JSON.stringify(['good', 'bad']));
    storage.setItem('mlsec.exam.session.bad', '{"format":"mlsec-exam-session","version":1,"id":"bad"');
    const { sessions, unreadable } = await store.listSessions();
    expect(sessions.map((s) => s.id)).toEqual(['good']);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]!.key).toBe('mlsec.exam.session.bad');
    expect(unreadable[0]!.problem).toMatch(/^it is not valid JSON/);
    await expect(store.loadSession('bad')).rejects.toThrow(StoredStateError);
    await expect(store.loadSession('bad')).rejects.toThrow(/The saved record "mlsec\.exam\.session\.bad" could not be read: it is not valid JSON .*It was left untouched in storage\./);
    expect(storage.getItem('mlsec.exam.session.bad')).toBe('{"format":"mlsec-exam-session","version":1,"id":"bad"');
  });

  it('names the problem with a session saved by another version', async () => {
    const storage = new MapStorage();
    storage.setItem('mlsec.exam.session.old', JSON.stringify({ format: 'mlsec-exam-session', version: 7 }));
    await expect(createWebStorageStore(storage).loadSession('old')).rejects.toThrow(/saved by a version of mlsec-sim this one does not know \(session format 7\)/);
  });

  it('sets an unreadable schedule aside instead of deleting it', async () => {
    const storage = new MapStorage();
    storage.setItem('mlsec.exam.drill-schedule', 'not json');
    const store = createWebStorageStore(storage);
    await expect(store.loadSchedule()).rejects.toThrow(StoredStateError);
    await store.resetSchedule(t0);
    expect(await store.loadSchedule()).toEqual(emptySchedule(t0));
    expect(storage.getItem(`mlsec.exam.drill-schedule.set-aside-${t0}`)).toBe('not json');
  });

  it('explains a full storage in words and what to do', async () => {
    const storage = new MapStorage();
    storage.quota = 100;
    const store = createWebStorageStore(storage);
    await expect(store.saveSession(startPractice(bank, { id: 'big', seed: 'a', now: t0, scope: { kind: 'all' } }))).rejects.toThrow(
      /Could not save to the browser's storage \(QuotaExceededError: The quota has been exceeded\.\)\. It may be full or disabled; delete old sessions/,
    );
  });
});
