import type { RegieEvent } from '../../../events';
import type { StoredEvent } from '../../../libs/event-store/src';
import { foldTargets, type Projection } from '../../../libs/projections/src';

/** Domain events as the store would hand them out: positions from 1, revisions per stream. */
export function storedEvents(events: RegieEvent[], firstPosition = 1): StoredEvent[] {
  const revisions = new Map<string, number>();
  return events.map((event, i) => {
    const stream = event.type === 'PartnerRegistered' ? `partner-${event.data.partnerId}` : `initiative-${event.data.initiativeId}`;
    const revision = (revisions.get(stream) ?? -1) + 1;
    revisions.set(stream, revision);
    const position = firstPosition + i;
    return {
      id: `event-${position}`,
      stream,
      revision,
      position,
      type: event.type,
      data: event.data,
      metadata: { schemaVersion: event.schemaVersion, actor: { sub: 'test', partner: null }, hash: `hash-${position}` },
      recordedAt: (event.data as { occurredAt: string }).occurredAt,
    };
  });
}

/** Given events, the projection's documents by id — the way the runner folds them, minus the database. */
export function project<D>(projection: Projection<D>, events: RegieEvent[]): Map<string, D> {
  const docs = new Map<string, D>();
  for (const stored of storedEvents(events)) {
    const event = events[stored.position - 1];
    for (const id of foldTargets(projection, event, stored, () => docs.keys())) {
      const after = projection.reduce(docs.get(id), event, stored, id);
      if (after === null) docs.delete(id);
      else docs.set(id, after);
    }
  }
  return docs;
}

/** A JSON round trip: what the read store gives back. */
export const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
