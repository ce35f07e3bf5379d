import { DuplicateEventId } from './errors';
import type { AppendResult, EventToAppend, ExpectedRevision } from './event-store.port';

/** Where one event id is already stored. */
export interface StoredPlace {
  stream: string;
  revision: number;
  position: number;
}

/**
 * Decides what an append answers when some of its event ids are already stored, so that a retry
 * is safe and a reused id is never mistaken for one.
 *
 * The batch is a retry — a no-op that answers `{ revision, position }` of its last event — only
 * when every one of its ids is stored in `stream`, in batch order at consecutive revisions, at the
 * place the expected revision would have put them:
 * - `no-stream`: from revision 0;
 * - an exact revision N: from revision N + 1;
 * - `exists`: from revision 1 or later (an `exists` append never writes revision 0), and the
 *   batch is still the stream's last events (its last revision is `head`);
 * - `any`: the batch is still the stream's last events.
 * `any` and `exists` name no place, so "where the first append put them" is only knowable while
 * nothing came after them: once another append followed, re-sending those ids is refused.
 *
 * Anything else where some id is stored — another stream, another revision, only part of the
 * batch — is DuplicateEventId. `found[i]` is where `events[i].id` is stored (undefined when not);
 * `head` is the stream's last revision (-1 when it has none), read in the same snapshot.
 */
export const retriedAppendResult = (
  stream: string,
  events: EventToAppend[],
  expected: ExpectedRevision,
  found: Array<StoredPlace | undefined>,
  head: number,
): AppendResult | null => {
  const firstFound = found.findIndex((f) => f);
  if (firstFound === -1) return null;
  const first = found[0];
  const last = found[found.length - 1];
  const consecutive = !!first && !!last && found.every((f, i) => !!f && f.stream === stream && f.revision === first.revision + i);
  if (consecutive && atExpectedPlace(expected, first.revision, last.revision, head)) {
    return { revision: last.revision, position: last.position };
  }
  const place = found[firstFound]!;
  throw new DuplicateEventId(events[firstFound].id, place.stream, place.revision);
};

const atExpectedPlace = (expected: ExpectedRevision, firstRevision: number, lastRevision: number, head: number): boolean => {
  if (expected === 'no-stream') return firstRevision === 0;
  if (typeof expected === 'number') return firstRevision === expected + 1;
  if (expected === 'exists') return firstRevision >= 1 && lastRevision === head;
  return lastRevision === head;
};
