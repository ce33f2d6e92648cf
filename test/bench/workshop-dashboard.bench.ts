/**
 * The workshop server's own costs on a real SQLite file: the dashboard of 100 learners × 5 labs
 * (one query, then JSON), the CSV export of the same, 100 joins in a row, and an instructor
 * sign-in's scrypt verification. The end-to-end 100-learner load is test/bench/workshop-load.bench.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/index.ts';
import { dashboardRows } from '../../src/workshops/dashboard.ts';
import { hashPassword, verifyPassword } from '../../src/workshops/password.ts';
import { resultRows, resultsCsv } from '../../src/workshops/results.ts';
import { WorkshopStore } from '../../src/workshops/workshop-store.ts';
import { seedWorkshop } from '../support/workshop-seed.ts';
import { goalRow, percentile, timeEach, type Benchmark } from './harness.ts';

const benchmark: Benchmark = {
  suite: 'workshops',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'mlsec-bench-workshops-'));
    const db = await openDatabase({ file: join(dir, 'bench.db') });
    try {
      const labIds = ['lab-a', 'lab-b', 'lab-c', 'lab-d', 'lab-e'];
      const workshop = await seedWorkshop(db, { learners: 100, labIds });
      await dashboardRows(db, workshop);
      const dashboard = await timeEach(30, () => dashboardRows(db, workshop).then((rows) => JSON.stringify(rows)));
      const csv = await timeEach(10, async () => resultsCsv(resultRows(await dashboardRows(db, workshop))));
      const store = new WorkshopStore(db);
      const empty = await seedWorkshop(db, { learners: 0, labIds, maxLearners: 100 });
      const joins = await timeEach(100, (i) => store.join(empty, `Joiner ${i}`));
      const hash = await hashPassword('correct horse battery staple');
      const verify = await timeEach(5, () => verifyPassword('correct horse battery staple', hash));
      const note = '100 learners × 5 labs, sessions with graded findings, SQLite file (WAL)';
      return [
        goalRow('dashboard, 100 learners × 5 labs, p50', percentile(dashboard, 50), 'ms', { below: 100 }, note),
        goalRow('dashboard, 100 learners × 5 labs, p95', percentile(dashboard, 95), 'ms', { below: 250 }, note),
        goalRow('results CSV, 500 rows, p50', percentile(csv, 50), 'ms', { below: 150 }),
        goalRow('join (one learner), p95 of 100 in a row', percentile(joins, 95), 'ms', { below: 50 }, 'a transaction: name free, seat free, insert'),
        goalRow('instructor sign-in: scrypt verify, p50', percentile(verify, 50), 'ms', { below: 500 }, 'N=2^15, r=8, p=1 (deliberately slow)'),
      ];
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
