import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import { catchUpSubscription } from '../catch-up-subscription';
import { EventStoreUnavailable, WrongExpectedRevision } from '../errors';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  EventToFold,
  ExpectedRevision,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { checkExpectedRevision } from '../expected-revision';
import { chainEvents, type StreamHead } from '../hash-chain';
import { retriedAppendResult } from '../retried-append';
import { WakeSignal } from '../wake-signal';
import { isConnectionError, pgErrorCode, redact, UNIQUE_VIOLATION } from './postgres-errors';
import { PostgresListener } from './postgres-listener';
import { COLUMNS, FOLD_COLUMNS, type EventRow, type FoldRow, toNumber, toStored } from './postgres-rows';
import { SCHEMA, SCHEMA_LOCK_KEY } from './postgres-schema';
import { PostgresGroupCommit, type AppendFunctionRow } from './postgres-group-commit';

export { POSTGRES_EVENTS_CHANNEL } from './postgres-schema';

/** Streams whose head (last revision and hash) an instance remembers, so that an append needs no read first. */
const HEAD_CACHE_SIZE = 10_000;
/** An append with 'any' or 'exists' follows a moving head this many times before it gives up. */
const MAX_HEAD_MOVES = 100;

class AppendConflict extends Error {}

/**
 * The PostgreSQL adapter, for several API instances on one database.
 *
 * ## Why every append takes one global advisory lock
 * Positions come from an identity sequence, and a sequence value is handed out when the row is
 * inserted, not when its transaction commits. Two concurrent transactions could take positions
 * 7 and 8 and commit 8 first; a subscriber reading "after 6" would see 8, remember 8, and never
 * read 7 once it commits: a silently skipped event. So each append transaction starts with
 * `pg_advisory_xact_lock(APPEND_LOCK_KEY)`: appends are serialized, the next transaction takes its
 * sequence values only after the previous one has committed (PostgreSQL makes a commit visible
 * before it releases the transaction's locks), and so commit order equals position order and no
 * reader can ever see position n+1 while n is still invisible. Appends from all processes on the
 * database queue on that lock; for this product's write rate that is cheap, and it also makes the
 * expected-revision check race-free. The transaction runs at READ COMMITTED on purpose: each
 * statement after the lock takes a fresh snapshot and so sees the append that held the lock
 * before (at REPEATABLE READ the snapshot would predate the wait).
 *
 * ## One round trip, and none while holding the lock
 * Every instance waits for that lock, so nothing slow may happen while it is held. The whole
 * append is one call of the plpgsql function `regie_append_events` in its own implicit
 * transaction: lock, read the stream's head, compare it with the head the hashes were chained
 * from, insert, notify, commit, all inside the database. The hashes are computed here beforehand,
 * from the head this instance last saw of the stream (remembered from its reads and appends, or
 * read first). When the head moved meanwhile the function inserts nothing and answers the
 * actual head: with an exact expected revision that is the conflict; with 'any' or 'exists' the
 * hashes are chained again from it and the call repeated.
 *
 * Unique constraints on (stream, revision) and on event_id remain the last word: should a writer
 * ever get past the lock (an older build, a hand-written INSERT), a violation is re-checked and
 * answered as WrongExpectedRevision / DuplicateEventId / the idempotent first result, never as a
 * raw pg error.
 *
 * ## Live subscriptions
 * Each append does `pg_notify('regie_events', <last position>)`, delivered at commit. One
 * dedicated client per store LISTENs (started with the first subscription, reconnected when
 * lost) and wakes the subscriptions' waitForChange; a poll every `pollMs` (500 ms by default)
 * covers a lost notification or a listener that is reconnecting.
 */
export class PostgresEventStore implements EventStore {
  readonly name = 'postgres';
  private readonly wake = new WakeSignal();
  /** Counts wake-ups (local appends, notifications, listener reconnects). */
  private changes = 0;
  private readonly listener: PostgresListener;
  /** the last head seen of recently used streams (least recently used first); a stale one only costs a repeated call */
  private readonly heads = new Map<string, StreamHead>();
  private closed = false;
  private readonly group: PostgresGroupCommit;

  private constructor(
    private readonly pool: Pool,
    private readonly databaseUrl: string,
    private readonly pollMs: number,
    groupCommit: boolean,
  ) {
    this.listener = new PostgresListener(databaseUrl, () => this.changed());
    this.group = groupCommit ? new PostgresGroupCommit(pool) : new PostgresGroupCommit(pool, 1);
  }

  /** Appends and the transactions they took (group commit puts several in one). */
  commits(): { appends: number; transactions: number } {
    return this.group.commits();
  }

