import type { EventStore, StoredEvent } from '../../../../libs/event-store/src';
import { readLogPages } from '../../../../libs/event-store/src/ndjson';

export interface EventLogPage {
  /** the position the export reads through: its last line's, when `limit` cut it short */
  end: number;
  /** what to pass as `after=` to go on without skipping or repeating an event */
  continueAfter: number;
  /** true when `limit` left events of the snapshot out: the next page has more */
  more: boolean;
}

/**
 * Where one page of the export ends. Without `limit` it is the snapshot's end (`upTo`). With one,
 * it is the position of the limit-th kept event, found by a counting pass before the export so
 * that the reply's headers can say where to continue before its first line leaves: a client that
 * went on after the snapshot's end instead would skip every event between the page's last line and
 * it. The pass reads what the export then reads (pages dropped as they are counted, so memory
 * stays a page) and positions up to `upTo` never change, so both passes see the same events.
 */
export const eventLogPage = async (
  store: EventStore,
  options: { after: number; upTo: number; limit?: number; keep: (event: StoredEvent) => boolean },
): Promise<EventLogPage> => {
  const { after, upTo, limit, keep } = options;
  let end = upTo;
  if (limit !== undefined) {
    let kept = 0;
    let last = after;
    for await (const { events } of readLogPages(store, { after, upTo, limit, keep })) {
      kept += events.length;
      if (events.length) last = events[events.length - 1].position;
    }
    if (kept >= limit) end = last;
  }
  const continueAfter = Math.max(after, end);
  return { end, continueAfter, more: continueAfter < upTo };
};

/** The next page's URL: the same filter and page size, after the position this page read through. */
export const nextPageLink = (page: EventLogPage, query: { limit?: number; type?: string }): string => {
  const params = new URLSearchParams({ after: String(page.continueAfter) });
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.type !== undefined) params.set('type', query.type);
  return `</api/events?${params.toString()}>; rel="next"`;
};
