/**
 * The product's database: SQLite in a file under `MLSEC_DATA_DIR` by default; PostgreSQL when
 * `DATABASE_URL` is set, so several app instances share one state. Stores depend only on `SqlClient`.
 */
import { join, resolve } from 'node:path';
import { migrate } from './migrations.ts';
import { migrations } from './migrations/index.ts';
import type { SqlClient } from './sql-client.ts';
import { openSqlite } from './sqlite-client.ts';
import { openPostgres, redactUrl } from './postgres-client.ts';

export type { SqlClient, SqlValue, SqlDialect } from './sql-client.ts';
export { migrate, type Migration } from './migrations.ts';
export { openSqlite } from './sqlite-client.ts';
export { openPostgres, redactUrl, validatePostgresUrl } from './postgres-client.ts';

/** `MLSEC_DATA_DIR`, or `.mlsec/` in the directory the command runs from (the project root under `npm run`). */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.MLSEC_DATA_DIR || join(process.cwd(), '.mlsec'));
}

export interface OpenDatabaseOptions {
  /** A SQLite file (wins over everything else). */
  file?: string;
  /** A PostgreSQL URL (wins over DATABASE_URL). */
  url?: string;
  env?: NodeJS.ProcessEnv;
}

/** Which database `openDatabase` would open, for logs: never shows a password. */
export function databaseLabel(options: OpenDatabaseOptions = {}): string {
  const url = postgresUrl(options);
  return url ? `PostgreSQL ${redactUrl(url)}` : `SQLite ${options.file ?? join(dataDir(options.env), 'mlsec.db')}`;
}

function postgresUrl(options: OpenDatabaseOptions): string | undefined {
  if (options.file) return undefined;
  return options.url ?? ((options.env ?? process.env).DATABASE_URL?.trim() || undefined);
}

/**
 * Opens the product database — PostgreSQL when `DATABASE_URL` (or `url`) is set, otherwise the SQLite
 * file (created if needed) — and brings its schema up to date.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<SqlClient> {
  const url = postgresUrl(options);
  const client = url ? openPostgres(url, {}, options.env ?? process.env) : openSqlite(options.file ?? join(dataDir(options.env), 'mlsec.db'));
  try {
    await migrate(client, migrations);
  } catch (error) {
    await client.close();
    throw error;
  }
  return client;
}
