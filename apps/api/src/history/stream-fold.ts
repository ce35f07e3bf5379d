import type { EventStore, StoredEvent } from '../../../../libs/event-store/src';
import type { SnapshotStore } from './snapshot.store';

/** A fold of one stream that can be resumed from a snapshot of its state. */
export interface SnapshottedFold<S> {
  kind: string;
  /** changes whenever the state's shape or the fold changes: older snapshots are then ignored */
  schema: string;
  initial: () => S;
  step: (state: S, event: StoredEvent) => S;
}

export const SNAPSHOT_EVERY = 500;
const PAGE = 1000;

/** Domain time of a stored event; the store's clock when an event carries none. */
export const occurredAtOf = (event: StoredEvent): string =>
  typeof event.data.occurredAt === 'string' ? event.data.occurredAt : event.recordedAt;

export interface FoldedStream<S> {
  state: S;
  /** the last folded revision, -1 when nothing was */
  revision: number;
}

/**
 * Folds a stream up to a revision or a moment of domain time, starting from the nearest snapshot
 * and leaving new ones behind every SNAPSHOT_EVERY events. Domain time runs forward within a
 * stream (each command takes the clock's now), so the first event after `asOf` ends the fold.
 */
export const foldStream = async <S>(
  store: EventStore, snapshots: SnapshotStore, fold: SnapshottedFold<S>, stream: string,
  limit: { toRevision?: number; asOf?: string } = {},
): Promise<FoldedStream<S>> => {
  const snapshot = await snapshots.latest<S>(fold.kind, fold.schema, stream, { maxRevision: limit.toRevision, maxOccurredAt: limit.asOf });
  let state = snapshot ? snapshot.state : fold.initial();
  let revision = snapshot ? snapshot.revision : -1;
  const last = limit.toRevision ?? Number.MAX_SAFE_INTEGER;
  while (revision < last) {
    const from = revision + 1;
    const to = Math.min(last, revision + PAGE);
    const page = await store.readStream(stream, { fromRevision: from, toRevision: to });
    for (const event of page) {
      if (limit.asOf !== undefined && occurredAtOf(event) > limit.asOf) return { state, revision };
      state = fold.step(state, event);
      revision = event.revision;
      if ((revision + 1) % SNAPSHOT_EVERY === 0) {
        await snapshots.save(fold.kind, fold.schema, stream, { revision, occurredAt: occurredAtOf(event), state });
      }
    }
    if (page.length < to - from + 1) break;
  }
  return { state, revision };
};
