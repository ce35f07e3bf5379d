import type { EventStore } from '../../libs/event-store/src';
import { EVENT_STORE } from '../../apps/api/src/store/event-store.provider';
import type { KpiDashboard, PortfolioItem } from '../../libs/projections/src';
import { bodyOf, type Created, expectAnswer, expectStatus, Regie } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { generateLog } from './support/log-generator';

const INITIATIVES = 30;
const EVENTS = 40_000;

interface Status {
  name: string;
  state: string;
  generation: number;
  checkpoint: number;
  lastPosition: number;
  lag: number;
  rebuild: { progress: number } | null;
}

describe('rebuild without downtime', () => {
  let t: TestApp;
  let regie: Regie;
  let admin: string;
  let last = 0;

  const status = async (): Promise<Status[]> => (await expectAnswer<Status[]>(regie.send('get', '/api/projections', { token: admin }), 200)).body;
  const until = async (done: (s: Status[]) => boolean, timeoutMs = 60_000, seen?: (s: Status[]) => void) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const s = await status();
      seen?.(s);
      if (done(s)) return s;
      if (Date.now() > end) throw new Error(`timed out: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    admin = await regie.admin();
    ({ lastPosition: last } = await generateLog(t.app.get<EventStore>(EVENT_STORE), { initiatives: INITIATIVES, events: EVENTS, chunk: 200 }));
    // The saga may ask for early reviews on the generated KPIs: wait for the log to settle.
    await until((s) => s.every((p) => p.checkpoint >= last && p.lag === 0), 120_000);
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it('GET /api/projections: each projection live, its checkpoint and lag behind the store', async () => {
    const s = await status();
    expect(s.map((p) => p.name).sort()).toEqual([
      'kpi-dashboard',
      'kpi-off-track-saga',
      'partner-network',
      'partner-registry',
      'phase-analytics',
      'portfolio',
      'reviews',
    ]);
    for (const p of s) expect(p).toMatchObject({ state: 'live', checkpoint: p.lastPosition, lag: 0, rebuild: null });
    expect(s[0].lastPosition).toBeGreaterThanOrEqual(last);
  });

  it('only admins may ask for a rebuild; unknown projections are a 404, the saga is not rebuilt', async () => {
    const analyst = await regie.token('analyst', 'partner-000');
    expect((await regie.send('post', '/api/projections/portfolio/rebuild', { token: analyst })).status).toBe(403);
    expect((await regie.send('post', '/api/projections/nothing/rebuild', { token: admin })).status).toBe(404);
    expect((await regie.send('post', '/api/projections/kpi-off-track-saga/rebuild', { token: admin })).status).toBe(422);
  });

  it('5 clients keep querying while portfolio and dashboard rebuild: no query fails or sees an empty projection, and the answers stay the same', async () => {
    const ids = (await expectAnswer<PortfolioItem[]>(regie.send('get', '/api/initiatives', { token: admin }), 200)).body.map((i) => i.id);
    expect(ids).toHaveLength(INITIATIVES);
    const portfolioBefore = bodyOf<PortfolioItem[]>(await regie.send('get', '/api/initiatives', { token: admin }));
    const dashboardBefore = bodyOf<KpiDashboard>(await regie.send('get', `/api/initiatives/${ids[0]}/kpis`, { token: admin }));
    const before = await status();
    const generation = (name: string, s: Status[]) => s.find((p) => p.name === name)!.generation;

    let stop = false;
    const failures: string[] = [];
    let answered = 0;
    const client = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const id = ids[(n + i) % ids.length];
        const [portfolio, dashboard] = await Promise.all([
          regie.send('get', '/api/initiatives', { token: admin }),
          regie.send('get', `/api/initiatives/${id}/kpis`, { token: admin }),
        ]);
        answered += 2;
        const portfolioBody = bodyOf<PortfolioItem[]>(portfolio);
        const dashboardBody = bodyOf<KpiDashboard>(dashboard);
        if (portfolio.status !== 200 || portfolioBody.length !== INITIATIVES)
          failures.push(`portfolio ${portfolio.status} ${JSON.stringify(portfolio.body).slice(0, 200)}`);
        if (dashboard.status !== 200 || dashboardBody.effects.length !== 2 || !dashboardBody.effects[0].kpis[0].series.length) {
          failures.push(`dashboard ${dashboard.status} ${JSON.stringify(dashboard.body).slice(0, 200)}`);
        }
      }
    };
    const clients = Array.from({ length: 5 }, (_, n) => client(n));
    let sawRebuilding = false;
    try {
      for (const name of ['portfolio', 'kpi-dashboard']) {
        const res = await expectStatus(regie.send('post', `/api/projections/${name}/rebuild`, { token: admin }), 202);
        expect(res.body).toMatchObject({ name, state: 'rebuilding', generation: generation(name, before) + 1 });
      }
      await until(
        (s) => ['portfolio', 'kpi-dashboard'].every((n) => generation(n, s) > generation(n, before)) && s.every((p) => p.state === 'live'),
        120_000,
        (s) => {
          const p = s.find((x) => x.name === 'kpi-dashboard')!;
          if (p.state === 'rebuilding' && p.rebuild && p.rebuild.progress >= 0) sawRebuilding = true;
        },
      );
    } finally {
      stop = true;
      await Promise.all(clients);
    }
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(10);
    expect(sawRebuilding).toBe(true);
    expect((await regie.send('get', '/api/initiatives', { token: admin })).body).toEqual(portfolioBefore);
    expect((await regie.send('get', `/api/initiatives/${ids[0]}/kpis`, { token: admin })).body).toEqual(dashboardBefore);
  }, 180_000);

  it('after the swap the new generation is fed live: a new write shows with minPosition', async () => {
    const pm = await regie.token('programme-manager', 'partner-000');
    const started = await expectAnswer<Created>(
      regie.send('post', '/api/initiatives', { token: pm, body: { title: 'After the rebuild', problemArea: 'nuisance', regisseurPartnerId: 'partner-000' } }),
      201,
    );
    const res = await expectAnswer<PortfolioItem[]>(regie.send('get', `/api/initiatives?minPosition=${started.body.position}`, { token: admin }), 200);
    expect(res.headers['regie-stale']).toBeUndefined();
    expect(res.body.map((i) => i.id)).toContain(started.body.id);
  });

  it("GET /metrics reports each projection's lag and checkpoint", async () => {
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.text).toMatch(/regie_projection_lag_events\{projection="portfolio"\} 0/);
    expect(res.text).toMatch(/regie_projection_checkpoint\{projection="kpi-dashboard"\} \d+/);
  });
});
