import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AsyncMutex } from './async-mutex';
import { retryWhileLocked } from './lock-retry';
import type { ExecuteOptions, ReadStore, SqlRunner } from './read-store.port';
import { checkpointOnThread, type WalCheckpointer } from './wal-checkpointer';

export interface SqliteReadStoreOptions {
  /**
   * How long a statement keeps retrying while another process holds read.db's write lock, then
   * fails with SQLITE_BUSY (the API answers 503, the projection runner tries again later).
   */
  lockBudgetMs?: number;
  /**
   * Checkpoint the WAL on a thread of its own (see WalCheckpointer) instead of in whichever commit
   * takes it past a thousand pages: for the API, whose event loop serves requests.
   */
  checkpointOnThread?: boolean;
}

/** Long enough for another process's commit or checkpoint, short enough for a client to be told to come back. */
const DEFAULT_LOCK_BUDGET_MS = 2_000;

/**
 * The embedded read store: a sibling file of the event store. One connection writes; a mutex keeps
 * an async transaction from interleaving with other statements on it. A second connection serves
 * `read`: WAL lets it see the last commit while a transaction is open on the first, so a request
 * never waits for a projection batch that spans several turns of the event loop.
 *
 * Never waits for a lock synchronously (busy_timeout 0): a write that finds read.db locked by
 * another process retries asynchronously (lock-retry.ts) with the mutex released, so the event
 * loop, reads (WAL lets them read beside a writer) and /health keep answering meanwhile.
 */
export class SqliteReadStore implements ReadStore {
  readonly dialect = 'sqlite' as const;
  private readonly mutex = new AsyncMutex();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly readerStatements = new Map<string, Database.Statement>();
  private readonly direct: SqlRunner;
  private readonly lockRetry: { budgetMs: number; what: string };
  private readonly checkpointer: WalCheckpointer | null = null;

  private constructor(
    private readonly db: Database.Database,
    /** null for an in-memory database, which a second connection would not share */
    private readonly reader: Database.Database | null,
    options: SqliteReadStoreOptions,
  ) {
    this.lockRetry = { budgetMs: options.lockBudgetMs ?? DEFAULT_LOCK_BUDGET_MS, what: `the read store (${db.name})` };
    if (options.checkpointOnThread && !db.memory) this.checkpointer = checkpointOnThread(db);
    this.direct = {
      // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
      query: async <T>(sql: string, params: unknown[] = []) => this.prepare(sql).all(...params) as T[],
      // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
      execute: async (sql: string, params: unknown[] = []) => this.prepare(sql).run(...params).changes,
    };
  }

  static open(file: string, options: SqliteReadStoreOptions = {}): SqliteReadStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    let reader: Database.Database | null = null;
    try {
      // At start-up nothing is served yet, so waiting synchronously for another process's lock is harmless.
      db.pragma('busy_timeout = 10000');
      db.pragma('journal_mode = WAL');
      // The read store can always be rebuilt from the log, but a torn checkpoint would count events twice.
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 0');
      if (file !== ':memory:') {
        reader = new Database(file);
        reader.pragma('busy_timeout = 0');
        reader.pragma('query_only = ON');
      }
    } catch (error) {
      reader?.close();
      db.close();
      throw error;
    }
    return new SqliteReadStore(db, reader, options);
  }

  private prepare(sql: string, on = this.db, statements = this.statements): Database.Statement {
    let statement = statements.get(sql);
    if (!statement) {
      statement = on.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  }

  /** One statement on its own: a lock it meets is waited out with the connection free for others. */
  private alone<T>(statement: () => Promise<T>, budgetMs = this.lockRetry.budgetMs): Promise<T> {
    return retryWhileLocked(() => this.mutex.run(statement), { ...this.lockRetry, budgetMs });
  }

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.alone(() => this.direct.query<T>(sql, params));
  }

  read<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const reader = this.reader;
    if (!reader) return this.query<T>(sql, params);
    // Synchronous and alone on its connection, so no mutex; a lock (a checkpoint restarting the WAL) is waited out as for the writer.
    // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
    return retryWhileLocked(async () => this.prepare(sql, reader, this.readerStatements).all(...params) as T[], this.lockRetry);
  }

  execute(sql: string, params?: unknown[], options: ExecuteOptions = {}): Promise<number> {
    return this.alone(() => this.direct.execute(sql, params), options.lockBudgetMs);
  }

  async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    // Only BEGIN is retried: once it holds the write lock nothing in fn waits for another process,
    // and fn (a projection batch, a saga's dispatch) must not run twice. So fn's own failure comes
    // back as a value, past the retry.
    const outcome = await this.alone(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await fn(this.direct);
        this.db.exec('COMMIT');
        return { ok: true as const, value };
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        return { ok: false as const, error };
      }
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** DDL with several statements (schema creation). */
  async exec(sql: string): Promise<void> {
    // mutex.run calls its function within its own try, so a synchronous throw still rejects.
    await this.alone(() => {
      this.db.exec(sql);
      return Promise.resolve();
    });
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    await this.mutex.run(() => {
      if (this.reader?.open) this.reader.close();
      if (this.db.open) this.db.close();
      return Promise.resolve();
    });
  }
}
