import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/app.factory';
import { parseAsOf } from '../apps/api/src/history/as-of';
import { SnapshotStore } from '../apps/api/src/history/snapshot.store';
import { INITIATIVE_STREAM_PREFIX, kpiDashboardAsOf } from '../apps/api/src/history/history-views';
import { NO_SNAPSHOTS } from '../apps/api/src/history/snapshots';
import { ProjectionHostService } from '../apps/api/src/projections/projection-host.service';
import { EVENT_STORE } from '../apps/api/src/store/event-store.provider';
import { READ_STORE } from '../apps/api/src/store/read-store.provider';
import { embeddedSecret, signToken } from '../libs/auth/src';
import { createEventStore, type EventStore, type StoredEvent } from '../libs/event-store/src';
import { ALL_PROJECTIONS } from '../libs/projections/src';
import type { OpenedReadStore } from '../libs/read-store/src';
import { generateLog } from '../test/projections/support/log-generator';
import { exportBench } from './history-export';
import { median, percentile, printTable } from './table';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

// mulberry32: the same moments on every run
const seeded = (seed: number) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/**
 * `npm run bench -- history [events] [samples]`: as-of latency for one initiative with 10,000
 * events (a realistic log through the store's batched append: the method's phases, then mostly KPI
 * measurements with corrections, target revisions, reviews), through the real app's HTTP routes
 * (fastify inject: routing, auth, validation, serialisation included), at random moments of its
 * history; with snapshots (warm: every 500th revision stored) and without (the snapshot rows
 * deleted before each request, so each folds from zero and leaves them again). An admin's request
 * folds the stream once, to the moment; a partner's analyst's also asks the membership (one head
 * snapshot) whether the partner takes part now, and without snapshots folds that from zero too.
 * Then the export rate beside the raw read rate of the same store.
 */
