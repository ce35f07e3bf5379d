import { createHash } from 'node:crypto';
import type { StoredEvent } from '../../../libs/event-store/src';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The demo's ids are new uuids on every run; everything else in it is fixed once `today` is.
 * So each uuid is replaced by the order in which it first appears in the log (`#1`, `#2` …), which
 * is the same on every run, and documents are compared in that form.
 */
export class Uuids {
  private readonly ordinals = new Map<string, string>();

  constructor(log: readonly StoredEvent[]) {
    for (const e of log) this.canonical(JSON.stringify([e.id, e.stream, e.data]));
  }

  canonical(text: string): string {
    return text.replace(UUID, (uuid) => {
      const key = uuid.toLowerCase();
      let ordinal = this.ordinals.get(key);
      if (!ordinal) {
        ordinal = `#${this.ordinals.size + 1}`;
        this.ordinals.set(key, ordinal);
      }
      return ordinal;
    });
  }
}

const sha256 = (lines: string[]): string => createHash('sha256').update(lines.join('\n')).digest('hex');

/** The log as the projections read it: types, streams, schema versions and data, in order. */
export const historyFingerprint = (log: readonly StoredEvent[], uuids: Uuids): string =>
  sha256(log.map((e) => uuids.canonical(JSON.stringify([e.position, e.stream, e.type, e.metadata?.schemaVersion ?? null, e.data]))));

/** A projection's documents (id → stored JSON), in canonical form and order. */
export function documentsFingerprint(documents: ReadonlyMap<string, string>, uuids: Uuids): string {
  // Ids first (their uuids are all in the log), then the bodies in that order: so even a uuid
  // found only in a document (none should be, reducers are pure) gets the same ordinal every run.
  const rows = [...documents]
    .map(([id, body]) => ({ id: uuids.canonical(id), body }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ id, body }) => `${id}\t${uuids.canonical(body)}`);
  return sha256(rows);
}
