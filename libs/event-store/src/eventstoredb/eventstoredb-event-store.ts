import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  StreamNotFoundError,
  jsonEvent,
  streamNameFilter,
  type AppendResult as ClientAppendResult,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { WrongExpectedRevision } from '../errors';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadStreamOptions,
  EventToFold,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { checkExpectedRevision } from '../expected-revision';
import { chainEvents, GENESIS_HASH } from '../hash-chain';
import { retriedAppendResult } from '../retried-append';
import { EventStoreDbCalls, type EventStoreDbClientLike } from './eventstoredb-calls';
import { refuseEphemeralServer } from './eventstoredb-durability-check';
import { reserveEventIds } from './eventstoredb-event-ids';
import {
  USER_STREAMS_REGEX,
  assertAppStreamName,
  isUserEvent,
  redactConnectionString,
  toClientExpectedRevision,
  toClientPosition,
  toPortPosition,
  toStoredEvent,
} from './eventstoredb-mapping';
import { adaptSubscription, defaultResubscribePolicy } from './eventstoredb-subscription';

export type { EventStoreDbClientLike } from './eventstoredb-calls';

export interface EventStoreDbOptions {
  /** NODE_ENV=production: refuse a node that keeps its data only in memory (--mem-db, --dev). */
  production: boolean;
  /** Deadline of each append, and how long a read may go without an answer (ms). Default 10 000. */
  deadlineMs?: number;
  /** How long connect() waits for the first answer from the server (ms). Default 5 000. */
  connectTimeoutMs?: number;
}

interface FromClientOptions extends EventStoreDbOptions {
  /** for messages: where the server is, without credentials */
  target?: string;
  /** reads the node's GET /info/options (needed when production is true) */
  nodeOptions?: () => Promise<unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `any`/`exists` appends re-read the head and try again this many times when another writer got in first. */
const APPEND_ATTEMPTS = 5;
const READ_PAGE = 512;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * EventStoreDB (22.10+; written against 24.10, see README.md) through the official gRPC client. Streams
 * are the app's own names (`initiative-<id>`, `partner-<id>`, so `$ce-initiative` works); global positions are $all commit
 * positions (see toPortPosition for the precision assumption); subscriptions are catch-up subscriptions on
 * $all with a server-side stream-name filter (see adaptSubscription for caught-up and reconnects).
 *
 * Appends keep the port's per-stream hash chain whole: the stream's last event is read (from the leader),
 * the new events are hashed onto it, and they are appended with that exact revision as EventStoreDB's
 * expected revision, so a concurrent writer makes the append fail instead of forking the chain. A caller's
 * `any`/`exists` is honoured by re-reading and trying again; a caller's `no-stream` or number conflict
 * surfaces as WrongExpectedRevision. Event ids go to EventStoreDB as the events' own ids, and are also
 * reserved store-wide (see EVENT_ID_STREAM_PREFIX) so that reusing one in another stream is refused.
 *
 * Every call has a deadline: an unreachable or silent server gives EventStoreUnavailable, never a hang.
 * An append that times out may or may not have been stored; retrying it with the same event ids is safe
 * (it answers the first result).
 */
export class EventStoreDbEventStore implements EventStore {
  readonly name = 'eventstoredb';
  private closed = false;
  private readonly subscriptions = new Set<Subscription>();
  private readonly calls: EventStoreDbCalls;

  private constructor(
    private readonly client: EventStoreDbClientLike,
    private readonly target: string,
    private readonly deadlineMs: number,
  ) {
    this.calls = new EventStoreDbCalls(client, target, deadlineMs);
  }

  /**
   * Connects and checks that the server answers (else EventStoreUnavailable, within connectTimeoutMs).
   * With `production`, also reads the node's configuration (GET /info/options over the client's own
   * HTTP connection, same host, TLS and credentials) and refuses a node running with MemDb or Dev on —
   * or one whose configuration it cannot read, since it then cannot vouch for durability.
   */
  static async connect(connectionString: string, options: EventStoreDbOptions): Promise<EventStoreDbEventStore> {
    const target = redactConnectionString(connectionString);
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(connectionString);
    } catch (error) {
      throw new Error(`EVENTSTORE_CONNECTION_STRING (${target}) is not a valid EventStoreDB connection string: ${(error as Error).message}`, { cause: error });
    }
    // HTTPRequest is the client's own (protected) helper for the node's HTTP API; it resolves the node
    // the gRPC channel uses (the leader in a cluster) and applies the connection string's TLS settings
    // and credentials. Client 6.2.1 has no public call for the node's options.
    const http = client as unknown as {
      HTTPRequest: (method: 'GET', path: string, options: Record<string, never>) => Promise<unknown>;
    };
    return EventStoreDbEventStore.fromClient(client, {
      ...options,
      target,
      nodeOptions: () => http.HTTPRequest('GET', '/info/options', {}),
    });
  }

