import type { Migration } from '../migrations.ts';

/**
 * Anonymous learners of the web app: one row per browser that holds the `mlsec_learner` cookie.
 * Lab sessions name a learner as their owner (`learner:<id>`). Their progress beyond lab sessions:
 * lessons they marked as read, and lab results brought in from an exported profile.
 */
export const learners: Migration = {
  id: 2,
  name: 'learners',
  sqlite: `
CREATE TABLE learners (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE TABLE lesson_reads (
  learner_id TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  lesson_id TEXT NOT NULL,
  read_at TEXT NOT NULL,
  PRIMARY KEY (learner_id, lesson_id)
);
CREATE TABLE imported_lab_results (
  learner_id TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  lab_id TEXT NOT NULL,
  passed INTEGER NOT NULL,
  assisted INTEGER NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (learner_id, lab_id, at)
);
`,
};
