import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { built, builtEventStore } from './built';
import { median, printTable } from './table';

const STREAMS = 1000;

// Regie's side as built (see built.ts).
const { SqliteEventStore, sqliteFile } = builtEventStore();
const { GroupCommit } = built<typeof import('../libs/event-store/src/sqlite/group-commit')>('libs/event-store/src/sqlite/group-commit');
const { openEventsDatabase } = built<typeof import('../libs/event-store/src/sqlite/sqlite-schema')>('libs/event-store/src/sqlite/sqlite-schema');

const payload = (i: number) => ({ kpiId: 'kpi-1', period: '2025-Q3', value: i, partnerId: 'partner-1', occurredAt: '2025-09-30T00:00:00.000Z' });
const metadata = () => ({ actor: { sub: 'bench', partner: 'partner-1' }, correlationId: randomUUID(), causationId: randomUUID(), schemaVersion: 1 });

/** (a) Regie's adapter, one single-event command per append, round-robin over 1,000 streams. */
const regieSingle = async (dir: string, n: number) => {
  const store = SqliteEventStore.open(sqliteFile(dir));
  const revisions = new Array<number>(STREAMS).fill(-1);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const s = i % STREAMS;
    const expected = revisions[s] === -1 ? 'no-stream' : revisions[s];
    revisions[s] = (
      await store.append(`initiative-${s}`, [{ id: randomUUID(), type: 'MeasurementRecorded', data: payload(i), metadata: metadata() }], expected)
    ).revision;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await store.close();
  return n / seconds;
};

/**
 * (c) What (a) does, on the calling thread: the store's own transaction (revision check, hash
 * chain, insert, fsync) without the hop to the writer thread and back. Not a way to run Regie (a
 * commit would hold the event loop): it tells how much of (a)'s gap to (b) is that hop.
 */
const inThreadSingle = (dir: string, n: number): number => {
  const db = openEventsDatabase(sqliteFile(dir));
  const commit = new GroupCommit(db);
  const revisions = new Array<number>(STREAMS).fill(-1);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const s = i % STREAMS;
    const expected = revisions[s] === -1 ? 'no-stream' : revisions[s];
    const [outcome] = commit.write([
      { stream: `initiative-${s}`, events: [{ id: randomUUID(), type: 'MeasurementRecorded', data: payload(i), metadata: metadata() }], expected },
    ]);
    if ('error' in outcome) throw outcome.error;
    revisions[s] = outcome.ok.revision;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  return n / seconds;
};

/** (b) The same inserts straight through better-sqlite3: same pragmas, same table, one transaction per event. */
const rawSingle = (dir: string, n: number): number => {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
    revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, hash TEXT NOT NULL, recorded_at TEXT NOT NULL,
    UNIQUE (stream, revision))`);
  const insert = db.prepare('INSERT INTO events (event_id, stream, revision, type, data, metadata, hash, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const tx = db.transaction((i: number, revision: number) => {
    insert.run(
      randomUUID(),
      `initiative-${i % STREAMS}`,
      revision,
      'MeasurementRecorded',
      JSON.stringify(payload(i)),
      JSON.stringify(metadata()),
      '',
      new Date().toISOString(),
    );
  });
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) tx.immediate(i, Math.floor(i / STREAMS));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  return n / seconds;
};

/** Batched: 100 events per append. */
const regieBatched = async (dir: string, n: number) => {
  const store = SqliteEventStore.open(join(dir, 'batched', 'events.db'));
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += 100) {
    const events = Array.from({ length: 100 }, (_, k) => ({ id: randomUUID(), type: 'MeasurementRecorded', data: payload(i + k), metadata: metadata() }));
    await store.append(`initiative-${(i / 100) % STREAMS}`, events, 'any');
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await store.close();
  return n / seconds;
};

export const appendBench = async (args: string[]) => {
  const n = Number(args[0] ?? 5000);
  const rounds = Number(args[1] ?? 3);
  const results = { regie: [] as number[], raw: [] as number[], batched: [] as number[], inThread: [] as number[] };
  // Interleaved rounds, so both sides see the same disk and cache conditions.
  for (let r = 0; r < rounds; r++) {
    for (const [key, run] of [
      ['raw', rawSingle],
      ['regie', regieSingle],
      ['inThread', inThreadSingle],
      ['batched', regieBatched],
    ] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'regie-bench-'));
      results[key].push(await run(dir, key === 'batched' ? n * 10 : n));
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const regie = median(results.regie);
  const raw = median(results.raw);
  process.stdout.write(
    `append: ${n} single-event appends over ${STREAMS} streams, median of ${rounds} interleaved rounds; fsync on every commit (synchronous=FULL)\n\n`,
  );
  printTable([
    { case: '(a) Regie SqliteEventStore, 1 event/append', 'events/s': Math.round(regie), 'vs raw': (regie / raw).toFixed(2) },
    { case: '(b) raw better-sqlite3, 1 tx/event', 'events/s': Math.round(raw), 'vs raw': '1.00' },
    {
      case: "(c) (a)'s transaction on the calling thread, no writer thread (diagnostic)",
      'events/s': Math.round(median(results.inThread)),
      'vs raw': (median(results.inThread) / raw).toFixed(2),
    },
    {
      case: 'Regie SqliteEventStore, 100 events/append',
      'events/s': Math.round(median(results.batched)),
      'vs raw': (median(results.batched) / raw).toFixed(2),
    },
  ]);
  process.stdout.write(`\nratio (a)/(b) = ${(regie / raw).toFixed(2)} (target >= 0.80): ${regie / raw >= 0.8 ? 'met' : 'NOT met'}\n`);
};
