/**
 * A learner's progress as the server knows it: lessons marked as read, lab results (from their lab
 * sessions, and from an imported profile), exam history (finished attempts, exam-history.ts), and
 * the JSON profile format for export and import. Exam sessions still in progress and the drill
 * schedule live in the browser (src/exam's store); the progress page adds them to an export and
 * keeps them from an import.
 */
import { z } from 'zod';
import type { SqlClient } from '../db/index.ts';
import type { ExamSession } from '../exam/session-types.ts';
import type { LabSessionStore } from '../labs/index.ts';
import { ExamHistoryStore, finishedSessionSchema, MAX_IMPORTED_SESSIONS, type FinishedSession } from './exam-history.ts';
import { sessionOwner } from './learners.ts';

export interface LabProgress {
  labId: string;
  /** Best result: passed without the solution beats passed with it. */
  result: 'passed' | 'passed-assisted' | 'attempted';
  sessions: number;
  lastAt: string;
  /** From an imported profile rather than a session on this server. */
  imported?: boolean;
}

export interface ServerProgress {
  lessonsRead: { lessonId: string; readAt: string }[];
  labs: LabProgress[];
}

const idPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const profileSchema = z.strictObject({
  format: z.literal('mlsec-progress', { error: 'must be "mlsec-progress": this is not an mlsec-sim progress export' }),
  version: z.literal(1, { error: 'must be 1: this export comes from another version of mlsec-sim' }),
  exportedAt: z.string(),
  lessonsRead: z.array(z.strictObject({ lessonId: z.string().regex(idPattern), readAt: z.iso.datetime() })).max(1000),
  labs: z
    .array(
      z.strictObject({
        labId: z.string().regex(idPattern),
        result: z.enum(['passed', 'passed-assisted', 'attempted']),
        sessions: z.number().int().min(0),
        lastAt: z.iso.datetime(),
        imported: z.boolean().optional(),
      }),
    )
    .max(1000),
  /**
   * Exam data. `sessions`: finished ones are the server's exam history and are checked here in
   * full; sessions in progress (and the drill `schedule`) belong to the browser, which the
   * progress page hands them to. Version-1 files from before the server kept exam history have
   * the same shape, so they import unchanged.
   */
  exams: z
    .looseObject({
      sessions: z
        .array(
          z.unknown().superRefine((value, ctx) => {
            if ((value as { status?: unknown } | null)?.status !== 'submitted') return;
            const parsed = finishedSessionSchema.safeParse(value);
            if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
          }),
        )
        .max(MAX_IMPORTED_SESSIONS, { error: `must hold at most ${MAX_IMPORTED_SESSIONS} sessions; split the file` })
        .optional(),
      schedule: z.unknown().optional(),
    })
    .optional(),
});
export type ProgressProfile = z.infer<typeof profileSchema>;

const rank = { attempted: 0, 'passed-assisted': 1, passed: 2 } as const;

/** Finished sessions of a profile (the server's part); sessions in progress are left to the browser. */
export function finishedSessionsOf(profile: ProgressProfile): FinishedSession[] {
  return (profile.exams?.sessions ?? []).filter((s) => (s as { status?: unknown } | null)?.status === 'submitted').map((s) => finishedSessionSchema.parse(s));
}

export class ProgressStore {
  #db: SqlClient;
  #sessions: LabSessionStore;
  /** Finished exam attempts. */
  readonly exams: ExamHistoryStore;
  constructor(db: SqlClient, sessions: LabSessionStore) {
    this.#db = db;
    this.#sessions = sessions;
    this.exams = new ExamHistoryStore(db);
  }

  async markRead(learnerId: string, lessonId: string, at = new Date().toISOString()): Promise<void> {
    await this.#db.run('INSERT INTO lesson_reads (learner_id, lesson_id, read_at) VALUES (?, ?, ?) ON CONFLICT (learner_id, lesson_id) DO NOTHING', [learnerId, lessonId, at]);
  }

  async of(learnerId: string): Promise<ServerProgress> {
    const reads = await this.#db.all<{ lesson_id: string; read_at: string }>('SELECT lesson_id, read_at FROM lesson_reads WHERE learner_id = ? ORDER BY read_at', [learnerId]);
    const labs = new Map<string, LabProgress>();
    const add = (labId: string, result: LabProgress['result'], at: string, imported: boolean) => {
      const seen = labs.get(labId);
      if (!seen) return void labs.set(labId, { labId, result, sessions: 1, lastAt: at, ...(imported ? { imported } : {}) });
      seen.sessions++;
      if (rank[result] > rank[seen.result]) seen.result = result;
      if (at > seen.lastAt) seen.lastAt = at;
    };
    for (const record of await this.#sessions.list({ owner: sessionOwner(learnerId) })) {
      const passed = record.state === 'passed' || record.context.lastGrade?.passed === true;
      add(record.labId, passed ? (record.context.assisted ? 'passed-assisted' : 'passed') : 'attempted', record.updatedAt, false);
    }
    const imported = await this.#db.all<{ lab_id: string; passed: number; assisted: number; at: string }>('SELECT lab_id, passed, assisted, at FROM imported_lab_results WHERE learner_id = ?', [learnerId]);
    for (const row of imported) add(row.lab_id, row.passed ? (row.assisted ? 'passed-assisted' : 'passed') : 'attempted', row.at, true);
    return { lessonsRead: reads.map((r) => ({ lessonId: r.lesson_id, readAt: r.read_at })), labs: [...labs.values()].sort((a, b) => a.labId.localeCompare(b.labId)) };
  }

  /** The profile: lessons, labs, and the finished exam sessions (`exams.sessions`, oldest first). */
  async export(learnerId: string, now = new Date()): Promise<ProgressProfile & { exams: { sessions: ExamSession[] } }> {
    const progress = await this.of(learnerId);
    return { format: 'mlsec-progress', version: 1, exportedAt: now.toISOString(), ...progress, exams: { sessions: await this.exams.sessions(learnerId) } };
  }

  /**
   * Merges a profile into the learner's: nothing already recorded is lost or duplicated (exam
   * attempts are matched by id). All or nothing: one transaction.
   */
  async import(learnerId: string, profile: ProgressProfile): Promise<{ lessons: number; labs: number; exams: number }> {
    let lessons = 0;
    let labs = 0;
    let exams = 0;
    const finished = finishedSessionsOf(profile);
    await this.#db.transaction(async (tx) => {
      for (const session of finished) if ((await this.exams.record(learnerId, session, { db: tx })).created) exams++;
      for (const read of profile.lessonsRead) {
        lessons += (await tx.run('INSERT INTO lesson_reads (learner_id, lesson_id, read_at) VALUES (?, ?, ?) ON CONFLICT (learner_id, lesson_id) DO NOTHING', [learnerId, read.lessonId, read.readAt])).changes;
      }
      for (const lab of profile.labs) {
        labs += (
          await tx.run('INSERT INTO imported_lab_results (learner_id, lab_id, passed, assisted, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (learner_id, lab_id, at) DO NOTHING', [
            learnerId,
            lab.labId,
            lab.result === 'attempted' ? 0 : 1,
            lab.result === 'passed-assisted' ? 1 : 0,
            lab.lastAt,
          ])
        ).changes;
      }
    });
    return { lessons, labs, exams };
  }
}
