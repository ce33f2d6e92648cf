/**
 * The storage test suite runs on both databases the product supports: `describeEachDatabase` runs
 * its body once against a fresh, migrated SQLite file and once against a fresh PostgreSQL schema.
 * Each call gets its own database (file or schema), so suites never see each other's rows; both
 * are removed afterwards.
 *
 * Where PostgreSQL comes from: `MLSEC_TEST_DATABASE_URL` if set (a database the tests may create
 * schemas in); otherwise a throwaway server started from the machine's PostgreSQL binaries once per
 * test run (test/support/postgres-cluster.ts); otherwise the PostgreSQL half is skipped with a
 * message — unless `MLSEC_REQUIRE_POSTGRES=1` (CI), which makes that an error.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type SqlClient, type SqlDialect } from '../../src/db/index.ts';
import { postgresBinDir, sharedCluster } from './postgres-cluster.ts';

export type DatabaseSuiteBody = (db: () => SqlClient, dialect: SqlDialect) => void;

export function describeEachDatabase(name: string, body: DatabaseSuiteBody): void {
  describe(`${name} [SQLite]`, () => {
    let dir: string | undefined;
    let db: SqlClient | undefined;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'mlsec-suite-'));
      db = await openDatabase({ file: join(dir, 'mlsec.db') });
    });
    afterAll(async () => {
      await db?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
    body(() => opened(db), 'sqlite');
  });

  describePostgres(`${name} [PostgreSQL]`, () => {
    let schema: TestSchema | undefined;
    let db: SqlClient | undefined;
    beforeAll(async () => {
      schema = await createTestSchema();
      db = await openDatabase({ url: schema.url });
    });
    afterAll(async () => {
      await db?.close();
      await schema?.drop();
    });
    body(() => opened(db), 'postgres');
  });
}

/**
 * A suite that needs PostgreSQL (e.g. several app instances on one database). Without PostgreSQL it
 * is skipped with a message, or fails when MLSEC_REQUIRE_POSTGRES=1.
 */
export function describePostgres(name: string, body: () => void): void {
  const availability = postgresAvailability();
  if (availability.available) return void describe(name, body);
  if (process.env.MLSEC_REQUIRE_POSTGRES === '1') throw new Error(`${name}: MLSEC_REQUIRE_POSTGRES=1 but ${availability.reason}`);
  const reason = `skipped: ${availability.reason}`;
  console.warn(`[storage suite] ${name} ${reason}`);
  describe.skip(`${name} (${reason})`, body);
}

function opened(db: SqlClient | undefined): SqlClient {
  if (!db) throw new Error('The suite database opens in beforeAll: call db() inside tests and hooks, not while declaring them.');
  return db;
}

export type PostgresAvailability = { available: true; source: 'MLSEC_TEST_DATABASE_URL' | 'local-binaries'; binDir?: string } | { available: false; reason: string };

/** Whether the tests can have a PostgreSQL database, and from where. */
export function postgresAvailability(): PostgresAvailability {
  if (process.env.MLSEC_TEST_DATABASE_URL) return { available: true, source: 'MLSEC_TEST_DATABASE_URL' };
  const binDir = postgresBinDir();
  if (binDir) return { available: true, source: 'local-binaries', binDir };
  return {
    available: false,
    reason: 'no PostgreSQL server binaries (initdb, pg_ctl, postgres) were found and MLSEC_TEST_DATABASE_URL is not set. Install them (Debian: apt-get install postgresql) or point MLSEC_TEST_DATABASE_URL at a database.',
  };
}

/** A connection URL (superuser of the throwaway server, or MLSEC_TEST_DATABASE_URL) for the test run. */
export async function postgresAdminUrl(): Promise<string> {
  const availability = postgresAvailability();
  if (!availability.available) throw new Error(availability.reason);
  if (availability.source === 'MLSEC_TEST_DATABASE_URL') return process.env.MLSEC_TEST_DATABASE_URL!;
  return (await sharedCluster(availability.binDir!)).url;
}

export interface TestSchema {
  /** A DATABASE_URL whose connections work in this schema only (search_path). */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new, empty schema and a URL that uses it; `drop()` removes it with everything in it. */
export async function createTestSchema(): Promise<TestSchema> {
  const admin = await postgresAdminUrl();
  const name = `mlsec_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(admin, (client) => client.query(`CREATE SCHEMA ${name}`));
  const url = `${admin}${admin.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${name}`)}`;
  return { url, name, drop: async () => void (await withAdmin(admin, (client) => client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`))) };
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
