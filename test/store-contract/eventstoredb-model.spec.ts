/**
 * The contract suite over the EventStoreDB adapter with an in-memory MODEL of @eventstore/db-client in
 * place of a server. This checks the adapter's own logic — hash chain, id reservations, retries,
 * idempotent re-appends, paging and filtering of $all, caught-up — not EventStoreDB; the real check is
 * eventstoredb.contract.spec.ts with EVENTSTORE_CONNECTION_STRING set.
 *
 * The model follows what the server and client 6.2.1 do (read in the KurrentDB and client sources):
 * - every gRPC-appended event commits itself: its $all position is {commit: p, prepare: p}, unique and
 *   increasing; an append answers the last event's commit position;
 * - expected revision ANY / NO_STREAM / STREAM_EXISTS / exact, a conflict rejects with the client's
 *   WrongExpectedVersionError (current: 'no_stream' or the last revision); the same ids at the same
 *   exact place succeed again without a position (the server's idempotency check);
 * - readStream of a missing stream fails while iterating with StreamNotFoundError;
 * - readAll forward from a position includes the event there; backward from a position starts before it;
 * - subscribeToAll from a position is exclusive, filters on the stream name regex, and emits 'caughtUp'
 *   when it has sent what was stored;
 * - the log also holds system events ($stats, $ce- links) that the adapter must not show.
 */
import { Readable } from 'node:stream';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type StreamingRead,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { EventStoreDbEventStore } from '../../libs/event-store/src/eventstoredb/eventstoredb-event-store';
import { describeEventStoreContract } from './event-store.contract';

interface Entry {
  stream: string;
  revision: number;
  position: number;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  created: Date;
}

class EventStoreDbModel {
  private readonly log: Entry[] = [];
  private readonly streams = new Map<string, Entry[]>();
  private readonly live = new Set<(entry: Entry) => void>();
  private next = 4096;

  constructor() {
    this.write('$stats-127.0.0.1:2113', [{ type: '$statsCollected', data: {}, id: crypto.randomUUID() }]);
  }

  async appendToStream(stream: string, input: EventData | EventData[], options: { expectedRevision?: AppendExpectedRevision } = {}): Promise<AppendResult> {
    await Promise.resolve();
    const events = Array.isArray(input) ? input : [input];
    const expected = options.expectedRevision ?? ANY;
    const existing = this.streams.get(stream) ?? [];
    const current = existing.length - 1;
    if (typeof expected === 'bigint') {
      const already = existing.slice(Number(expected) + 1, Number(expected) + 1 + events.length);
      if (already.length === events.length && already.every((e, i) => e.id === events[i].id)) {
        return { success: true, nextExpectedRevision: BigInt(already[already.length - 1].revision) };
      }
    }
    const ok = expected === ANY || (expected === NO_STREAM && current === -1) || (expected === STREAM_EXISTS && current >= 0) || expected === BigInt(current);
    if (!ok) {
      throw new WrongExpectedVersionError(undefined, { streamName: stream, expected, current: current === -1 ? NO_STREAM : BigInt(current) });
    }
    const written = this.write(stream, events);
    // the system projections add links ($ce-…) and stats keep arriving: the adapter must skip them
    const category = stream.split('-')[0];
    this.write(
      `$ce-${category}`,
      written.map(() => ({ type: '$>', data: {}, id: crypto.randomUUID() })),
    );
    const last = written[written.length - 1];
    return { success: true, nextExpectedRevision: BigInt(last.revision), position: { commit: BigInt(last.position), prepare: BigInt(written[0].position) } };
  }

  readStream(stream: string, options: ReadStreamOptions = {}): StreamingRead<ResolvedEvent> {
    const events = this.streams.get(stream);
    if (!events) return this.reading([], new StreamNotFoundError(undefined, stream));
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    if (options.direction === BACKWARDS) {
      const from = options.fromRevision === END || options.fromRevision === undefined ? events.length - 1 : Number(options.fromRevision);
      return this.reading(
        events
          .slice(0, from + 1)
          .reverse()
          .slice(0, max),
      );
    }
    const from = options.fromRevision === START || options.fromRevision === undefined ? 0 : Number(options.fromRevision);
    return this.reading(events.slice(from, from + max));
  }

