import type { Migration } from '../migrations.ts';

/**
 * Finished exam attempts (practice sets, drills and exams once submitted) of a learner: the exam
 * history behind /progress and the readiness per syllabus item. In-progress sessions stay in the
 * browser. One row per attempt; the attempt id comes from the browser, so recording it twice (a
 * retried request, a re-imported profile) keeps one row. The summary columns are what the history
 * lists; `outcomes` holds the per-question results (scored questions only, with their syllabus ids)
 * that readiness is computed from; `session` the whole finished session, so its results and review
 * pages still open in a browser that no longer has it. Times are ISO 8601 text, as elsewhere.
 * The same text is valid SQLite and PostgreSQL.
 */
export const examAttempts: Migration = {
  id: 3,
  name: 'exam-attempts',
  sqlite: `
CREATE TABLE exam_attempts (
  learner_id TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  attempt_id TEXT NOT NULL,
  mode TEXT NOT NULL,
  title TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  submit_reason TEXT NOT NULL,
  questions INTEGER NOT NULL,
  answered INTEGER NOT NULL,
  correct INTEGER NOT NULL,
  total INTEGER NOT NULL,
  scaled_score INTEGER,
  passed INTEGER,
  outcomes TEXT NOT NULL,
  session TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (learner_id, attempt_id)
);
CREATE INDEX exam_attempts_by_finish ON exam_attempts (learner_id, finished_at);
`,
};
