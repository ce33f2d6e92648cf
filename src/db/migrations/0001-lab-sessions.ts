import type { Migration } from '../migrations.ts';

/** Lab sessions (one row per learner run) and their event log (hints, checks, transitions). */
export const labSessions: Migration = {
  id: 1,
  name: 'lab-sessions',
  sqlite: `
CREATE TABLE lab_sessions (
  id TEXT PRIMARY KEY,
  lab_id TEXT NOT NULL,
  owner TEXT NOT NULL,
  run_id TEXT NOT NULL,
  target TEXT NOT NULL,
  state TEXT NOT NULL,
  context TEXT NOT NULL,
  active INTEGER NOT NULL,
  version INTEGER NOT NULL,
  lease TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  expires_at TEXT
);
CREATE INDEX lab_sessions_by_owner ON lab_sessions (owner, active, updated_at);
CREATE INDEX lab_sessions_by_expiry ON lab_sessions (active, expires_at);
CREATE TABLE lab_session_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL REFERENCES lab_sessions (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX lab_session_events_by_session ON lab_session_events (session_id, id);
`,
  postgres: `
CREATE TABLE lab_sessions (
  id TEXT PRIMARY KEY,
  lab_id TEXT NOT NULL,
  owner TEXT NOT NULL,
  run_id TEXT NOT NULL,
  target TEXT NOT NULL,
  state TEXT NOT NULL,
  context TEXT NOT NULL,
  active INTEGER NOT NULL,
  version INTEGER NOT NULL,
  lease TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  expires_at TEXT
);
CREATE INDEX lab_sessions_by_owner ON lab_sessions (owner, active, updated_at);
CREATE INDEX lab_sessions_by_expiry ON lab_sessions (active, expires_at);
CREATE TABLE lab_session_events (
  id BIGSERIAL PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES lab_sessions (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX lab_session_events_by_session ON lab_session_events (session_id, id);
`,
};
