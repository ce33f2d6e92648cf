import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/support/databases.ts';
import { databaseLabel, migrate, openDatabase, openSqlite, type Migration } from './index.ts';
import { migrations } from './migrations/index.ts';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlsec-db-'));
  dirs.push(dir);
  return join(dir, 'test.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('database (SQLite file)', () => {
  it('creates the file in WAL mode with every migration applied, and reopening applies nothing twice', async () => {
    const file = tempFile();
    const db = await openDatabase({ file });
    expect(await db.get<{ journal_mode: string }>('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    const rows = await db.all<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
    await db.close();
    const again = await openDatabase({ file });
    expect((await again.all('SELECT id FROM schema_migrations')).length).toBe(migrations.length);
    await again.close();
  });

  it('puts the file under MLSEC_DATA_DIR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlsec-dd-'));
    dirs.push(dir);
    const db = await openDatabase({ env: { MLSEC_DATA_DIR: dir } });
    await db.run("INSERT INTO schema_migrations (id, name, applied_at) VALUES (999, 'probe', 'now')");
    await db.close();
    const direct = openSqlite(join(dir, 'mlsec.db'));
    expect(await direct.get('SELECT name FROM schema_migrations WHERE id = 999')).toEqual({ name: 'probe' });
    await direct.close();
  });

  it('rejects migration lists out of order', async () => {
    const client = openSqlite(':memory:');
    await expect(migrate(client, [{ id: 2, name: 'b', sqlite: '' }, { id: 1, name: 'a', sqlite: '' }])).rejects.toThrow(/increasing/);
    await client.close();
  });

  it('serialises transactions: other work waits until the transaction ends', async () => {
    const client = openSqlite(tempFile());
    await client.exec('CREATE TABLE t (n INTEGER)');
    const order: string[] = [];
    const tx = client.transaction(async (t) => {
      await t.run('INSERT INTO t VALUES (1)');
      await new Promise((r) => setTimeout(r, 20));
      order.push('tx');
    });
    const outside = client.run('INSERT INTO t VALUES (2)').then(() => order.push('outside'));
    await Promise.all([tx, outside]);
    expect(order).toEqual(['tx', 'outside']);
    await client.close();
  });
});

describe('choosing the database', () => {
  it('uses PostgreSQL when DATABASE_URL is set, SQLite otherwise, and never shows the password', () => {
    expect(databaseLabel({ env: { MLSEC_DATA_DIR: '/data' } })).toBe('SQLite /data/mlsec.db');
    expect(databaseLabel({ env: { DATABASE_URL: 'postgres://app:s3cret@db.internal:5432/mlsec' } })).toBe('PostgreSQL postgres://app:***@db.internal:5432/mlsec');
    expect(databaseLabel({ file: '/x.db', env: { DATABASE_URL: 'postgres://h/db' } })).toBe('SQLite /x.db');
    // A password with unencoded / or @ in it is hidden whole; URLs without one are shown as they are.
    expect(databaseLabel({ env: { DATABASE_URL: 'postgresql://app:p/a@ss@db:5432/mlsec' } })).toBe('PostgreSQL postgresql://app:***@db:5432/mlsec');
    expect(databaseLabel({ env: { DATABASE_URL: 'postgresql://app@db:5432/mlsec' } })).toBe('PostgreSQL postgresql://app@db:5432/mlsec');
    expect(databaseLabel({ env: { DATABASE_URL: 'postgresql://db:5432/mlsec' } })).toBe('PostgreSQL postgresql://db:5432/mlsec');
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, naming it without the password', async () => {
    await expect(openDatabase({ env: { DATABASE_URL: 'mysql://root:hunter2@localhost/app' } })).rejects.toThrow(
      /DATABASE_URL must be a PostgreSQL URL starting with postgres:\/\/ or postgresql:\/\/ \(got "mysql:\/\/root:\*\*\*@localhost\/app"\)/,
    );
    await expect(openDatabase({ env: { DATABASE_URL: 'postgres://user:pw@host/db name' } })).rejects.toThrow(/not a valid PostgreSQL URL: "postgres:\/\/user:\*\*\*@host\/db name"/);
  });

  it('names DATABASE_URL (without the password) when the server cannot be reached', async () => {
    const error = await openDatabase({ env: { DATABASE_URL: 'postgresql://app:topsecret@127.0.0.1:1/mlsec' } }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Could not use the PostgreSQL database named by DATABASE_URL \(postgresql:\/\/app:\*\*\*@127\.0\.0\.1:1\/mlsec\): .*ECONNREFUSED/);
    expect((error as Error).message).not.toContain('topsecret');
  });
});

