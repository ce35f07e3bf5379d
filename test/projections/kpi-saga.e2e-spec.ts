import { ProjectionTables } from '../../libs/projections/src';
import { openAppStores } from '../support/e2e-store';
import { expectAnswer, expectStatus, HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import type { ProjectionStatus } from '../../libs/projections/src';
import type { CommandAnswer } from '../../apps/api/src/write/command-answer';
import { tempDir } from '../support/temp-dir';
import { startTestApp, type TestApp } from '../support/test-app';

const SAGA = 'kpi-off-track-saga';

// The fixture's KPI runs from baseline 40 to 80 by 31 Dec 2027, measured quarterly. Reported at
// 40 from 2025-Q1 on, it is at-risk until 2025-Q3 and off-track from 2025-Q4 (expected 0.33).
describe('the KPI saga, fed from the store: two off-track periods in a row ask for one early review', () => {
  const dir = tempDir('regie-saga-');
  let t: TestApp;
  let running = false;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let walk: InitiativeWalk;
  let kpiId: string;
  let owner: string;

  const stop = async () => {
    if (running) await t.close();
    running = false;
  };
  const start = async () => {
    t = await startTestApp({ DATA_DIR: dir.path });
    running = true;
    regie = new Regie(t);
    if (walk) walk = InitiativeWalk.of(regie, walk.id, p.haarlem, Object.values(p));
  };
  const measure = async (period: string, value = 40) =>
    (await walk.ok<CommandAnswer>('post', `/kpis/${kpiId}/measurements`, { period, value, partnerId: owner })).body.position;
  const sagaAt = async (position: number) => {
    const end = Date.now() + 20_000;
    for (;;) {
      const s = (await expectAnswer<ProjectionStatus[]>(regie.send('get', '/api/projections', { token: await regie.admin() }), 200)).body;
      if (s.find((x) => x.name === SAGA)!.checkpoint >= position) return;
      if (Date.now() > end) throw new Error(`the saga did not reach ${position}: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const earlyReviews = async () => (await walk.history()).filter((e) => e.type === 'ReviewScheduled' && e.data.reason === 'kpi-off-track');

  beforeAll(async () => {
    await start();
    p = await regie.registerPartners(HAARLEM_NETWORK);
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
    await walk.walkTo('pilot');
    const state = await walk.state();
    kpiId = state.kpis[0].id;
    owner = state.kpis[0].ownerPartnerId;
  }, 120_000);
  afterAll(async () => {
    await stop();
    dir.remove();
  });

  it('one at-risk and one off-track period ask nothing', async () => {
    await measure('2025-Q1');
    await measure('2025-Q2');
    await measure('2025-Q3');
    await sagaAt(await measure('2025-Q4'));
    expect(await earlyReviews()).toEqual([]);
  });

  it('the second off-track period in a row: exactly one ReviewScheduled, reason kpi-off-track, naming the KPI, due in 14 days, by the system', async () => {
    const position = await measure('2026-Q1');
    await sagaAt(position);
    const end = Date.now() + 10_000;
    while (!(await earlyReviews()).length && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    const reviews = await earlyReviews();
    expect(reviews).toHaveLength(1);
    const today = new Date();
    const due = (days: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days)).toISOString().slice(0, 10);
    expect(reviews[0].data).toMatchObject({ reason: 'kpi-off-track', kpiId });
    expect([due(14), due(15)]).toContain(reviews[0].data.dueOn);
    expect(reviews[0].actor).toEqual({ sub: 'system:kpi-saga', partner: null });
    // the review shows in the reviews projection like any other
    const listed = await expectStatus(regie.send('get', `${walk.path('/reviews')}?minPosition=${reviews[0].position}`, { token: await walk.pm() }), 200);
    expect(listed.body).toEqual([expect.objectContaining({ id: reviews[0].data.reviewId, reason: 'kpi-off-track', kpiId, verdict: null, overdue: false })]);
  });

  it('a third off-track period in a row, and a correction inside the streak, ask nothing new', async () => {
    await measure('2026-Q2');
    await sagaAt(await measure('2026-Q1', 41));
    expect(await earlyReviews()).toHaveLength(1);
  });

  it('restarting the app on the same data directory and rebuilding every projection adds no second review', async () => {
    await stop();
    await start();
    const last = (await walk.history()).at(-1)!.position;
    await sagaAt(last);
    const admin = await regie.admin();
    for (const name of ['portfolio', 'kpi-dashboard', 'reviews', 'phase-analytics', 'partner-network', 'partner-registry']) {
      await expectStatus(regie.send('post', `/api/projections/${name}/rebuild`, { token: admin }), 202);
    }
    const end = Date.now() + 30_000;
    for (;;) {
      const s = (await regie.send('get', '/api/projections', { token: admin })).body as Array<{ state: string; generation: number; name: string }>;
      if (s.filter((x) => x.name !== SAGA).every((x) => x.state === 'live' && x.generation > 1)) break;
      if (Date.now() > end) throw new Error(JSON.stringify(s));
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(await earlyReviews()).toHaveLength(1);
  });

  it('even a saga that lost its checkpoint and the idempotency records replays to the same single review', async () => {
    await stop();
    // What a wiped read store looks like to the saga: it replays the whole log from position 0.
    const { events, read: readStore } = await openAppStores(t);
    await events.close();
    const tables = new ProjectionTables(readStore);
    for (const g of await tables.generations(SAGA)) {
      await readStore.execute("UPDATE projection_generations SET state = 'retired' WHERE name = ? AND generation = ?", [SAGA, g.generation]);
      await tables.drop(SAGA, g.generation);
    }
    await readStore.execute('DELETE FROM idempotency_records');
    await readStore.close();
    await start();
    await sagaAt((await walk.history()).at(-1)!.position);
    await new Promise((r) => setTimeout(r, 300));
    expect(await earlyReviews()).toHaveLength(1);
  });
});
