import type Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import { catchUpSubscription } from '../catch-up-subscription';
import type {
  AppendResult,
  EventStore,
  EventToFold,
  EventToAppend,
  ExpectedRevision,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { WakeSignal } from '../wake-signal';
import { GroupCommit } from './group-commit';
import { durabilityOf, type SqliteDurability } from './sqlite-durability';
import { openEventsDatabase } from './sqlite-schema';
import { writerThread } from './sqlite-writer-thread';

export type { SqliteDurability } from './sqlite-durability';

/** What a read hands over: not the hash, which only `verify` reads (a catch-up made a million strings of it for nothing). */
const EVENT_COLUMNS = 'position, event_id, stream, revision, type, data, metadata, recorded_at';

/** A row of EVENT_COLUMNS in that order: read as an array, a quarter cheaper than as an object with named fields. */
type Row = [position: number, eventId: string, stream: string, revision: number, type: string, data: string, metadata: string, recordedAt: string];

/**
 * What readAllToFold reads: EVENT_COLUMNS with the schema version in place of the metadata, and
 * not the time recorded (EventToFold). A row is an array in FoldRow's order.
 */
const FOLD_COLUMNS = 'position, event_id, stream, revision, type, data, schema_version';

/** FOLD_COLUMNS without the stream, which a read of one stream knows: a cold catch-up reads a million rows so. */
const STREAM_FOLD_COLUMNS = FOLD_COLUMNS.replace('stream', 'NULL');

type FoldRow = [position: number, eventId: string, stream: string, revision: number, type: string, data: string, schemaVersion: number | null];

/** The metadata of every event written without a schema version (all of them, so far): one object, not one per event read. */
const NO_SCHEMA_VERSION: EventToFold['metadata'] = Object.freeze({});

const toStored = (row: Row): StoredEvent => ({
  id: row[1],
  stream: row[2],
  revision: row[3],
  position: row[0],
  type: row[4],
  data: JSON.parse(row[5]) as StoredEvent['data'],
  metadata: JSON.parse(row[6]) as StoredEvent['metadata'],
  recordedAt: row[7],
});

const toFold = (row: FoldRow): EventToFold => ({
  id: row[1],
  stream: row[2],
  revision: row[3],
  position: row[0],
  type: row[4],
  data: JSON.parse(row[5]) as EventToFold['data'],
  metadata: row[6] === null ? NO_SCHEMA_VERSION : { schemaVersion: row[6] },
});

/** Where appends go: the process's writer thread for a file, this thread's own connection for ':memory:' (which no other thread can open). */
interface Writer {
  /** how many appends this store made, and in how many transactions */
  readonly commits: { appends: number; transactions: number };
  append(stream: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  durability(): Promise<SqliteDurability>;
  close(): Promise<void>;
}

const threadWriter = (path: string): Writer => {
  const file = resolve(path);
  const thread = writerThread();
  thread.acquire();
  // Opened now so that a file the writer cannot open fails at start-up, not at the first command.
  const opened = thread.request<null>({ op: 'open', file });
  opened.catch(() => undefined);
  let closed = false;
  const commits = { appends: 0, transactions: 0 };
  let lastTransaction = 0;
  return {
    commits,
    append: async (stream, events, expected) => {
      await opened;
      const { ok, transaction } = await thread.request<AppendResult>({ op: 'append', file, stream, events, expected });
      commits.appends++;
      if (transaction !== lastTransaction) commits.transactions++;
      lastTransaction = transaction ?? 0;
      return ok;
    },
    durability: async () => {
      await opened;
      return (await thread.request<SqliteDurability>({ op: 'durability', file })).ok;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await thread.request<null>({ op: 'close', file });
      } finally {
        thread.release();
      }
    },
  };
};

const inThreadWriter = (db: Database.Database): Writer => {
  const commit = new GroupCommit(db);
  const commits = { appends: 0, transactions: 0 };
  return {
    commits,
    // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
    append: async (stream, events, expected) => {
      const [outcome] = commit.write([{ stream, events, expected }]);
      if ('error' in outcome) throw outcome.error;
      commits.appends++;
      commits.transactions++;
      return outcome.ok;
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
    durability: async () => durabilityOf(db),
    close: () => Promise.resolve(),
  };
};

/** For a thread that only reads: the process's writer thread stays the one writer of the file. */
const noWriter = (): Writer => ({
  commits: { appends: 0, transactions: 0 },
  append: () => Promise.reject(new Error('this SQLite event store was opened to read only')),
  durability: () => Promise.reject(new Error('this SQLite event store was opened to read only')),
  close: () => Promise.resolve(),
});

/**
 * The embedded default. Reads run on this thread's connection (WAL: they never wait for a writer);
 * appends go to the writer thread, which commits the ones that arrive together in one transaction
 * (see GroupCommit). WAL + synchronous=FULL: a commit is on disk before append() resolves.
 */
export class SqliteEventStore implements EventStore {
  readonly name = 'sqlite';
  private readonly wake = new WakeSignal();
  /** appends seen (this process's, by any thread): what a subscription compares before it waits */
  private changes = 0;
  private readonly statements;
  /**
   * The stores of this process on the same file, whatever thread opened them: an append here wakes
   * their subscriptions at once (a projection thread following the API's commands), where they
   * would otherwise wait for their next poll.
   */
  private readonly sameFile: BroadcastChannel | null;
  private neighboursWoken = false;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly writer: Writer,
    private readonly pollMs: number,
  ) {
    this.sameFile = db.memory ? null : new BroadcastChannel(`regie-events:${resolve(db.name)}`);
    if (this.sameFile) {
      this.sameFile.onmessage = () => this.changed();
      // Waiting for a neighbour's appends must not keep a thread or the process alive.
      this.sameFile.unref();
    }
    this.statements = {
      readStream: db
        .prepare<[string, number, number], Row>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? AND revision <= ? ORDER BY revision`)
        .raw(true),
      readStreamToFold: db
        .prepare<[string, number, number], FoldRow>(
          `SELECT ${STREAM_FOLD_COLUMNS} FROM events WHERE stream = ? AND revision >= ? AND revision <= ? ORDER BY revision`,
        )
        .raw(true),
      readCommandEvents: db
        .prepare<[string, number, number, string], Row>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? AND revision <= ? AND json_extract(metadata, '$.commandId') = ? ORDER BY revision`,
        )
        .raw(true),
      readAll: db.prepare<[number, number], Row>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(true),
      readAllToFold: db.prepare<[number, number], FoldRow>(`SELECT ${FOLD_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(true),
      lastPosition: db.prepare<[], { p: number | null }>('SELECT MAX(position) AS p FROM events'),
      // Stream by stream along the (stream, revision) index, two seeks each: GROUP BY read the
      // whole index, 200-300 ms at a million events, on a cold start's path before either side folds.
      streams: db.prepare<[], { stream: string; revision: number }>(
        `WITH RECURSIVE listed(stream) AS (
           SELECT MIN(stream) FROM events
           UNION ALL
           SELECT (SELECT MIN(stream) FROM events WHERE stream > listed.stream) FROM listed WHERE listed.stream IS NOT NULL
         )
         SELECT stream, (SELECT MAX(revision) FROM events WHERE events.stream = listed.stream) AS revision FROM listed WHERE stream IS NOT NULL`,
      ),
      ping: db.prepare('SELECT 1'),
    };
  }

  /** `file` is a path, or ':memory:' for tests. */
  static open(file: string, options: { pollMs?: number; readOnly?: boolean } = {}): SqliteEventStore {
    const db = openEventsDatabase(file);
    const writer = file === ':memory:' ? inThreadWriter(db) : options.readOnly ? noWriter() : threadWriter(file);
    return new SqliteEventStore(db, writer, options.pollMs ?? 50);
  }

  async append(stream: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const result = await this.writer.append(stream, events, expected);
    this.changed();
    this.wakeNeighbours();
    return result;
  }

  /**
   * Once per turn of the event loop, however many appends it answered: one transaction answers
   * every append it held, and a neighbour woken by the first reads them all, so a message per
   * append was a post (and a wake-up of the neighbour's loop) per append for nothing.
   */
  private wakeNeighbours(): void {
    if (!this.sameFile || this.neighboursWoken) return;
    this.neighboursWoken = true;
    setImmediate(() => {
      this.neighboursWoken = false;
      if (!this.closed) this.sameFile?.postMessage(null);
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromRevision ?? 0;
    const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.commandId === undefined
        ? this.statements.readStream.all(stream, from, to)
        : this.statements.readCommandEvents.all(stream, from, to, options.commandId);
    return rows.map(toStored);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    return this.statements.readAll.all(afterPosition, limit).map(toStored);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
  async readStreamToFold(stream: string, fromRevision: number, toRevision: number): Promise<EventToFold[]> {
    return this.statements.readStreamToFold.all(stream, fromRevision, toRevision).map((row) => {
      row[2] = stream;
      return toFold(row);
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
  async readAllToFold(afterPosition: number, limit: number): Promise<EventToFold[]> {
    return this.statements.readAllToFold.all(afterPosition, limit).map(toFold);
  }

  private changed(): void {
    this.changes += 1;
    this.wake.notify();
  }

  subscribe(afterPosition: number, options?: SubscribeOptions): Subscription {
    // A wake-up that comes while the subscriber is not waiting (reading, or not asking for more:
    // a projection thread between batches) would be lost until the next poll: remember the change
    // count each read started from, and do not wait when something happened since.
    let readFrom = -1;
    return catchUpSubscription(
      {
        readAll: (after, limit) => {
          readFrom = this.changes;
          return this.readAll(after, limit);
        },
        waitForChange: () => (this.changes !== readFrom ? Promise.resolve() : this.wake.wait(this.pollMs)),
      },
      afterPosition,
      options,
    );
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
  async lastPosition(): Promise<number> {
    return this.statements.lastPosition.get()?.p ?? 0;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
  async listStreams(): Promise<Array<{ stream: string; revision: number }>> {
    return this.statements.streams.all();
  }

  /**
   * Appends acknowledged by this store and the transactions that stored them: fewer transactions
   * than appends is group commit at work (replies of one transaction arrive one after another).
   */
  commits(): { appends: number; transactions: number } {
    return { ...this.writer.commits };
  }

  /** The writer's connection: that is the one whose commits must be durable. */
  durability(): Promise<SqliteDurability> {
    return this.writer.durability();
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous SQLite body; async so that an error rejects the returned promise rather than throwing at the caller
  async ping(): Promise<void> {
    this.statements.ping.get();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake.notify();
    this.sameFile?.close();
    try {
      await this.writer.close();
    } finally {
      if (this.db.open) this.db.close();
    }
  }
}
