/**
 * The browser's ExamStore once the server keeps exam history: sessions in progress and the drill
 * schedule stay in local storage (as before); a session that is submitted is also sent to the
 * server, which keeps the learner's history (/api/progress/exams). Nothing is lost when the server
 * cannot be reached: the finished session stays in local storage, its id waits in an outbox, and
 * `sync()` (run on every page load) sends it then. The first `sync()` in a browser also sends the
 * finished sessions saved before the server kept history — once.
 *
 * Lists are this browser's sessions only, so the exams page never waits for the network (the whole
 * history is on /progress, rendered by the server). A session this browser does not have (cleared
 * storage, another browser after an import) is loaded from the server.
 */
import type { DrillSchedule } from './drill-schedule.ts';
import type { ExamSession } from './session-types.ts';
import type { ExamStore } from './store.ts';
import type { StorageLike } from './web-storage-store.ts';

/** What the store needs from the server; `createHttpAttemptServer` in the exam islands is the real one. */
export interface AttemptServer {
  /** A finished session, or undefined when the server has none with this id. */
  load(id: string): Promise<ExamSession | undefined>;
  /** Records a finished session (idempotent). Throws AttemptRefusedError when the server will never take it. */
  record(session: ExamSession): Promise<void>;
  /** Removes a finished session; resolves also when the server had none. */
  remove(id: string): Promise<void>;
}

/** The server looked at the session and said no (HTTP 4xx): sending it again will not help. */
export class AttemptRefusedError extends Error {
  override name = 'AttemptRefusedError';
}

export interface SyncReport {
  /** Finished sessions the server took during this sync. */
  sent: number;
  /** Finished sessions still waiting for the server (kept in this browser meanwhile). */
  pending: number;
  /** Why the server could not be reached, when it could not. */
  problem?: string;
  /** Finished sessions the server refused, with its reason; they stay in this browser. */
  refused: { id: string; problem: string }[];
}

export interface SyncedExamStore extends ExamStore {
  /** Sends what waits in the outbox (and, the first time, what was saved before the server kept history). */
  sync(): Promise<SyncReport>;
}

export function createSyncedStore(local: ExamStore, storage: StorageLike, server: AttemptServer, prefix = 'mlsec.exam.'): SyncedExamStore {
  const outboxKey = `${prefix}unsent`;
  const refusedKey = `${prefix}refused`;
  const migratedKey = `${prefix}history-on-server`;

  const readList = <T>(key: string): T[] => {
    try {
      const value: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      return Array.isArray(value) ? (value as T[]) : [];
    } catch {
      return [];
    }
  };
  // The outbox is bookkeeping: if storage refuses it, the session itself is still saved locally.
  const writeList = (key: string, list: unknown[]) => {
    try {
      storage.setItem(key, JSON.stringify(list));
    } catch {
      /* full or disabled storage: the next sync finds less to send, the local copy stays */
    }
  };
  const outbox = () => readList<string>(outboxKey).filter((id) => typeof id === 'string');
  const addToOutbox = (id: string) => {
    const ids = outbox();
    if (!ids.includes(id)) writeList(outboxKey, [...ids, id]);
  };
  const takeFromOutbox = (id: string) => writeList(outboxKey, outbox().filter((x) => x !== id));
  const refuse = (id: string, problem: string) => {
    takeFromOutbox(id);
    writeList(refusedKey, [...readList<{ id: string; problem: string }>(refusedKey).filter((r) => r.id !== id), { id, problem }]);
  };

  /** Sends one finished session; true when the server has it, false when it should be tried again later. */
  const send = async (session: ExamSession): Promise<boolean> => {
    try {
      await server.record(session);
      takeFromOutbox(session.id);
      return true;
    } catch (error) {
      if (error instanceof AttemptRefusedError) refuse(session.id, error.message);
      throw error;
    }
  };

  let syncing: Promise<SyncReport> | undefined;
  const runSync = async (): Promise<SyncReport> => {
    if (storage.getItem(migratedKey) === null) {
      const { sessions } = await local.listSessions();
      for (const s of sessions) if (s.status === 'submitted') addToOutbox(s.id);
      // From here on the outbox holds what is left to send, so the migration never runs twice.
      writeList(migratedKey, [new Date().toISOString()]);
    }
    let sent = 0;
    let problem: string | undefined;
    for (const id of outbox()) {
      let session: ExamSession | undefined;
      try {
        session = await local.loadSession(id);
      } catch {
        continue; // unreadable here: left in storage and in the outbox, the exams page reports it
      }
      if (!session || session.status !== 'submitted') {
        takeFromOutbox(id);
        continue;
      }
      try {
        await send(session);
        sent++;
      } catch (error) {
        if (error instanceof AttemptRefusedError) continue;
        problem = (error as Error).message;
        break; // the server is unreachable: the rest waits for the next page load
      }
    }
    return { sent, pending: outbox().length, ...(problem ? { problem } : {}), refused: readList<{ id: string; problem: string }>(refusedKey) };
  };

  return {
    sync() {
      syncing ??= runSync().finally(() => {
        syncing = undefined;
      });
      return syncing;
    },

    listSessions: () => local.listSessions(),

    async loadSession(id) {
      return (await local.loadSession(id)) ?? (await server.load(id));
    },

    async saveSession(session) {
      await local.saveSession(session);
      if (session.status !== 'submitted') return;
      addToOutbox(session.id);
      // Saved locally either way; a failed send waits in the outbox for the next page load.
      await send(session).catch(() => undefined);
    },

    async deleteSession(id) {
      let mine: ExamSession | undefined;
      try {
        mine = await local.loadSession(id);
      } catch {
        mine = undefined;
      }
      if (!mine || mine.status === 'submitted') {
        try {
          await server.remove(id);
        } catch (error) {
          throw new Error(`The session could not be deleted from your history on the server (${(error as Error).message}). Nothing was deleted; try again.`);
        }
      }
      takeFromOutbox(id);
      await local.deleteSession(id);
    },

    loadSchedule: (): Promise<DrillSchedule> => local.loadSchedule(),
    saveSchedule: (schedule) => local.saveSchedule(schedule),
    resetSchedule: (now) => local.resetSchedule(now),
  };
}
