/**
 * The EventStoreDB adapter's translations, checked against the client's own objects: its error classes,
 * its conversion of the server's protobuf messages (built here with the client's generated classes) and
 * its Subscription stream. Only the gRPC transport underneath is replaced (a PassThrough of messages).
 */
import { PassThrough, Readable } from 'node:stream';
import { Metadata, status } from '@grpc/grpc-js';
import {
  ANY,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  AccessDeniedError,
  DeadlineExceededError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils';
import { Subscription as ClientSubscription } from '@eventstore/db-client/dist/streams/utils/Subscription';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { EventStoreUnavailable, WrongExpectedRevision } from '../errors';
import type { StoredEvent } from '../event-store.port';
import {
  EVENT_ID_STREAM_PREFIX,
  assertAppStreamName,
  currentRevisionToNumber,
  ephemeralServerOptions,
  eventIdStream,
  fromClientExpectedRevision,
  isUserEvent,
  redactConnectionString,
  toClientExpectedRevision,
  toClientPosition,
  toPortError,
  toPortPosition,
  toStoredEvent,
} from './eventstoredb-mapping';
import { EventStoreDbEventStore, type EventStoreDbClientLike } from './eventstoredb-event-store';
import { adaptSubscription, SubscriptionFeed } from './eventstoredb-subscription';

// --- the server's messages, built with the client's generated protobuf classes --------------------------

interface Recorded {
  id: string;
  stream: string;
  revision: number;
  /** log position: commit = prepare, as for every event appended over gRPC */
  position: number;
  type: string;
  data: unknown;
  metadata?: unknown;
  created?: Date;
}

const recordedMessage = (fields: Recorded): ReadResp => {
  const uuid = new UUID();
  uuid.setString(fields.id);
  const streamId = new StreamIdentifier();
  streamId.setStreamName(Buffer.from(fields.stream, 'utf8'));
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuid);
  recorded.setStreamIdentifier(streamId);
  recorded.setStreamRevision(String(fields.revision));
  recorded.setCommitPosition(String(fields.position));
  recorded.setPreparePosition(String(fields.position));
  recorded.getMetadataMap().set('type', fields.type);
  recorded.getMetadataMap().set('content-type', 'application/json');
  // the server sends .NET ticks (100 ns) since the Unix epoch
  const created = fields.created ?? new Date('2025-03-01T10:00:00.123Z');
  recorded.getMetadataMap().set('created', (BigInt(created.getTime()) * BigInt(10_000)).toString());
  recorded.setData(Buffer.from(JSON.stringify(fields.data), 'utf8'));
  if (fields.metadata !== undefined) recorded.setCustomMetadata(Buffer.from(JSON.stringify(fields.metadata), 'utf8'));
  const readEvent = new ReadResp.ReadEvent();
  readEvent.setEvent(recorded);
  readEvent.setCommitPosition(String(fields.position));
  const response = new ReadResp();
  response.setEvent(readEvent);
  return response;
};

/** A filtered subscription's checkpoint: the server has looked through $all up to `position`. */
const checkpointMessage = (position: number): ReadResp => {
  const checkpoint = new ReadResp.Checkpoint();
  checkpoint.setCommitPosition(String(position));
  checkpoint.setPreparePosition(String(position));
  const response = new ReadResp();
  response.setCheckpoint(checkpoint);
  return response;
};

const caughtUpMessage = (): ReadResp => {
  const response = new ReadResp();
  response.setCaughtUp(new ReadResp.CaughtUp());
  return response;
};

/** What the client hands the adapter for one event read from $all. */
const resolved = (fields: Recorded): AllStreamResolvedEvent => convertGrpcEvent<AllStreamResolvedEvent>(recordedMessage(fields).getEvent()!);

const ID = '0b5a8a53-9d3c-4f5e-8a1b-3c2d1e0f9a8b';
const userEvent = (n: number, position = 1000 + n * 100): Recorded => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  stream: `initiative-${n % 3}`,
  revision: n,
  position,
  type: 'Numbered',
  data: { n },
  metadata: { hash: 'h'.repeat(64) },
});

/** A gRPC error as @grpc/grpc-js delivers it. */
const serviceError = (code: status, details: string, trailers: Record<string, string> = {}) => {
  const metadata = new Metadata();
  for (const [k, v] of Object.entries(trailers)) metadata.set(k, v);
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata });
};

const context = { operation: 'append to initiative-1', target: 'esdb://localhost:2113?tls=false' };

// --- mapping ----------------------------------------------------------------------------------------------

