import type { Migration } from '../migrations.ts';

/**
 * Anonymous learners of the web app: one row per browser that holds the `mlsec_learner` cookie.
 * Lab sessions name a learner as their owner (`learner:<id>`).
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
`,
};
