import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedSecret, signToken } from '../libs/auth/src';
import { createEventStore } from '../libs/event-store/src';
import { generateLog } from '../test/projections/support/log-generator';
import { load, type LoadRequest, type LoadResult } from './load';
import { API_NODE_FLAGS, cpuOf, ROOT, startServer } from './servers';
import { printTable } from './table';

/** The generator's partners (see log-generator.ts): initiative n's first KPI is owned by partner (n + 5) mod 24. */
const PARTNERS = 24;
const partnerId = (i: number) => `partner-${String(i).padStart(3, '0')}`;
const initiativeId = (n: number) => `init-${String(n).padStart(5, '0')}`;
const CATCH_UP = 'Regie, PROJECTIONS_THREAD=catch-up';

/**
 * `npm run bench -- commands [seconds] [initiatives] [events]`: Regie's command route under
 * autocannon (50 connections, then 1) beside two baselines measured in the same run: (a) a bare
 * NestJS app on the same Fastify adapter doing one durable SQLite insert per request, (b) a bare
 * Fastify route with no I/O. The command is POST …/kpis/:kpiId/measurements, spread round-robin
 * over the initiatives of a generated log, each by a member of the KPI's owning partner. Every
 * server runs as its own process (the built tree for Regie); `verify` runs on the log afterwards.
 * Regie runs a second time with PROJECTIONS_THREAD=catch-up (the projections fed on the main thread
 * once caught up), on a copy of the log as it was before the first run (the first run's commands
 * would otherwise hand the second a longer log).
 */
