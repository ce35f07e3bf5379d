import { randomUUID } from 'node:crypto';
import { jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { DuplicateEventId, WrongExpectedRevision } from '../errors';
import type { EventToAppend } from '../event-store.port';
import type { EventStoreDbCalls } from './eventstoredb-calls';
import { EVENT_ID_RESERVED_TYPE, eventIdStream, reservationOwner } from './eventstoredb-mapping';

/**
 * Reserves every event id for this stream (see EVENT_ID_STREAM_PREFIX). Returns true when some id was
 * already reserved for it (a retry of an append that may have landed); throws DuplicateEventId when one
 * belongs to another stream. `revisionOf` says where in its stream an id landed, -1 if nowhere.
 */
export const reserveEventIds = async (
  calls: EventStoreDbCalls,
  stream: string,
  events: EventToAppend[],
  revisionOf: (stream: string, id: string) => Promise<number>,
): Promise<boolean> => {
  const owners = await Promise.all(events.map((event) => reserveEventId(calls, event.id, stream)));
  for (let i = 0; i < events.length; i++) {
    const { owner } = owners[i];
    if (owner !== stream) throw new DuplicateEventId(events[i].id, owner, await revisionOf(owner, events[i].id));
  }
  return owners.some((o) => o.existed);
};

const reserveEventId = async (calls: EventStoreDbCalls, id: string, stream: string): Promise<{ owner: string; existed: boolean }> => {
  const reservation = eventIdStream(id);
  try {
    await calls.call(
      `reserve event id ${id}`,
      // a fresh id for the reservation event, so that a repeat is a conflict, never an idempotent success
      () =>
        calls.client.appendToStream(reservation, jsonEvent({ id: randomUUID(), type: EVENT_ID_RESERVED_TYPE, data: { stream } }), {
          expectedRevision: NO_STREAM,
          deadline: calls.deadlineMs,
        }),
      { stream: reservation, expected: 'no-stream' },
    );
    return { owner: stream, existed: false };
  } catch (error) {
    if (!(error instanceof WrongExpectedRevision)) throw error;
  }
  let owner = null as string | null;
  await calls.drain(`read ${reservation}`, calls.client.readStream(reservation, { maxCount: 1 }), (resolved) => {
    owner = reservationOwner(resolved);
    return false;
  });
  if (owner === null) throw new Error(`stream ${reservation} exists but holds no event id reservation`);
  return { owner, existed: true };
};
