import type { EventToFold, StoredEvent } from '../event-store.port';

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

/** COLUMNS with the metadata cut to its schema version in the server: what a fold reads (see EventToFold). */
export const FOLD_COLUMNS =
  "position, event_id, stream, revision, type, data, json_strip_nulls(json_build_object('schemaVersion', metadata->'schemaVersion')) AS metadata, recorded_at";

/** bigint columns come back from pg as strings; positions and revisions stay far below 2^53. */
export const toNumber = (value: string | number): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`value ${value} is not a safe integer`);
  return n;
};

/** A row of FOLD_COLUMNS. */
export type FoldRow = Omit<EventRow, 'metadata'> & { metadata: EventToFold['metadata'] };

/** An event from its row: a StoredEvent from COLUMNS, an EventToFold from FOLD_COLUMNS. */
export const toStored = <M extends EventToFold['metadata']>(
  row: Omit<EventRow, 'metadata'> & { metadata: M },
): Omit<StoredEvent, 'metadata'> & { metadata: M } => ({
  id: row.event_id,
  stream: row.stream,
  revision: toNumber(row.revision),
  position: toNumber(row.position),
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  recordedAt: row.recorded_at.toISOString(),
});
