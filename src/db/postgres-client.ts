import pg from 'pg';
import { numberPlaceholders } from './placeholders.ts';
import type { SqlClient, SqlValue } from './sql-client.ts';

/**
 * `SqlClient` on PostgreSQL through the `pg` package (pure JavaScript). Used when `DATABASE_URL` is
 * set, so several app instances share one database.
 *
 * - Statements keep the stores' `?` placeholders; they are numbered here (src/db/placeholders.ts).
 * - BIGINT (e.g. `COUNT(*)`, BIGSERIAL ids) comes back as a number while it is a safe integer, as
 *   SQLite gives it; NUMERIC too where it fits a double. Larger values stay exact (bigint/string).
 * - Transactions run on one pooled connection at SERIALIZABLE isolation: other work is not blocked
 *   (unlike SQLite's single writer), and a transaction that conflicts with a concurrent one is rolled
 *   back and run again, so the outcome is the same as if they had run one after the other. Their
 *   bodies must therefore be database work only (they may run more than once).
 */
export interface PostgresOptions {
  /** Connections in the pool (default 10, or MLSEC_DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** How often a transaction that lost a serialization conflict is tried again (default 8). */
  maxAttempts?: number;
}

const INT8 = 20;
const NUMERIC = 1700;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) {
      return (value: string) => {
        const n = Number(value);
        return Number.isSafeInteger(n) ? n : BigInt(value);
      };
    }
    if (oid === NUMERIC) {
      return (value: string) => {
        const n = Number(value);
        return Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : value;
      };
    }
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** Shows a URL without its password (everything between `user:` and the last `@`, so an unencoded `/` or `@` in it does not leak a part). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*):.*@(?=[^@]*$)/i, '$1:***@');
}

/** Checks that `url` can be a PostgreSQL connection URL; the error names DATABASE_URL and what to do. */
export function validatePostgresUrl(url: string): void {
  const shown = redactUrl(url);
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error(`DATABASE_URL must be a PostgreSQL URL starting with postgres:// or postgresql:// (got "${shown}"). Unset DATABASE_URL to use the SQLite file under MLSEC_DATA_DIR.`);
  }
  // pg accepts host-less URLs for unix sockets (postgresql://user@/db?host=/run/postgresql).
  if (/\s/.test(url) || !/^postgres(ql)?:\/\/[^/?#]*(\/[^/?#]*)?(\?.*)?$/i.test(url)) {
    throw new Error(`DATABASE_URL is not a valid PostgreSQL URL: "${shown}". Expected postgresql://user:password@host:5432/database.`);
  }
}

const connectionCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT', 'EACCES', '28P01', '28000', '3D000', '57P03']);

function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e?.code && connectionCodes.has(e.code)) return true;
  return /timeout exceeded when trying to connect|Connection terminated unexpectedly|connect ECONN/i.test(e?.message ?? '');
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '40001' || code === '40P01';
}

function toParam(value: SqlValue): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

const translations = new Map<string, ReturnType<typeof numberPlaceholders>>();
function translate(sql: string, params: readonly SqlValue[]): { text: string; values: unknown[] } {
  let translated = translations.get(sql);
  if (!translated) {
    translated = numberPlaceholders(sql);
    if (translations.size >= 1000) translations.delete(translations.keys().next().value!);
    translations.set(sql, translated);
  }
  if (translated.count !== params.length) {
    throw new Error(`The statement has ${translated.count} placeholder(s) but ${params.length} value(s) were given: ${sql.slice(0, 200)}`);
  }
  return { text: translated.text, values: params.map(toParam) };
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export function openPostgres(url: string, options: PostgresOptions = {}, env: NodeJS.ProcessEnv = process.env): SqlClient {
  validatePostgresUrl(url);
  const poolSize = options.poolSize ?? (Number(env.MLSEC_DATABASE_POOL_SIZE) || 10);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types,
    application_name: 'mlsec-sim',
    connectionTimeoutMillis: 15_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection that breaks (server restart) must not crash the process; the next query reconnects.
  pool.on('error', (error) => console.error(`PostgreSQL (${redactUrl(url)}): an idle connection failed: ${error.message}`));
  return new PostgresClient(pool, url, options.maxAttempts ?? 8);
}

class PostgresClient implements SqlClient {
  readonly dialect = 'postgres' as const;
  #pool: pg.Pool;
  #url: string;
  #maxAttempts: number;
  #closed = false;

  constructor(pool: pg.Pool, url: string, maxAttempts: number) {
    this.#pool = pool;
    this.#url = url;
    this.#maxAttempts = maxAttempts;
  }

  all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.#guard(async () => (await this.#query(this.#pool, sql, params)).rows as T[]);
  }

  get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.#guard(async () => (await this.#query(this.#pool, sql, params)).rows[0] as T | undefined);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return this.#guard(async () => ({ changes: (await this.#query(this.#pool, sql, params)).rowCount ?? 0 }));
  }

  exec(sql: string): Promise<void> {
    // No parameters: the simple query protocol, which takes several statements at once.
    return this.#guard(async () => void (await this.#pool.query(sql)));
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const connection = await this.#guard(() => this.#pool.connect());
      let ended = false;
      let broken: Error | undefined;
      try {
        await connection.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const result = await fn(this.#transactionView(connection, () => ended));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await connection.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        if (isRetryable(error) && attempt < this.#maxAttempts && !broken) {
          // Let the transaction we conflicted with finish; jitter so retries do not collide again.
          await new Promise((r) => setTimeout(r, Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random())));
          continue;
        }
        if (isConnectionError(error)) throw this.#connectionError(error);
        throw error;
      } finally {
        ended = true;
        connection.release(broken);
      }
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  #query(on: Queryable, sql: string, params: readonly SqlValue[]) {
    const { text, values } = translate(sql, params);
    return on.query({ text, values });
  }

  async #guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new Error('The database connection is closed.');
    try {
      return await work();
    } catch (error) {
      throw isConnectionError(error) ? this.#connectionError(error) : error;
    }
  }

  #connectionError(error: unknown): Error {
    const e = error as Error & { code?: string };
    return new Error(
      `Could not use the PostgreSQL database named by DATABASE_URL (${redactUrl(this.#url)}): ${e.message || e.code}. Check that the server is running and that the URL's host, port, user, password and database are right — or unset DATABASE_URL to use the SQLite file under MLSEC_DATA_DIR.`,
      { cause: error },
    );
  }

  /** The client a transaction's body gets: its own connection; unusable once the transaction ended. */
  #transactionView(connection: pg.PoolClient, ended: () => boolean): SqlClient {
    const on = async <R>(work: () => Promise<R>) => {
      if (ended()) throw new Error('This transaction has already ended; use the database client outside of it.');
      return work();
    };
    return {
      dialect: 'postgres',
      all: <T>(sql: string, params: readonly SqlValue[] = []) => on(async () => (await this.#query(connection, sql, params)).rows as T[]),
      get: <T>(sql: string, params: readonly SqlValue[] = []) => on(async () => (await this.#query(connection, sql, params)).rows[0] as T | undefined),
      run: (sql, params = []) => on(async () => ({ changes: (await this.#query(connection, sql, params)).rowCount ?? 0 })),
      exec: (sql) => on(async () => void (await connection.query(sql))),
      transaction: () => Promise.reject(new Error('Nested transactions are not supported; do the work in the outer transaction.')),
      close: () => Promise.reject(new Error('Close the database outside the transaction.')),
    };
  }
}
