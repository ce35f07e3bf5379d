import type { EventStore } from '../../../event-store/src';

/**
 * A cold catch-up stream by stream, split between two threads by stream instead of by projection:
 * the API's pass (the KPI saga's) and the catch-up thread's (the other projections') each fold
 * the streams they take for every member of both, so each event is read and opened once, not once
 * per thread.
 *
 * Both passes fold up to the same `head`, and a stream goes to exactly one side: each takes the
 * next few streams of the list whenever it is ready for more (claimedStreams), so whichever side
 * is busier elsewhere (the API's with its start-up, its requests and the saga's commands) folds
 * fewer, and both end together. A member's owner commits its checkpoint only once the other side
 * says its documents are written (ProjectionGroup's `sharing`); until then both sides write
 * documents at checkpoint 0, each its own streams' (oneStreamPerDocument), and a saga's commands go
 * to its owner to dispatch.
 */
export interface StreamShare {
  /** the position both passes fold to; what comes after is left to each owner's pass in log order */
  head: number;
  /** the streams both passes take from, in this order */
  streams: ReadonlyArray<{ stream: string; revision: number }>;
  /** shared memory of both threads: the next stream to take, then which side took each (SIDES, 0 for none yet) */
  claims: SharedArrayBuffer;
}

export type ShareSide = 'api' | 'thread';

const SIDES: Record<ShareSide, number> = { api: 1, thread: 2 };

/**
 * Streams taken at a time: few enough that the sides end within a fraction of a second of each
 * other (a stream of a thousand events folds in some 30 ms), enough that taking costs nothing.
 */
const STREAMS_PER_CLAIM = 4;

/** A share of these streams, up to `head`, that neither side has taken from yet. */
export const streamShare = (head: number, streams: ReadonlyArray<{ stream: string; revision: number }>): StreamShare => ({
  head,
  streams,
  claims: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (1 + streams.length)),
});

/** A share of the store's streams up to its head as it is now. */
export const shareUpToHead = async (store: EventStore): Promise<StreamShare> => {
  // The head first: a stream listed that has nothing up to it is read once and found empty.
  const head = await store.lastPosition();
  return streamShare(head, await store.listStreams());
};

/** The streams this side takes, a few at a time as it asks for more, until none is left. */
export function* claimedStreams(share: StreamShare, side: ShareSide): Generator<{ stream: string; revision: number }> {
  const claims = new Int32Array(share.claims);
  for (;;) {
    const from = Atomics.add(claims, 0, STREAMS_PER_CLAIM);
    if (from >= share.streams.length) return;
    const to = Math.min(from + STREAMS_PER_CLAIM, share.streams.length);
    for (let i = from; i < to; i++) Atomics.store(claims, 1 + i, SIDES[side]);
    for (let i = from; i < to; i++) yield share.streams[i];
  }
}

/** Which side took the stream at this place in the list, null while neither has. */
export const takenBy = (share: StreamShare, index: number): ShareSide | null => {
  const side = Atomics.load(new Int32Array(share.claims), 1 + index);
  return side === SIDES.api ? 'api' : side === SIDES.thread ? 'thread' : null;
};

/** The streams this side did not take: the other side's, and those nobody took (it stopped short). */
export const notTakenBy = (share: StreamShare, side: ShareSide): Array<{ stream: string; revision: number }> =>
  share.streams.filter((_, i) => takenBy(share, i) !== side);
