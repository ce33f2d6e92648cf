import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestSchema, describePostgres, type TestSchema } from '../../test/support/databases.ts';
import { openDatabase, openPostgres, type SqlClient } from './index.ts';
import { migrations } from './migrations/index.ts';

describePostgres('PostgreSQL client', () => {
  let schema: TestSchema;
  let db: SqlClient;
  beforeAll(async () => {
    schema = await createTestSchema();
    db = openPostgres(schema.url);
  });
  afterAll(async () => {
    await db?.close();
    await schema?.drop();
  });

  it('lets several instances start at once on an empty database: each migration is applied exactly once', async () => {
    const fresh = await createTestSchema();
    try {
      const instances = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ url: fresh.url })));
      const ledger = await instances[0]!.all<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
      expect(ledger.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
      await Promise.all(instances.map((i) => i.close()));
    } finally {
      await fresh.drop();
    }
  });

  it('returns BIGINT as a number while it is safe, and exactly beyond', async () => {
    expect(await db.get('SELECT CAST(? AS BIGINT) AS small, CAST(? AS BIGINT) AS big, SUM(x) AS total FROM (VALUES (1), (2)) AS v (x)', [42, 2n ** 62n])).toEqual({
      small: 42,
      big: 2n ** 62n,
      total: 3,
    });
  });

  it('names a placeholder count mismatch with the statement', async () => {
    await expect(db.get('SELECT ? AS a, ? AS b', [1])).rejects.toThrow(/2 placeholder\(s\) but 1 value\(s\) were given: SELECT \? AS a/);
  });

  it('refuses to use a transaction after it ended, and to work after close', async () => {
    let leaked: SqlClient | undefined;
    await db.transaction(async (tx) => void (leaked = tx));
    await expect(leaked!.get('SELECT 1 AS one')).rejects.toThrow(/already ended/);
    const other = openPostgres(schema.url);
    await other.close();
    await expect(other.get('SELECT 1 AS one')).rejects.toThrow(/closed/);
  });

  it('runs the body of a transaction again when it lost a serialization conflict, and gives up after the limit', async () => {
    await db.exec('CREATE TABLE retry_probe (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
    await db.run('INSERT INTO retry_probe (id, n) VALUES (1, 0)');
    let attempts = 0;
    // Two transactions read then write the same row, interleaved: one of them must be retried.
    let arrived = 0;
    let bothRead!: () => void;
    const barrier = new Promise<void>((r) => (bothRead = r));
    const writer = () =>
      db.transaction(async (tx) => {
        attempts++;
        const { n } = (await tx.get<{ n: number }>('SELECT n FROM retry_probe WHERE id = 1'))!;
        if (++arrived === 2) bothRead();
        await Promise.race([barrier, new Promise((r) => setTimeout(r, 500))]);
        await tx.run('UPDATE retry_probe SET n = ? WHERE id = 1', [n + 1]);
      });
    await Promise.all([writer(), writer()]);
    expect(await db.get('SELECT n FROM retry_probe WHERE id = 1')).toEqual({ n: 2 });
    expect(attempts).toBe(3);

    const once = openPostgres(schema.url, { maxAttempts: 1 });
    arrived = 0;
    const stubborn = () =>
      once.transaction(async (tx) => {
        await tx.get('SELECT n FROM retry_probe WHERE id = 1');
        await new Promise((r) => setTimeout(r, 50));
        await tx.run('UPDATE retry_probe SET n = n + 1 WHERE id = 1');
      });
    const results = await Promise.allSettled([stubborn(), stubborn()]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as { code?: string }).code).toBe('40001');
    await once.close();
  });
});
