/**
 * A learner's exam history on the server: finished attempts (practice sets, drills, exams once
 * submitted), kept in SQLite for the `mlsec_learner` cookie like lessons read. The browser keeps
 * sessions in progress and sends each one here when it is submitted (src/exam/synced-store.ts).
 * Recording is idempotent by attempt id, so a retried request or a re-imported profile never adds
 * a second row. Readiness per syllabus item is computed from the per-question results kept here.
 */
import { z } from 'zod';
import type { SqlClient } from '../db/index.ts';
import type { ExamSession } from '../exam/session-types.ts';

/** How many of the most recent answers on a syllabus item readiness looks at (as the drill schedule does). */
export const RECENT_ANSWERS = 10;
/** Attempts one profile import may carry; an export of more than this is split by the learner. */
export const MAX_IMPORTED_SESSIONS = 2000;

export interface AttemptSummary {
  id: string;
  mode: ExamSession['mode'];
  title: string;
  startedAt: string;
  finishedAt: string;
  submitReason: 'learner' | 'time-up';
  questions: number;
  /** Questions with an answer. */
  answered: number;
  /** Scored questions right, of `total` (unscored questions of a full-pace exam left out). */
  correct: number;
  total: number;
  /** The scaled-score estimate; absent when nothing was scored. */
  scaled?: number;
  passed?: boolean;
}

export interface ExamHistory {
  /** Newest first. */
  attempts: AttemptSummary[];
  /** Per syllabus item: the most recent answers on it across attempts, oldest first (true = right). */
  recentBySyllabusItem: Record<string, boolean[]>;
}

/** A per-question result as kept for readiness: scored questions only. */
interface StoredOutcome {
  itemId: string;
  correct: boolean;
  syllabus: string[];
}

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/, { error: 'must be 1–80 letters, digits, "-", "_" or "." (the id the exams page gave the session)' });
const itemId = z.string().min(1).max(200);
const itemIds = z.array(itemId).max(500);
const count = z.number().int().min(0).max(10_000);
const epochMs = z.number().int().min(0).max(8.64e15);
const tally = z.strictObject({ correct: count, total: count }).refine((t) => t.correct <= t.total, { error: 'correct cannot exceed total' });
const tallies = z.record(z.string().max(40), tally);

const answer = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('single'), choice: z.string().max(200) }),
  z.strictObject({ type: z.literal('multiple'), choices: z.array(z.string().max(200)).max(50) }),
  z.strictObject({ type: z.literal('ordering'), order: z.array(z.string().max(200)).max(50) }),
  z.strictObject({ type: z.literal('matching'), pairs: z.record(z.string().max(200), z.string().max(200)) }),
]);

const outcome = z.strictObject({
  itemId,
  type: z.enum(['single', 'multiple', 'ordering', 'matching']),
  correct: z.boolean(),
  progress: z.enum(['none', 'partial', 'complete']),
  unscored: z.boolean(),
  flagged: z.boolean(),
  syllabus: z.array(z.string().max(40)).max(50),
  taskStatements: z.array(z.string().max(40)).max(10),
});

const result = z.strictObject({
  scored: tally,
  unanswered: count,
  unscored: count,
  byTaskStatement: tallies,
  byItem: tallies,
  byType: tallies,
  scaled: z
    .strictObject({
      score: z.number().int().min(100).max(1000),
      low: z.number().min(100).max(1000),
      high: z.number().min(100).max(1000),
      passed: z.boolean(),
      fraction: z.number().min(0).max(1),
    })
    .optional(),
  outcomes: z.array(outcome).max(500),
  missingItems: itemIds,
});

/**
 * A finished session as the exams page keeps it (src/exam/session-types.ts), checked field by
 * field: the server stores it as it is and gives it back to the results and review pages.
 */
export const finishedSessionSchema = z
  .strictObject({
    format: z.literal('mlsec-exam-session', { error: 'must be "mlsec-exam-session": this is not an exam session' }),
    version: z.literal(1, { error: 'must be 1: this session comes from another version of mlsec-sim' }),
    id,
    mode: z.enum(['practice', 'exam', 'drill']),
    title: z.string().min(1).max(300),
    config: z.looseObject({ mode: z.enum(['practice', 'exam', 'drill']) }),
    seed: z.string().max(200),
    bankVersion: z.string().max(100),
    createdAt: epochMs,
    updatedAt: epochMs,
    status: z.literal('submitted', { error: 'must be "submitted": only finished sessions are kept on the server (sessions in progress stay in the browser)' }),
    slots: z
      .array(z.strictObject({ itemId, order: z.array(z.string().max(200)).max(50), responseOrder: z.array(z.string().max(200)).max(50).optional(), unscored: z.boolean() }))
      .min(1)
      .max(500),
    current: count,
    answers: z.record(itemId, answer),
    flagged: itemIds,
    checked: itemIds,
    scheduled: itemIds,
    timing: z.strictObject({ limitMs: epochMs, usedMs: epochMs, runningSince: epochMs.nullable(), warned: z.array(count).max(20) }).nullable(),
    submittedAt: epochMs,
    submitReason: z.enum(['learner', 'time-up']),
    result,
    notes: z.array(z.string().max(2000)).max(20),
  })
  .superRefine((session, ctx) => {
    if (session.config.mode !== session.mode) ctx.addIssue({ code: 'custom', path: ['config', 'mode'], message: `must match the session's mode "${session.mode}"` });
    if (session.submittedAt < session.createdAt) ctx.addIssue({ code: 'custom', path: ['submittedAt'], message: 'is before the session was created' });
    const slots = new Set(session.slots.map((s) => s.itemId));
    const stray = session.result.outcomes.find((o) => !slots.has(o.itemId));
    if (stray) ctx.addIssue({ code: 'custom', path: ['result', 'outcomes'], message: `names "${stray.itemId}", which is not a question of the session` });
    const scored = session.result.outcomes.filter((o) => !o.unscored);
    const right = scored.filter((o) => o.correct).length;
    if (scored.length !== session.result.scored.total || right !== session.result.scored.correct) {
      ctx.addIssue({ code: 'custom', path: ['result', 'scored'], message: `says ${session.result.scored.correct} of ${session.result.scored.total}, but the per-question results give ${right} of ${scored.length}` });
    }
  });
