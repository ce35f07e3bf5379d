import type { EventStore, StoredEvent } from '../../../../libs/event-store/src';
import type { Snapshots } from './snapshots';

/** A fold of one stream that can be resumed from a snapshot of its state. */
export interface SnapshottedFold<S> {
  kind: string;
  /** changes whenever the state's shape or the fold changes: older snapshots are then ignored */
  schema: string;
  initial: () => S;
  step: (state: S, event: StoredEvent) => S;
  /**
   * Keep one snapshot per stream, at the last revision a fold to the stream's end reached (it
   * replaces the older), instead of one every SNAPSHOT_EVERY events: for a small state that is
   * only ever wanted as it is now, so that the next fold reads only what was appended since.
   */
  head?: boolean;
}

export const SNAPSHOT_EVERY = 500;
// A fold that resumes from a snapshot has fewer than SNAPSHOT_EVERY events to go before the next
// one could be taken; a page of that size reads no more than it needs.
const PAGE = SNAPSHOT_EVERY;
// A fold as of a moment stops at the first event after it, anywhere in a page: smaller pages read
// fewer events past it (on average half a page), for a few more round trips. It is also what a
// portfolio as of a moment reads of an initiative that started after it.
const AS_OF_PAGE = 100;

/** Domain time of a stored event in epoch ms; the store's clock when an event carries none. */
export const occurredAtMs = (event: StoredEvent): number => {
  const domain = typeof event.data.occurredAt === 'string' ? Date.parse(event.data.occurredAt) : Number.NaN;
  return Number.isNaN(domain) ? Date.parse(event.recordedAt) : domain;
};

/** Domain time of a stored event as toISOString writes it (so that text order is time order). */
export const occurredAtOf = (event: StoredEvent): string => new Date(occurredAtMs(event)).toISOString();

export interface FoldedStream<S> {
  state: S;
  /** the last folded revision, -1 when nothing was */
  revision: number;
  /** the global position of the last folded event, 0 when nothing was folded from the log */
  position: number;
  /** how many events were read and folded (not counting those a snapshot stood for) */
  folded: number;
  /** the revision of the snapshot the fold started from, -1 when it started from zero */
  fromSnapshot: number;
}

/**
 * Folds a stream up to a revision or a moment of domain time, starting from the nearest snapshot
 * and leaving new ones behind every SNAPSHOT_EVERY events. Domain time runs forward within a
 * stream (each command takes the clock's now), so the first event after `asOf` ends the fold: the
 * state as of a moment is always one the stream passed through. `asOf` is an ISO-8601 instant,
 * compared as a moment in time whatever its notation.
 *
 * A snapshot records the latest domain time among the events it stands for (not just its last
 * event's), so that even where clocks disagreed and domain time stepped back, a fold resumed from
 * a snapshot stops exactly where a fold from zero would.
 */
/**
 * A snapshot the read store cannot take now (locked by another process, a full disk) is left for a
 * later fold: the fold itself is right without it, and the read it serves must not fail for it.
 */
const leave = (saving: Promise<void>): Promise<void> => saving.catch(() => undefined);

export const foldStream = async <S>(
  store: EventStore,
  snapshots: Snapshots,
  fold: SnapshottedFold<S>,
  stream: string,
  limit: { toRevision?: number; asOf?: string } = {},
): Promise<FoldedStream<S>> => {
  const until = limit.asOf === undefined ? undefined : Date.parse(limit.asOf);
  if (until !== undefined && Number.isNaN(until)) throw new RangeError(`foldStream: asOf '${limit.asOf}' is not an instant`);
  const snapshot = await snapshots.latest<S>(fold.kind, fold.schema, stream, {
    maxRevision: limit.toRevision,
    maxOccurredAt: until === undefined ? undefined : new Date(until).toISOString(),
  });
  let state = snapshot ? snapshot.state : fold.initial();
  let revision = snapshot ? snapshot.revision : -1;
  let position = 0;
  let folded = 0;
  let latestAt = snapshot ? Date.parse(snapshot.occurredAt) : Number.NEGATIVE_INFINITY;
  const last = limit.toRevision ?? Number.MAX_SAFE_INTEGER;
  const pageSize = until === undefined ? PAGE : AS_OF_PAGE;
  const done = (): FoldedStream<S> => ({ state, revision, position, folded, fromSnapshot: snapshot ? snapshot.revision : -1 });
  while (revision < last) {
    const from = revision + 1;
    const to = Math.min(last, revision + pageSize);
    const page = await store.readStream(stream, { fromRevision: from, toRevision: to });
    for (const event of page) {
      const at = occurredAtMs(event);
      if (until !== undefined && at > until) return done();
      state = fold.step(state, event);
      revision = event.revision;
      position = event.position;
      folded++;
      if (at > latestAt) latestAt = at;
      if (!fold.head && (revision + 1) % SNAPSHOT_EVERY === 0) {
        await leave(snapshots.save(fold.kind, fold.schema, stream, { revision, occurredAt: new Date(latestAt).toISOString(), state }));
      }
    }
    if (page.length < to - from + 1) break;
  }
  if (fold.head && folded > 0 && until === undefined && limit.toRevision === undefined) {
    await leave(snapshots.saveHead(fold.kind, fold.schema, stream, { revision, occurredAt: new Date(latestAt).toISOString(), state }));
  }
  return done();
};