describe('expected revision', () => {
  it('maps the port to the client constants, and back', () => {
    expect(toClientExpectedRevision('any')).toBe(ANY);
    expect(toClientExpectedRevision('no-stream')).toBe(NO_STREAM);
    expect(toClientExpectedRevision('exists')).toBe(STREAM_EXISTS);
    expect(toClientExpectedRevision(0)).toBe(BigInt(0));
    expect(toClientExpectedRevision(41)).toBe(BigInt(41));
    for (const e of ['any', 'no-stream', 'exists', 0, 41] as const) expect(fromClientExpectedRevision(toClientExpectedRevision(e))).toBe(e);
  });

  it('refuses what is not a revision', () => {
    expect(() => toClientExpectedRevision(-1)).toThrow(/revision/);
    expect(() => toClientExpectedRevision(1.5)).toThrow(/revision/);
  });

  it("reads the client's current revision, -1 for no stream", () => {
    expect(currentRevisionToNumber(NO_STREAM)).toBe(-1);
    expect(currentRevisionToNumber(BigInt(7))).toBe(7);
  });
});

describe('positions', () => {
  it('uses the commit position, and starts $all at 0', () => {
    expect(toPortPosition({ commit: BigInt(123456), prepare: BigInt(123456) })).toBe(123456);
    expect(toClientPosition(0)).toBe(START);
    expect(toClientPosition(123456)).toEqual({ commit: BigInt(123456), prepare: BigInt(123456) });
  });

  it('refuses a missing, "no position" or inexact position rather than guessing', () => {
    expect(() => toPortPosition(undefined)).toThrow(/22\.6/);
    expect(() => toPortPosition({ commit: BigInt('18446744073709551615'), prepare: BigInt(0) })).toThrow(/no usable/);
    expect(() => toPortPosition({ commit: BigInt(2) ** BigInt(53), prepare: BigInt(0) })).toThrow(/exact/);
    expect(() => toClientPosition(-1)).toThrow();
  });
});

describe('recorded events', () => {
  it('become StoredEvents with revision, position, recordedAt and metadata', () => {
    const stored = toStoredEvent(
      resolved({
        id: ID,
        stream: 'initiative-42',
        revision: 3,
        position: 987654,
        type: 'PartnerJoined',
        data: { partnerId: 'p-1', nested: { list: [1, 2] } },
        metadata: { actor: { sub: 'u-1' }, hash: 'a'.repeat(64) },
        created: new Date('2025-03-01T10:00:00.123Z'),
      }),
    );
    expect(stored).toEqual<StoredEvent>({
      id: ID,
      stream: 'initiative-42',
      revision: 3,
      position: 987654,
      type: 'PartnerJoined',
      data: { partnerId: 'p-1', nested: { list: [1, 2] } },
      metadata: { actor: { sub: 'u-1' }, hash: 'a'.repeat(64) },
      recordedAt: '2025-03-01T10:00:00.123Z',
    });
  });

  it('leaves out system streams, system event types and event id reservations', () => {
    expect(toStoredEvent(resolved({ ...userEvent(1), stream: '$stats-127.0.0.1:2113' }))).toBeNull();
    expect(toStoredEvent(resolved({ ...userEvent(1), type: '$streamDeleted' }))).toBeNull();
    expect(toStoredEvent(resolved({ ...userEvent(1), stream: eventIdStream(ID), type: 'EventIdReserved' }))).toBeNull();
    expect(toStoredEvent({})).toBeNull();
    expect(isUserEvent('partner-7', 'PartnerInvited')).toBe(true);
  });

  it('keeps foreign data it did not write, with an empty hash that will not verify', () => {
    const stored = toStoredEvent(resolved({ ...userEvent(1), data: [1, 2], metadata: undefined }));
    expect(stored?.data).toEqual({ value: [1, 2] });
    expect(stored?.metadata.hash).toBe('');
  });

  it('refuses app streams that EventStoreDB or the adapter reserve', () => {
    expect(() => assertAppStreamName('$ce-initiative')).toThrow(/system/);
    expect(() => assertAppStreamName(`${EVENT_ID_STREAM_PREFIX}x`)).toThrow(/reserved/);
    expect(() => assertAppStreamName('initiative-1')).not.toThrow();
  });
});

