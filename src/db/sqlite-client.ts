import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { SqlClient, SqlValue } from './sql-client.ts';

/**
 * `SqlClient` on `node:sqlite`. The file is opened in WAL mode (readers never block the writer, and
 * a crash loses at most the transaction in flight), with foreign keys on and a busy timeout so two
 * processes sharing the file (the web server and the `lab` CLI) wait for each other instead of failing.
 */
export function openSqlite(file: string): SqlClient {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file);
  } catch (error) {
    throw new Error(`Could not open the database file ${file}: ${(error as Error).message}. Check that the directory is writable (set MLSEC_DATA_DIR to use another one).`);
  }
  db.exec('PRAGMA busy_timeout = 5000');
  if (file !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA synchronous = NORMAL');
  return new SqliteClient(db);
}

class SqliteClient implements SqlClient {
  readonly dialect = 'sqlite' as const;
  #db: DatabaseSync;
  /** Tail of the queue of work waiting for a transaction to end. */
  #lock: Promise<void> = Promise.resolve();
  /** Transactions running or queued; plain calls wait until there are none. */
  #pendingTransactions = 0;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    await this.#waitForTransaction();
    return this.#all<T>(sql, params);
  }

  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    await this.#waitForTransaction();
    return this.#all<T>(sql, params)[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    await this.#waitForTransaction();
    return this.#run(sql, params);
  }

  async exec(sql: string): Promise<void> {
    await this.#waitForTransaction();
    this.#db.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    const previous = this.#lock;
    let release!: () => void;
    this.#lock = new Promise<void>((resolve) => (release = resolve));
    this.#pendingTransactions++;
    await previous;
    const tx = this.#transactionView();
    try {
      this.#db.exec('BEGIN IMMEDIATE');
      const result = await fn(tx);
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    } finally {
      this.#pendingTransactions--;
      release();
    }
  }

  async close(): Promise<void> {
    await this.#waitForTransaction();
    if (this.#db.isOpen) this.#db.close();
  }

  async #waitForTransaction(): Promise<void> {
    // Calls made while a transaction is open wait for it, unless they come through its own view.
    while (this.#pendingTransactions > 0) await this.#lock;
  }

  #all<T>(sql: string, params: readonly SqlValue[]): T[] {
    return this.#db.prepare(sql).all(...(params as SqlValue[])) as T[];
  }

  #run(sql: string, params: readonly SqlValue[]): { changes: number } {
    const result = this.#db.prepare(sql).run(...(params as SqlValue[]));
    return { changes: Number(result.changes) };
  }

  /** The client handed to a transaction's body: same connection, no waiting on its own lock. */
  #transactionView(): SqlClient {
    return {
      dialect: 'sqlite',
      all: async <T>(sql: string, params: readonly SqlValue[] = []) => this.#all<T>(sql, params),
      get: async <T>(sql: string, params: readonly SqlValue[] = []) => this.#all<T>(sql, params)[0],
      run: async (sql, params = []) => this.#run(sql, params),
      exec: async (sql) => void this.#db.exec(sql),
      transaction: () => Promise.reject(new Error('Nested transactions are not supported; do the work in the outer transaction.')),
      close: () => Promise.reject(new Error('Close the database outside the transaction.')),
    };
  }
}
