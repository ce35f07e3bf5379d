import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AsyncMutex } from './async-mutex';
import type { ReadStore, SqlRunner } from './read-store.port';

/**
 * The embedded read store: a sibling file of the event store. One connection; a mutex keeps an
 * async transaction from interleaving with other statements on it.
 */
export class SqliteReadStore implements ReadStore {
  readonly dialect = 'sqlite' as const;
  private readonly mutex = new AsyncMutex();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly direct: SqlRunner;

  private constructor(private readonly db: Database.Database) {
    this.direct = {
      query: async <T>(sql: string, params: unknown[] = []) => this.prepare(sql).all(...params) as T[],
      execute: async (sql: string, params: unknown[] = []) => this.prepare(sql).run(...params).changes,
    };
  }

  static open(file: string): SqliteReadStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // The read store can always be rebuilt from the log, but a torn checkpoint would count events twice.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 10000');
    return new SqliteReadStore(db);
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.mutex.run(() => this.direct.query<T>(sql, params));
  }

  execute(sql: string, params?: unknown[]): Promise<number> {
    return this.mutex.run(() => this.direct.execute(sql, params));
  }

  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** DDL with several statements (schema creation). */
  async exec(sql: string): Promise<void> {
    await this.mutex.run(async () => this.db.exec(sql));
  }

  async close(): Promise<void> {
    await this.mutex.run(async () => {
      if (this.db.open) this.db.close();
    });
  }
}
