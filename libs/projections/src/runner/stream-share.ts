/**
 * A cold catch-up stream by stream, split between two threads by stream instead of by projection:
 * the API's pass (the KPI saga's) and the catch-up thread's (the other projections') each fold
 * their side of the streams for every member of both, so each event is read and opened once, not
 * once per thread.
 *
 * Both passes fold up to the same `head`, and a stream goes to exactly one side (a hash of its
 * name, the same on both threads, whatever streams were appended since). A member's owner commits
 * its checkpoint only once the other side says its documents are written (ProjectionGroup's
 * `sharing`); until then both sides write documents at checkpoint 0, each its own streams'
 * (oneStreamPerDocument), and a saga's commands go to its owner to dispatch.
 */
export interface StreamShare {
  /** the position both passes fold to; what comes after is left to each owner's pass in log order */
  head: number;
  /** about this share of the streams is the API's side (0–1) */
  helped: number;
}

/** FNV-1a: cheap, stable across threads and runs, and spreads initiative ids evenly. */
const hashOf = (stream: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/** True for the API's side of the streams, false for the thread's. */
export const helpedStream = (share: StreamShare, stream: string): boolean => hashOf(stream) % 1000 < Math.round(share.helped * 1000);