  /** Connects and creates the schema when missing (idempotent; safe when several processes start at once). */
  /** `groupCommit: false` (benches only): each append its own transaction. */
  static async open(databaseUrl: string, options: { pollMs?: number; groupCommit?: boolean } = {}): Promise<PostgresEventStore> {
    const pool = new Pool({
      connectionString: databaseUrl,
      max: 10,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      application_name: 'regie-event-store',
      // The append function needs READ COMMITTED (and refuses anything else): whatever the server's default.
      options: '-c default_transaction_isolation=read\\ committed',
    });
    // An idle client whose server connection drops emits 'error' on the pool; without a handler
    // that would crash the process. The next query simply gets a new connection.
    pool.on('error', () => undefined);
    const store = new PostgresEventStore(pool, databaseUrl, options.pollMs ?? 500, options.groupCommit ?? true);
    try {
      await store.createSchema();
    } catch (error) {
      await pool.end().catch(() => undefined);
      if (isConnectionError(error)) {
        throw new EventStoreUnavailable(`cannot reach PostgreSQL at ${redact(databaseUrl)}: ${String((error as Error).message)}`, { cause: error });
      }
      throw error;
    }
    return store;
  }

  private async createSchema(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // CREATE TABLE IF NOT EXISTS is not safe against itself run concurrently (both can pass the
      // "not exists" check, one then fails on pg_type's unique index): serialize start-ups.
      await client.query('SELECT pg_advisory_lock($1::bigint)', [SCHEMA_LOCK_KEY]);
      try {
        await client.query(SCHEMA);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [SCHEMA_LOCK_KEY]);
      }
    } finally {
      client.release();
    }
  }

  async append(stream: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const ids = new Set(events.map((e) => e.id));
    if (ids.size !== events.length) {
      const twice = events.find((e, i) => events.findIndex((o) => o.id === e.id) !== i)!;
      throw new Error(`append: event id ${twice.id} appears more than once in the batch`);
    }
    // A unique violation can only come from a writer that did not take the append lock; after
    // it, the checks run again against what that writer committed and answer accordingly.
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.unavailableOnConnectionError(() => this.appendOnce(stream, events, expected));
        this.changed();
        return result;
      } catch (error) {
        if (!(error instanceof AppendConflict)) throw error;
        this.heads.delete(stream);
        // The unique index on event_id caught a retry of an append that already landed (or a reused id).
        const retried = await this.unavailableOnConnectionError(() => this.alreadyAppendedOutsideTransaction(stream, events, expected));
        if (retried) return retried;
        if (attempt >= 5) {
          const current = await this.headRevision(stream);
          throw new WrongExpectedRevision(stream, expected, current);
        }
      }
    }
  }

  private changed(): void {
    this.changes += 1;
    this.wake.notify();
  }

  private async appendOnce(stream: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    let head = await this.startingHead(stream, expected);
    for (let moves = 0; ; moves++) {
      try {
        checkExpectedRevision(stream, expected, head.revision);
      } catch (conflict) {
        // A retry of an append that landed sees the stream past its expected revision.
        const retried = await this.alreadyAppendedOutsideTransaction(stream, events, expected);
        if (retried) return retried;
        throw conflict;
      }
      const chained = chainEvents(stream, events, head);
      const revision = head.revision + events.length;
      const last = chained[chained.length - 1].hash;
      let row: AppendFunctionRow;
      try {
        row = await this.group.call({
          stream,
          headRevision: head.revision,
          headHash: head.hash,
          ids: chained.map((e) => e.id),
          types: chained.map((e) => e.type),
          data: chained.map((e) => JSON.stringify(e.data)),
          metadata: chained.map((e) => JSON.stringify(e.metadata)),
          hashes: chained.map((e) => e.hash),
        });
      } catch (error) {
        if (pgErrorCode(error) === UNIQUE_VIOLATION) throw new AppendConflict((error as Error).message);
        throw error;
      }
      if (!row.moved) {
        this.rememberHead(stream, { revision, hash: last });
        return { revision, position: toNumber(row.last_position!) };
      }
      head = { revision: toNumber(row.head_revision), hash: row.head_hash };
      this.rememberHead(stream, head);
      if (moves >= MAX_HEAD_MOVES) throw new WrongExpectedRevision(stream, expected, head.revision);
    }
  }

  /** The head to chain the new events from: remembered when it can be right, else read (outside the lock). */
  private async startingHead(stream: string, expected: ExpectedRevision): Promise<StreamHead> {
    if (expected === 'no-stream') return { revision: -1, hash: null };
    const known = this.heads.get(stream);
    // A remembered head older than the caller's expectation would pass for a conflict.
    if (known && (typeof expected !== 'number' || known.revision === expected)) return known;
    const { rows } = await this.pool.query<{ revision: string; hash: string }>(
      'SELECT revision, hash FROM events WHERE stream = $1 ORDER BY revision DESC LIMIT 1',
      [stream],
    );
    return rows[0] ? { revision: toNumber(rows[0].revision), hash: rows[0].hash } : { revision: -1, hash: null };
  }

  private rememberHead(stream: string, head: StreamHead): void {
    this.heads.delete(stream);
    this.heads.set(stream, head);
    if (this.heads.size > HEAD_CACHE_SIZE) this.heads.delete(this.heads.keys().next().value!);
  }

  private async alreadyAppendedOutsideTransaction(stream: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult | null> {
    const client = await this.pool.connect();
    // Checked out, the client has no 'error' listener of the pool's: a lost connection must not crash the process.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on('error', onError);
    try {
      return await this.alreadyAppended(client, stream, events, expected);
    } finally {
      client.removeListener('error', onError);
      client.release(lost);
    }
  }

  /**
   * A retry of an append that already landed answers what the first one answered (see
   * retriedAppendResult). One statement, so the ids' places and the stream's head come from one snapshot.
   */
  private async alreadyAppended(client: PoolClient, stream: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult | null> {
    const { rows } = await client.query<{ event_id: string | null; stream: string; revision: string; position: string; head: string | null }>(
      `SELECT event_id, stream, revision, position, NULL AS head FROM events WHERE event_id = ANY($1::text[])
       UNION ALL
       SELECT NULL, $2::text, -1, 0, (SELECT MAX(revision) FROM events WHERE stream = $2::text)`,
      [events.map((e) => e.id), stream],
    );
    const places = rows.filter((r) => r.event_id !== null);
    if (places.length === 0) return null;
    const headRow = rows.find((r) => r.event_id === null);
    const head = headRow?.head == null ? -1 : toNumber(headRow.head);
    const byId = new Map(
      places.map((r) => [
        r.event_id,
        {
          stream: r.stream,
          revision: toNumber(r.revision),
          position: toNumber(r.position),
        },
      ]),
    );
    return retriedAppendResult(
      stream,
      events,
      expected,
      events.map((e) => byId.get(e.id)),
      head,
    );
  }

  private async headRevision(stream: string): Promise<number> {
    const { rows } = await this.query<{ revision: string | null }>('SELECT MAX(revision) AS revision FROM events WHERE stream = $1', [stream]);
    return rows[0]?.revision == null ? -1 : toNumber(rows[0].revision);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromRevision ?? 0;
    const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    const { commandId } = options;
    const { rows } = await this.query<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream = $1 AND revision >= $2 AND revision <= $3${commandId === undefined ? '' : " AND metadata->>'commandId' = $4"} ORDER BY revision`,
      commandId === undefined ? [stream, from, to] : [stream, from, to, commandId],
    );
    const events = rows.map(toStored);
    const last = events[events.length - 1];
    // Only a read to the end of the stream ends at its head.
    if (last && options.toRevision === undefined && commandId === undefined)
      this.rememberHead(stream, { revision: last.revision, hash: String(last.metadata.hash) });
    return events;
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    const { rows } = await this.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`, [afterPosition, limit]);
    return rows.map(toStored);
  }

  async readStreamToFold(stream: string, fromRevision: number, toRevision: number): Promise<EventToFold[]> {
    const { rows } = await this.query<FoldRow>(`SELECT ${FOLD_COLUMNS} FROM events WHERE stream = $1 AND revision >= $2 AND revision <= $3 ORDER BY revision`, [
      stream,
      fromRevision,
      toRevision,
    ]);
    return rows.map(toStored);
  }

  async readAllToFold(afterPosition: number, limit: number): Promise<EventToFold[]> {
    const { rows } = await this.query<FoldRow>(`SELECT ${FOLD_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`, [afterPosition, limit]);
    return rows.map(toStored);
  }

  subscribe(afterPosition: number, options?: SubscribeOptions): Subscription {
    this.listener.start();
    // A wake-up that comes while the subscription is still reading (not yet waiting) would be
    // lost until the next poll: remember the change count each read started from, and do not
    // wait when something happened since.
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

  async lastPosition(): Promise<number> {
    const { rows } = await this.query<{ p: string | null }>('SELECT MAX(position) AS p FROM events');
    return rows[0]?.p == null ? 0 : toNumber(rows[0].p);
  }

  async listStreams(): Promise<Array<{ stream: string; revision: number }>> {
    // Stream by stream along the (stream, revision) index, two seeks each, rather than a GROUP BY
    // over the whole index (a cold start waits for this list). COLLATE "C" at the end: byte order,
    // the same on every server whatever its locale (and as sqlite sorts).
    const { rows } = await this.query<{ stream: string; revision: string }>(
      `WITH RECURSIVE listed(stream) AS (
         (SELECT stream FROM events ORDER BY stream LIMIT 1)
         UNION ALL
         SELECT (SELECT e.stream FROM events e WHERE e.stream > listed.stream ORDER BY e.stream LIMIT 1) FROM listed WHERE listed.stream IS NOT NULL
       )
       SELECT stream, (SELECT MAX(e.revision) FROM events e WHERE e.stream = listed.stream) AS revision
       FROM listed WHERE stream IS NOT NULL ORDER BY stream COLLATE "C"`,
    );
    return rows.map((r) => ({ stream: r.stream, revision: toNumber(r.revision) }));
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake.notify();
    await this.listener.close();
    await this.pool.end();
  }

  private query<R extends QueryResultRow>(text: string, values?: unknown[]) {
    return this.unavailableOnConnectionError(() => this.pool.query<R>(text, values));
  }

  private async unavailableOnConnectionError<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isConnectionError(error)) {
        throw new EventStoreUnavailable(`PostgreSQL at ${redact(this.databaseUrl)} is unavailable: ${(error as Error).message}`, { cause: error });
      }
      throw error;
    }
  }
}
