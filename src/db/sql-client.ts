/**
 * The one interface the product's stores talk to. It is asynchronous and uses `?` placeholders so
 * the same store code can run on the embedded SQLite (default) and, later, on PostgreSQL for
 * multi-instance deployments (a PostgreSQL client would translate `?` to `$1…` and implement the
 * same five methods). Stores must stick to SQL both dialects understand; where they cannot, a
 * migration carries one text per dialect.
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
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Other
   * callers of this client wait until it ends, so nothing interleaves with it.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
