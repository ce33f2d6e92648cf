/**
 * Anonymous learners: a browser gets a random id in an HttpOnly cookie the first time it asks the
 * server for anything personal (a lab session, progress), and the id is remembered in SQLite. An id
 * the database does not know (made up, or from a wiped database) is replaced by a fresh one, so a
 * client cannot choose its identity.
 */
import { randomBytes } from 'node:crypto';
import type { SqlClient } from '../db/index.ts';

export const learnerCookie = 'mlsec_learner';
/** A year: the profile is the learner's progress, which should not vanish between visits. */
export const learnerCookieMaxAgeSeconds = 365 * 24 * 60 * 60;
const idPattern = /^[A-Za-z0-9_-]{22}$/;

export interface Learner {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  /** True when this request created the learner (the cookie must be set). */
  isNew: boolean;
}

/** The minimal cookie interface of Astro's `AstroCookies` (and easy to fake in tests). */
export interface CookieJar {
  get(name: string): { value: string } | undefined;
  set(name: string, value: string, options: { httpOnly: boolean; sameSite: 'lax'; path: string; maxAge: number; secure?: boolean }): void;
}

export function newLearnerId(): string {
  return randomBytes(16).toString('base64url');
}

export function isLearnerId(value: string | undefined): value is string {
  return value !== undefined && idPattern.test(value);
}

/** The owner name lab sessions of this learner carry. */
export function sessionOwner(learnerId: string): string {
  return `learner:${learnerId}`;
}

export class LearnerStore {
  #db: SqlClient;
  constructor(db: SqlClient) {
    this.#db = db;
  }

  async get(id: string): Promise<Omit<Learner, 'isNew'> | undefined> {
    const row = await this.#db.get<{ id: string; created_at: string; last_seen_at: string }>('SELECT id, created_at, last_seen_at FROM learners WHERE id = ?', [id]);
    return row && { id: row.id, createdAt: row.created_at, lastSeenAt: row.last_seen_at };
  }

  async create(id = newLearnerId(), at = new Date()): Promise<Learner> {
    const iso = at.toISOString();
    await this.#db.run('INSERT INTO learners (id, created_at, last_seen_at) VALUES (?, ?, ?)', [id, iso, iso]);
    return { id, createdAt: iso, lastSeenAt: iso, isNew: true };
  }

  /** Records a visit; at most once a minute per learner, so reads do not turn into writes. */
  async touch(learner: Omit<Learner, 'isNew'>, at = new Date()): Promise<void> {
    if (at.getTime() - Date.parse(learner.lastSeenAt) < 60_000) return;
    await this.#db.run('UPDATE learners SET last_seen_at = ? WHERE id = ?', [at.toISOString(), learner.id]);
  }
}

/**
 * The learner behind a request: the one its cookie names, or a new one (and the cookie is set).
 * With `create: false` (reads), a request without a known learner gets `undefined` and nothing is
 * written, so visitors and crawlers leave no rows behind. `secure` marks the cookie Secure (https).
 */
export async function learnerFromCookies(cookies: CookieJar, store: LearnerStore, options: { secure?: boolean; create: false }): Promise<Learner | undefined>;
export async function learnerFromCookies(cookies: CookieJar, store: LearnerStore, options?: { secure?: boolean; create?: true }): Promise<Learner>;
export async function learnerFromCookies(cookies: CookieJar, store: LearnerStore, options: { secure?: boolean; create?: boolean } = {}): Promise<Learner | undefined> {
  const value = cookies.get(learnerCookie)?.value;
  if (isLearnerId(value)) {
    const known = await store.get(value);
    if (known) {
      await store.touch(known);
      return { ...known, isNew: false };
    }
  }
  if (options.create === false) return undefined;
  const learner = await store.create();
  cookies.set(learnerCookie, learner.id, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: learnerCookieMaxAgeSeconds, ...(options.secure ? { secure: true } : {}) });
  return learner;
}
