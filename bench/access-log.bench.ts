import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../apps/api/src/app.factory';
import { AccessLogWriter } from '../apps/api/src/access-log/access-log.writer';
import { ProjectionHostService } from '../apps/api/src/projections/projection-host.service';
import { embeddedSecret, signToken } from '../libs/auth/src';
import { createEventStore, sqliteFile } from '../libs/event-store/src';
import { ALL_PROJECTIONS } from '../libs/projections/src';
import { generateLog } from '../test/projections/support/log-generator';
import { median, percentile, printTable } from './table';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * `npm run bench -- access-log [requests] [rounds]`: what the access log costs a read. Two apps
 * on copies of one generated log (3,000 events over a few initiatives), one with ACCESS_LOG=on and one with
 * ACCESS_LOG=off, both running at once; GET /api/initiatives/:id/kpis through the real HTTP stack
 * (fastify inject: routing, auth, the onResponse hook), as a partner's programme manager, in
 * alternating rounds so that a busy moment of the machine falls on both sides alike. The "on"
 * side's batch writes (every 200 ms or 100 entries) run in the same process, so their cost is in
 * its figures.
 */
export const accessLogBench = async (args: string[]) => {
  const requests = Number(args[0] ?? 4000);
  const rounds = Number(args[1] ?? 20);
  const perRound = Math.ceil(requests / rounds);
  const base = mkdtempSync(join(tmpdir(), 'regie-bench-access-log-'));
  const apps: NestFastifyApplication[] = [];
  try {
    const on = join(base, 'on');
    const off = join(base, 'off');
    const writer = await createEventStore({ kind: 'sqlite', dataDir: on });
    await generateLog(writer, { initiatives: 12, events: 3000, chunk: 500 });
    const streams = (await writer.listStreams()).filter((s) => s.stream.startsWith('initiative-'));
    const first = await writer.readStream(streams[0].stream);
    const last = await writer.lastPosition();
    await writer.close();
    mkdirSync(off, { recursive: true });
    copyFileSync(sqliteFile(on), sqliteFile(off));
    const id = streams[0].stream.slice('initiative-'.length);
    const partner = first.find((e) => e.type === 'PartnerJoined')!.data.partnerId as string;

    const start = async (dataDir: string, mode: 'on' | 'off') => {
      const app = await createApp({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: 0, LOG_LEVEL: 'silent', ACCESS_LOG: mode });
      apps.push(app);
      const host = app.get(ProjectionHostService).host;
      if (
        !(await host.waitFor(
          ALL_PROJECTIONS.map((p) => p.name),
          last,
          120_000,
        ))
      )
        throw new Error('the projections did not catch up');
      const token = await signToken({ sub: 'bench-pm', roles: ['programme-manager'], partner }, embeddedSecret(dataDir));
      const fastify = app.getHttpAdapter().getInstance();
      const url = `/api/initiatives/${id}/kpis`;
      return async (): Promise<number> => {
        const begun = process.hrtime.bigint();
        const res = await fastify.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
        const took = ms(begun);
        if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
        return took;
      };
    };
    const getOn = await start(on, 'on');
    const getOff = await start(off, 'off');
    process.stdout.write(
      `access-log: GET /api/initiatives/:id/kpis, ${perRound * rounds} requests per side in ${rounds} alternating rounds; ` +
        `${streams.length} initiatives, ${last.toLocaleString('en-US')} events\n\n`,
    );

    for (let i = 0; i < 200; i++) {
      await getOn();
      await getOff();
    } // warm-up: JIT, statement caches
    const times = { on: [] as number[], off: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      // Which side goes first alternates too: neither always follows the other's batch write.
      const order = round % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const);
      for (const side of order) for (let i = 0; i < perRound; i++) times[side].push(await (side === 'on' ? getOn : getOff)());
    }
    const accessLog = apps[0].get(AccessLogWriter);
    await accessLog.flush();
    const written = await accessLog.store.count();

    const row = (name: string, t: number[]) => ({
      'access log': name,
      requests: t.length,
      'p50 ms': median(t),
      'p99 ms': percentile(t, 99),
      'mean ms': t.reduce((a, b) => a + b, 0) / t.length,
    });
    const onRow = row('on', times.on);
    const offRow = row('off', times.off);
    printTable([
      onRow,
      offRow,
      {
        'access log': 'on / off',
        requests: '',
        'p50 ms': (onRow['p50 ms'] / offRow['p50 ms']).toFixed(3),
        'p99 ms': (onRow['p99 ms'] / offRow['p99 ms']).toFixed(3),
        'mean ms': (onRow['mean ms'] / offRow['mean ms']).toFixed(3),
      },
    ]);
    process.stdout.write(`\naccess-log entries written by the "on" app: ${written.toLocaleString('en-US')} (warm-up included)\n`);
  } finally {
    for (const app of apps) await app.close();
    rmSync(base, { recursive: true, force: true });
  }
};
