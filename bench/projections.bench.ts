import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedSecret, signToken } from '../libs/auth/src';
import { SqliteEventStore, sqliteFile } from '../libs/event-store/src';
import { ALL_PROJECTIONS, rebuildOffline } from '../libs/projections/src';
import { createReadStore } from '../libs/read-store/src';
import { generateLog } from '../test/projections/support/log-generator';
import { API_NODE_FLAGS, ROOT, startServer } from './servers';
import { median, percentile, printTable } from './table';

const PAGE = 1000;
const say = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/** The raw cost of the log: readAll pages, each event's data and metadata JSON.parse'd (the adapter does that). */
const readRaw = async (store: SqliteEventStore): Promise<number> => {
  const start = process.hrtime.bigint();
  let n = 0;
  let checksum = 0;
  for (let after = 0; ;) {
    const page = await store.readAll(after, PAGE);
    if (!page.length) break;
    for (const e of page) checksum += e.type.length + (e.data.occurredAt ? 1 : 0);
    n += page.length;
    after = page[page.length - 1].position;
  }
  if (checksum < 0) say('');
  return n / seconds(start);
};

/**
 * Every projection rebuilt from position 0 into an empty read store, as the CLI's `rebuild all`
 * does: the portfolio here, the others on the second thread, the two passes sharing the log stream
 * by stream (each folds every projection over the streams it takes).
 */
const rebuildAll = async (store: SqliteEventStore, eventsDir: string, dataDir: string, events: number): Promise<number> => {
  const readStore = await createReadStore({ kind: 'sqlite', dataDir });
  // The built worker, as `npm start` and the CLI run it, not one transpiled when the thread starts.
  const built = join(ROOT, 'dist/apps/api/src/projections/catch-up-thread.js');
  const { WorkerCatchUpThread, THREADED_PROJECTIONS } = (await import(built)) as typeof import('../apps/api/src/projections/catch-up-thread');
  const thread = new WorkerCatchUpThread({ eventStore: { kind: 'sqlite', dataDir: eventsDir }, readStore: { kind: 'sqlite', dataDir } });
  const start = process.hrtime.bigint();
  await rebuildOffline({
    store,
    readStore,
    projections: [...ALL_PROJECTIONS],
    group: { pageSize: PAGE },
    thread: { thread, projections: THREADED_PROJECTIONS, shareStreams: true },
  });
  const rate = events / seconds(start);
  await readStore.close();
  return rate;
};

/** Peak resident set size of a process (Linux), in MB. */
const peakRssMb = (pid: number): number => {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return match ? Number(match[1]) / 1024 : Number.NaN;
};

/** `T` is the body's shape as the API documents it (the bench trusts the API it measures). */
const timed = async <T = unknown>(url: string, token: string): Promise<{ ms: number; body: T }> => {
  const start = process.hrtime.bigint();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as T;
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return { ms: seconds(start) * 1000, body };
};

export const projectionsBench = async (args: string[]) => {
  const initiatives = Number(args[0] ?? 200);
  const events = Number(args[1] ?? 1_000_000);
  const requests = Number(args[2] ?? 200);
  const dir = mkdtempSync(join(tmpdir(), 'regie-bench-projections-'));
  try {
    say(`generating ${events.toLocaleString('en')} events over ${initiatives} initiatives into ${dir} …`);
    const store = SqliteEventStore.open(sqliteFile(dir));
    let start = process.hrtime.bigint();
    let next = 100_000;
    const { events: written } = await generateLog(store, {
      initiatives,
      events,
      chunk: 1000,
      onProgress: (n) => {
        if (n >= next) {
          say(`  ${n.toLocaleString('en')} (${seconds(start).toFixed(0)} s)`);
          next += 100_000;
        }
      },
    });
    const generateSeconds = seconds(start);

    // Interleaved: raw, rebuild, raw, rebuild — both see the same page cache; best of each.
    say('reading the raw log and rebuilding every projection, twice each …');
    const raw: number[] = [];
    const rebuild: number[] = [];
    for (let round = 0; round < 2; round++) {
      raw.push(await readRaw(store));
      const target = round === 1 ? dir : mkdtempSync(join(tmpdir(), 'regie-bench-read-'));
      rebuild.push(await rebuildAll(store, dir, target, written));
      if (target !== dir) rmSync(target, { recursive: true, force: true });
    }
    await store.close();
    const rawRate = Math.max(...raw);
    const rebuildRate = Math.max(...rebuild);

    say('starting the API on that data directory (its KPI saga catches up first) …');
    start = process.hrtime.bigint();
    // As `npm start` runs it (the built tree, its heap flags): under ts-node the TypeScript compiler
    // sat in the API's heap, and in every thread it started, and its peak RSS was partly that.
    const api = await startServer([...API_NODE_FLAGS, join(ROOT, 'dist/apps/api/src/main.js')], {
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
      NODE_ENV: 'production',
    });
    const token = await signToken({ sub: 'bench', roles: ['admin'] }, embeddedSecret(dir));
    for (;;) {
      const { body } = await timed<Array<{ lag: number; state: string }>>(`${api.url}/api/projections`, token);
      if (body.every((p) => p.lag === 0 && p.state === 'live')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const settleSeconds = seconds(start);
    const ids = (await timed<Array<{ id: string }>>(`${api.url}/api/initiatives`, token)).body.map((i) => i.id);
    const portfolio: number[] = [];
    const dashboard: number[] = [];
    for (let i = 0; i < requests; i++) {
      portfolio.push((await timed(`${api.url}/api/initiatives`, token)).ms);
      dashboard.push((await timed(`${api.url}/api/initiatives/${ids[(i * 7919) % ids.length]}/kpis`, token)).ms);
    }
    const rss = peakRssMb(api.process.pid!);
    await api.stop();

    process.stdout.write(
      `\nprojections: ${written.toLocaleString('en')} events, ${initiatives} initiatives, ${ALL_PROJECTIONS.length} projections; ` +
        `log generated in ${generateSeconds.toFixed(0)} s; API settled (saga caught up) in ${settleSeconds.toFixed(1)} s\n\n`,
    );
    printTable([
      { measure: 'raw: readAll pages + JSON.parse (events/s)', value: Math.round(rawRate), note: `best of ${raw.map((r) => Math.round(r)).join(', ')}` },
      {
        measure: 'rebuild all projections, two threads sharing the streams (events/s)',
        value: Math.round(rebuildRate),
        note: `best of ${rebuild.map((r) => Math.round(r)).join(', ')}`,
      },
      {
        measure: 'ratio rebuild / raw',
        value: (rebuildRate / rawRate).toFixed(2),
        note: rebuildRate / rawRate >= 0.5 ? 'target >= 0.5: met' : 'target >= 0.5: NOT met',
      },
      { measure: `GET /api/initiatives (${ids.length} items) p50 ms`, value: median(portfolio).toFixed(1), note: `${requests} requests, one at a time` },
      { measure: 'GET /api/initiatives p99 ms', value: percentile(portfolio, 99).toFixed(1), note: '' },
      { measure: 'GET /api/initiatives/:id/kpis p50 ms', value: median(dashboard).toFixed(1), note: `${requests} requests, one at a time` },
      { measure: 'GET /api/initiatives/:id/kpis p99 ms', value: percentile(dashboard, 99).toFixed(1), note: '' },
      { measure: 'API peak RSS (MB)', value: rss.toFixed(0), note: 'VmHWM of the API process' },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
