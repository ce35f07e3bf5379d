import type { StoredEvent } from '../event-store.port';

export interface EventRow {
  position: string;
  event_id: string;
  stream: string;
  revision: string;
  type: string;
  data: Record<string, unknown>;
  metadata: StoredEvent['metadata'];
  recorded_at: Date;
}

export const COLUMNS = 'position, event_id, stream, revision, type, data, metadata, recorded_at';

/** bigint columns come back from pg as strings; positions and revisions stay far below 2^53. */
export const toNumber = (value: string | number): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`value ${value} is not a safe integer`);
  return n;
};

export const toStored = (row: EventRow): StoredEvent => ({
  id: row.event_id,
  stream: row.stream,
  revision: toNumber(row.revision),
  position: toNumber(row.position),
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  recordedAt: row.recorded_at.toISOString(),
});