  /** Wraps a client built elsewhere (e.g. with certificate objects); same checks as connect(). */
  static async fromClient(client: EventStoreDbClientLike, options: FromClientOptions): Promise<EventStoreDbEventStore> {
    const store = new EventStoreDbEventStore(client, options.target ?? 'eventstoredb', options.deadlineMs ?? 10_000);
    try {
      await store.calls.probe(options.connectTimeoutMs ?? 5_000, 'connect');
      if (options.production) await refuseEphemeralServer(store.calls, options.nodeOptions);
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw error;
    }
    return store;
  }

  async append(stream: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertAppStreamName(stream);
    toClientExpectedRevision(expected); // validates
    if (events.length === 0) throw new Error('append needs at least one event');
    const ids = events.map((e) => e.id);
    const badId = ids.find((id) => !UUID.test(id));
    if (badId !== undefined) throw new Error(`event id ${badId} is not a UUID (EventStoreDB event ids are UUIDs)`);
    if (new Set(ids).size !== ids.length) throw new Error(`stream ${stream}: the same event id appears twice in one append`);

    const maybeRetry = await reserveEventIds(this.calls, stream, events, (owner, id) => this.revisionOf(owner, id));
    for (let attempt = 1; ; attempt++) {
      if (maybeRetry) {
        const earlier = await this.alreadyAppended(stream, events, expected);
        if (earlier) return earlier;
      }
      const head = await this.readHead(stream);
      const current = head ? head.revision : -1;
      checkExpectedRevision(stream, expected, current);
      const batch = chainEvents(stream, events, head ?? { revision: -1, hash: null }).map((e) =>
        jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata }),
      );
      try {
        const result = await this.calls.call(
          `append to ${stream}`,
          () =>
            this.client.appendToStream(stream, batch, {
              expectedRevision: toClientExpectedRevision(current === -1 ? 'no-stream' : current),
              deadline: this.deadlineMs,
            }),
          { stream, expected },
        );
        return await this.appendResult(stream, result);
      } catch (error) {
        const anotherWriterFirst = error instanceof WrongExpectedRevision && (expected === 'any' || expected === 'exists');
        if (!anotherWriterFirst || attempt >= APPEND_ATTEMPTS) throw error;
        await sleep(10 * attempt + Math.floor(Math.random() * 20));
      }
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const from = Math.max(0, options.fromRevision ?? 0);
    const to = options.toRevision;
    if (to !== undefined && to < from) return [];
    const events: StoredEvent[] = [];
    try {
      await this.calls.drain(
        `read ${stream}`,
        this.client.readStream(stream, {
          fromRevision: BigInt(from),
          ...(to === undefined ? {} : { maxCount: to - from + 1 }),
        }),
        (resolved) => {
          const event = toStoredEvent(resolved);
          // EventStoreDB cannot filter a stream's read by metadata: this one reads it all.
          if (event && (options.commandId === undefined || event.metadata.commandId === options.commandId)) events.push(event);
        },
      );
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /**
   * Reads $all forward after the position, skipping what the port does not show, page by page until
   * `limit` events are collected or the log ends. EventStoreDB's read from a position includes the event
   * at that position, so it is skipped here. `afterPosition` must be 0 or a position this store returned.
   */
  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    this.assertOpen();
    const events: StoredEvent[] = [];
    if (limit <= 0) return events;
    let from = afterPosition;
    for (;;) {
      const pageSize = Math.min(Math.max(limit - events.length + 1, 64), 4096);
      let seen = 0;
      let last = from;
      await this.calls.drain(
        `read $all after ${from}`,
        this.client.readAll({ fromPosition: toClientPosition(from), maxCount: pageSize, direction: FORWARDS }),
        (resolved) => {
          seen += 1;
          const recorded = resolved.event;
          if (!recorded) return;
          const position = toPortPosition(recorded.position, `${recorded.streamId}@${recorded.revision}`);
          if (position <= from) return;
          last = position;
          const event = toStoredEvent(resolved);
          if (!event) return;
          events.push(event);
          if (events.length >= limit) return false;
        },
      );
      if (events.length >= limit || seen < pageSize || last === from) return events;
      from = last;
    }
  }

  /** The client hands over the metadata parsed already: nothing to leave out. */
  readAllToFold(afterPosition: number, limit: number): Promise<EventToFold[]> {
    return this.readAll(afterPosition, limit);
  }