describe('errors', () => {
  it('WrongExpectedVersionError (as the client builds it from an append answer) becomes WrongExpectedRevision with its actualVersion', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'initiative-1', expected: BigInt(1), current: BigInt(2) });
    expect(error.actualVersion).toBe(BigInt(2));
    const mapped = toPortError(error, { ...context, stream: 'initiative-1', expected: 1 });
    expect(mapped).toBeInstanceOf(WrongExpectedRevision);
    expect(mapped).toMatchObject({ stream: 'initiative-1', expected: 1, actual: 2 });
  });

  it('a missing stream is actual -1, and without context the expected revision comes from the error', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 's-2', expected: STREAM_EXISTS, current: NO_STREAM });
    expect(toPortError(error, context)).toMatchObject({ stream: 's-2', expected: 'exists', actual: -1 });
  });

  it('WrongExpectedVersionError from gRPC trailers (the other path the client knows) keeps its versions', () => {
    const error = convertToCommandError(
      serviceError(status.FAILED_PRECONDITION, 'Append failed due to WrongExpectedVersion.', {
        exception: 'wrong-expected-version',
        'stream-name': 's-3',
        'expected-version': '1',
        'actual-version': '4',
      }),
    );
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(toPortError(error, context)).toMatchObject({ stream: 's-3', expected: 1, actual: 4 });
  });

  it('UNAVAILABLE (status 14), deadlines and network failures become EventStoreUnavailable with a clear message', () => {
    const unavailable = convertToCommandError(serviceError(status.UNAVAILABLE, 'No connection established'));
    expect(unavailable).toBeInstanceOf(UnavailableError);
    const mapped = toPortError(unavailable, context);
    expect(mapped).toBeInstanceOf(EventStoreUnavailable);
    expect(mapped.message).toBe(
      'EventStoreDB at esdb://localhost:2113?tls=false is unavailable (append to initiative-1): 14 UNAVAILABLE: No connection established',
    );
    // appendToStream rejects with the raw gRPC error when its first call (the server features probe) fails
    expect(toPortError(serviceError(status.UNAVAILABLE, 'No connection established'), context)).toBeInstanceOf(EventStoreUnavailable);
    expect(toPortError(new DeadlineExceededError(), context)).toBeInstanceOf(EventStoreUnavailable);
    expect(toPortError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2113'), { code: 'ECONNREFUSED' }), context)).toBeInstanceOf(
      EventStoreUnavailable,
    );
    expect(toPortError(new Error('Failed to discover after 10 attempts.'), context)).toBeInstanceOf(EventStoreUnavailable);
  });

  it('access denied says what to fix; the rest passes through unchanged', () => {
    expect(toPortError(new AccessDeniedError(), context).message).toMatch(/denied append to initiative-1: check the user/);
    const notFound = new StreamNotFoundError(undefined, 'initiative-9');
    expect(toPortError(notFound, context)).toBe(notFound);
    const other = new Error('boom');
    expect(toPortError(other, context)).toBe(other);
  });

  it('connection strings lose their credentials in messages', () => {
    expect(redactConnectionString('esdb://admin:changeit@node1:2113,node2:2113?tls=true')).toBe('esdb://***@node1:2113,node2:2113?tls=true');
    expect(redactConnectionString('esdb+discover://user:p%40ss@cluster.example.com:2113')).toBe('esdb+discover://***@cluster.example.com:2113');
    expect(redactConnectionString('esdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
  });
});

