/**
 * The product's database: SQLite in a file under `MLSEC_DATA_DIR` by default. Stores depend only on
 * `SqlClient`, so a PostgreSQL client can be added behind the same interface.
 */
import { join, resolve } from 'node:path';
import { migrate } from './migrations.ts';
import { migrations } from './migrations/index.ts';
import type { SqlClient } from './sql-client.ts';
import { openSqlite } from './sqlite-client.ts';

export type { SqlClient, SqlValue, SqlDialect } from './sql-client.ts';
export { migrate, type Migration } from './migrations.ts';
export { openSqlite } from './sqlite-client.ts';

/** `MLSEC_DATA_DIR`, or `.mlsec/` in the directory the command runs from (the project root under `npm run`). */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.MLSEC_DATA_DIR || join(process.cwd(), '.mlsec'));
}

/** Opens (creating if needed) the product database file and brings its schema up to date. */
export async function openDatabase(options: { file?: string; env?: NodeJS.ProcessEnv } = {}): Promise<SqlClient> {
  const file = options.file ?? join(dataDir(options.env), 'mlsec.db');
  const client = openSqlite(file);
  try {
    await migrate(client, migrations);
  } catch (error) {
    await client.close();
    throw error;
  }
  return client;
}
