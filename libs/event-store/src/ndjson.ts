import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { EventStore, StoredEvent } from './event-store.port';

/**
 * The log's exchange format: one stored event per line, as JSON, fields in this order. The same
 * bytes leave `GET /api/events`, `cli export` and go back in through `cli import`, so an export
 * is re-importable and two exports of the same log are byte-identical.
 */
export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';

export const toNdjsonLine = (event: StoredEvent): string =>
  JSON.stringify({
    position: event.position,
    stream: event.stream,
    revision: event.revision,
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  }) + '\n';

/** A page of events as one chunk of lines: one write per page instead of one per event. */
export const toNdjsonChunk = (events: readonly StoredEvent[]): string => {
  let chunk = '';
  for (const event of events) chunk += toNdjsonLine(event);
  return chunk;
};

/** A line that is not a stored event; `lineNumber` is 1-based, as an editor shows it. */
export class InvalidNdjsonLine extends Error {
  override readonly name = 'InvalidNdjsonLine';
  constructor(
    readonly lineNumber: number,
    reason: string,
  ) {
    super(`line ${lineNumber}: ${reason}`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isCount = (value: unknown, min: number): value is number => Number.isSafeInteger(value) && (value as number) >= min;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Reads one line back into a StoredEvent, refusing anything an export could not have written. */
export const parseNdjsonLine = (line: string, lineNumber = 1): StoredEvent => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new InvalidNdjsonLine(lineNumber, `not JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) throw new InvalidNdjsonLine(lineNumber, 'not a JSON object');
  const { position, stream, revision, id, type, data, metadata, recordedAt } = value;
  const wrong = (field: string, wanted: string) =>
    new InvalidNdjsonLine(lineNumber, `${field} must be ${wanted}; got ${JSON.stringify(value[field]) ?? 'nothing'}`);
  if (!isCount(position, 1)) throw wrong('position', 'an integer >= 1');
  if (!isText(stream)) throw wrong('stream', 'a non-empty string');
  if (!isCount(revision, 0)) throw wrong('revision', 'an integer >= 0');
  if (!isText(id)) throw wrong('id', 'a non-empty string');
  if (!isText(type)) throw wrong('type', 'a non-empty string');
  if (!isObject(data)) throw wrong('data', 'an object');
  if (!isObject(metadata) || !isText(metadata.hash)) throw wrong('metadata', 'an object with a hash');
  if (!isText(recordedAt) || Number.isNaN(Date.parse(recordedAt))) throw wrong('recordedAt', 'an ISO-8601 instant');
  return { position, stream, revision, id, type, data, metadata: metadata as StoredEvent['metadata'], recordedAt };
};

/** Parses lines as they come (a file read with readline, say), numbering them; blank lines are skipped. */
export async function* parseNdjson(lines: AsyncIterable<string>): AsyncGenerator<{ event: StoredEvent; lineNumber: number }> {
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    yield { event: parseNdjsonLine(line, lineNumber), lineNumber };
  }
}

export interface ReadLogOptions {
  /** Start after this global position (exclusive); default 0. */
  after?: number;
  /**
   * Stop at this position (inclusive). Callers pass the store's lastPosition() taken when the
   * export starts, so the export is a consistent snapshot: what is appended meanwhile is not in it.
   */
  upTo: number;
  /** At most this many kept events; default all. */
  limit?: number;
  /** Which events to keep (type filter, visibility, a date cut); default all. */
  keep?: (event: StoredEvent) => boolean;
  /** Events per readAll; default 1,000. */
  pageSize?: number;
}

export interface LogPage {
  /** the kept events of this page (may be empty when the filter dropped them all) */
  events: StoredEvent[];
  /** the last position read so far, kept or not: progress through the snapshot */
  readUpTo: number;
}

/**
 * The global log page by page, never more than one page in memory. A generator, so the consumer
 * sets the pace: nothing is read from the store until the previous page has been taken.
 */
export async function* readLogPages(store: EventStore, options: ReadLogOptions): AsyncGenerator<LogPage> {
  const pageSize = options.pageSize ?? 1000;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const keep = options.keep;
  let after = options.after ?? 0;
  let kept = 0;
  while (after < options.upTo && kept < limit) {
    const page = await store.readAll(after, pageSize);
    if (page.length === 0) return;
    const events: StoredEvent[] = [];
    let done = false;
    for (const event of page) {
      if (event.position > options.upTo) {
        done = true;
        break;
      }
      after = event.position;
      if (keep && !keep(event)) continue;
      events.push(event);
      if (++kept >= limit) {
        done = true;
        break;
      }
    }
    yield { events, readUpTo: after };
    if (done || page.length < pageSize) return;
  }
}

/** The pages as NDJSON chunks, one per non-empty page: what an HTTP reply or a file receives. */
export async function* ndjsonChunks(pages: AsyncIterable<LogPage>): AsyncGenerator<string> {
  for await (const { events } of pages) {
    if (events.length) yield toNdjsonChunk(events);
  }
}

/**
 * Writes the pages to `output` as NDJSON, waiting for 'drain' whenever the output is full, and
 * ends it. Resolves with the number of events written once the output has flushed.
 */
export const writeNdjson = async (pages: AsyncIterable<LogPage>, output: Writable, onPage?: (page: LogPage, written: number) => void): Promise<number> => {
  let written = 0;
  for await (const page of pages) {
    written += page.events.length;
    if (output.errored) throw output.errored;
    if (page.events.length && !output.write(toNdjsonChunk(page.events))) await once(output, 'drain');
    onPage?.(page, written);
  }
  output.end();
  await finished(output);
  return written;
};