describe('in-memory or dev node detection (GET /info/options)', () => {
  const option = (name: string, value: string) => ({ name, value, group: 'Database', configurationSource: 'Command Line' });

  it('finds MemDb or Dev switched on, whatever the casing', () => {
    expect(ephemeralServerOptions([option('MemDb', 'true'), option('Db', '/var/lib/eventstore')])).toEqual(['MemDb']);
    expect(ephemeralServerOptions([{ Name: 'Dev', Value: 'True' }])).toEqual(['Dev']);
    expect(ephemeralServerOptions([option('MemDb', 'false'), option('Dev', 'false'), option('Insecure', 'true')])).toEqual([]);
  });

  it('refuses an answer it cannot read', () => {
    expect(() => ephemeralServerOptions({ error: 'nope' })).toThrow(/not an array/);
  });

  /** Stand-in for the client at the one place connect() needs it: one read of the end of $all. */
  const clientAnswering = (): EventStoreDbClientLike & { disposed: boolean } => {
    const client = {
      disposed: false,
      readAll: () => Object.assign(Readable.from([]), { cancel: () => Promise.resolve() }),
      dispose: () => {
        client.disposed = true;
        return Promise.resolve();
      },
    };
    return client as unknown as EventStoreDbClientLike & { disposed: boolean };
  };

  it('in production, refuses a --mem-db node with a clear message', async () => {
    const client = clientAnswering();
    const opening = EventStoreDbEventStore.fromClient(client, {
      production: true,
      target: 'esdb://localhost:2113?tls=false',
      nodeOptions: () => Promise.resolve([option('MemDb', 'true')]),
    });
    await expect(opening).rejects.toThrow(
      'Refusing to use EventStoreDB at esdb://localhost:2113?tls=false in production: the node runs with MemDb=true (--mem-db / --dev)',
    );
    expect(client.disposed).toBe(true);
  });

  it('in production, refuses when it cannot read the configuration (401 for a user outside $ops/$admins)', async () => {
    const opening = EventStoreDbEventStore.fromClient(clientAnswering(), {
      production: true,
      nodeOptions: () => Promise.reject(new AccessDeniedError()),
    });
    await expect(opening).rejects.toThrow(/could not read its configuration .* \$ops or \$admins/);
  });

  it('in production, accepts a node with a data directory; outside production, does not ask', async () => {
    const store = await EventStoreDbEventStore.fromClient(clientAnswering(), {
      production: true,
      nodeOptions: () => Promise.resolve([option('MemDb', 'false')]),
    });
    await store.close();
    const asked = jest.fn();
    const dev = await EventStoreDbEventStore.fromClient(clientAnswering(), { production: false, nodeOptions: asked });
    expect(asked).not.toHaveBeenCalled();
    await dev.close();
  });
});

// --- the subscription, over the client's own Subscription stream ------------------------------------------

/** A client Subscription reading from a PassThrough that stands for the gRPC call. */
const clientSubscription = (checkpointReached?: (position: Position) => void) => {
  const grpc = Object.assign(new PassThrough({ objectMode: true }), { cancel: () => undefined });
  const subscription = new ClientSubscription(
    () => Promise.resolve(grpc as never),
    convertGrpcEvent,
    {},
    checkpointReached && ((_: unknown, position: Position) => checkpointReached(position)),
  ) as unknown as AllStreamSubscription;
  return { grpc, subscription };
};

const tick = () => new Promise((resolve) => setImmediate(resolve));
/** The position of the event an iterator handed out (undefined once it is done). */
const positionOf = (result: IteratorResult<StoredEvent>): number | undefined => (result.done ? undefined : result.value.position);
/** Lets the streams and timers run until `done` holds (at most 200 turns of the event loop). */
const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
};

describe('SubscriptionFeed', () => {
  it('places caughtUp after every event the server sent before it, even while they are still buffered', async () => {
    const { grpc, subscription } = clientSubscription();
    const feed = new SubscriptionFeed(subscription, 2); // tiny high-water mark: the source gets paused
    for (let n = 1; n <= 5; n++) grpc.write(recordedMessage(userEvent(n)));
    grpc.write(caughtUpMessage());
    grpc.write(recordedMessage(userEvent(6)));
    await tick();
    const kinds: string[] = [];
    for (let i = 0; i < 7; i++) {
      const item = await feed.next();
      kinds.push(item!.kind === 'event' ? String(item!.resolved.event!.revision) : 'caughtUp');
    }
    expect(kinds).toEqual(['1', '2', '3', '4', '5', 'caughtUp', '6']);
    await feed.close();
    expect(await feed.next()).toBeNull();
  });

  it('places a checkpoint after every event the server sent before it, even while they are still buffered', async () => {
    const { grpc, subscription } = clientSubscription((p) => feed.checkpoint(toPortPosition(p)));
    const feed = new SubscriptionFeed(subscription, 2);
    for (let n = 1; n <= 4; n++) grpc.write(recordedMessage(userEvent(n)));
    grpc.write(checkpointMessage(9000));
    grpc.write(recordedMessage(userEvent(95, 9500)));
    await tick();
    const items: string[] = [];
    for (let i = 0; i < 6; i++) {
      const item = (await feed.next())!;
      items.push(item.kind === 'event' ? String(item.resolved.event!.revision) : item.kind === 'checkpoint' ? `checkpoint ${item.position}` : item.kind);
    }
    expect(items).toEqual(['1', '2', '3', '4', 'checkpoint 9000', '95']);
    await feed.close();
  });

  it('never hands out a checkpoint whose earlier events were lost with the connection (so nobody re-subscribes past them)', async () => {
    const { grpc, subscription } = clientSubscription((p) => feed.checkpoint(toPortPosition(p)));
    const feed = new SubscriptionFeed(subscription, 2); // events 3 and 4 wait in the paused source's buffer
    for (let n = 1; n <= 4; n++) grpc.write(recordedMessage(userEvent(n)));
    grpc.write(checkpointMessage(9000));
    await until(() => subscription.readableLength > 0);
    grpc.destroy(serviceError(status.UNAVAILABLE, 'Connection dropped'));
    await tick();
    const items: string[] = [];
    const failure = await (async () => {
      for (;;) {
        const item = await feed.next();
        if (!item) return null;
        items.push(item.kind === 'event' ? String(item.resolved.event!.revision) : item.kind);
      }
    })().catch((error: unknown) => error);
    expect(items).not.toContain('checkpoint');
    expect(items.length).toBeLessThan(4);
    expect(failure).toBeTruthy();
    await feed.close();
  });
});

