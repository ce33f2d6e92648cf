/**
 * The one interface the product's stores talk to. It is asynchronous and uses `?` placeholders so
 * the same store code runs on the embedded SQLite (default, src/db/sqlite-client.ts) and on
 * PostgreSQL for multi-instance deployments (src/db/postgres-client.ts, which numbers the
 * placeholders). Stores must stick to SQL both dialects understand; where they cannot, a migration
 * carries one text per dialect. Column aliases should be lower-case snake_case: PostgreSQL folds
 * unquoted names to lower case.
 */

export type SqlValue = string | number | bigint | null | Uint8Array;

export type SqlDialect = 'sqlite' | 'postgres';

export interface SqlClient {
  readonly dialect: SqlDialect;
  /** Every row the query returns. */
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** A statement that changes rows; reports how many. */
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Several statements without parameters (DDL in migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. The
   * outcome is as if transactions ran one after the other: SQLite makes other callers of this
   * client wait until it ends; PostgreSQL runs it at SERIALIZABLE isolation and runs `fn` again when
   * it conflicted with a concurrent transaction — so `fn` must only do database work (no calls to
   * AWS, no messages), and may run more than once.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
