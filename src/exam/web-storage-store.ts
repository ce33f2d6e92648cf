/**
 * An ExamStore over the Web Storage API (`window.localStorage`). One key per session, one for the
 * index of session ids, one for the drill schedule. Works with any object that has the Storage
 * methods, which is how the tests run it outside a browser.
 */
import { emptySchedule, type DrillSchedule } from './drill-schedule.ts';
import type { ExamSession } from './session-types.ts';
import { summarise, sortSummaries, type ExamStore, type SessionSummary, type UnreadableRecord } from './store.ts';
import { parseStoredSchedule, parseStoredSession, StoredStateError } from './stored-state.ts';

/** The part of the DOM `Storage` interface the store uses. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const STORAGE_PREFIX = 'mlsec.exam.';

export function createWebStorageStore(storage: StorageLike, prefix = STORAGE_PREFIX): ExamStore {
  const indexKey = `${prefix}sessions`;
  const sessionKey = (id: string) => `${prefix}session.${id}`;
  const scheduleKey = `${prefix}drill-schedule`;

  const readIndex = (): string[] => {
    const raw = storage.getItem(indexKey);
    if (!raw) return [];
    try {
      const ids: unknown = JSON.parse(raw);
      return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  };
  const write = (key: string, value: string) => {
    try {
      storage.setItem(key, value);
    } catch (error) {
      throw new Error(
        `Could not save to the browser's storage (${(error as Error).name}: ${(error as Error).message}). ` +
          'It may be full or disabled; delete old sessions on the exams page, or allow site storage, then try again. The page still holds your progress.',
      );
    }
  };

  return {
    async listSessions() {
      const sessions: SessionSummary[] = [];
      const unreadable: UnreadableRecord[] = [];
      for (const id of readIndex()) {
        const raw = storage.getItem(sessionKey(id));
        if (raw === null) continue;
        const parsed = parseStoredSession(raw);
        if ('problem' in parsed) unreadable.push({ key: sessionKey(id), problem: parsed.problem });
        else sessions.push(summarise(parsed.session));
      }
      return { sessions: sortSummaries(sessions), unreadable };
    },
    async loadSession(id) {
      const raw = storage.getItem(sessionKey(id));
      if (raw === null) return undefined;
      const parsed = parseStoredSession(raw);
      if ('problem' in parsed) throw new StoredStateError(sessionKey(id), parsed.problem);
      return parsed.session;
    },
    async saveSession(session: ExamSession) {
      write(sessionKey(session.id), JSON.stringify(session));
      const ids = readIndex();
      if (!ids.includes(session.id)) write(indexKey, JSON.stringify([...ids, session.id]));
    },
    async deleteSession(id) {
      storage.removeItem(sessionKey(id));
      write(indexKey, JSON.stringify(readIndex().filter((x) => x !== id)));
    },
    async loadSchedule(): Promise<DrillSchedule> {
      const raw = storage.getItem(scheduleKey);
      if (raw === null) return emptySchedule();
      const parsed = parseStoredSchedule(raw);
      if ('problem' in parsed) throw new StoredStateError(scheduleKey, parsed.problem);
      return parsed.schedule;
    },
    async saveSchedule(schedule) {
      write(scheduleKey, JSON.stringify(schedule));
    },
    async resetSchedule(now) {
      const old = storage.getItem(scheduleKey);
      if (old !== null) write(`${scheduleKey}.set-aside-${now}`, old);
      write(scheduleKey, JSON.stringify(emptySchedule(now)));
    },
  };
}
