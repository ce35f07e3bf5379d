import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { embeddedSecret, signToken } from '../libs/auth/src';
import { createEventStore } from '../libs/event-store/src';
import { generateLog } from '../test/projections/support/log-generator';
import { API_NODE_FLAGS, ROOT, type Server, startServer } from './servers';
import { sequential, type SequentialLength } from './sequential';
import { printTable } from './table';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const initiativeId = (n: number) => `init-${String(n).padStart(5, '0')}`;
const partnerId = (i: number) => `partner-${String(i).padStart(3, '0')}`;

/** The process's peak resident set so far (VmHWM), in MB: Linux keeps it, so no sampling can miss a spike. */
const peakRssMb = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : NaN;
};

interface Sized {
  events: number;
  initiatives: number;
  'health ms': number;
  'cold catch-up s': number;
  'longest /health/live answer during it ms': number;
  'warm start: caught up s': number;
  'read store lost: caught up s': number;
  'first command per initiative p50 ms': number;
  'command p50 ms': number;
  'command p99 ms': number;
  'KPI dashboard p99 ms': number;
  'portfolio p99 ms': number;
  'rebuild s': number;
  'peak RSS MB': number;
}

/** Waits until every projection's checkpoint has reached the store's last position; answers the seconds it took. */
const caughtUp = async (server: Server, token: string, started: number): Promise<number> => {
  for (;;) {
    const res = await fetch(`${server.url}/api/projections`, { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
    if (res?.status === 200) {
      const status = (await res.json()) as Array<{ lag: number; state: string }>;
      if (status.length && status.every((s) => s.lag === 0 && s.state === 'live')) return (Date.now() - started) / 1000;
    }
    await sleep(100);
  }
};

/** The store's last position as the projections' status reports it. */
const lastPositionOf = async (server: Server, token: string): Promise<number> => {
  const res = await fetch(`${server.url}/api/projections`, { headers: { authorization: `Bearer ${token}` } });
  const status = (await res.json()) as Array<{ lastPosition: number }>;
  return Math.max(...status.map((s) => s.lastPosition));
};

/** Asks /health/live every 100 ms until stopped; answers the longest it took to answer (the API deaf behind a long task shows here). */
const livenessWhile = (server: Server) => {
  let stopped = false;
  let longest = 0;
  const polling = (async () => {
    while (!stopped) {
      const asked = performance.now();
      await fetch(`${server.url}/health/live`).catch(() => null);
      longest = Math.max(longest, performance.now() - asked);
      await sleep(100);
    }
  })();
  return async () => {
    stopped = true;
    await polling;
    return Math.round(longest);
  };
};

const latenciesOf = async (url: string, length: SequentialLength, method: 'GET' | 'POST', next: () => { path: string; body?: string }, token: () => string) => {
  const result = await sequential(url, length, method, () => {
    const { path, body } = next();
    return { path, body, headers: { authorization: `Bearer ${token()}` } };
  });
  const failed = Object.entries(result.statuses).filter(([code]) => !code.startsWith('2'));
  if (failed.length) process.stderr.write(`  ${method}: ${failed.map(([code, count]) => `${count} × ${code}`).join(', ')} of ${result.requests}\n`);
  return { p50: result['p50 ms'], p99: result['p99 ms'] };
};

const measureSize = async (events: number, initiatives: number, seconds: number): Promise<Sized> => {
  const base = mkdtempSync(join(tmpdir(), 'regie-bench-scale-'));
  try {
    const dataDir = join(base, 'data');
    const store = await createEventStore({ kind: 'sqlite', dataDir });
    let shown = 0;
    const generated = await generateLog(store, {
      initiatives,
      events,
      chunk: 50,
      onProgress: (n) => {
        if (n - shown >= 100_000) process.stderr.write(`  generated ${(shown = n).toLocaleString('en-US')} events\n`);
      },
    });
    await store.close();
    const secret = embeddedSecret(dataDir);
    const admin = await signToken({ sub: 'bench-admin', roles: ['admin'] }, secret);
    const members = await Promise.all(
      Array.from({ length: 24 }, (_, p) => signToken({ sub: `bench-member-${p}`, roles: ['partner-member'], partner: partnerId(p) }, secret)),
    );
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', NODE_ENV: 'production' };
    const main = join(ROOT, 'dist/apps/api/src/main.js');

    // Cold: no projection has seen anything.
    let started = Date.now();
    let server = await startServer([...API_NODE_FLAGS, main], env, '/health/live');
    const health = Date.now() - started;
    const liveness = livenessWhile(server);
    const cold = await caughtUp(server, admin, started);
    const deafest = await liveness();
    let turn = 0;
    let owner = 0;
    // The generator stops at the event budget, so the last initiative may not have reached its KPIs.
    const command = () => {
      const n = turn++ % (initiatives - 1);
      owner = (n + 5) % 24;
      return {
        path: `/api/initiatives/${initiativeId(n)}/kpis/${initiativeId(n)}-k0/measurements`,
        body: JSON.stringify({ period: '2025-06', value: turn % 100, partnerId: partnerId(owner) }),
      };
    };
    // The first command on each initiative after a start finds no cached state: it starts from the
    // portfolio's copy (InitiativeRepository.current). One pass over all of them, timed on its own
    // (its p50: its first requests also pay the compiler); then 2 s more, so that both sizes are
    // measured in the same steady state, compiled and cached.
    const firstPass = await latenciesOf(server.url, { requests: initiatives - 1 }, 'POST', command, () => members[owner]);
    await latenciesOf(server.url, { seconds: 2 }, 'POST', command, () => members[owner]);
    const commands = await latenciesOf(server.url, { seconds }, 'POST', command, () => members[owner]);
    const dashboard = await latenciesOf(
      server.url,
      { seconds },
      'GET',
      () => ({ path: `/api/initiatives/${initiativeId(turn++ % initiatives)}/kpis` }),
      () => admin,
    );
    const portfolio = await latenciesOf(
      server.url,
      { seconds },
      'GET',
      () => ({ path: '/api/initiatives' }),
      () => admin,
    );

    // A rebuild of the biggest projection beside the live one.
    started = Date.now();
    const rebuild = await fetch(`${server.url}/api/projections/kpi-dashboard/rebuild`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    if (rebuild.status !== 202) throw new Error(`rebuild answered ${rebuild.status}: ${await rebuild.text()}`);
    await sleep(200);
    const rebuilt = await caughtUp(server, admin, started);
    const peak = peakRssMb(server.process.pid!);
    await server.stop();

    // Warm: checkpoints are where the last run left them.
    started = Date.now();
    server = await startServer([...API_NODE_FLAGS, main], env, '/health/live');
    const warm = await caughtUp(server, admin, started);
    const logged = await lastPositionOf(server, admin);
    let peakAfter = Math.max(peak, peakRssMb(server.process.pid!));
    await server.stop();

    // The read store lost: every projection and the KPI saga start again from the log, which holds
    // the early reviews the saga asked for before (and the commands above). Each of its requests
    // finds its own events in the log and is answered with them; none may be appended again.
    for (const file of ['read.db', 'read.db-wal', 'read.db-shm']) rmSync(join(dataDir, file), { force: true });
    started = Date.now();
    server = await startServer([...API_NODE_FLAGS, main], env, '/health/live');
    const lost = await caughtUp(server, admin, started);
    const appended = (await lastPositionOf(server, admin)) - logged;
    peakAfter = Math.max(peakAfter, peakRssMb(server.process.pid!));
    await server.stop();
    if (appended !== 0) throw new Error(`catching up again without the read store appended ${appended} events: the KPI saga asked twice`);
    const verified = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'apps/cli/src/main.ts'), 'verify'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, TS_NODE_TRANSPILE_ONLY: 'true' },
      encoding: 'utf8',
    });
    process.stderr.write(`  verify at ${generated.events.toLocaleString('en-US')} events: ${verified.trim().split('\n').pop()}\n`);
    return {
      events: generated.events,
      initiatives,
      'health ms': health,
      'cold catch-up s': cold,
      'longest /health/live answer during it ms': deafest,
      'warm start: caught up s': warm,
      'read store lost: caught up s': lost,
      'first command per initiative p50 ms': firstPass.p50,
      'command p50 ms': commands.p50,
      'command p99 ms': commands.p99,
      'KPI dashboard p99 ms': dashboard.p99,
      'portfolio p99 ms': portfolio.p99,
      'rebuild s': rebuilt,
      'peak RSS MB': peakAfter,
    };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
};

