import type { EventStore, EventToFold } from '../../../event-store/src';

/**
 * Whether a catch-up from nothing on this store reads stream by stream (`byStream` says so when
 * given). EventStoreDB lists its streams by reading the whole log: there the log in order is cheaper.
 */
export const readsByStream = (store: EventStore, byStream?: boolean): boolean => byStream ?? store.name !== 'eventstoredb';

/** Events per read: a long stream is read in pages, never all at once. */
const PAGE = 1000;

export interface StreamPage {
  stream: string;
  events: EventToFold[];
  /** the stream has no more events up to the head */
  endOfStream: boolean;
}

/**
 * The log up to `head`, a stream at a time, each stream's events in their order: what a catch-up
 * folding stream by stream reads. Events appended after `head` are left to the pass in log order
 * that follows it (within a stream, positions grow with revisions, on every store).
 */
export async function* streamPagesUpTo(store: EventStore, streams: Iterable<{ stream: string; revision: number }>, head: number): AsyncGenerator<StreamPage> {
  for (const { stream, revision } of streams) {
    for (let from = 0; from <= revision; from += PAGE) {
      const read = await store.readStreamToFold(stream, from, Math.min(revision, from + PAGE - 1));
      const events = read.filter((e) => e.position <= head);
      const endOfStream = events.length < read.length || from + PAGE > revision;
      if (events.length || endOfStream) yield { stream, events, endOfStream };
      if (endOfStream) break;
    }
  }
}
