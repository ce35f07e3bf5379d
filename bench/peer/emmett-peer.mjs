/**
 * The peer of `npm run bench -- peer`: the same read → decide → append loop as Regie's side, through
 * Emmett's SQLite event store (0.38.5, sqlite3 5.1.7). Prints one JSON line.
 *
 *   node emmett-peer.mjs <file> <mode: shared|per-operation> <commands> <streams> <inFlight> [maxSeconds]
 *
 * After maxSeconds (default 60) no new command starts: a mode that fails slowly still ends.
 *
 * The clock runs on a second file, after the same loop has run once on a first (warm-up, at most
 * 10 s): the code then runs compiled by V8's optimiser, as in a process that has been up a while.
 * Regie's side warms up the same way.
 *
 * shared: one sqliteConnection for every command, through Emmett's readStream/appendToStream.
 * per-operation: getSQLiteEventStore, which opens (and closes) a connection for every operation.
 */
import { rmSync } from 'node:fs';
import { appendToStream, createEventStoreSchema, getSQLiteEventStore, readStream, sqliteConnection } from '@event-driven-io/emmett-sqlite';

const [file, mode, commands, streams, inFlight, maxSeconds = '60'] = process.argv.slice(2);
const n = Number(commands);

/** The domain of the bench: a stream counts its events; a command adds one, at the version it read. */
const evolve = (count) => count + 1;
const decide = (count, i) => [{ type: 'Counted', data: { i, before: count } }];

/** The loop on `fileName` until `count` commands ran or `seconds` passed: what it did and how long it took. */
const loop = async (fileName, count, seconds) => {
  const connection = sqliteConnection({ fileName });
  await connection.command('PRAGMA synchronous = FULL');
  await createEventStoreSchema(connection);
  const synchronous = (await connection.querySingle('PRAGMA synchronous')).synchronous;

  const store = getSQLiteEventStore({ fileName });
  const run = mode === 'shared'
    ? async (stream, i) => {
      const read = await readStream(connection, stream);
      const count = read.events.reduce(evolve, 0);
      const result = await appendToStream(connection, stream, 'counter', decide(count, i), { expectedStreamVersion: read.currentStreamVersion });
      if (!result.success) throw new Error('conflict');
    }
    : async (stream, i) => {
      const { state, currentStreamVersion } = await store.aggregateStream(stream, { evolve, initialState: () => 0 });
      await store.appendToStream(stream, decide(state, i), { expectedStreamVersion: currentStreamVersion });
    };

  let next = 0;
  let done = 0;
  let failed = 0;
  let firstError = null;
  const deadline = Date.now() + seconds * 1000;
  const worker = async () => {
    for (let i = next++; i < count && Date.now() < deadline; i = next++) {
      try {
        await run(`counter-${i % Number(streams)}`, i);
        done++;
      } catch (error) {
        failed++;
        firstError ??= String(error?.message ?? error);
      }
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Number(inFlight) }, worker));
  const took = Number(process.hrtime.bigint() - started) / 1e9;
  connection.close();
  return { done, failed, firstError, seconds: took, synchronous };
};

await loop(`${file}.warm-up`, n, 10);
// Deleted, its pages are not written back to the disk while the timed run syncs.
for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}.warm-up${suffix}`, { force: true });
const { done, failed, firstError, seconds, synchronous } = await loop(file, n, Number(maxSeconds));
process.stdout.write(JSON.stringify({ mode, inFlight: Number(inFlight), done, failed, firstError, seconds, perSecond: done / seconds, synchronous }) + '\n');