export const commandsBench = async (args: string[]) => {
  const seconds = Number(args[0] ?? 20);
  const initiatives = Number(args[1] ?? 1000);
  const events = Number(args[2] ?? 60 * initiatives);
  const base = mkdtempSync(join(tmpdir(), 'regie-bench-commands-'));
  try {
    const dataDir = join(base, 'regie');
    const store = await createEventStore({ kind: 'sqlite', dataDir });
    const generated = await generateLog(store, { initiatives, events, chunk: 25 });
    await store.close();

    const secret = embeddedSecret(dataDir);
    // Copied once the secret exists: the copy must accept the same tokens.
    const catchUpDir = join(base, 'regie-catch-up');
    cpSync(dataDir, catchUpDir, { recursive: true });
    const tokens = await Promise.all(
      Array.from({ length: PARTNERS }, (_, p) => signToken({ sub: `bench-member-${p}`, roles: ['partner-member'], partner: partnerId(p) }, secret)),
    );
    let turn = 0;
    let value = 0;
    const measurement = (): LoadRequest => {
      const n = turn++ % initiatives;
      const owner = (n + 5) % PARTNERS;
      return {
        path: `/api/initiatives/${initiativeId(n)}/kpis/${initiativeId(n)}-k0/measurements`,
        headers: { authorization: `Bearer ${tokens[owner]}` },
        body: JSON.stringify({ period: '2025-06', value: (value++ % 1000) / 10, partnerId: partnerId(owner) }),
      };
    };

    process.stdout.write(
      `commands: autocannon ${seconds} s per row; Regie over ${initiatives.toLocaleString('en-US')} initiatives ` +
        `(${generated.events.toLocaleString('en-US')} events to start with)\n\n`,
    );
    const rows: Array<{ server: string } & LoadResult & { 'CPU ms/req': string; 'main thread ms/req': string }> = [];
    const reads: Array<{ case: string } & LoadResult> = [];
    const admin = await signToken({ sub: 'bench-admin', roles: ['admin'] }, secret);
    let shown = 0;
    const dashboard = (): LoadRequest => ({
      path: `/api/initiatives/${initiativeId(shown++ % initiatives)}/kpis`,
      headers: { authorization: `Bearer ${admin}` },
    });
    /** Item 2: a KPI dashboard read by one client, alone and while 50 others send commands. */
    const readsUnderLoad = async (url: string) => {
      reads.push({ case: 'GET …/kpis, idle', ...(await load(url, 1, seconds, dashboard, 'GET')) });
      const [busy, commands] = await Promise.all([load(url, 1, seconds, dashboard, 'GET'), load(url, 50, seconds, measurement)]);
      reads.push({ case: 'GET …/kpis, while 50 connections send commands', ...busy }, { case: '(those commands)', ...commands });
    };
    /** Regie's projections caught up with the log it starts on (60,000 events): commands are measured in the steady state, not beside a cold catch-up. */
    const caughtUp = async (url: string) => {
      const started = Date.now();
      for (;;) {
        const answer = await fetch(`${url}/api/projections`, { headers: { authorization: `Bearer ${admin}` } });
        const projections = (await answer.json()) as Array<{ lag: number }>;
        if (answer.ok && projections.every((p) => p.lag === 0)) return Date.now() - started;
        if (Date.now() - started > 300_000) throw new Error(`the projections did not catch up in 5 minutes: ${JSON.stringify(projections)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const catchUps: string[] = [];
    const measure = async (
      server: string,
      start: () => ReturnType<typeof startServer>,
      options: { regie?: boolean; after?: (url: string) => Promise<void> } = {},
    ) => {
      // Each row starts with nothing left to write back: the generated log and its copy (before
      // Regie's first row) or the last row's pages would otherwise be flushed under this row's fsyncs.
      execFileSync('sync');
      const running = await start();
      try {
        if (options.regie) catchUps.push(`${server}: projections caught up ${((await caughtUp(running.url)) / 1000).toFixed(1)} s after ready`);
        await load(running.url, 10, 2, measurement); // warm-up: JIT, statement caches, the state cache
        for (const connections of [50, 1]) {
          const before = cpuOf(running.process.pid!);
          const result = await load(running.url, connections, seconds, measurement);
          const after = cpuOf(running.process.pid!);
          const requests = result['req/s'] * seconds;
          const perRequest = (key: 'main' | 'all') => (before && after && requests ? ((after[key] - before[key]) / requests).toFixed(3) : '');
          rows.push({ server, ...result, 'CPU ms/req': perRequest('all'), 'main thread ms/req': perRequest('main') });
        }
        await options.after?.(running.url);
      } finally {
        await running.stop();
      }
    };
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', NODE_ENV: 'production' };
    await measure('Regie', () => startServer([...API_NODE_FLAGS, join(ROOT, 'dist/apps/api/src/main.js')], env, '/health/ready'), {
      regie: true,
      after: readsUnderLoad,
    });
    // The projections fed on the main thread once caught up, as before follow was the default (docs/operations.md).
    await measure(
      CATCH_UP,
      () =>
        startServer(
          [...API_NODE_FLAGS, join(ROOT, 'dist/apps/api/src/main.js')],
          { ...env, DATA_DIR: catchUpDir, PROJECTIONS_THREAD: 'catch-up' },
          '/health/ready',
        ),
      { regie: true },
    );
    await measure('(a) NestJS + 1 durable insert', () =>
      startServer([...API_NODE_FLAGS, '-r', 'ts-node/register/transpile-only', join(__dirname, 'baselines/nest-durable-insert.ts')], {
        DB: join(base, 'baseline.db'),
      }),
    );
    await measure('(b) bare Fastify', () =>
      startServer([...API_NODE_FLAGS, '-r', 'ts-node/register/transpile-only', join(__dirname, 'baselines/fastify-bare.ts')], {}),
    );

    for (const failed of rows.filter((r) => r.failed > 0)) process.stderr.write(`  ${failed.server}, ${failed.connections} connections: ${failed.statuses}\n`);
    const ratio = (server: string, connections: number, of = 'Regie') => {
      const regie = rows.find((r) => r.server === of && r.connections === connections)!;
      const other = rows.find((r) => r.server === server && r.connections === connections)!;
      return (regie['req/s'] / other['req/s']).toFixed(3);
    };
    /** A row that holds only a ratio, in the req/s column. */
    const ratioRow = (server: string, connections: number, value: string) => ({
      server,
      connections,
      'req/s': value,
      'p50 ms': '',
      'p99 ms': '',
      failed: '',
      statuses: '',
      'CPU ms/req': '',
      'main thread ms/req': '',
    });
    printTable([
      ...rows,
      ratioRow('Regie / (a)', 50, ratio('(a) NestJS + 1 durable insert', 50)),
      ratioRow('Regie / (a)', 1, ratio('(a) NestJS + 1 durable insert', 1)),
      ratioRow('Regie / (b)', 50, ratio('(b) bare Fastify', 50)),
      ...[50, 1].map((connections) => ratioRow(`${CATCH_UP} / Regie`, connections, ratio('Regie', connections, CATCH_UP))),
    ]);
    process.stdout.write(
      `\nCPU ms/req: the server process's CPU time (user + system, every thread: HTTP, writer, projections, the collector's helpers) over the row, per answered request; main thread ms/req: its event loop's share. ${catchUps.join('; ')}.\n`,
    );
    const idle = reads[0]['p99 ms'];
    const busy = reads[1]['p99 ms'];
    process.stdout.write(`\nqueries while commands run (Regie, ${seconds} s each; target: p99 under load ≤ 2 × idle)\n\n`);
    printTable([
      ...reads,
      { case: 'p99 under load / idle', connections: '', 'req/s': '', 'p50 ms': '', 'p99 ms': (busy / idle).toFixed(2), failed: '', statuses: '' },
    ]);
    for (const [label, dir] of [
      ['Regie', dataDir],
      [CATCH_UP, catchUpDir],
    ]) {
      const verified = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'apps/cli/src/main.ts'), 'verify'], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dir, TS_NODE_TRANSPILE_ONLY: 'true' },
        encoding: 'utf8',
      });
      process.stdout.write(`\nverify after the bench (${label}): ${verified.trim().split('\n').pop()}\n`);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
};
