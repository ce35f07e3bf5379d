import { Pool, type PoolClient } from 'pg';
import type { ReadStore, SqlRunner } from './read-store.port';

/** Any constant not used by another advisory lock in the same database. */
const DDL_LOCK_KEY = '7365020110010003';

/** `?` placeholders become `$1, $2, …` (none of our SQL has a literal question mark). */
const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

const runner = (client: Pool | PoolClient): SqlRunner => ({
  query: async <T>(sql: string, params: unknown[] = []) => (await client.query(numbered(sql), params)).rows as T[],
  execute: async (sql: string, params: unknown[] = []) => (await client.query(numbered(sql), params)).rowCount ?? 0,
});

/** The read store on PostgreSQL, shared by every API instance. */
export class PostgresReadStore implements ReadStore {
  readonly dialect = 'postgres' as const;
  private readonly direct: SqlRunner;

  private constructor(private readonly pool: Pool) {
    this.direct = runner(pool);
  }

  static async open(databaseUrl: string): Promise<PostgresReadStore> {
    const pool = new Pool({
      connectionString: databaseUrl,
      max: 10,
      // A request waits at most this long for a connection, then fails (and /health says so) instead of hanging.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      // A row or table another session keeps locked fails the statement (55P03, answered 503) after
      // this long, instead of holding the request, and the connection it took, until that session ends.
      lock_timeout: 2_000,
      application_name: 'regie-read-store',
    });
    // An idle client whose server connection drops (a PostgreSQL restart, pg_terminate_backend) emits
    // 'error' on the pool; unhandled, that would crash the process. The next query gets a new connection.
    pool.on('error', () => undefined);
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresReadStore(pool);
  }

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.direct.query<T>(sql, params);
  }

  /** The pool's statements already run beside transactions in progress on other connections. */
  read<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.direct.query<T>(sql, params);
  }

  execute(sql: string, params?: unknown[]): Promise<number> {
    return this.direct.execute(sql, params);
  }

  async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client has no listener of the pool's: a connection lost mid-transaction would
    // emit an unhandled 'error' and crash the process. The failing query rejects anyway.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn(runner(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.removeListener('error', onError);
      // A client whose connection was lost must not go back to the pool.
      client.release(lost);
    }
  }

  /** DDL, serialised across instances: CREATE … IF NOT EXISTS races on PostgreSQL's catalogue otherwise. */
  async exec(sql: string): Promise<void> {
    await this.transaction(async (tx) => {
      // Start-up only: instances starting together wait for each other's DDL, however long it takes.
      await tx.execute('SET LOCAL lock_timeout = 0');
      await tx.execute(`SELECT pg_advisory_xact_lock(${DDL_LOCK_KEY})`);
      await tx.execute(sql);
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
