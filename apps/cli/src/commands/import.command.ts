import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createEventStore, eventHash, type EventStore, eventStoreConfigFromEnv, GENESIS_HASH, type StoredEvent } from '../../../../libs/event-store/src';
import { parseNdjson } from '../../../../libs/event-store/src/ndjson';
import type { CliCommand } from './cli-command';
import { progressBar } from './export.command';

/** Events per append at most: one transaction, one fsync, for a run of one stream's events. */
const BATCH = 1000;

const lines = (file: string) => createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });

type Head = { revision: number; hash: string };

/**
 * First pass, before anything is written: every stream runs from revision 0 without gaps and every
 * hash is the one the store will compute when it appends the event again (the hash covers stream,
 * revision, type, data and metadata without the hash, canonically, and the hash before it). So a
 * file that passes imports to exactly the same chains, and a file that was edited, cut in the
 * middle of a stream or reordered within one is refused with the line that gives it away.
 */
const checkFile = async (file: string, size: number): Promise<{ count: number; heads: Map<string, Head> }> => {
  const heads = new Map<string, Head>();
  let count = 0;
  let read = 0;
  const bar = progressBar('check ', size);
  const counted = async function* () {
    for await (const line of lines(file)) {
      read += line.length + 1;
      yield line;
    }
  };
  const check = ({ event, lineNumber }: { event: StoredEvent; lineNumber: number }) => {
    const head = heads.get(event.stream);
    const expected = head ? head.revision + 1 : 0;
    if (event.revision !== expected) {
      throw new Error(
        `line ${lineNumber}: stream ${event.stream} ${head ? `goes from revision ${head.revision} to ${event.revision}` : `starts at revision ${event.revision}`}; ` +
          'an import needs every stream whole from revision 0, as `cli export` writes it',
      );
    }
    const hash = eventHash(event, head ? head.hash : GENESIS_HASH);
    if (hash !== event.metadata.hash) {
      throw new Error(
        `line ${lineNumber}: event ${event.id} (${event.stream} revision ${event.revision}) does not match its hash: ` +
          'its content or an earlier event of its stream was changed after the export',
      );
    }
    heads.set(event.stream, { revision: event.revision, hash });
  };
  try {
    for await (const line of parseNdjson(counted())) {
      check(line);
      if (++count % 1000 === 0) bar.update(read, count);
    }
    bar.update(size, count);
  } finally {
    bar.stop();
  }
  return { count, heads };
};

/**
 * Second pass: appends in the file's (global) order, so the copy has the original's order across
 * streams too and, on a store without position gaps, the same positions. Consecutive events of one
 * stream go in one append with the exact expected revision.
 */
const appendFile = async (store: EventStore, file: string, onBatch: (imported: number) => void) => {
  let batch: StoredEvent[] = [];
  let imported = 0;
  let positionsKept = true;
  const flush = async () => {
    if (!batch.length) return;
    const first = batch[0];
    const result = await store.append(
      first.stream,
      batch.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
      first.revision === 0 ? 'no-stream' : first.revision - 1,
    );
    if (result.position !== batch[batch.length - 1].position) positionsKept = false;
    imported += batch.length;
    batch = [];
    onBatch(imported);
  };
  for await (const { event } of parseNdjson(lines(file))) {
    if (batch.length && (batch[0].stream !== event.stream || batch.length >= BATCH)) await flush();
    batch.push(event);
  }
  await flush();
  return { imported, positionsKept };
};

/**
 * Loads an export into an empty store. recordedAt becomes the time of the import: the store port
 * stamps every append itself. Domain time (data.occurredAt), which the as-of views use, travels
 * inside data and is kept.
 */
export const importCommand: CliCommand = {
  summary: 'load an NDJSON export into an empty store: --in events.ndjson',
  async run(args) {
    const { values } = parseArgs({ args, options: { in: { type: 'string' } } });
    const file = values.in;
    if (!file) throw new Error('--in <file> is required: an export written by `npm run cli -- export`');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new Error(`--in ${file}: no such file`);

    const config = eventStoreConfigFromEnv();
    const store = await createEventStore(config);
    try {
      const last = await store.lastPosition();
      if (last > 0) {
        const where = config.kind === 'sqlite' ? `DATA_DIR ${config.dataDir}` : `the ${config.kind} store`;
        process.stderr.write(
          `refusing to import: ${where} already holds events (up to position ${last}). ` +
            'An import only goes into an empty store, so that it is an exact copy: point DATA_DIR (or DATABASE_URL) at a new one.\n',
        );
        return 1;
      }
      const { count, heads } = await checkFile(file, info.size);
      const bar = progressBar('import', count);
      let result: { imported: number; positionsKept: boolean };
      try {
        result = await appendFile(store, file, (imported) => bar.update(imported, imported));
      } finally {
        bar.stop();
      }
      // Each stream's last hash chains every event before it: equal heads mean equal hashes throughout.
      for (const [stream, head] of heads) {
        const [stored] = await store.readStream(stream, { fromRevision: head.revision });
        if (stored?.metadata.hash !== head.hash) {
          throw new Error(
            `after the import, stream ${stream} ends at a hash other than the file's: the store hashes differently from the one that exported it`,
          );
        }
      }
      process.stdout.write(
        `imported ${result.imported} events in ${heads.size} streams from ${file}; every hash equals the exported one` +
          `${result.positionsKept ? '' : ' (global positions renumbered: the source had gaps)'}\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