describeEachDatabase('migrations and transactions', (db, dialect) => {
  it('records every migration once in the ledger, and migrating again applies nothing', async () => {
    const rows = await db().all<{ id: number; name: string }>('SELECT id, name FROM schema_migrations ORDER BY id');
    expect(rows).toEqual(migrations.map((m) => ({ id: m.id, name: m.name })));
    expect(await migrate(db(), migrations)).toEqual({ applied: [], current: migrations.at(-1)!.id });
  });

  it('refuses a database written by a newer version, naming the unknown migration', async () => {
    const future: Migration[] = [...migrations, { id: 9001, name: 'from-the-future', sqlite: 'CREATE TABLE future (x INTEGER)' }];
    expect((await migrate(db(), future)).applied).toEqual([{ id: 9001, name: 'from-the-future' }]);
    const where = dialect === 'postgres' ? 'DATABASE_URL' : 'MLSEC_DATA_DIR';
    await expect(migrate(db(), migrations)).rejects.toThrow(new RegExp(`9001 \\(from-the-future\\).*newer version.*${where}`));
    await db().run('DELETE FROM schema_migrations WHERE id = 9001');
    await db().exec('DROP TABLE future');
  });

  it('rolls back a failing migration completely and names it', async () => {
    const broken: Migration[] = [...migrations, { id: 9002, name: 'half-done', sqlite: 'CREATE TABLE half (x INTEGER); CREATE TABLE half (y INTEGER);' }];
    await expect(migrate(db(), broken)).rejects.toThrow(/Migration 9002 \(half-done\) failed and was rolled back/);
    await expect(db().all('SELECT * FROM half')).rejects.toThrow(/half/);
    expect(await db().get('SELECT id FROM schema_migrations WHERE id = 9002')).toBeUndefined();
  });

  it('commits a transaction that resolves, rolls back one that throws, and refuses nesting', async () => {
    await db().exec('CREATE TABLE tx_probe (n INTEGER NOT NULL)');
    expect(await db().transaction(async (tx) => (await tx.run('INSERT INTO tx_probe (n) VALUES (?), (?)', [1, 2])).changes)).toBe(2);
    await expect(
      db().transaction(async (tx) => {
        await tx.run('INSERT INTO tx_probe (n) VALUES (?)', [3]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(db().transaction((tx) => tx.transaction(async () => 1))).rejects.toThrow(/Nested transactions are not supported/);
    expect((await db().all<{ n: number }>('SELECT n FROM tx_probe ORDER BY n')).map((r) => r.n)).toEqual([1, 2]);
  });

  it('runs concurrent read-modify-write transactions as if one after the other: no update is lost', async () => {
    await db().exec('CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
    await db().run('INSERT INTO counter (id, n) VALUES (1, 0)');
    const writers = 12;
    await Promise.all(
      Array.from({ length: writers }, () =>
        db().transaction(async (tx) => {
          const { n } = (await tx.get<{ n: number }>('SELECT n FROM counter WHERE id = 1'))!;
          await new Promise((r) => setTimeout(r, 2));
          await tx.run('UPDATE counter SET n = ? WHERE id = 1', [n + 1]);
        }),
      ),
    );
    expect(await db().get('SELECT n FROM counter WHERE id = 1')).toEqual({ n: writers });
  });

  it('returns counts and auto-increment ids as numbers, and round-trips text, nulls and bytes', async () => {
    await db().exec(dialect === 'postgres' ? 'CREATE TABLE kinds (id BIGSERIAL PRIMARY KEY, t TEXT, b BYTEA)' : 'CREATE TABLE kinds (id INTEGER PRIMARY KEY AUTOINCREMENT, t TEXT, b BLOB)');
    await db().run('INSERT INTO kinds (t, b) VALUES (?, ?), (?, ?)', ["it's ? 'quoted'", new Uint8Array([0, 1, 255]), null, null]);
    const rows = await db().all<{ id: number; t: string | null; b: Uint8Array | null }>('SELECT id, t, b FROM kinds ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
    expect(rows[0]!.t).toBe("it's ? 'quoted'");
    expect([...rows[0]!.b!]).toEqual([0, 1, 255]);
    expect(rows[1]).toMatchObject({ t: null, b: null });
    expect(await db().get('SELECT COUNT(*) AS n, MAX(id) AS top FROM kinds WHERE t = ? OR t IS NULL', ["it's ? 'quoted'"])).toEqual({ n: 2, top: 2 });
  });

  it('reports how many rows a statement changed', async () => {
    await db().exec('CREATE TABLE changes_probe (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
    expect(await db().run('INSERT INTO changes_probe (k, v) VALUES (?, ?), (?, ?), (?, ?)', ['a', 1, 'b', 1, 'c', 2])).toEqual({ changes: 3 });
    expect(await db().run('UPDATE changes_probe SET v = v + 1 WHERE v = ?', [1])).toEqual({ changes: 2 });
    expect(await db().run('INSERT INTO changes_probe (k, v) VALUES (?, ?) ON CONFLICT (k) DO NOTHING', ['a', 9])).toEqual({ changes: 0 });
    expect(await db().run('INSERT INTO changes_probe (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v', ['a', 9])).toEqual({ changes: 1 });
    expect(await db().run('DELETE FROM changes_probe WHERE k = ?', ['nope'])).toEqual({ changes: 0 });
  });
});
