/**
 * A workshop with many learners and lab sessions written straight into the database, for the
 * dashboard's query-count test and benchmark: sessions in every state, with hints, checks and
 * graded findings of a realistic size.
 */
import type { SqlClient } from '../../src/db/index.ts';
import { InstructorStore } from '../../src/workshops/instructor-store.ts';
import { learnerOwner } from '../../src/workshops/dashboard.ts';
import { WorkshopStore, type WorkshopRecord } from '../../src/workshops/workshop-store.ts';

const states = ['ready', 'passed', 'checking', 'failed', 'done', 'provisioning'] as const;

export async function seedWorkshop(db: SqlClient, options: { learners: number; labIds: string[]; maxLearners?: number }): Promise<WorkshopRecord> {
  const instructor = await new InstructorStore(db).create({ email: `seed-${Math.random().toString(36).slice(2)}@example.com`, displayName: 'Seed', password: 'a long enough password' });
  const store = new WorkshopStore(db);
  const now = Date.now();
  const workshop = await store.create({
    instructorId: instructor.id,
    title: 'Seeded workshop',
    labIds: options.labIds,
    startsAt: new Date(now - 3_600_000).toISOString(),
    endsAt: new Date(now + 3_600_000).toISOString(),
    maxLearners: options.maxLearners ?? 500,
    leaderboard: true,
    target: { kind: 'embedded', region: 'us-east-1', label: 'embedded emulator' },
  });
  await db.transaction(async (tx) => {
    for (let i = 0; i < options.learners; i++) {
      const learnerId = `wl-${workshop.id.slice(3, 11)}-${i}`;
      await tx.run("INSERT INTO workshop_learners (id, workshop_id, display_name, display_key, session_hash, csrf_token, tenant, tenant_id, joined_at) VALUES (?, ?, ?, ?, ?, 'csrf', ?, ?, ?)", [
        learnerId,
        workshop.id,
        `Learner ${i}`,
        `learner ${i}`,
        `hash-${workshop.id}-${i}`,
        JSON.stringify({ id: `${workshop.id}-${i}`, accountId: `1000000${String(i).padStart(5, '0')}`, label: 'seeded', data: {} }),
        `${workshop.id}-${i}`,
        new Date(now - 3_000_000 + i).toISOString(),
      ]);
      for (const [j, labId] of options.labIds.entries()) {
        if ((i + j) % 7 === 6) continue; // some labs not started
        const state = states[(i + j) % states.length]!;
        const created = new Date(now - 2_000_000).toISOString();
        const passed = state === 'passed' || (state === 'done' && i % 2 === 0);
        const findings = Array.from({ length: 6 }, (_, k) => ({
          checkId: `check-${k}`,
          resource: { type: 'AWS::S3::Bucket', id: `mlsec-${i}-${j}-bucket` },
          status: passed || k % 2 === 0 ? 'pass' : 'fail',
          summary: 'The bucket blocks public access at the bucket level and its policy grants no principal "*".',
          evidence: [{ field: 'GetPublicAccessBlock.BlockPublicAcls', expected: 'true', actual: passed ? 'true' : 'false' }],
        }));
        const context = {
          sessionId: `ls-seed-${i}-${j}`,
          labId,
          createdAt: created,
          readyAt: new Date(now - 1_900_000).toISOString(),
          hints: { first: (i + j) % 4 },
          hintsRevealed: (i + j) % 4,
          assisted: (i + j) % 5 === 0,
          checksRun: 2,
          lastGrade: state === 'provisioning' ? undefined : { at: new Date(now - 600_000).toISOString(), passed, durationMs: 120, counts: { pass: findings.filter((f) => f.status === 'pass').length, fail: findings.filter((f) => f.status === 'fail').length, unknown: 0 }, tasks: [{ id: 'first', status: passed ? 'pass' : 'fail', findings }] },
          endedAt: state === 'done' ? new Date(now - 300_000).toISOString() : undefined,
        };
        await tx.run(
          "INSERT INTO lab_sessions (id, lab_id, owner, run_id, target, state, context, active, version, lease, created_at, updated_at, expires_at) VALUES (?, ?, ?, 'run', '{}', ?, ?, ?, 1, NULL, ?, ?, NULL)",
          [`ls-seed-${workshop.id}-${i}-${j}`, labId, learnerOwner(learnerId), state, JSON.stringify(context), state === 'done' ? 0 : 1, created, created],
        );
      }
    }
  });
  return workshop;
}

/** A client that counts the statements run through it. */
export function countingClient(db: SqlClient): { client: SqlClient; count: () => number } {
  let n = 0;
  const client: SqlClient = {
    dialect: db.dialect,
    all: (sql, params) => (n++, db.all(sql, params)),
    get: (sql, params) => (n++, db.get(sql, params)),
    run: (sql, params) => (n++, db.run(sql, params)),
    exec: (sql) => (n++, db.exec(sql)),
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
  return { client, count: () => n };
}
