import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ChildScript } from '../support/child-process';
import { HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { readLog } from '../support/log-reader';
import { startTestApp, type TestApp } from '../support/test-app';
import { figure, tally } from './support/figures';
import { sized } from './support/size';

/** Keyed commands sent while the lock is held (each needs read.db to keep its answer). */
const COMMANDS = sized(10, 40);

describe('another process holds the write lock on read.db', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let walk: InitiativeWalk;
  let holder: ChildScript;

  beforeAll(async () => {
    t = await startTestApp({ EVENT_STORE: 'sqlite', READ_STORE: 'sqlite' });
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
  });
  afterAll(async () => {
    if (holder && holder.process.exitCode === null) holder.process.kill('SIGKILL');
    await t.close();
  });

  const timed = async <T>(request: () => PromiseLike<T>): Promise<{ ms: number; res: T }> => {
    const start = performance.now();
    const res = await request();
    return { ms: performance.now() - start, res };
  };

  it('liveness, reads and the event loop answer promptly; keyed commands succeed or answer 503 with Retry-After; nothing acknowledged is lost', async () => {
    const admin = await regie.admin();
    holder = new ChildScript('test/reliability/support/lock-holder.ts', {}, [join(t.dataDir, 'read.db')]);
    await holder.waitFor((l) => l === 'locked');

    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const commands = Promise.all(
      Array.from({ length: COMMANDS }, (_, i) =>
        timed(() =>
          walk.send('post', '/perspectives', {
            headers: { 'Idempotency-Key': `locked-${i}` },
            body: { partnerId: p.police.id, summary: `seen while locked ${i}` },
          }),
        ),
      ),
    );
    const probes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const live = await timed(() => t.http().get('/health/live'));
      expect(live.res.status).toBe(200);
      const read = await timed(() => regie.send('get', '/api/partners', { token: admin }));
      expect(read.res.status).toBe(200);
      const state = await timed(() => walk.send('get', ''));
      expect(state.res.status).toBe(200);
      probes.push(live.ms, read.ms, state.ms);
    }
    const answered = await commands;
    loop.disable();
    const statuses = answered.map((a) => a.res.status);
    const slowest = Math.max(...answered.map((a) => a.ms));
    figure(
      `while locked: slowest live/read ${Math.round(Math.max(...probes))} ms, loop delay max ${Math.round(loop.max / 1e6)} ms; commands ${tally(statuses)}, slowest ${Math.round(slowest)} ms`,
    );
    // A probe or a turn of the loop that waited for the lock would take the read store's whole
    // 2 s retry budget; commands retried one after another would take that many budgets. The
    // bounds sit between, with room for a loaded machine.
    expect(Math.max(...probes)).toBeLessThan(1_500);
    expect(loop.max / 1e6).toBeLessThan(1_500);
    expect(slowest).toBeLessThan(8_000);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    for (const refused of answered.filter((a) => a.res.status === 503)) {
      expect(refused.res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(refused.res.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.res.body).toMatchObject({ status: 503, type: 'https://regie.dev/problems/store-locked' });
    }

    holder.send('release');
    await holder.exited();
    // Each command again with its key: a recorded one answers what it did, the rest run now.
    const again = await Promise.all(
      answered.map((_, i) =>
        walk.send('post', '/perspectives', {
          headers: { 'Idempotency-Key': `locked-${i}` },
          body: { partnerId: p.police.id, summary: `seen while locked ${i}` },
        }),
      ),
    );
    expect(tally(again.map((a) => a.status))).toBe(`200 × ${COMMANDS}`);
    answered.forEach((a, i) => {
      if (a.res.status === 200) expect(again[i].body).toEqual(a.res.body);
    });
    const { lines } = await readLog(regie);
    for (let i = 0; i < COMMANDS; i++) {
      expect({ i, times: lines.filter((l) => l.data.summary === `seen while locked ${i}`).length }).toEqual({ i, times: 1 });
    }
  });
});
