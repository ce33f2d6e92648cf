/**
 * The storage layer on SQLite (a WAL file) and on PostgreSQL (a throwaway local server, unix socket,
 * durability off like the tests' — so the numbers show the client and SQL, not the disk): what a lab
 * session costs per operation — a versioned write of a realistic session, a read, the live stream's
 * version stamp, an atomic start — and how concurrent read-modify-write transactions fare (SQLite
 * serialises them; PostgreSQL runs them serializable and retries conflicts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqlClient } from '../../src/db/index.ts';
import { sqlSessionStore, type SessionRecord } from '../../src/labs/index.ts';
import { createTestSchema, postgresAvailability } from '../support/databases.ts';
import { clusterDirVariable, newClusterDir, stopSharedCluster } from '../support/postgres-cluster.ts';
import { percentile, timeEach, type Benchmark, type BenchRow } from './harness.ts';

const n = Number(process.env.MLSEC_BENCH_STORAGE_OPS ?? 300);

function session(i: number): SessionRecord {
  const id = `ls-bench-${i}-${Math.random().toString(36).slice(2)}`;
  const at = new Date().toISOString();
  // About the size of a graded session's context: facts, hints, a grade with findings and evidence.
  const findings = Array.from({ length: 12 }, (_, f) => ({ checkId: `check-${f}`, status: f % 3 ? 'pass' : 'fail', evidence: [{ field: `Field.${f}`, expected: 'Enabled', actual: 'Suspended' }] }));
  const context = { sessionId: id, labId: 'bench-lab', runId: 'r1', hints: { a: 1 }, facts: { bucket: `mlsec-r1-bucket-${i}`, key: 'alias/mlsec-r1-key' }, lastGrade: { passed: false, tasks: [{ id: 't', findings }] } };
  return { id, labId: 'bench-lab', owner: `learner:${i % 50}`, runId: 'r1', target: { kind: 'embedded', region: 'us-east-1', label: 'embedded' }, state: 'ready', context: context as never, active: true, version: 0, createdAt: at, updatedAt: at };
}

async function measure(name: string, db: SqlClient): Promise<BenchRow[]> {
  const store = sqlSessionStore(db);
  const records = Array.from({ length: n }, (_, i) => session(i));
  const starts = await timeEach(n, (i) => store.insertUnlessActive(session(n + i)));
  for (const r of records) await store.insert(r);
  let current = records.map((r) => r);
  const writes = await timeEach(n, async (i) => (current[i] = await store.update({ ...current[i]!, state: 'checking' }, current[i]!.version)));
  const reads = await timeEach(n, (i) => store.get(records[i]!.id));
  const stamps = await timeEach(n, (i) => store.stamp(records[i]!.id));
  // 100 open lab pages polling at once, as the live streams do every 200 ms.
  const pollRounds = await timeEach(20, () => Promise.all(records.slice(0, 100).map((r) => store.stamp(r.id))));

  await db.exec('CREATE TABLE bench_counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
  await db.run('INSERT INTO bench_counter (id, n) VALUES (1, 0)');
  const writers = 50;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: writers }, () =>
      db.transaction(async (tx) => {
        const { n: value } = (await tx.get<{ n: number }>('SELECT n FROM bench_counter WHERE id = 1'))!;
        await tx.run('UPDATE bench_counter SET n = ? WHERE id = 1', [value + 1]);
      }),
    ),
  );
  const contended = performance.now() - t;
  const final = (await db.get<{ n: number }>('SELECT n FROM bench_counter WHERE id = 1'))!.n;
  current = [];

  const ms = (measure: string, values: number[], note: string): BenchRow => ({ measure: `${name}: ${measure} p50`, value: percentile(values, 50), unit: 'ms', note: `p95 ${percentile(values, 95).toFixed(2)} ms; ${note}` });
  return [
    ms('start a session (atomic check + insert)', starts, `${n} sessions`),
    ms('versioned write of a graded session', writes, `${n} writes, ~${(JSON.stringify(records[0]!.context).length / 1024).toFixed(1)} KiB context`),
    ms('read a session', reads, `${n} reads`),
    ms('version stamp (live-update poll)', stamps, `${n} reads`),
    ms('100 open pages polled at once', pollRounds, '20 rounds'),
    { measure: `${name}: ${writers} racing read-modify-write transactions`, value: contended, unit: 'ms', note: `all ${writers} counted: ${final === writers ? 'yes' : `NO (${final})`}` },
  ];
}

const benchmark: Benchmark = {
  suite: 'storage',
  async run() {
    const rows: BenchRow[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'mlsec-bench-db-'));
    const sqlite = await openDatabase({ file: join(dir, 'mlsec.db') });
    try {
      rows.push(...(await measure('SQLite', sqlite)));
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
    const availability = postgresAvailability();
    if (!availability.available) {
      rows.push({ measure: 'PostgreSQL: skipped', value: Number.NaN, unit: '', note: availability.reason });
      return rows;
    }
    const clusterDir = process.env.MLSEC_TEST_DATABASE_URL ? undefined : newClusterDir();
    if (clusterDir) process.env[clusterDirVariable] = clusterDir;
    try {
      const schema = await createTestSchema();
      const pg = await openDatabase({ url: schema.url });
      try {
        rows.push(...(await measure('PostgreSQL', pg)));
      } finally {
        await pg.close();
        await schema.drop();
      }
    } finally {
      if (clusterDir) {
        stopSharedCluster(clusterDir);
        delete process.env[clusterDirVariable];
      }
    }
    return rows;
  },
};

export default benchmark;
