import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtEventStore } from './built';
import { printTable } from './table';

const PEER = join(__dirname, 'peer');

interface Run {
  mode: string;
  inFlight: number;
  done: number;
  failed: number;
  firstError: string | null;
  perSecond: number;
  synchronous: number;
}

/** The peer's packages (Emmett is ESM only, sqlite3 compiles), installed on first use from its own lock file. */
const ensurePeerInstalled = () => {
  if (existsSync(join(PEER, 'node_modules', '@event-driven-io', 'emmett-sqlite'))) return;
  process.stdout.write('installing the peer (bench/peer: Emmett 0.38.5, sqlite3 5.1.7, compiled here)…\n');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PEER, stdio: ['ignore', 'ignore', 'inherit'] });
};

const emmett = (dir: string, mode: 'shared' | 'per-operation', n: number, streams: number, inFlight: number): Run => {
  const file = join(dir, `emmett-${mode}-${inFlight}.db`);
  const child = spawnSync(process.execPath, [join(PEER, 'emmett-peer.mjs'), file, mode, String(n), String(streams), String(inFlight), '60'], {
    encoding: 'utf8',
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{')) throw new Error(`the Emmett peer answered nothing: ${child.stderr.slice(-2000)}`);
  return JSON.parse(line) as Run;
};

/** The loop through Regie's store on `file` (read the stream, fold, decide one event, append at the revision read): what it did and how long it took. */
const regieLoop = async (file: string, n: number, streams: number, inFlight: number) => {
  const { SqliteEventStore, WrongExpectedRevision } = builtEventStore();
  const store = SqliteEventStore.open(file);
  // Emmett's side starts its clock once its connection has answered a query; this one once the
  // writer thread has.
  const { synchronous } = await store.durability();
  let next = 0;
  let done = 0;
  let failed = 0;
  let firstError: string | null = null;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const stream = `counter-${i % streams}`;
      try {
        const events = await store.readStream(stream);
        const count = events.reduce((c) => c + 1, 0);
        await store.append(
          stream,
          [{ id: randomUUID(), type: 'Counted', data: { i, before: count }, metadata: {} }],
          events.length ? events[events.length - 1].revision : 'no-stream',
        );
        done++;
      } catch (error) {
        failed++;
        firstError ??= error instanceof WrongExpectedRevision ? 'conflict' : String(error);
      }
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return { done, failed, firstError, seconds, synchronous };
};

/** Regie's side of a row: the loop once on a first file to warm up, as Emmett's side does (emmett-peer.mjs), then timed on a second. */
const regie = async (dir: string, n: number, streams: number, inFlight: number): Promise<Run> => {
  const { sqliteFile } = builtEventStore();
  const warmUp = join(dir, `regie-${inFlight}-warm-up`);
  await regieLoop(sqliteFile(warmUp), n, streams, inFlight);
  // Deleted, its pages are not written back to the disk while the timed run syncs.
  rmSync(warmUp, { recursive: true, force: true });
  const { done, failed, firstError, seconds, synchronous } = await regieLoop(sqliteFile(join(dir, `regie-${inFlight}`)), n, streams, inFlight);
  return { mode: 'Regie', inFlight, done, failed, firstError, perSecond: done / seconds, synchronous };
};

/**
 * `npm run bench -- peer [commands] [streams]`: the read → decide → append loop, single-event
 * commands over many streams, sequentially and 50 in flight, through Emmett's SQLite store (both
 * of its connection modes) and through Regie's as built, synchronous=FULL everywhere, in one run.
 * Each side runs the loop once untimed first, on a file of its own (see emmett-peer.mjs).
 */
export const peerBench = async (args: string[]) => {
  const n = Number(args[0] ?? 5000);
  const streams = Number(args[1] ?? 1000);
  ensurePeerInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'regie-bench-peer-'));
  try {
    const runs: Run[] = [];
    for (const inFlight of [1, 50]) {
      runs.push(emmett(dir, 'shared', n, streams, inFlight));
      runs.push(emmett(dir, 'per-operation', n, streams, inFlight));
      runs.push(await regie(dir, n, streams, inFlight));
    }
    process.stdout.write(
      `peer: ${n.toLocaleString('en-US')} single-event commands (read the stream, fold, append at the revision read) over ${streams.toLocaleString('en-US')} streams; ` +
        'Emmett 0.38.5 with sqlite3 5.1.7 ("shared": one connection through readStream/appendToStream; "per-operation": getSQLiteEventStore, a connection per operation), a mode still failing after 60 s stops there; each row timed after the same loop ran once untimed on another file (warm-up); Regie\u2019s store as built (dist/)\n\n',
    );
    const label = (r: Run) => (r.mode === 'Regie' ? 'Regie SqliteEventStore' : `Emmett, ${r.mode}`);
    const rows: Array<Record<string, string | number>> = runs.map((r) => ({
      store: label(r),
      'in flight': r.inFlight,
      'commands/s': Math.round(r.perSecond),
      done: r.done,
      failed: r.failed,
      'first error': r.firstError ?? '',
      synchronous: r.synchronous,
    }));
    for (const inFlight of [1, 50]) {
      const emmettBest = Math.max(...runs.filter((r) => r.mode !== 'Regie' && r.inFlight === inFlight).map((r) => r.perSecond));
      const ours = runs.find((r) => r.mode === 'Regie' && r.inFlight === inFlight)!;
      rows.push({
        store: 'Regie / Emmett’s faster mode',
        'in flight': inFlight,
        'commands/s': emmettBest > 0 ? (ours.perSecond / emmettBest).toFixed(2) : '∞ (Emmett completed none)',
        done: '',
        failed: '',
        'first error': '',
        synchronous: '',
      });
    }
    printTable(rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