/**
 * `npm run bench -- scale [events] [initiatives] [seconds]`: the API (built tree, its own process)
 * on a log built through the store's own append, small (10,000 events over 200 initiatives) and
 * large (default 1,000,000 over 1,000): start-up, cold catch-up of every projection, command and
 * query latency (one connection, one request at a time, timed to the microsecond), a rebuild of the KPI dashboards, a warm restart, a
 * start after the read store was lost, and the process's peak RSS over all of it.
 */
export const scaleBench = async (args: string[]) => {
  const events = Number(args[0] ?? 1_000_000);
  const initiatives = Number(args[1] ?? 1000);
  const seconds = Number(args[2] ?? 20);
  const small = await measureSize(10_000, 200, seconds);
  const large = await measureSize(events, initiatives, seconds);
  process.stdout.write(
    `scale: the API on ${small.events.toLocaleString('en-US')} events over ${small.initiatives} initiatives and on ` +
      `${large.events.toLocaleString('en-US')} over ${large.initiatives.toLocaleString('en-US')}; latencies from one connection, one request at a time, for ${seconds} s each, ` +
      `commands after one on every initiative and 2 s more\n\n`,
  );
  const targets: Record<string, string> = {
    'command p99 ms': '≤ 1.2 × small',
    'KPI dashboard p99 ms': '≤ 1.2 × small',
    'portfolio p99 ms': '≤ 1.2 × small',
    'cold catch-up s': '≤ 15 s',
    'peak RSS MB': '≤ 400 MB',
    'warm start: caught up s': 'seconds',
  };
  printTable(
    (Object.keys(small) as Array<keyof Sized>)
      .filter((k) => k !== 'events' && k !== 'initiatives')
      .map((metric) => ({
        metric,
        small: small[metric],
        large: large[metric],
        'large / small': (large[metric] / small[metric]).toFixed(2),
        target: targets[metric] ?? '',
      })),
  );
};