describe('adaptSubscription', () => {
  const noWait = { target: 'esdb://test', maxReconnects: 2, backoffMs: () => 0 };

  const headAt = (position: number) => () => Promise.resolve(position);

  it('delivers user events after the position, calls onCaughtUp once at the right point, then goes live', async () => {
    const { grpc, subscription } = clientSubscription();
    const opened: ReadPosition[] = [];
    const caughtUp: number[] = [];
    const sub = adaptSubscription(
      (from) => {
        opened.push(from);
        return subscription;
      },
      headAt(1400),
      0,
      { onCaughtUp: (p) => caughtUp.push(p) },
      noWait,
    );
    const iterator = sub[Symbol.asyncIterator]();
    grpc.write(recordedMessage(userEvent(1)));
    grpc.write(recordedMessage({ ...userEvent(2), stream: '$et-Numbered', type: '$>' }));
    grpc.write(recordedMessage({ ...userEvent(3), stream: eventIdStream(ID), type: 'EventIdReserved' }));
    grpc.write(recordedMessage(userEvent(4)));
    grpc.write(caughtUpMessage());
    expect(positionOf(await iterator.next())).toBe(1100);
    expect(caughtUp).toEqual([]);
    expect(positionOf(await iterator.next())).toBe(1400);
    const live = iterator.next();
    await tick();
    expect(caughtUp).toEqual([1400]);
    grpc.write(recordedMessage(userEvent(5)));
    expect(positionOf(await live)).toBe(1500);
    expect(opened).toEqual([START]);
    await sub.close();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('re-subscribes from the last delivered position after UNAVAILABLE, without gap or duplicate', async () => {
    const first = clientSubscription();
    const second = clientSubscription();
    const feeds = [first.subscription, second.subscription];
    const opened: ReadPosition[] = [];
    const sub = adaptSubscription(
      (from) => {
        opened.push(from);
        return feeds.shift()!;
      },
      headAt(0),
      1000,
      {},
      noWait,
    );
    const iterator = sub[Symbol.asyncIterator]();
    first.grpc.write(recordedMessage(userEvent(1)));
    first.grpc.write(recordedMessage(userEvent(2)));
    expect(positionOf(await iterator.next())).toBe(1100);
    expect(positionOf(await iterator.next())).toBe(1200);
    first.grpc.destroy(serviceError(status.UNAVAILABLE, 'Connection dropped'));
    const next = iterator.next();
    await tick();
    second.grpc.write(recordedMessage(userEvent(2))); // the server may repeat the event at the position
    second.grpc.write(recordedMessage(userEvent(3)));
    expect(positionOf(await next)).toBe(1300);
    expect(opened).toEqual([
      { commit: BigInt(1000), prepare: BigInt(1000) },
      { commit: BigInt(1200), prepare: BigInt(1200) },
    ]);
    await sub.close();
  });

  it('re-subscribes from the last checkpoint passed when it lies beyond the last delivered event (the filter skipped the rest)', async () => {
    const opened: ReadPosition[] = [];
    const made: Array<ReturnType<typeof clientSubscription>> = [];
    const sub = adaptSubscription(
      (from, checkpointReached) => {
        opened.push(from);
        const made1 = clientSubscription(checkpointReached);
        made.push(made1);
        return made1.subscription;
      },
      headAt(0),
      1000,
      {},
      noWait,
    );
    const iterator = sub[Symbol.asyncIterator]();
    const first = iterator.next();
    await tick();
    made[0].grpc.write(recordedMessage(userEvent(1)));
    expect(positionOf(await first)).toBe(1100);
    made[0].grpc.write(checkpointMessage(8000)); // 6,900 bytes of other streams' events looked through
    const next = iterator.next();
    await tick();
    made[0].grpc.destroy(serviceError(status.UNAVAILABLE, 'Connection dropped'));
    await until(() => made.length === 2);
    made[1].grpc.write(recordedMessage(userEvent(81, 8100)));
    expect(positionOf(await next)).toBe(8100);
    expect(opened).toEqual([
      { commit: BigInt(1000), prepare: BigInt(1000) },
      { commit: BigInt(8000), prepare: BigInt(8000) },
    ]);
    await sub.close();
  });

  it('is caught up when a checkpoint reaches the end of $all as it was at the start, though no user event came after', async () => {
    const caughtUp: number[] = [];
    let grpc!: PassThrough;
    const sub = adaptSubscription(
      (_, checkpointReached) => {
        const made = clientSubscription(checkpointReached);
        grpc = made.grpc;
        return made.subscription;
      },
      headAt(5000),
      1000,
      { onCaughtUp: (p) => caughtUp.push(p) },
      noWait,
    );
    const iterator = sub[Symbol.asyncIterator]();
    const first = iterator.next();
    await tick();
    grpc.write(recordedMessage(userEvent(1)));
    expect(positionOf(await first)).toBe(1100);
    const live = iterator.next();
    await tick();
    expect(caughtUp).toEqual([]);
    grpc.write(checkpointMessage(5000));
    await until(() => caughtUp.length > 0);
    expect(caughtUp).toEqual([1100]);
    grpc.write(recordedMessage(userEvent(60, 6000)));
    expect(positionOf(await live)).toBe(6000);
    await sub.close();
  });

  it('gives up with EventStoreUnavailable after the reconnects are used up', async () => {
    const sub = adaptSubscription(
      () => {
        const { grpc, subscription } = clientSubscription();
        setImmediate(() => grpc.destroy(serviceError(status.UNAVAILABLE, 'No connection established')));
        return subscription;
      },
      headAt(0),
      0,
      {},
      noWait,
    );
    await expect(sub[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(EventStoreUnavailable);
    await sub.close();
  });

  it('is caught up once it has delivered what was stored when it started, even if the server is still catching up', async () => {
    const { grpc, subscription } = clientSubscription();
    const caughtUp: number[] = [];
    const sub = adaptSubscription(() => subscription, headAt(1100), 0, { onCaughtUp: (p) => caughtUp.push(p) }, noWait);
    const iterator = sub[Symbol.asyncIterator]();
    grpc.write(recordedMessage(userEvent(1)));
    grpc.write(recordedMessage(userEvent(2))); // written meanwhile; no CaughtUp from the server yet
    expect(positionOf(await iterator.next())).toBe(1100);
    expect(caughtUp).toEqual([]);
    expect(positionOf(await iterator.next())).toBe(1200);
    expect(caughtUp).toEqual([1100]);
    grpc.write(caughtUpMessage());
    grpc.write(recordedMessage(userEvent(3)));
    expect(positionOf(await iterator.next())).toBe(1300);
    expect(caughtUp).toEqual([1100]);
    await sub.close();
  });

  it('with nothing stored after the position, is caught up before waiting for live events', async () => {
    const { subscription } = clientSubscription();
    const caughtUp: number[] = [];
    const sub = adaptSubscription(() => subscription, headAt(900), 1000, { onCaughtUp: (p) => caughtUp.push(p) }, noWait);
    const waiting = sub[Symbol.asyncIterator]().next();
    await tick();
    expect(caughtUp).toEqual([1000]);
    await sub.close();
    await waiting;
  });

  it("the server's CaughtUp alone is enough", async () => {
    const { grpc, subscription } = clientSubscription();
    const caughtUp: number[] = [];
    const sub = adaptSubscription(() => subscription, headAt(Number.MAX_SAFE_INTEGER), 0, { onCaughtUp: (p) => caughtUp.push(p) }, noWait);
    const iterator = sub[Symbol.asyncIterator]();
    grpc.write(recordedMessage(userEvent(1)));
    grpc.write(caughtUpMessage());
    expect(positionOf(await iterator.next())).toBe(1100);
    const live = iterator.next();
    await tick();
    expect(caughtUp).toEqual([1100]);
    await sub.close();
    await live;
  });

  it('close() ends an iteration that is waiting for events', async () => {
    const { subscription } = clientSubscription();
    const sub = adaptSubscription(() => subscription, headAt(0), 0, {}, noWait);
    const waiting = sub[Symbol.asyncIterator]().next();
    await tick();
    await sub.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
  });
});
