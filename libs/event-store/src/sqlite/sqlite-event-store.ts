import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { catchUpSubscription } from '../catch-up-subscription';
import type {
  AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadStreamOptions, StoredEvent,
  SubscribeOptions, Subscription,
} from '../event-store.port';
import { checkExpectedRevision } from '../expected-revision';
import { chainEvents } from '../hash-chain';
import { retriedAppendResult } from '../retried-append';
import { WakeSignal } from '../wake-signal';

interface EventRow {
  position: number;
  event_id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id    TEXT    NOT NULL UNIQUE,
  stream      TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  hash        TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream, revision)
);`;

const toStored = (row: EventRow): StoredEvent => ({
  id: row.event_id,
  stream: row.stream,
  revision: row.revision,
  position: row.position,
  type: row.type,
  data: JSON.parse(row.data),
  metadata: JSON.parse(row.metadata),
  recordedAt: row.recorded_at,
});

type AppendFn = (stream: string, events: EventToAppend[], expected: ExpectedRevision) => AppendResult;
type RetryFn = (stream: string, events: EventToAppend[], expected: ExpectedRevision) => AppendResult | null;

/** What the adapter's connection runs with; journal mode and synchronous level are what make an acknowledged append durable. */
export interface SqliteDurability {
  journalMode: string;
  /** 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA */
  synchronous: number;
}

/**
 * The embedded default. One writer at a time (BEGIN IMMEDIATE), so positions are handed out in
 * commit order and a reader never sees position n+1 before n. WAL + synchronous=FULL: a commit is
 * on disk before append() resolves.
 */
export class SqliteEventStore implements EventStore {
  readonly name = 'sqlite';
  private readonly wake = new WakeSignal();
  private readonly statements;
  private readonly appendTx: Database.Transaction<AppendFn>;
  /** Reads the stream's head and the ids' places in one snapshot. */
  private readonly retryTx: Database.Transaction<RetryFn>;

  private constructor(private readonly db: Database.Database, private readonly pollMs: number) {
    this.statements = {
      head: db.prepare<[string], { revision: number; hash: string }>(
        'SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1'),
      byId: db.prepare<[string], { stream: string; revision: number; position: number }>(
        'SELECT stream, revision, position FROM events WHERE event_id = ?'),
      insert: db.prepare(
        `INSERT INTO events (event_id, stream, revision, type, data, metadata, hash, recorded_at)
         VALUES (@id, @stream, @revision, @type, @data, @metadata, @hash, @recordedAt)`),
      readStream: db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream = ? AND revision >= ? AND revision <= ? ORDER BY revision'),
      readAll: db.prepare<[number, number], EventRow>(
        'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      lastPosition: db.prepare<[], { p: number | null }>('SELECT MAX(position) AS p FROM events'),
      streams: db.prepare<[], { stream: string; revision: number }>(
        'SELECT stream, MAX(revision) AS revision FROM events GROUP BY stream ORDER BY stream'),
    };
    this.appendTx = db.transaction<AppendFn>((stream, events, expected) =>
      this.appendInTransaction(stream, events, expected));
    this.retryTx = db.transaction<RetryFn>((stream, events, expected) => this.alreadyAppended(stream, events, expected));
  }

  /** `file` is a path, or ':memory:' for tests. */
  static open(file: string, options: { pollMs?: number } = {}): SqliteEventStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 10000');
    db.exec(SCHEMA);
    return new SqliteEventStore(db, options.pollMs ?? 50);
  }

  async append(stream: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    let result: AppendResult;
    try {
      result = this.appendTx.immediate(stream, events, expected);
    } catch (error) {
      // The unique index on event_id caught a retry (or a reused id); the transaction rolled back.
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE' || !/event_id/.test((error as Error).message)) throw error;
      const retried = this.retryTx.deferred(stream, events, expected);
      if (!retried) throw error;
      return retried;
    }
    this.wake.notify();
    return result;
  }

  private appendInTransaction(stream: string, events: EventToAppend[], expected: ExpectedRevision): AppendResult {
    const head = this.statements.head.get(stream);
    const current = head ? head.revision : -1;
    try {
      checkExpectedRevision(stream, expected, current);
    } catch (conflict) {
      // A retry of an append that landed sees the stream past its expected revision.
      const retried = this.alreadyAppended(stream, events, expected);
      if (retried) return retried;
      throw conflict;
    }

    const recordedAt = new Date().toISOString();
    let position = 0;
    for (const event of chainEvents(stream, events, head ?? { revision: -1, hash: null })) {
      const info = this.statements.insert.run({
        id: event.id, stream, revision: event.revision, type: event.type,
        data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata),
        hash: event.hash, recordedAt,
      });
      position = Number(info.lastInsertRowid);
    }
    return { revision: current + events.length, position };
  }

  /** A retry of an append that already landed answers what the first one answered (see retriedAppendResult). */
  private alreadyAppended(stream: string, events: EventToAppend[], expected: ExpectedRevision): AppendResult | null {
    const found = events.map((e) => this.statements.byId.get(e.id));
    if (found.every((f) => !f)) return null;
    const head = this.statements.head.get(stream)?.revision ?? -1;
    return retriedAppendResult(stream, events, expected, found, head);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromRevision ?? 0;
    const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    return this.statements.readStream.all(stream, from, to).map(toStored);
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    return this.statements.readAll.all(afterPosition, limit).map(toStored);
  }

  subscribe(afterPosition: number, options?: SubscribeOptions): Subscription {
    return catchUpSubscription(
      { readAll: (after, limit) => this.readAll(after, limit), waitForChange: () => this.wake.wait(this.pollMs) },
      afterPosition,
      options,
    );
  }

  async lastPosition(): Promise<number> {
    return this.statements.lastPosition.get()?.p ?? 0;
  }

  async listStreams(): Promise<Array<{ stream: string; revision: number }>> {
    return this.statements.streams.all();
  }

  /** Read from the live connection (synchronous is per connection, so the file alone cannot tell). */
  durability(): SqliteDurability {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
    };
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.wake.notify();
    if (this.db.open) this.db.close();
  }
}
