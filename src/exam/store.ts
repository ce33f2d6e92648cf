/**
 * Where sessions and the drill schedule are kept. The engine only talks to this interface, so the
 * browser's localStorage (today) and a server-side SQLite table (later) are interchangeable.
 * Methods are async because a server store will be.
 */
import { emptySchedule, type DrillSchedule } from './drill-schedule.ts';
import type { ExamSession } from './session-types.ts';

export interface SessionSummary {
  id: string;
  mode: ExamSession['mode'];
  title: string;
  status: ExamSession['status'];
  createdAt: number;
  updatedAt: number;
  questions: number;
  answered: number;
  /** Scored results once submitted. */
  score?: { correct: number; total: number; scaled?: number };
}

/** A stored record that could not be read; it is left untouched so nothing is lost. */
export interface UnreadableRecord {
  key: string;
  problem: string;
}

export interface ExamStore {
  listSessions(): Promise<{ sessions: SessionSummary[]; unreadable: UnreadableRecord[] }>;
  /** Undefined when there is no such session; throws StoredStateError when it exists but cannot be read. */
  loadSession(id: string): Promise<ExamSession | undefined>;
  saveSession(session: ExamSession): Promise<void>;
  deleteSession(id: string): Promise<void>;
  loadSchedule(): Promise<DrillSchedule>;
  saveSchedule(schedule: DrillSchedule): Promise<void>;
  /** Sets the current schedule aside (kept, not deleted) and starts an empty one; the way out of an unreadable schedule. */
  resetSchedule(now: number): Promise<void>;
}

export function summarise(session: ExamSession): SessionSummary {
  const result = session.result;
  return {
    id: session.id,
    mode: session.mode,
    title: session.title,
    status: session.status,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    questions: session.slots.length,
    answered: Object.keys(session.answers).length,
    ...(result ? { score: { correct: result.scored.correct, total: result.scored.total, scaled: result.scaled?.score } } : {}),
  };
}

/** Newest first. */
export function sortSummaries(list: SessionSummary[]): SessionSummary[] {
  return [...list].sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
}

/** Keeps everything in memory (tests, and the server until a database store exists). Stores copies, like a real store. */
export function createMemoryStore(): ExamStore {
  const sessions = new Map<string, string>();
  let schedule: string | undefined;
  return {
    async listSessions() {
      return { sessions: sortSummaries([...sessions.values()].map((json) => summarise(JSON.parse(json) as ExamSession))), unreadable: [] };
    },
    async loadSession(id) {
      const json = sessions.get(id);
      return json === undefined ? undefined : (JSON.parse(json) as ExamSession);
    },
    async saveSession(session) {
      sessions.set(session.id, JSON.stringify(session));
    },
    async deleteSession(id) {
      sessions.delete(id);
    },
    async loadSchedule() {
      return schedule === undefined ? emptySchedule() : (JSON.parse(schedule) as DrillSchedule);
    },
    async saveSchedule(next) {
      schedule = JSON.stringify(next);
    },
    async resetSchedule(now) {
      schedule = JSON.stringify(emptySchedule(now));
    },
  };
}
