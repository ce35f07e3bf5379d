/** What a caller hands the store: the fact, not yet placed in a stream. */
export interface EventToAppend {
  /** uuid; also the idempotency handle — re-appending the same id at the same place is a no-op. */
  id: string;
  type: string;
  data: Record<string, unknown>;
  /** actor, correlationId, causationId, schemaVersion …; the store adds `hash`. */
  metadata: Record<string, unknown>;
}

/** An event as the store holds it. */
export interface StoredEvent {
  id: string;
  stream: string;
  /** 0-based revision within the stream. */
  revision: number;
  /** Global position, strictly increasing in commit order across all streams (starts at 1). */
  position: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown> & { hash: string };
  /** ISO-8601 instant at which the store recorded it. */
  recordedAt: string;
}

/**
 * An event as a fold reads it: all of it but the metadata, of which it needs only the schema version
 * the data was written in, and the time it was recorded, which no fold reads (projections never
 * read a clock). An adapter may leave out the rest (actor, ids, hash): at a million events, parsing
 * it was a fifth of a catch-up. A StoredEvent is one.
 */
export type EventToFold = Omit<StoredEvent, 'metadata' | 'recordedAt'> & {
  metadata: Readonly<Record<string, unknown>> & { readonly schemaVersion?: unknown };
};

/** `any`: no check; `no-stream`: the stream must not exist; `exists`: it must; a number: the stream's last revision must be exactly that. */
export type ExpectedRevision = 'any' | 'no-stream' | 'exists' | number;

export interface AppendResult {
  /** The stream's revision after the append (its last event's revision). */
  revision: number;
  /** The global position of the last appended event. */
  position: number;
}

export interface ReadStreamOptions {
  /** first revision to read, inclusive (default 0) */
  fromRevision?: number;
  /** last revision to read, inclusive */
  toRevision?: number;
  /**
   * Only the events one command appended (their metadata's `commandId`): a keyed retry finds its
   * earlier copy's events this way without reading and parsing a long stream.
   */
  commandId?: string;
}

export interface Subscription extends AsyncIterable<StoredEvent> {
  /** Stops the subscription; a pending iteration ends. */
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Called once, when the subscription has delivered everything stored at the time it caught up. */
  onCaughtUp?: (position: number) => void;
}

/**
 * The event store port. Every adapter (sqlite, postgres, eventstoredb) passes the one contract
 * suite in test/store-contract/event-store.contract.ts.
 */
export interface EventStore {
  readonly name: string;
  append(stream: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /** The stream's events in revision order; an unknown stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Up to `limit` events with position > afterPosition, in global order. */
  readAll(afterPosition: number, limit: number): Promise<StoredEvent[]>;
  /** readAll for a fold (a projection's catch-up or rebuild): the same events, their metadata cut to the schema version. */
  readAllToFold(afterPosition: number, limit: number): Promise<EventToFold[]>;
  /** readStream for a fold (a catch-up stream by stream): revisions fromRevision to toRevision, inclusive, their metadata cut to the schema version. */
  readStreamToFold(stream: string, fromRevision: number, toRevision: number): Promise<EventToFold[]>;
  /** Catch-up from afterPosition (exclusive), then live, in global order, without gap or duplicate. */
  subscribe(afterPosition: number, options?: SubscribeOptions): Subscription;
  /** The position of the last stored event (0 when empty). */
  lastPosition(): Promise<number>;
  /** Every stream name with its last revision, for verification and tooling. */
  listStreams(): Promise<Array<{ stream: string; revision: number }>>;
  /** Cheap liveness check for /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