  readAll(options: ReadAllOptions = {}): StreamingRead<AllStreamResolvedEvent> {
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const at = (p: typeof options.fromPosition, fallback: number) => (p === START || p === END || p === undefined ? fallback : Number(p.commit));
    if (options.direction === BACKWARDS) {
      const before = at(options.fromPosition, Number.MAX_SAFE_INTEGER);
      return this.reading(
        this.log
          .filter((e) => e.position < before)
          .reverse()
          .slice(0, max),
      ) as StreamingRead<AllStreamResolvedEvent>;
    }
    const from = at(options.fromPosition, 0);
    return this.reading(this.log.filter((e) => e.position >= from).slice(0, max)) as StreamingRead<AllStreamResolvedEvent>;
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllStreamSubscription {
    const after = options.fromPosition === START || options.fromPosition === undefined ? -1 : Number((options.fromPosition as Position).commit);
    const regex = options.filter && 'regex' in options.filter ? new RegExp(options.filter.regex) : null;
    const wanted = (e: Entry) => e.position > after && (!regex || regex.test(e.stream));
    const subscription = new Readable({ objectMode: true, read() {} }) as unknown as AllStreamSubscription;
    const push = (entry: Entry) => {
      if (wanted(entry)) (subscription as unknown as Readable).push(this.resolved(entry));
    };
    setImmediate(() => {
      for (const entry of this.log) push(entry);
      this.live.add(push);
      subscription.emit('caughtUp');
    });
    subscription.unsubscribe = () => {
      this.live.delete(push);
      (subscription as unknown as Readable).destroy();
      return Promise.resolve();
    };
    return subscription;
  }

  dispose(): Promise<void> {
    this.live.clear();
    return Promise.resolve();
  }

  private write(stream: string, events: Array<{ id: string; type: string; data: unknown; metadata?: unknown }>): Entry[] {
    const existing = this.streams.get(stream) ?? [];
    this.streams.set(stream, existing);
    const written = events.map((event) => {
      const entry: Entry = {
        stream,
        revision: existing.length,
        position: this.next,
        id: event.id,
        type: event.type,
        data: JSON.parse(JSON.stringify(event.data)),
        metadata: event.metadata === undefined ? undefined : JSON.parse(JSON.stringify(event.metadata)),
        created: new Date(),
      };
      this.next += 97 + Math.floor(Math.random() * 300);
      existing.push(entry);
      this.log.push(entry);
      return entry;
    });
    for (const entry of written) for (const push of this.live) push(entry);
    return written;
  }

  private resolved(e: Entry): AllStreamResolvedEvent {
    const position = { commit: BigInt(e.position), prepare: BigInt(e.position) };
    return {
      event: {
        streamId: e.stream,
        id: e.id,
        revision: BigInt(e.revision),
        type: e.type,
        data: e.data as never,
        metadata: e.metadata as never,
        isJson: true,
        created: e.created,
        position,
      },
      commitPosition: position.commit,
    };
  }

  private reading(entries: Entry[], error?: Error): StreamingRead<ResolvedEvent> {
    const items = entries.map((e) => this.resolved(e));
    const readable = new Readable({
      objectMode: true,
      read() {
        const item = items.shift();
        if (item) this.push(item);
        else if (error) this.destroy(error);
        else this.push(null);
      },
    });
    return Object.assign(readable, { cancel: () => Promise.resolve() });
  }
}

describeEventStoreContract('eventstoredb adapter over an in-memory model of @eventstore/db-client (not a server)', {
  open: () => EventStoreDbEventStore.fromClient(new EventStoreDbModel(), { production: false }),
  reopen() {
    return Promise.reject(new Error('the model lives in memory'));
  },
  childEnv: () => null,
  inMemory: true,
});
