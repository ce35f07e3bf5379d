/** Something SQL can be run against: the read store itself, or one of its transactions. */
export interface SqlRunner {
  /** Rows of a query; placeholders are `?` on every dialect. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A statement without rows; answers how many rows it changed. */
  execute(sql: string, params?: unknown[], options?: ExecuteOptions): Promise<number>;
}

export interface ExecuteOptions {
  /**
   * How long to keep retrying while another process holds the lock the write needs (SQLite), instead
   * of the store's default. 0: one try, for writes that are only worth doing when they cost nothing
   * (a snapshot a read leaves behind).
   */
  lockBudgetMs?: number;
}

/**
 * The read side's database: projections' documents and checkpoints, idempotency records,
 * snapshots. Never the source of truth: everything in it can be rebuilt from the event store.
 */
export interface ReadStore extends SqlRunner {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs fn in one transaction: all of its writes land, or none. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * A query that sees what is committed and never waits for a transaction in progress: what
   * requests read. One statement is one snapshot. (SQLite: a connection of its own beside the one
   * that writes; a projection batch's transaction may span several turns of the event loop.)
   */
  read<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}
