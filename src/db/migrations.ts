import type { SqlClient, SqlDialect } from './sql-client.ts';

/**
 * A numbered, forward-only schema change. Ids are unique and increasing; a migration is never edited
 * once it has shipped — add a new one instead. `postgres` is needed only where the SQLite text is not
 * valid PostgreSQL.
 */
export interface Migration {
  id: number;
  /** kebab-case description, e.g. `lab-sessions`. */
  name: string;
  sqlite: string;
  postgres?: string;
}

export interface MigrationReport {
  applied: { id: number; name: string }[];
  current: number;
}

const ledger = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/**
 * Applies every migration not yet recorded, each in its own transaction, in id order. Refuses a
 * database that has migrations this code does not know (it was written by a newer version), and
 * migration lists that are out of order or reuse an id — both would corrupt data silently.
 *
 * On PostgreSQL several app instances may start at once against one database: each migration's
 * transaction first takes a transaction-scoped advisory lock and checks the ledger again, so exactly
 * one instance applies it and the others see it done. (SQLite's BEGIN IMMEDIATE already serialises.)
 */
export async function migrate(client: SqlClient, migrations: readonly Migration[]): Promise<MigrationReport> {
  validateMigrationList(migrations);
  await client.transaction(async (tx) => {
    await lockMigrations(tx);
    await tx.exec(ledger);
  });
  const done = await client.all<{ id: number; name: string }>('SELECT id, name FROM schema_migrations ORDER BY id');
  const known = new Map(migrations.map((m) => [m.id, m]));
  const unknown = done.filter((row) => !known.has(Number(row.id)));
  if (unknown.length > 0) {
    const list = unknown.map((r) => `${r.id} (${r.name})`).join(', ');
    const where = client.dialect === 'postgres' ? 'point DATABASE_URL at another database' : 'point MLSEC_DATA_DIR at another directory';
    throw new Error(`The database has migrations this version of mlsec-sim does not know: ${list}. It was created by a newer version; upgrade mlsec-sim or ${where}.`);
  }
  const doneIds = new Set(done.map((r) => Number(r.id)));
  const applied: MigrationReport['applied'] = [];
  for (const migration of migrations) {
    if (doneIds.has(migration.id)) continue;
    const sql = sqlFor(migration, client.dialect);
    let appliedHere = false;
    try {
      await client.transaction(async (tx) => {
        await lockMigrations(tx);
        // Another instance may have applied it while we waited for the lock.
        if (await tx.get('SELECT id FROM schema_migrations WHERE id = ?', [migration.id])) return;
        await tx.exec(sql);
        await tx.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)', [migration.id, migration.name, new Date().toISOString()]);
        appliedHere = true;
      });
    } catch (error) {
      throw new Error(`Migration ${migration.id} (${migration.name}) failed and was rolled back: ${(error as Error).message}`);
    }
    if (appliedHere) applied.push({ id: migration.id, name: migration.name });
  }
  return { applied, current: migrations.at(-1)?.id ?? 0 };
}

/** Arbitrary, fixed: the advisory lock key every mlsec-sim instance takes to migrate. */
const migrationLockKey = 7_365_001;

async function lockMigrations(tx: SqlClient): Promise<void> {
  if (tx.dialect !== 'postgres') return;
  // Read committed, so the ledger read after the lock sees what the previous holder committed
  // (a serializable snapshot would be taken before the wait). Must precede any query.
  await tx.exec('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
  await tx.get('SELECT pg_advisory_xact_lock(?)', [migrationLockKey]);
}

function sqlFor(migration: Migration, dialect: SqlDialect): string {
  if (dialect === 'postgres') return migration.postgres ?? migration.sqlite;
  return migration.sqlite;
}

export function validateMigrationList(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.id) || m.id <= previous) {
      throw new Error(`Migration ids must be increasing integers: ${m.id} (${m.name}) comes after ${previous}.`);
    }
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(m.name)) throw new Error(`Migration ${m.id} needs a kebab-case name, got "${m.name}".`);
    previous = m.id;
  }
}