export type FinishedSession = z.infer<typeof finishedSessionSchema>;

/** Says in words why a value is not a finished session (field paths as in the API's errors), or undefined when it is one. */
export function finishedSessionProblem(value: unknown): string | undefined {
  const parsed = finishedSessionSchema.safeParse(value);
  return parsed.success ? undefined : parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'session'}: ${i.message}`).join('; ');
}

interface AttemptRow {
  attempt_id: string;
  mode: string;
  title: string;
  started_at: string;
  finished_at: string;
  submit_reason: string;
  questions: number;
  answered: number;
  correct: number;
  total: number;
  scaled_score: number | null;
  passed: number | null;
}

const summaryColumns = 'attempt_id, mode, title, started_at, finished_at, submit_reason, questions, answered, correct, total, scaled_score, passed';

function summaryOf(row: AttemptRow): AttemptSummary {
  return {
    id: row.attempt_id,
    mode: row.mode as AttemptSummary['mode'],
    title: row.title,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    submitReason: row.submit_reason as AttemptSummary['submitReason'],
    questions: Number(row.questions),
    answered: Number(row.answered),
    correct: Number(row.correct),
    total: Number(row.total),
    ...(row.scaled_score === null ? {} : { scaled: Number(row.scaled_score), passed: Number(row.passed) === 1 }),
  };
}

export class ExamHistoryStore {
  #db: SqlClient;
  constructor(db: SqlClient) {
    this.#db = db;
  }

  /**
   * Records a finished attempt; `created` is false when the learner already has an attempt with
   * this id (it is left as it was: a finished attempt does not change). `db` lets an import
   * record many attempts inside its own transaction.
   */
  async record(learnerId: string, session: FinishedSession, options: { at?: Date; db?: SqlClient } = {}): Promise<{ created: boolean; attempt: AttemptSummary }> {
    const outcomes: StoredOutcome[] = session.result.outcomes.filter((o) => !o.unscored).map((o) => ({ itemId: o.itemId, correct: o.correct, syllabus: o.syllabus }));
    const scaled = session.result.scaled;
    const db = options.db ?? this.#db;
    const { changes } = await db.run(
      `INSERT INTO exam_attempts (learner_id, attempt_id, mode, title, started_at, finished_at, submit_reason, questions, answered, correct, total, scaled_score, passed, outcomes, session, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (learner_id, attempt_id) DO NOTHING`,
      [
        learnerId,
        session.id,
        session.mode,
        session.title,
        new Date(session.createdAt).toISOString(),
        new Date(session.submittedAt).toISOString(),
        session.submitReason,
        session.slots.length,
        Object.keys(session.answers).length,
        session.result.scored.correct,
        session.result.scored.total,
        scaled ? scaled.score : null,
        scaled ? (scaled.passed ? 1 : 0) : null,
        JSON.stringify(outcomes),
        JSON.stringify(session),
        (options.at ?? new Date()).toISOString(),
      ],
    );
    const row = await db.get<AttemptRow>(`SELECT ${summaryColumns} FROM exam_attempts WHERE learner_id = ? AND attempt_id = ?`, [learnerId, session.id]);
    return { created: changes > 0, attempt: summaryOf(row!) };
  }

  /** The learner's attempts (newest first) and their recent answers per syllabus item. */
  async history(learnerId: string): Promise<ExamHistory> {
    const rows = await this.#db.all<AttemptRow & { outcomes: string }>(`SELECT ${summaryColumns}, outcomes FROM exam_attempts WHERE learner_id = ? ORDER BY finished_at, attempt_id`, [learnerId]);
    const recent: Record<string, boolean[]> = {};
    for (const row of rows) {
      for (const o of JSON.parse(row.outcomes) as StoredOutcome[]) {
        for (const syllabusId of new Set(o.syllabus)) (recent[syllabusId] ??= []).push(o.correct);
      }
    }
    for (const key of Object.keys(recent)) recent[key] = recent[key]!.slice(-RECENT_ANSWERS);
    return { attempts: rows.map(summaryOf).reverse(), recentBySyllabusItem: recent };
  }

  /** One finished session as it was recorded, or undefined. */
  async load(learnerId: string, attemptId: string): Promise<ExamSession | undefined> {
    const row = await this.#db.get<{ session: string }>('SELECT session FROM exam_attempts WHERE learner_id = ? AND attempt_id = ?', [learnerId, attemptId]);
    return row && (JSON.parse(row.session) as ExamSession);
  }

  /** Every finished session of the learner, oldest first (for the profile export). */
  async sessions(learnerId: string): Promise<ExamSession[]> {
    const rows = await this.#db.all<{ session: string }>('SELECT session FROM exam_attempts WHERE learner_id = ? ORDER BY finished_at, attempt_id', [learnerId]);
    return rows.map((r) => JSON.parse(r.session) as ExamSession);
  }

  /** Deletes one attempt; false when there was none. */
  async remove(learnerId: string, attemptId: string): Promise<boolean> {
    return (await this.#db.run('DELETE FROM exam_attempts WHERE learner_id = ? AND attempt_id = ?', [learnerId, attemptId])).changes > 0;
  }
}
