/**
 * Pure translations between the EventStore port and @eventstore/db-client 6.x: expected revisions,
 * positions, recorded events and errors. No I/O here, so all of it is unit-tested against the client's
 * own classes (see eventstoredb-mapping.spec.ts).
 */
import {
  ANY,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { EventStoreUnavailable, WrongExpectedRevision } from '../errors';
import type { ExpectedRevision, StoredEvent } from '../event-store.port';

/**
 * Event ids are unique across the whole store (the port's DuplicateEventId), which EventStoreDB does not
 * enforce by itself: its idempotency is per stream. Before an append, every event id is reserved by
 * creating the stream `eventid-<uuid>` with expected revision NO_STREAM, whose one event names the
 * stream the id belongs to. These streams are internal: readAll, subscribe, lastPosition and listStreams
 * never show them, and append refuses app streams with this prefix.
 */
export const EVENT_ID_STREAM_PREFIX = 'eventid-';
export const EVENT_ID_RESERVED_TYPE = 'EventIdReserved';
export const eventIdStream = (eventId: string): string => `${EVENT_ID_STREAM_PREFIX}${eventId}`;

/**
 * Server-side filter for subscribeToAll: streams that are neither system streams (`$…`) nor id
 * reservations. Negative lookahead is fine: the server matches with .NET Regex.
 */
export const USER_STREAMS_REGEX = `^(?!\\$|${EVENT_ID_STREAM_PREFIX})`;

/** Streams and events the port shows: no system streams or event types (`$…`), no id reservations. */
export const isUserEvent = (stream: string, type: string): boolean =>
  !stream.startsWith('$') && !type.startsWith('$') && !stream.startsWith(EVENT_ID_STREAM_PREFIX);

/** A stream name the app may write to. */
export const assertAppStreamName = (stream: string): void => {
  if (!stream) throw new Error('a stream name is required');
  if (stream.startsWith('$')) throw new Error(`stream ${stream}: names starting with $ are EventStoreDB system streams`);
  if (stream.startsWith(EVENT_ID_STREAM_PREFIX)) {
    throw new Error(`stream ${stream}: the prefix ${EVENT_ID_STREAM_PREFIX} is reserved for event id reservations`);
  }
};

/** The port's expected revision as the client's constant. */
export const toClientExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) {
        throw new Error(`expected revision must be 'any', 'no-stream', 'exists' or a revision >= 0, got ${expected}`);
      }
      return BigInt(expected);
  }
};

/** The client's expected revision back in the port's words (for errors that carry only the client's). */
export const fromClientExpectedRevision = (expected: AppendExpectedRevision): ExpectedRevision => {
  if (expected === ANY) return 'any';
  if (expected === NO_STREAM) return 'no-stream';
  if (expected === STREAM_EXISTS) return 'exists';
  return bigintToNumber(expected, 'expected revision');
};

/** The stream's current revision: -1 when the stream does not exist. */
export const currentRevisionToNumber = (current: CurrentRevision): number =>
  current === NO_STREAM || current < BigInt(0) ? -1 : bigintToNumber(current, 'revision');

/**
 * Global positions. EventStoreDB positions are byte offsets in its transaction log (uint64). Every event
 * appended over gRPC commits itself, so its commit position equals its prepare position and is unique and
 * increasing in $all order; the port's number is that commit position. A JavaScript number is exact up to
 * 2^53 bytes (≈ 9 PB of log), far beyond a store of this kind; past it this throws rather than rounding.
 * (Events written by legacy explicit TCP transactions could share a commit position; this store never
 * writes any.)
 */
export const toPortPosition = (position: Position | undefined, what = 'event'): number => {
  if (!position) {
    throw new Error(`EventStoreDB returned no log position for ${what}; the adapter needs EventStoreDB 22.6 or later`);
  }
  const { commit } = position;
  if (commit < BigInt(0) || commit >= BigInt('0xffffffffffffffff')) {
    throw new Error(`EventStoreDB returned no usable log position for ${what} (${commit}); the adapter needs EventStoreDB 22.6 or later`);
  }
  return bigintToNumber(commit, 'log position');
};

/** Where to read or subscribe from after a port position: 0 is the start of $all. */
export const toClientPosition = (position: number): ReadPosition => {
  if (!Number.isSafeInteger(position) || position < 0) throw new Error(`a position must be an integer >= 0, got ${position}`);
  if (position === 0) return START;
  const p = BigInt(position);
  return { commit: p, prepare: p };
};

