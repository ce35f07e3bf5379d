import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventToAppend, StoredEvent } from './event-store.port';

/** The hash the chain starts from: the "previous hash" of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashableEvent {
  stream: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/**
 * SHA-256 over the event's canonical content (its metadata without the hash) plus the previous
 * event's hash in the same stream. A chain per stream needs no global order, so it works the same
 * on every store and with concurrent writers to different streams.
 */
export const eventHash = (event: HashableEvent, previousHash: string): string => {
  const { hash: _ignored, ...metadata } = event.metadata;
  const content = canonicalJson({
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata,
  });
  return createHash('sha256').update(previousHash).update('\n').update(content).digest('hex');
};

/** Where a stream ends before an append: its last revision (-1 when new) and that event's hash (null when new). */
export interface StreamHead {
  revision: number;
  hash: string | null;
}

/** An event placed at its revision, its metadata carrying the hash as the store keeps it. */
export interface ChainedEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  revision: number;
  metadata: Record<string, unknown> & { hash: string };
  hash: string;
}

/**
 * Hashes a batch onto the stream's head, each event onto the one before it. Every adapter appends
 * through this, so a log moved from one store to another verifies the same; a `hash` the caller put
 * in the metadata is replaced, never trusted.
 */
export const chainEvents = (stream: string, events: EventToAppend[], head: StreamHead): ChainedEvent[] => {
  let previous = head.hash ?? GENESIS_HASH;
  return events.map((event, i) => {
    const revision = head.revision + 1 + i;
    const { hash: _dropped, ...metadata } = event.metadata;
    const hash = eventHash({ stream, revision, type: event.type, data: event.data, metadata }, previous);
    previous = hash;
    return { id: event.id, type: event.type, data: event.data, revision, metadata: { ...metadata, hash }, hash };
  });
};

export type ChainBreak = { stream: string; revision: number; reason: string };

/** Checks one stream's events, read in revision order: revisions 0..n without gaps and every hash whole. */
export const verifyStreamChain = (stream: string, events: StoredEvent[]): ChainBreak | null => {
  let previous = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event.revision !== i) {
      return { stream, revision: i, reason: `revision ${i} is missing (found ${event.revision})` };
    }
    const expected = eventHash(event, previous);
    if (event.metadata.hash !== expected) {
      return { stream, revision: i, reason: 'hash does not match the content and the chain' };
    }
    previous = expected;
  }
  return null;
};
