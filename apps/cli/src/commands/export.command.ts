import { SingleBar } from 'cli-progress';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createEventStore, eventStoreConfigFromEnv, type StoredEvent } from '../../../../libs/event-store/src';
import { readLogPages, writeNdjson } from '../../../../libs/event-store/src/ndjson';
import { InvalidInstant, parseInstant } from '../../../api/src/history/as-of';
import type { CliCommand } from './cli-command';

/**
 * A progress bar on stderr (stdout stays for the result line), drawn only on a terminal. `value`
 * and `total` are what the ETA is computed from; `count` and `rate` say what was done.
 */
export const progressBar = (verb: string, total: number) => {
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${verb} [{bar}] {percentage}% | {count} events | {rate} events/s | ETA {eta_formatted}`,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    etaBuffer: 50,
    fps: 5,
  });
  const started = process.hrtime.bigint();
  bar.start(Math.max(total, 1), 0, { count: 0, rate: 0 });
  return {
    update(value: number, count: number) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      bar.update(value, { count, rate: seconds > 0 ? Math.round(count / seconds) : 0 });
    },
    stop: () => bar.stop(),
  };
};

/** Domain time when the event carries it, else the store's clock. */
const occurredAt = (event: StoredEvent): number => {
  const domain = event.data.occurredAt;
  const parsed = typeof domain === 'string' ? Date.parse(domain) : Number.NaN;
  return Number.isNaN(parsed) ? Date.parse(event.recordedAt) : parsed;
};

/**
 * `--until`: keeps an event when its domain time (`data.occurredAt`, what users mean by "the log
 * as of 1 March": the demo and any back-filled history have a recordedAt of when they were typed
 * in) — or, for an event without one, its recordedAt — is at or before the instant. Once a stream has
 * an event after the date, nothing later of that stream is kept: every stream in the file is then
 * a prefix of the original, so its hash chain stays whole and the file can be imported.
 */
export const untilFilter = (until: number) => {
  const closed = new Set<string>();
  return (event: StoredEvent): boolean => {
    if (closed.has(event.stream)) return false;
    if (occurredAt(event) <= until) return true;
    closed.add(event.stream);
    return false;
  };
};

const UNTIL_HELP = '--until takes an ISO-8601 date or instant, e.g. 2025-03-01 or 2025-03-01T12:00:00Z';

/**
 * `--until` read as `replay --as-of` and `?asOf=` read their moment: an instant with zone, or a
 * bare date meaning 00:00 UTC of that day (its start, as ISO-8601 reads a date), so that
 * `export --until D` holds exactly the events a replay as of D folds. The whole of 1 March is
 * `--until 2025-03-02`. Impossible dates (2025-02-30) are refused, not rolled over.
 */
export const parseUntil = (text: string): number => {
  try {
    return parseInstant(text);
  } catch (error) {
    if (!(error instanceof InvalidInstant)) throw error;
    throw new Error(error.message === 'impossible' ? `${UNTIL_HELP}; '${text}' is no such day or time` : `${UNTIL_HELP}; got '${text}'`, { cause: error });
  }
};

/** Writes the log to a file, one stored event per line, the same lines GET /api/events answers. */
export const exportCommand: CliCommand = {
  summary: 'write the event log as NDJSON: --out events.ndjson [--until <date|instant>] (a bare date is 00:00 UTC, its start, as in replay --as-of)',
  async run(args) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' }, until: { type: 'string' } } });
    if (!values.out) throw new Error('--out <file> is required: where to write the log, e.g. --out events.ndjson');
    const until = values.until === undefined ? undefined : parseUntil(values.until);

    const store = await createEventStore(eventStoreConfigFromEnv());
    // Written beside the target and renamed at the end: a file named --out is always a whole export.
    const partial = `${values.out}.partial`;
    try {
      const upTo = await store.lastPosition();
      const bar = progressBar('export', upTo);
      const pages = readLogPages(store, { upTo, keep: until === undefined ? undefined : untilFilter(until) });
      let count: number;
      try {
        count = await writeNdjson(pages, createWriteStream(partial), (page, written) => bar.update(page.readUpTo, written));
      } finally {
        bar.stop();
      }
      await rename(partial, values.out);
      process.stdout.write(`exported ${count} events to ${values.out}\n`);
      return 0;
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    } finally {
      await store.close();
    }
  },
};