const bigintToNumber = (value: bigint, what: string): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new Error(`${what} ${value} is beyond JavaScript's exact integers`);
  }
  return Number(value);
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * A recorded event as the port's StoredEvent, or null for what the port does not show (system events,
 * id reservations, unresolved links). Data and metadata are the JSON this adapter wrote; anything else
 * (binary or non-object JSON from another writer) is kept under `value` so nothing is silently lost, and
 * such an event will not verify as part of a hash chain.
 */
export const toStoredEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | null => {
  const event = resolved.event;
  if (!event || !isUserEvent(event.streamId, event.type)) return null;
  const metadata = isPlainObject(event.metadata) ? event.metadata : {};
  return {
    id: event.id,
    stream: event.streamId,
    revision: bigintToNumber(event.revision, 'revision'),
    position: toPortPosition(event.position, `${event.streamId}@${event.revision}`),
    type: event.type,
    data: isPlainObject(event.data) ? event.data : { value: event.data },
    metadata: { ...metadata, hash: typeof metadata.hash === 'string' ? metadata.hash : '' },
    recordedAt: event.created.toISOString(),
  };
};

/** The owner stream named by an id reservation event, or null when the event is not one. */
export const reservationOwner = (resolved: ResolvedEvent): string | null => {
  const event = resolved.event;
  if (!event || event.type !== EVENT_ID_RESERVED_TYPE || !isPlainObject(event.data)) return null;
  return typeof event.data.stream === 'string' ? event.data.stream : null;
};

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
/** gRPC status codes that mean "the server could not be reached or did not answer in time". */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/** Whether an error from the client means the server is unreachable, timed out or is changing leader. */
export const isUnavailable = (error: unknown): boolean => {
  if (error instanceof EventStoreUnavailable) return true;
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError
  )
    return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return true;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  // cluster discovery (esdb+discover:// or several hosts) gives up with a plain Error
  return /^Failed to discover after \d+ attempts/.test(error.message);
};

export interface ErrorContext {
  /** what the adapter was doing, e.g. "append to initiative-42" */
  operation: string;
  /** where, for messages: the connection string without credentials */
  target: string;
  /** for appends: the stream and the expected revision in the port's words */
  stream?: string;
  expected?: ExpectedRevision;
}

/**
 * A client error as the port's error: a revision conflict as WrongExpectedRevision (actual -1 when the
 * stream does not exist), an unreachable or slow server as EventStoreUnavailable, access problems with a
 * message that says what to fix. Anything else is returned as it is.
 */
export const toPortError = (error: unknown, context: ErrorContext): Error => {
  if (error instanceof WrongExpectedRevision || error instanceof EventStoreUnavailable) return error;
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevision(
      context.stream ?? error.streamName,
      context.expected ?? fromClientExpectedRevision(error.expectedVersion),
      currentRevisionToNumber(error.actualVersion),
    );
  }
  if (isUnavailable(error)) {
    const detail = error instanceof Error ? error.message : String(error);
    return new EventStoreUnavailable(`EventStoreDB at ${context.target} is unavailable (${context.operation}): ${detail}`, { cause: error });
  }
  if (error instanceof AccessDeniedError) {
    return new Error(
      `EventStoreDB at ${context.target} denied ${context.operation}: check the user in EVENTSTORE_CONNECTION_STRING ` +
        "(it needs to read $all and write the app's streams)",
      { cause: error },
    );
  }
  if (error instanceof StreamDeletedError) {
    return new Error(`EventStoreDB stream ${error.streamName} has been deleted (${context.operation})`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
};

/** The connection string without user name and password, for messages and logs. */
export const redactConnectionString = (connectionString: string): string => connectionString.replace(/^([a-z+]+:\/\/)[^@/]*@/i, '$1***@');

/**
 * From the node's `GET /info/options` answer (an array of { name, value, … }), the options that make it
 * lose data on restart: `MemDb` (--mem-db) and `Dev` (--dev). Returns their names, [] when none is on;
 * throws when the answer is not that array.
 */
const textOf = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

export const ephemeralServerOptions = (options: unknown): string[] => {
  if (!Array.isArray(options)) throw new Error('unexpected /info/options answer: not an array');
  const found: string[] = [];
  for (const option of options) {
    if (!isPlainObject(option)) continue;
    const name = textOf(option.name ?? option.Name);
    const value = textOf(option.value ?? option.Value)
      .trim()
      .toLowerCase();
    const key = name
      .split(':')
      .pop()!
      .replace(/[^a-z]/gi, '')
      .toLowerCase();
    if ((key === 'memdb' || key === 'dev') && value === 'true') found.push(name);
  }
  return found;
};
