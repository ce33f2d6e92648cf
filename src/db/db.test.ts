import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, openSqlite, type Migration } from './index.ts';
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

describe('database', () => {
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

  it('refuses a database written by a newer version, naming the unknown migration', async () => {
    const file = tempFile();
    const client = openSqlite(file);
    const future: Migration[] = [...migrations, { id: 9001, name: 'from-the-future', sqlite: 'CREATE TABLE future (x INTEGER)' }];
    await migrate(client, future);
    await expect(migrate(client, migrations)).rejects.toThrow(/9001 \(from-the-future\).*newer version/);
    await client.close();
  });

  it('rolls back a failing migration completely and names it', async () => {
    const client = openSqlite(tempFile());
    const broken: Migration[] = [{ id: 1, name: 'half-done', sqlite: 'CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);' }];
    await expect(migrate(client, broken)).rejects.toThrow(/Migration 1 \(half-done\) failed and was rolled back/);
    expect(await client.get("SELECT name FROM sqlite_master WHERE name = 'a'")).toBeUndefined();
    expect(await client.all('SELECT * FROM schema_migrations')).toEqual([]);
    await client.close();
  });

  it('rejects migration lists out of order', async () => {
    const client = openSqlite(':memory:');
    await expect(migrate(client, [{ id: 2, name: 'b', sqlite: '' }, { id: 1, name: 'a', sqlite: '' }])).rejects.toThrow(/increasing/);
    await client.close();
  });

  it('serialises transactions: other work waits, a throwing body rolls back', async () => {
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
    await expect(
      client.transaction(async (t) => {
        await t.run('INSERT INTO t VALUES (3)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await client.all<{ n: number }>('SELECT n FROM t ORDER BY n')).map((r) => r.n)).toEqual([1, 2]);
    await client.close();
  });
});
