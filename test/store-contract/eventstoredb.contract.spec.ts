/**
 * The EventStore contract against a real EventStoreDB, when EVENTSTORE_CONNECTION_STRING names one
 * (see docs/running-at-scale.md, "EventStoreDB", to start one). Without it the contract is not run and
 * this file says so; the adapter's fail-fast behaviour without a server is tested either way.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import {
  DuplicateEventId,
  EventStoreUnavailable,
  WrongExpectedRevision,
  eventHash,
  GENESIS_HASH,
  verifyStreamChain,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadStreamOptions,
  type EventToFold,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../../libs/event-store/src';
import { EventStoreDbEventStore } from '../../libs/event-store/src/eventstoredb/eventstoredb-event-store';
import { describeEventStoreContract } from './event-store.contract';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

/**
 * One server serves every test, and EventStoreDB cannot be emptied, so each test gets "a fresh store":
 * its stream names carry a unique prefix, and its reads, subscriptions and listings see only those
 * streams and only what came after the moment it was opened. Errors and events come back with the
 * names the test used.
 *
 * The hash chain: the adapter hashes the stream name it stores (prefix included), while verifyStore
 * re-hashes with the name it is shown. So readStream first verifies the adapter's own chain under the
 * real name (and throws if it is broken), then shows the events chained under the visible name. The
 * contract's verification therefore still fails whenever the adapter's chain is broken.
 */
class PrefixedStore implements EventStore {
  readonly name: string;

  constructor(
    private readonly inner: EventStoreDbEventStore,
    private readonly prefix: string,
    private readonly base: number,
  ) {
    this.name = inner.name;
  }

  async append(stream: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    try {
      return await this.inner.append(this.prefix + stream, events, expected);
    } catch (error) {
      if (error instanceof WrongExpectedRevision) throw new WrongExpectedRevision(this.strip(error.stream), error.expected, error.actual);
      if (error instanceof DuplicateEventId) throw new DuplicateEventId(error.eventId, this.strip(error.storedIn), error.storedAt);
      throw error;
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const real = this.prefix + stream;
    const events = await this.inner.readStream(real);
    const broken = verifyStreamChain(real, events);
    if (broken) throw new Error(`the adapter's hash chain is broken in ${real} at ${broken.revision}: ${broken.reason}`);
    let previous = GENESIS_HASH;
    const visible = events.map((event) => {
      const hash = eventHash({ ...event, stream }, previous);
      previous = hash;
      return { ...event, stream, metadata: { ...event.metadata, hash } };
    });
    const from = options.fromRevision ?? 0;
    const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    return visible.filter((e) => e.revision >= from && e.revision <= to);
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    const mine: StoredEvent[] = [];
    let after = Math.max(afterPosition, this.base);
    while (mine.length < limit) {
      const page = await this.inner.readAll(after, 500);
      for (const event of page) {
        if (event.stream.startsWith(this.prefix) && mine.length < limit) mine.push(this.visible(event));
      }
      if (page.length < 500) break;
      after = page[page.length - 1].position;
    }
    return mine;
  }

  readAllToFold(afterPosition: number, limit: number): Promise<EventToFold[]> {
    return this.readAll(afterPosition, limit);
  }

  readStreamToFold(stream: string, fromRevision: number, toRevision: number): Promise<EventToFold[]> {
    return this.readStream(stream, { fromRevision, toRevision });
  }

  subscribe(afterPosition: number, options?: SubscribeOptions): Subscription {
    const inner = this.inner.subscribe(Math.max(afterPosition, this.base), options);
    const { prefix } = this;
    const visible = (event: StoredEvent) => this.visible(event);
    async function* mine(): AsyncGenerator<StoredEvent> {
      for await (const event of inner) if (event.stream.startsWith(prefix)) yield visible(event);
    }
    const iterator = mine();
    return { [Symbol.asyncIterator]: () => iterator, close: () => inner.close() };
  }

  async lastPosition(): Promise<number> {
    const all = await this.readAll(0, Number.MAX_SAFE_INTEGER);
    return all.length ? all[all.length - 1].position : 0;
  }

  async listStreams(): Promise<Array<{ stream: string; revision: number }>> {
    return (await this.inner.listStreams())
      .filter((s) => s.stream.startsWith(this.prefix))
      .map((s) => ({ stream: this.strip(s.stream), revision: s.revision }));
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private strip(stream: string): string {
    return stream.startsWith(this.prefix) ? stream.slice(this.prefix.length) : stream;
  }

  private visible(event: StoredEvent): StoredEvent {
    return { ...event, stream: this.strip(event.stream) };
  }
}

if (connectionString) {
  let current = { prefix: '', base: 0 };
  const connect = () => EventStoreDbEventStore.connect(connectionString, { production: false });

  describeEventStoreContract('eventstoredb', {
    async open() {
      const inner = await connect();
      current = { prefix: `contract-${randomUUID().slice(0, 8)}-`, base: await inner.lastPosition() };
      return new PrefixedStore(inner, current.prefix, current.base);
    },
    async reopen() {
      return new PrefixedStore(await connect(), current.prefix, current.base);
    },
    childEnv: () => ({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString }),
    // Not in memory: but the suite's second processes (test/support/store-child.ts) open the store through
    // createEventStore with fixed stream names ("race-0", "durable"), which cannot carry this file's per-test
    // prefix, so on a shared server they would meet earlier runs' streams. Until store-child can take a
    // prefix, the in-process race runs instead and the cross-process and SIGKILL tests do not.
    inMemory: true,
  });
} else {
  console.warn('EventStoreDB contract suite NOT run: set EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false to run it');
}

/** A local port with nothing listening on it. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

describe('EventStoreDB adapter when the server is not there', () => {
  it('connecting to a closed port fails fast with EventStoreUnavailable naming the server', async () => {
    const port = await closedPort();
    const started = Date.now();
    const error = (await EventStoreDbEventStore.connect(`esdb://127.0.0.1:${port}?tls=false`, { production: false }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(EventStoreUnavailable);
    expect(error.message).toContain(`EventStoreDB at esdb://127.0.0.1:${port}?tls=false is unavailable (connect)`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  describe('a server that accepts the connection but never answers', () => {
    let server: Server;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      server = createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('gives EventStoreUnavailable when the connect timeout runs out, not a hang', async () => {
      const { port } = server.address() as { port: number };
      const started = Date.now();
      const error = (await EventStoreDbEventStore.connect(`esdb://127.0.0.1:${port}?tls=false`, { production: false, connectTimeoutMs: 1_000 }).catch(
        (e: unknown) => e,
      )) as Error;
      expect(error).toBeInstanceOf(EventStoreUnavailable);
      expect(error.message).toMatch(/did not answer within 1000 ms \(connect\)/);
      expect(Date.now() - started).toBeLessThan(4_000);
    });
  });

  it('a malformed connection string is a configuration error that names the variable, without the password', async () => {
    const error = (await EventStoreDbEventStore.connect('http://admin:secret@localhost:2113', { production: false }).catch((e: unknown) => e)) as Error;
    expect(error).not.toBeInstanceOf(EventStoreUnavailable);
    expect(error.message).toMatch(/^EVENTSTORE_CONNECTION_STRING \(http:\/\/\*\*\*@localhost:2113\) is not a valid EventStoreDB connection string/);
    expect(error.message).not.toContain('secret');
  });
});
