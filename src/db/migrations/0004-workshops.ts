import type { Migration } from '../migrations.ts';

/**
 * Workshops (issue 10): instructor accounts and their sessions, workshops with a join code, the
 * learners who joined (each with a session and, once they start a lab, an isolated tenant), the
 * instructor's broadcast messages, and the counters of the database-backed rate limiter (so limits
 * hold across app instances). Lab sessions of workshop learners stay in `lab_sessions`, owned by
 * `workshop-learner:<id>`; the dashboard joins them to `workshop_learners` by that owner.
 *
 * Session cookies are never stored: only their SHA-256 (`id_hash`, `session_hash`), so a copy of the
 * database does not let anybody sign in. \`tenant_id\` is set while a learner holds a tenant and
 * cleared when it is released: unique, so two learners (on any instance) can never hold the same
 * pool account. Valid on SQLite and PostgreSQL as written.
 */
export const workshops: Migration = {
  id: 4,
  name: 'workshops',
  sqlite: `
CREATE TABLE instructors (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE instructor_sessions (
  id_hash TEXT PRIMARY KEY,
  instructor_id TEXT NOT NULL REFERENCES instructors (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX instructor_sessions_by_instructor ON instructor_sessions (instructor_id);
CREATE TABLE workshops (
  id TEXT PRIMARY KEY,
  instructor_id TEXT NOT NULL REFERENCES instructors (id),
  title TEXT NOT NULL,
  lab_ids TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  max_learners INTEGER NOT NULL,
  leaderboard INTEGER NOT NULL,
  join_code TEXT NOT NULL UNIQUE,
  target TEXT NOT NULL,
  created_at TEXT NOT NULL,
  ended_at TEXT,
  end_report TEXT
);
CREATE INDEX workshops_by_instructor ON workshops (instructor_id, created_at);
CREATE TABLE workshop_learners (
  id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  display_key TEXT NOT NULL,
  session_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  tenant TEXT,
  tenant_id TEXT,
  joined_at TEXT NOT NULL,
  UNIQUE (workshop_id, display_key)
);
CREATE UNIQUE INDEX workshop_learners_by_tenant ON workshop_learners (tenant_id);
CREATE TABLE workshop_messages (
  id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX workshop_messages_by_workshop ON workshop_messages (workshop_id, at);
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  count INTEGER NOT NULL
);
`,
};