  readStreamToFold(stream: string, fromRevision: number, toRevision: number): Promise<EventToFold[]> {
    return this.readStream(stream, { fromRevision, toRevision });
  }

  subscribe(afterPosition: number, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const inner = adaptSubscription(
      (fromPosition, checkpointReached) =>
        this.client.subscribeToAll({
          fromPosition,
          filter: streamNameFilter({ regex: USER_STREAMS_REGEX, checkpointReached: (_subscription, position) => checkpointReached(position) }),
          resolveLinkTos: false,
        }),
      () => this.lastPosition(),
      afterPosition,
      options,
      defaultResubscribePolicy(this.target),
    );
    const subscription: Subscription = {
      [Symbol.asyncIterator]: () => inner[Symbol.asyncIterator](),
      close: async () => {
        this.subscriptions.delete(subscription);
        await inner.close();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Reads $all backwards from its end to the newest event the port shows. */
  async lastPosition(): Promise<number> {
    this.assertOpen();
    let from: ReadPosition = END;
    for (;;) {
      let seen = 0;
      let found = 0;
      let oldest = 0;
      await this.calls.drain('read the end of $all', this.client.readAll({ fromPosition: from, maxCount: READ_PAGE, direction: BACKWARDS }), (resolved) => {
        seen += 1;
        const recorded = resolved.event;
        if (!recorded) return;
        oldest = toPortPosition(recorded.position, `${recorded.streamId}@${recorded.revision}`);
        if (isUserEvent(recorded.streamId, recorded.type)) {
          found = oldest;
          return false;
        }
      });
      if (found) return found;
      if (seen < READ_PAGE || !oldest) return 0;
      // a backward read from an event's position starts just before that event
      from = toClientPosition(oldest);
    }
  }

  /**
   * Scans $all once (O(events in the store)): consistent with what was just written, needs no
   * projection. Meant for verification and tooling, not for request paths.
   */
  async listStreams(): Promise<Array<{ stream: string; revision: number }>> {
    const revisions = new Map<string, number>();
    let after = 0;
    for (;;) {
      const page = await this.readAll(after, 4096);
      for (const event of page) revisions.set(event.stream, Math.max(revisions.get(event.stream) ?? -1, event.revision));
      if (page.length < 4096) break;
      after = page[page.length - 1].position;
    }
    return [...revisions.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([stream, revision]) => ({ stream, revision }));
  }

  /** Reads one event from the end of $all with a short deadline. */
  async ping(): Promise<void> {
    this.assertOpen();
    await this.calls.probe(Math.min(this.deadlineMs, 3_000), 'ping');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.calls.close();
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  private async appendResult(stream: string, result: ClientAppendResult): Promise<AppendResult> {
    const revision = Number(result.nextExpectedRevision);
    // The server answers without a position when it recognised the append as a repeat of one it already
    // stored (its own idempotency check); the last event's position is then read back.
    if (result.position) return { revision, position: toPortPosition(result.position, `append to ${stream}`) };
    const [last] = await this.readStream(stream, { fromRevision: revision, toRevision: revision });
    if (!last) throw new Error(`stream ${stream}: revision ${revision} was acknowledged but cannot be read back`);
    return { revision, position: last.position };
  }

  /** The revision at which an event id is stored in a stream, -1 if it never landed there. */
  private async revisionOf(stream: string, id: string): Promise<number> {
    const found = (await this.readStream(stream)).find((e) => e.id === id);
    return found ? found.revision : -1;
  }

  /** Like the SQLite adapter: the same ids at the same place answer the first result; elsewhere they are duplicates. */
  private async alreadyAppended(stream: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult | null> {
    const inStream = await this.readStream(stream);
    const stored = new Map(inStream.map((e) => [e.id, e]));
    const head = inStream.length ? inStream[inStream.length - 1].revision : -1;
    return retriedAppendResult(
      stream,
      events,
      expected,
      events.map((e) => stored.get(e.id)),
      head,
    );
  }

  /** The stream's last revision and hash, read from the leader so the chain continues from the real end. */
  private async readHead(stream: string): Promise<{ revision: number; hash: string } | null> {
    let head = null as { revision: number; hash: string } | null;
    try {
      await this.calls.drain(
        `read the end of ${stream}`,
        this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1, requiresLeader: true }),
        (resolved: ResolvedEvent) => {
          const event = resolved.event;
          if (!event) return;
          const metadata = event.metadata as { hash?: unknown } | undefined;
          head = { revision: Number(event.revision), hash: typeof metadata?.hash === 'string' ? metadata.hash : GENESIS_HASH };
          return false;
        },
      );
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    return head;
  }

  private assertOpen(): void {
    this.calls.assertOpen();
  }
}