export const historyBench = async (args: string[]) => {
  const size = Number(args[0] ?? 10_000);
  const samples = Number(args[1] ?? 200);
  const coldSamples = Math.max(10, Math.round(samples / 5));
  const dir = mkdtempSync(join(tmpdir(), 'regie-bench-history-'));
  try {
    const writer = await createEventStore({ kind: 'sqlite', dataDir: dir });
    const started = process.hrtime.bigint();
    await generateLog(writer, { initiatives: 1, events: size + 24, chunk: 500 });
    const streamName = (await writer.listStreams()).find((s) => s.stream.startsWith(INITIATIVE_STREAM_PREFIX))!.stream;
    const stream: StoredEvent[] = await writer.readStream(streamName);
    await writer.close();
    const id = streamName.slice(INITIATIVE_STREAM_PREFIX.length);
    process.stdout.write(
      `history: one initiative with ${stream.length.toLocaleString('en-US')} events (generated in ${(ms(started) / 1000).toFixed(1)} s); ` +
        `${samples} requests per case with snapshots, ${coldSamples} without\n\n`,
    );

    const app = await createApp({ DATA_DIR: dir, RATE_LIMIT_PER_MINUTE: 0, LOG_LEVEL: 'silent' });
    const rows: Array<Record<string, string | number>> = [];
    let stored = '';
    try {
      const host = app.get(ProjectionHostService).host;
      const last = stream[stream.length - 1].position;
      if (
        !(await host.waitFor(
          ALL_PROJECTIONS.map((p) => p.name),
          last,
          120_000,
        ))
      )
        throw new Error('the projections did not catch up');
      const snapshots = app.get(SnapshotStore);
      const token = await signToken({ sub: 'bench', roles: ['analyst', 'admin'] }, embeddedSecret(dir));
      const partner = stream.find((e) => e.type === 'PartnerJoined')!.data.partnerId as string;
      const partnerToken = await signToken({ sub: 'bench-partner', roles: ['analyst'], partner }, embeddedSecret(dir));
      const fastify = app.getHttpAdapter().getInstance();
      const get = async (url: string, as = token): Promise<number> => {
        const start = process.hrtime.bigint();
        const res = await fastify.inject({ method: 'GET', url, headers: { authorization: `Bearer ${as}` } });
        const took = ms(start);
        if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
        return took;
      };
      const random = seeded(42);
      const moment = () => encodeURIComponent(stream[Math.floor(random() * stream.length)].data.occurredAt as string);
      const path = `/api/initiatives/${id}`;

      const measure = async (name: string, url: () => string, n: number, before?: () => Promise<unknown>, as = token) => {
        const times: number[] = [];
        for (let i = 0; i < n; i++) {
          await before?.();
          times.push(await get(url(), as));
        }
        rows.push({ case: name, requests: n, 'p50 ms': median(times), 'p99 ms': percentile(times, 99), 'max ms': Math.max(...times) });
      };

      // warm-up: JIT, statement caches, and one pass that leaves every snapshot behind
      for (let i = 0; i < 20; i++) await get(`${path}/kpis?asOf=${moment()}`);
      await measure('GET /kpis live (projection, for comparison)', () => `${path}/kpis`, samples);
      await measure('GET /kpis?asOf=  with snapshots', () => `${path}/kpis?asOf=${moment()}`, samples);
      await measure("GET /kpis?asOf=  with snapshots, a partner's analyst", () => `${path}/kpis?asOf=${moment()}`, samples, undefined, partnerToken);
      await measure('GET /kpis?asOf=&tolerance=  what-if, with snapshots', () => `${path}/kpis?asOf=${moment()}&tolerance=0.2&riskTolerance=0.3`, samples);
      await measure('GET /reviews?asOf=  with snapshots', () => `${path}/reviews?asOf=${moment()}`, samples);
      await measure('GET /:id?asOf=  with snapshots', () => `${path}?asOf=${moment()}`, samples);
      await measure('GET /api/initiatives?asOf=  with snapshots', () => `/api/initiatives?asOf=${moment()}`, samples);
      await measure('GET /kpis.csv?asOf=  with snapshots', () => `${path}/kpis.csv?asOf=${moment()}`, samples);
      const sizes = await app
        .get<OpenedReadStore>(READ_STORE)
        .query<{ kind: string; n: number; bytes: number }>(
          'SELECT kind, COUNT(*) AS n, SUM(LENGTH(state)) AS bytes FROM snapshots GROUP BY kind ORDER BY kind',
        );
      stored = sizes.map((r) => `${r.kind} ${r.n} (${Math.round(Number(r.bytes) / 1024)} KiB)`).join(', ');
      // Cleared before each request, and nothing in the request reads a snapshot it left itself: an
      // admin's request is one fold, from zero to the moment; a partner's analyst's folds the
      // membership from zero to the end as well.
      await measure(
        'GET /kpis?asOf=  without snapshots (cleared before each)',
        () => `${path}/kpis?asOf=${moment()}`,
        coldSamples,
        () => snapshots.clear(),
      );
      await measure(
        'GET /:id?asOf=  without snapshots (cleared before each)',
        () => `${path}?asOf=${moment()}`,
        coldSamples,
        () => snapshots.clear(),
      );
      await measure(
        "GET /kpis?asOf=  without snapshots, a partner's analyst",
        () => `${path}/kpis?asOf=${moment()}`,
        coldSamples,
        () => snapshots.clear(),
        partnerToken,
      );

      // the fold alone, from zero, without a snapshot store (no HTTP; nothing read but the stream)
      const store = app.get<EventStore>(EVENT_STORE);
      const actor = { sub: 'bench', roles: ['admin'] as const };
      const times: number[] = [];
      for (let i = 0; i < coldSamples; i++) {
        const asOf = parseAsOf(stream[Math.floor(random() * stream.length)].data.occurredAt as string, new Date());
        const start = process.hrtime.bigint();
        await kpiDashboardAsOf({ store, snapshots: NO_SNAPSHOTS }, id, actor, { asOf });
        times.push(ms(start));
      }
      rows.push({
        case: 'kpiDashboardAsOf() from zero, no snapshot store (no HTTP)',
        requests: coldSamples,
        'p50 ms': median(times),
        'p99 ms': percentile(times, 99),
        'max ms': Math.max(...times),
      });
    } finally {
      await app.close();
    }
    printTable(rows);
    process.stdout.write(`\nsnapshot rows after the warm cases, per kind: ${stored}\n`);

    const rates = await exportBench(dir);
    process.stdout.write('\n');
    printTable([
      { read: 'raw readAll pages (JSON.parse, nothing written)', 'events/s': rates.rawReadEventsPerSec },
      {
        read: 'export: NDJSON lines to /dev/null (GET /api/events, cli export)',
        'events/s': rates.exportEventsPerSec,
        'vs raw': (rates.exportEventsPerSec / rates.rawReadEventsPerSec).toFixed(2),
      },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
