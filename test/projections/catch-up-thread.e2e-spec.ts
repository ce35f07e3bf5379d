import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore, sqliteFile } from '../../libs/event-store/src';
import { ALL_PROJECTIONS, type KpiDashboard, type ProjectionStatus } from '../../libs/projections/src';
import { settle } from '../history/support/clocked-app';
import { documentsIn } from '../reliability/support/clean-rebuild';
import { runCli } from '../support/run-cli';
import { Regie } from '../support/initiative-fixtures';
import { tempDir } from '../support/temp-dir';
import { startTestApp, type TestApp } from '../support/test-app';
import { generateLog } from './support/log-generator';

/** Every projection document of read.db, by projection and id (one generation each: both stores start empty). */
const documents = (dataDir: string): Map<string, string> => {
  const db = new Database(join(dataDir, 'read.db'), { readonly: true });
  try {
    const rows = db.prepare<[], { name: string; id: string; body: string }>('SELECT name, id, body FROM projection_documents ORDER BY name, id').all();
    return new Map(rows.map((r) => [`${r.name} ${r.id}`, r.body]));
  } finally {
    db.close();
  }
};

const THREADED = 'kpi-dashboard';

// A cold start far behind the log catches the projections the command path does not read up on a
// second thread. What a user gets must be what the main thread alone would have built: every
// document the same, nothing counted twice, nothing left out.
describe('a cold catch-up on a second thread', () => {
  const dir = tempDir('regie-catch-up-thread-');
  let t: TestApp | null = null;
  const logged: string[] = [];
  /** How many lines match, once at least `count` have been logged or 10 s have passed: some come just after the projections are live. */
  const loggedEventually = async (line: (m: string) => boolean, count = 1): Promise<number> => {
    for (let i = 0; i < 200 && logged.filter(line).length < count; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    return logged.filter(line).length;
  };

  beforeAll(async () => {
    const store = SqliteEventStore.open(sqliteFile(dir.path));
    await generateLog(store, { initiatives: 12, events: 6_000, seed: 41 });
    await store.close();
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => void logged.push(String(message)));
  }, 60_000);
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
    dir.remove();
  });

  const start = async (minEvents: number, thread: 'catch-up' | 'follow') => {
    t = await startTestApp({
      DATA_DIR: dir.path,
      EVENT_STORE: 'sqlite',
      READ_STORE: 'sqlite',
      CATCH_UP_THREAD_MIN_EVENTS: minEvents,
      PROJECTIONS_THREAD: thread,
    });
    return new Regie(t);
  };
  const stop = async () => {
    await t!.app.close();
    t = null;
  };

  it('answers from the first read as the main thread would, and builds the same documents', async () => {
    let regie = await start(1_000, 'catch-up');
    // Asked at once, while the thread catches up: the query waits until the dashboard has seen the
    // log. It waits 5 s at most, then answers (here a 404: the dashboard is not there yet) and says
    // it is stale; a machine under load can take longer than that to start the thread under
    // ts-node, and the client then asks again.
    const ask = async () => regie.send('get', '/api/initiatives/init-00003/kpis?minPosition=6000', { token: await regie.admin() });
    let kpis = await ask();
    for (let tries = 1; kpis.headers['regie-stale'] === 'true' && tries < 12; tries++) kpis = await ask();
    expect(kpis.status).toBe(200);
    expect(kpis.headers['regie-stale']).toBeUndefined();
    expect(Number(kpis.headers['regie-position'])).toBeGreaterThanOrEqual(6000);
    await settle(regie, 60_000);
    const settled = await regie.send('get', '/api/initiatives/init-00003/kpis', { token: await regie.admin() });
    expect(kpis.body).toEqual(settled.body);
    // Handed back to the main thread at the checkpoint the thread committed: the next write is
    // read back, and counted once.
    const state = await regie.send('get', '/api/initiatives/init-00003', { token: await regie.admin() });
    const kpi = (state.body as { kpis: Array<{ id: string; ownerPartnerId: string }> }).kpis[0];
    const member = await t!.token({ sub: 'catch-up-member', roles: ['partner-member'], partner: kpi.ownerPartnerId });
    const measured = await regie.send('post', `/api/initiatives/init-00003/kpis/${kpi.id}/measurements`, {
      token: member,
      body: { period: '2031-01', value: 12.5, partnerId: kpi.ownerPartnerId },
    });
    expect(measured.status).toBe(200);
    const after = await regie.send('get', `/api/initiatives/init-00003/kpis?minPosition=${(measured.body as { position: number }).position}`, {
      token: await regie.admin(),
    });
    expect(after.headers['regie-stale']).toBeUndefined();
    const dashboard = after.body as KpiDashboard;
    const series = dashboard.effects.flatMap((e) => e.kpis).find((k) => k.id === kpi.id)!.series;
    expect(series.filter((p) => p.period === '2031-01')).toEqual([{ period: '2031-01', value: 12.5 }]);
    await settle(regie, 60_000);
    const threaded = documents(dir.path);
    expect(await loggedEventually((m) => /catching up on a second thread from position 0/.test(m) && m.includes(THREADED))).toBeGreaterThan(0);
    expect(await loggedEventually((m) => /caught up on the second thread to position \d+/.test(m) && m.includes(THREADED))).toBeGreaterThan(0);
    // Handed back, they join the portfolio and the saga in one pass over new events.
    expect(await loggedEventually((m) => /following the log in one pass again/.test(m) && m.includes(THREADED) && m.includes('portfolio'))).toBeGreaterThan(0);
    // The portfolio is read by every command (and the saga's wait for it): it stays on the main thread.
    expect(logged.some((m) => /on a second thread/.test(m) && m.includes('portfolio'))).toBe(false);
    await stop();

    // The same log, the read side wiped, caught up on the main thread alone.
    logged.length = 0;
    for (const file of ['read.db', 'read.db-wal', 'read.db-shm']) rmSync(join(dir.path, file), { force: true });
    regie = await start(0, 'catch-up');
    await settle(regie, 60_000);
    expect(logged.some((m) => /second thread/.test(m))).toBe(false);
    const single = documents(dir.path);
    await stop();

    expect(threaded.size).toBeGreaterThan(12 * 4);
    expect([...threaded.keys()].filter((k) => k.startsWith(`${THREADED} `) && !k.includes('/'))).toHaveLength(12);
    expect(threaded).toEqual(single);
  }, 180_000);

  it('`rebuild all` builds the others on a second thread beside the portfolio, the two sharing the streams, and swaps in the same documents', async () => {
    const before = await documentsIn(dir.path);
    const cli = runCli(['rebuild', 'all'], { DATA_DIR: dir.path, EVENT_STORE: 'sqlite', READ_STORE: 'sqlite' });
    expect(cli.stderr).not.toMatch(/error/i);
    expect(cli.code).toBe(0);
    expect(cli.stderr).toMatch(/done in [\d.]+ s, the log shared stream by stream between two threads/);
    const rebuilt = cli.stdout.split('\n').filter(Boolean);
    expect(rebuilt).toHaveLength(ALL_PROJECTIONS.length);
    for (const line of rebuilt) expect(line).toMatch(/^rebuilt [a-z-]+: generation 2 live at position \d+( \(built on a second thread\))?$/);
    expect(
      rebuilt
        .filter((line) => line.endsWith('(built on a second thread)'))
        .map((line) => line.split(':')[0])
        .sort(),
    ).toEqual(
      ALL_PROJECTIONS.filter((p) => p.name !== 'portfolio')
        .map((p) => `rebuilt ${p.name}`)
        .sort(),
    );
    const after = await documentsIn(dir.path);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const name of ALL_PROJECTIONS.map((p) => p.name)) expect({ name, docs: after[name].docs }).toEqual({ name, docs: before[name].docs });
  }, 180_000);

  it('POST /api/projections/:name/rebuild builds on the second thread, keeps answering meanwhile, and swaps in the same documents', async () => {
    const before = await documentsIn(dir.path);
    logged.length = 0;
    const regie = await start(1_000, 'catch-up');
    await settle(regie, 60_000);
    const admin = await regie.admin();
    const asked = await regie.send('post', `/api/projections/${THREADED}/rebuild`, { token: admin });
    expect(asked.status).toBe(202);
    const dashboard = await regie.send('get', '/api/initiatives/init-00005/kpis', { token: admin });
    expect(dashboard.status).toBe(200);
    const end = Date.now() + 60_000;
    for (;;) {
      const statuses = (await regie.send('get', '/api/projections', { token: admin })).body as ProjectionStatus[];
      const status = statuses.find((p) => p.name === THREADED)!;
      if (status.generation === 3 && status.state === 'live' && status.lag === 0) break;
      if (Date.now() > end) throw new Error(`the rebuild did not finish: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await loggedEventually((m) => m.includes(`projection ${THREADED}: building generation 3`) && m.includes('on a second thread'))).toBeGreaterThan(0);
    expect(await loggedEventually((m) => /built on the second thread in \d+ ms/.test(m) && m.includes(THREADED))).toBeGreaterThan(0);
    expect((await regie.send('get', '/api/initiatives/init-00005/kpis', { token: admin })).body).toEqual(dashboard.body);
    await stop();
    expect((await documentsIn(dir.path))[THREADED].docs).toEqual(before[THREADED].docs);
  }, 180_000);

  it('with PROJECTIONS_THREAD=follow (the default) the thread keeps feeding them: commands read back through it, a rebuild moves them to a new one, nothing counted twice', async () => {
    logged.length = 0;
    // The earlier cases left the read side at the head of the log: a warm start.
    const regie = await start(1_000, 'follow');
    await settle(regie, 60_000);
    const admin = await regie.admin();
    const state = await regie.send('get', '/api/initiatives/init-00007', { token: admin });
    const kpi = (state.body as { kpis: Array<{ id: string; ownerPartnerId: string }> }).kpis[0];
    const member = await t!.token({ sub: 'follow-member', roles: ['partner-member'], partner: kpi.ownerPartnerId });
    /** Asked again after a stale answer, as above: under load the thread may still be starting. */
    const readAt = async (path: string, position: number) => {
      const ask = () => regie.send('get', `${path}?minPosition=${position}`, { token: admin });
      let read = await ask();
      for (let tries = 1; read.headers['regie-stale'] === 'true' && tries < 12; tries++) read = await ask();
      expect(read.status).toBe(200);
      expect(read.headers['regie-stale']).toBeUndefined();
      expect(Number(read.headers['regie-position'])).toBeGreaterThanOrEqual(position);
      return read;
    };
    const measure = async (period: string, value: number) => {
      const measured = await regie.send('post', `/api/initiatives/init-00007/kpis/${kpi.id}/measurements`, {
        token: member,
        body: { period, value, partnerId: kpi.ownerPartnerId },
      });
      expect(measured.status).toBe(200);
      // Read back through the thread: each query waits until it has committed the command's position.
      const { position } = measured.body as { position: number };
      const read = await readAt('/api/initiatives/init-00007/kpis', position);
      const series = (read.body as KpiDashboard).effects.flatMap((e) => e.kpis).find((k) => k.id === kpi.id)!.series;
      expect(series.filter((p) => p.period === period)).toEqual([{ period, value }]);
      await readAt('/api/initiatives', position);
    };
    await measure('2032-01', 7.5);
    // Near the log, the portfolio is fed there too.
    expect(await loggedEventually((m) => /fed on a second thread from position \d+/.test(m) && m.includes(THREADED) && m.includes('portfolio'))).toBe(1);
    // It never hands them back: the main thread follows the log with the saga only.
    expect(logged.some((m) => /caught up on the second thread|following the log in one pass again/.test(m))).toBe(false);

    // Swapping a rebuilt dashboard in stops the thread; the others go on at once on a new one.
    const generation = async () =>
      ((await regie.send('get', '/api/projections', { token: admin })).body as ProjectionStatus[]).find((p) => p.name === THREADED)!.generation ?? 0;
    const replaced = await generation();
    expect((await regie.send('post', `/api/projections/${THREADED}/rebuild`, { token: admin })).status).toBe(202);
    const end = Date.now() + 60_000;
    for (;;) {
      const statuses = (await regie.send('get', '/api/projections', { token: admin })).body as ProjectionStatus[];
      const status = statuses.find((p) => p.name === THREADED)!;
      if ((status.generation ?? 0) > replaced && status.state === 'live' && statuses.every((p) => p.lag === 0)) break;
      if (Date.now() > end) throw new Error(`the rebuild did not finish: ${JSON.stringify(statuses)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await settle(regie, 60_000);
    // Built here, far behind as it was: a third thread beside the follower costs a heap.
    expect(logged.filter((m) => m.startsWith(`projection ${THREADED}: building generation`)).map((m) => m.includes('second thread'))).toEqual([false]);
    expect(await loggedEventually((m) => /fed on a second thread/.test(m) && m.includes('reviews') && m.includes('portfolio'), 2)).toBe(2);
    await measure('2032-02', 8.5);
    await settle(regie, 60_000);
    const followed = documents(dir.path);
    await stop();

    const wipe = () => {
      for (const file of ['read.db', 'read.db-wal', 'read.db-shm']) rmSync(join(dir.path, file), { force: true });
    };
    // The read side wiped, so a cold start from nothing: every projection on the thread, which goes
    // on feeding them, the streams shared between its pass and the saga's here (stream-share.ts).
    logged.length = 0;
    wipe();
    await settle(await start(1_000, 'follow'), 60_000);
    expect(
      logged
        .filter((m) => /fed on a second thread/.test(m))
        .map((m) => [m.includes(THREADED), m.includes('portfolio'), /shared with the pass of kpi-off-track/.test(m)]),
    ).toEqual([[true, true, true]]);
    const cold = documents(dir.path);
    await stop();

    // The same log, the read side wiped, caught up on the main thread alone.
    logged.length = 0;
    wipe();
    await settle(await start(0, 'catch-up'), 60_000);
    expect(logged.some((m) => /second thread/.test(m))).toBe(false);
    const single = documents(dir.path);
    await stop();
    expect([...followed.keys()].filter((k) => k.startsWith(`${THREADED} `) && !k.includes('/'))).toHaveLength(12);
    expect([...followed.keys()].filter((k) => k.startsWith('portfolio '))).toHaveLength(12);
    expect(followed).toEqual(single);
    expect(cold).toEqual(single);
  }, 180_000);
});
