/** Something SQL can be run against: the read store itself, or one of its transactions. */
export interface SqlRunner {
  /** Rows of a query; placeholders are `?` on every dialect. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A statement without rows; answers how many rows it changed. */
  execute(sql: string, params?: unknown[]): Promise<number>;
}

/**
 * The read side's database: projections' documents and checkpoints, idempotency records,
 * snapshots. Never the source of truth: everything in it can be rebuilt from the event store.
 */
export interface ReadStore extends SqlRunner {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs fn in one transaction: all of its writes land, or none. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
