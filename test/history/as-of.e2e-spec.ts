import { ManualClock } from '../../apps/api/src/write/clock';
import type { Role } from '../../libs/auth/src';
import { kpiDashboardOf, type KpiDashboard, type KpiView } from '../../libs/projections/src';
import type { RegieEvent } from '../../events';
import { bodyOf, type Created, expectStatus, HAARLEM_NETWORK, InitiativeWalk, type Partner, problemOf, Regie } from '../support/initiative-fixtures';
import type { TestApp } from '../support/test-app';
import { parseCsv, projectionStates, seeded, settle, startClockedApp } from './support/clocked-app';

const DAY = 86_400_000;
const SEED = 20_251_106;
const START = '2025-01-06T09:00:00.000Z';

interface View {
  key: string;
  path: string;
  token: () => Promise<string>;
}

interface Moment {
  at: string;
  label: string;
  /** what each view answered live at that moment, with ?minPosition= of the last write */
  live: Record<string, unknown>;
}

const withQuery = (path: string, params: Record<string, string | number>): string => {
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
};

const kpiNamed = (dashboard: KpiDashboard, id: string): KpiView => {
  const kpi = dashboard.effects.flatMap((e) => e.kpis).find((k) => k.id === id);
  if (!kpi) throw new Error(`no KPI ${id} in ${JSON.stringify(dashboard)}`);
  return kpi;
};

/**
 * Two networks run side by side for a year and a half of simulated time on a manual clock: the
 * method's phases, KPI measurements month by month (with a correction, two off-track quarters
 * that make the saga ask for an early review, a verdict, a target revision after it), a partner
 * that leaves, a cadence review left overdue. After every step, and at a random moment in the
 * pause before the next, the test asks the live routes what they answer then (the clock set to
 * that moment). Afterwards it asks the history for each moment.
 */
describe('history: any past view exactly as the live routes answered it then', () => {
  const clock = new ManualClock(new Date(START));
  const random = seeded(SEED);
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let a: InitiativeWalk;
  let b: InitiativeWalk | undefined;
  let kpiQ: string;
  let kpiM: string;
  let verdictAt: string;
  let revisedAt: string;
  let ggzInB: string;
  let earlyReviewId: string;
  const moments: Moment[] = [];

  const views = (): View[] => {
    const admin = () => regie.admin();
    const list: View[] = [
      { key: 'portfolio', path: '/api/initiatives', token: admin },
      { key: 'portfolio?phase=pilot', path: '/api/initiatives?phase=pilot', token: admin },
      { key: 'portfolio?partner=ggz', path: `/api/initiatives?partner=${p.ggz.id}`, token: admin },
      { key: 'portfolio as a police member', path: '/api/initiatives', token: () => regie.member(p.police) },
    ];
    for (const [name, walk] of [
      ['A', a],
      ['B', b],
    ] as const) {
      if (!walk) continue;
      list.push(
        { key: `${name} state`, path: walk.path(), token: admin },
        { key: `${name} kpis`, path: walk.path('/kpis'), token: admin },
        { key: `${name} kpis as a police analyst`, path: walk.path('/kpis'), token: () => regie.analyst(p.police) },
        { key: `${name} reviews`, path: walk.path('/reviews'), token: admin },
      );
    }
    return list;
  };

  const get = async (path: string, token: string): Promise<unknown> => bodyOf<unknown>(await expectStatus(regie.send('get', path, { token }), 200));

  const record = async (label: string): Promise<void> => {
    const last = await settle(regie);
    const live: Record<string, unknown> = {};
    for (const v of views()) live[v.key] = await get(withQuery(v.path, { minPosition: last }), await v.token());
    moments.push({ at: clock.now().toISOString(), label, live });
  };

  /** A pause until `to` (or a random one of 6 hours to 12 days), with the live views recorded at a random moment inside it. */
  const pause = async (label: string, to?: string): Promise<void> => {
    const from = clock.now().getTime();
    const until = to === undefined ? from + Math.round((0.25 + random() * 11.75) * DAY) : Date.parse(to);
    if (until <= from) throw new Error(`pause: ${to} is not after ${clock.now().toISOString()}`);
    clock.set(new Date(from + Math.floor(random() * (until - from))));
    await record(`${label} (pause)`);
    clock.set(new Date(until));
  };

  /** Commands at one instant, the live views recorded right after them, then a pause. */
  const step = async (label: string, commands: () => Promise<unknown>, pauseUntil?: string): Promise<void> => {
    await commands();
    await record(label);
    await pause(label, pauseUntil);
  };

  const measure = (kpiId: string, owner: Partner, period: string, value: number) =>
    a.ok('post', `/kpis/${kpiId}/measurements`, { period, value, partnerId: owner.id });

  beforeAll(async () => {
    t = await startClockedApp(clock);
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    await pause('partners registered');

    await step('A starts', async () => {
      a = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police, p.ggz], title: 'A: signalen in Schalkwijk' });
    });
    await step('A explored', () => a.completeExplore());
    await step('A defines', async () => {
      await a.advance('define');
      await a.completeDefine();
      await a.defineEffect('Fewer repeat incidents around the station');
    });
    await step('B starts', async () => {
      b = await InitiativeWalk.start(regie, { regisseur: p.police, others: [p.prosecutor, p.ggz], title: 'B: ondermijning in de haven' });
      await b.completeExplore();
    });
    await step('A co-designs', () => a.advance('co-design'));
    await step('B defines', async () => {
      await b!.advance('define');
      await b!.completeDefine();
    });
    await step('A defines its KPIs', async () => {
      const { desiredEffects } = await a.state();
      kpiQ = (
        await a.ok<Created>('post', '/kpis', {
          name: 'Signals handled "on time", within two weeks',
          effectId: desiredEffects[0].id,
          ownerPartnerId: p.police.id,
          unit: '%',
          direction: 'increase',
          baseline: 40,
          target: 80,
          targetDate: '2027-12-31',
          frequency: 'quarterly',
        })
      ).body.id;
      kpiM = (
        await a.ok<Created>('post', '/kpis', {
          name: 'Repeat incidents',
          effectId: desiredEffects[1].id,
          ownerPartnerId: p.ggz.id,
          unit: 'incidents',
          direction: 'decrease',
          baseline: 30,
          target: 10,
          targetDate: '2026-12-31',
          frequency: 'monthly',
        })
      ).body.id;
    });
    await step('A completes its approach', () => a.completeCoDesign());
    await step('B co-designs', async () => {
      await b!.advance('co-design');
      await b!.completeCoDesign();
    });
    await step(
      'A pilots',
      async () => {
        await a.advance('pilot');
        await a.ok('post', '/pilot', { scope: 'Schalkwijk, 40 cases', startsOn: '2025-03-01', endsOn: '2026-06-30' });
      },
      '2025-04-02T10:00:00.000Z',
    );

    // Month by month: the monthly KPI for the month just ended, the quarterly one after a quarter.
    // The quarterly KPI is on track, then off track two quarters in a row (the saga asks for an
    // early review), then on track against its revised target. The monthly one falls behind a
    // little more each month: on track, then at risk, never off track under the default
    // thresholds (its shortfall stays under 0.25), but off track under a tolerance of 0.
    const quarterly: Record<string, number> = { '2025-Q1': 44, '2025-Q2': 46, '2025-Q3': 47, '2025-Q4': 42, '2026-Q1': 45, '2026-Q2': 60 };
    const firstMonth = Date.UTC(2025, 2, 1);
    const expected = (n: number) => (Date.UTC(2025, 3 + n, 1) - firstMonth) / (Date.UTC(2026, 11, 31) - firstMonth);
    for (let month = 0; month < 16; month++) {
      const ended = new Date(Date.UTC(2025, 2 + month, 1)); // 2025-03 … 2026-06
      const period = ended.toISOString().slice(0, 7);
      const quarter = `${ended.getUTCFullYear()}-Q${Math.floor(ended.getUTCMonth() / 3) + 1}`;
      const next = new Date(Date.UTC(2025, 4 + month, 2, 10)).toISOString();
      const incidents = Math.round((30 - 20 * (expected(month) - 0.014 * month)) * 10) / 10;
      const reviewMonth = period === '2026-03';
      await step(
        `measurements for ${period}`,
        async () => {
          await measure(kpiM, p.ggz, period, incidents);
          if (ended.getUTCMonth() % 3 === 2) await measure(kpiQ, p.police, quarter, quarterly[quarter]);
          if (period === '2025-08') await measure(kpiM, p.ggz, '2025-07', incidents + 2); // a correction of the month before
          if (period === '2025-05') {
            await b!.advance('pilot');
            await b!.completePilot();
          }
          if (period === '2025-07') {
            await b!.advance('integrate');
            await b!.completeIntegrate();
          }
          if (period === '2025-09') {
            await b!.advance('re-legitimise');
            await b!.scheduleReview(new Date(clock.now().getTime() + 10 * DAY).toISOString().slice(0, 10), 'first cadence review');
          }
          if (period === '2025-11') ggzInB = clock.now().toISOString();
          if (period === '2025-12') await b!.ok('delete', `/partners/${p.ggz.id}`);
        },
        reviewMonth ? undefined : next,
      );
      // 2026-Q1 is the second off-track quarter in a row: the saga has asked for an early review by now.
      if (reviewMonth) {
        const reviews = (await a.ok('get', '/reviews', undefined, { token: await regie.admin() })).body as Array<{ id: string; reason: string; kpiId: string }>;
        const early = reviews.find((r) => r.reason === 'kpi-off-track' && r.kpiId === kpiQ);
        if (!early) throw new Error(`the saga asked for no early review: ${JSON.stringify(reviews)}`);
        earlyReviewId = early.id;
        await step('the steering group concludes the early review', async () => {
          await a.verdict(earlyReviewId, { verdict: 'continue', rationale: 'the new intake procedure needs one more quarter' });
          verdictAt = clock.now().toISOString();
        });
        await step(
          'the target is revised after the review',
          async () => {
            await a.ok('post', `/kpis/${kpiQ}/target-revisions`, { target: 70, reason: 'the pilot district is smaller than planned' });
            revisedAt = clock.now().toISOString();
          },
          next,
        );
      }
    }
    await step('A evaluates its pilot and integrates', async () => {
      await a.completePilot();
      await a.advance('integrate');
    });
  }, 600_000);

  afterAll(async () => {
    await t?.close();
  });

  it('the history written covers what the checks below rely on', () => {
    expect(moments.length).toBeGreaterThanOrEqual(40);
    expect(verdictAt < revisedAt).toBe(true);
    const last = moments[moments.length - 1].live;
    expect((last['B reviews'] as Array<{ overdue: boolean }>)[0].overdue).toBe(true);
    expect((last['A kpis'] as KpiDashboard).effects.flatMap((e) => e.kpis).flatMap((k) => k.statusHistory.map((s) => s.status))).toEqual(
      expect.arrayContaining(['on-track', 'at-risk', 'off-track']),
    );
  });

  it(`as of each of 20 random moments (seed ${SEED}), every view answers exactly what the live route answered then`, async () => {
    const pick = seeded(SEED + 1);
    const chosen = new Set<number>();
    while (chosen.size < 20) chosen.add(Math.floor(pick() * moments.length));
    const byKey = new Map(views().map((v) => [v.key, v]));
    for (const i of [...chosen].sort((x, y) => x - y)) {
      const moment = moments[i];
      const asOf: Record<string, unknown> = {};
      for (const key of Object.keys(moment.live)) {
        const view = byKey.get(key)!;
        asOf[key] = await get(withQuery(view.path, { asOf: moment.at }), await view.token());
      }
      expect({ at: moment.at, label: moment.label, views: asOf }).toEqual({ at: moment.at, label: moment.label, views: moment.live });
    }
  });

  it('days in phase and overdue are counted to the moment asked for, not to now', async () => {
    const admin = await regie.admin();
    const scheduled = moments.find((m) => (m.live['B reviews'] as unknown[] | undefined)?.length)!;
    const overdue = moments.find((m) => (m.live['B reviews'] as Array<{ overdue: boolean }> | undefined)?.[0]?.overdue)!;
    expect(((await get(withQuery(b!.path('/reviews'), { asOf: scheduled.at }), admin)) as Array<{ overdue: boolean }>)[0].overdue).toBe(false);
    expect(((await get(withQuery(b!.path('/reviews'), { asOf: overdue.at }), admin)) as Array<{ overdue: boolean }>)[0].overdue).toBe(true);
    const then = (await get(withQuery('/api/initiatives', { asOf: scheduled.at }), admin)) as Array<{ id: string; daysInPhase: number; nextReview: unknown }>;
    const now = (await get('/api/initiatives', admin)) as Array<{ id: string; daysInPhase: number }>;
    expect(then.find((x) => x.id === b!.id)!.daysInPhase).toBeLessThan(now.find((x) => x.id === b!.id)!.daysInPhase);
  });

  it("a target revised after a review changes neither that review's frozen evidence nor the dashboard as of before the revision", async () => {
    const admin = await regie.admin();
    const atVerdict = moments.find((m) => m.at === verdictAt && m.label.startsWith('the steering group'))!;
    const review = ((await get(a.path('/reviews'), admin)) as Array<{ id: string; evidence: KpiDashboard }>).find((r) => r.id === earlyReviewId)!;
    const recorded = (atVerdict.live['A reviews'] as Array<{ id: string; evidence: KpiDashboard }>).find((r) => r.id === earlyReviewId)!;
    expect(review.evidence).toEqual(recorded.evidence);
    expect(kpiNamed(review.evidence, kpiQ).target).toBe(80);

    const before = (await get(withQuery(a.path('/kpis'), { asOf: verdictAt }), admin)) as KpiDashboard;
    // what the steering group saw is the dashboard as of the verdict
    expect(review.evidence).toEqual(before);
    expect(kpiNamed(before, kpiQ)).toMatchObject({ target: 80, targetHistory: [{ target: 80, reason: null }] });

    const after = (await get(withQuery(a.path('/kpis'), { asOf: revisedAt }), admin)) as KpiDashboard;
    const revised = kpiNamed(after, kpiQ);
    expect(revised.target).toBe(70);
    expect(revised.targetHistory).toEqual([
      expect.objectContaining({ target: 80, reason: null }),
      expect.objectContaining({ target: 70, from: revisedAt, reason: 'the pilot district is smaller than planned' }),
    ]);
    // periods reported before the revision keep the target they were judged by, and their status
    expect(revised.statusHistory).toEqual(kpiNamed(before, kpiQ).statusHistory);
    // and the dashboard of a moment before the revision is the same whether asked before or after it
    const asOfJustBefore = new Date(Date.parse(revisedAt) - 1).toISOString();
    expect(kpiNamed((await get(withQuery(a.path('/kpis'), { asOf: asOfJustBefore }), admin)) as KpiDashboard, kpiQ).target).toBe(80);
  });

  it('a partner that left sees nothing of the past of the initiative it left, in any view', async () => {
    const ggz = await regie.member(p.ggz);
    expect((await regie.send('get', withQuery(b!.path('/kpis'), { asOf: ggzInB }), { token: ggz })).status).toBe(404);
    expect((await regie.send('get', withQuery(b!.path('/reviews'), { asOf: ggzInB }), { token: ggz })).status).toBe(404);
    expect((await regie.send('get', withQuery(b!.path(), { asOf: ggzInB }), { token: ggz })).status).toBe(404);
    const portfolio = (await get(withQuery('/api/initiatives', { asOf: ggzInB }), ggz)) as Array<{ id: string }>;
    expect(portfolio.map((x) => x.id)).toEqual([a.id]);
    // while an admin sees that ggz took part in B then
    const admin = (await get(withQuery(`/api/initiatives?partner=${p.ggz.id}`, { asOf: ggzInB }), await regie.admin())) as Array<{ id: string }>;
    expect(admin.map((x) => x.id).sort()).toEqual([a.id, b!.id].sort());
  });

  describe('what if the thresholds had been others', () => {
    const snapshotOfLive = async () => {
      const admin = await regie.admin();
      const states = await projectionStates(regie);
      return {
        kpis: await get(a.path('/kpis'), admin),
        reviews: await get(a.path('/reviews'), admin),
        portfolio: await get('/api/initiatives', admin),
        history: ((await get(a.path('/history'), admin)) as unknown[]).length,
        checkpoints: states.map((s) => ({ name: s.name, checkpoint: s.checkpoint, lastPosition: s.lastPosition })),
      };
    };
    const historyEvents = async (): Promise<Array<RegieEvent & { data: { occurredAt: string } }>> =>
      ((await get(a.path('/history'), await regie.admin())) as Array<{ type: RegieEvent['type']; data: object }>).map(
        (e) => ({ type: e.type, schemaVersion: 1, data: e.data }) as RegieEvent & { data: { occurredAt: string } },
      );

    it('recomputes every status under the thresholds asked for, on a scratch copy: the live dashboard, reviews, log and projections are untouched', async () => {
      const before = await snapshotOfLive();
      const strict = (await get(withQuery(a.path('/kpis'), { tolerance: 0, riskTolerance: 0 }), await regie.admin())) as KpiDashboard;
      expect(strict.thresholds).toEqual({ tolerance: 0, riskTolerance: 0 });

      // Under the defaults the monthly KPI is never off track; with no tolerance at all it is,
      // month after month: a live run would have asked for another early review.
      const live = kpiNamed(before.kpis as KpiDashboard, kpiM).statusHistory.map((s) => s.status);
      const whatIf = kpiNamed(strict, kpiM).statusHistory.map((s) => s.status);
      expect(live).not.toContain('off-track');
      expect(whatIf.join(',')).toContain('off-track,off-track');
      // the same log folded through the library's own what-if
      expect(strict).toEqual(kpiDashboardOf(await historyEvents(), { tolerance: 0, riskTolerance: 0 }));

      await new Promise((resolve) => setTimeout(resolve, 500));
      await settle(regie);
      expect(await snapshotOfLive()).toEqual(before);
    });

    it('combines with ?asOf=: the dashboard of that moment under the other thresholds', async () => {
      const moment = moments[Math.floor(moments.length * 0.7)].at;
      const answer = (await get(withQuery(a.path('/kpis'), { asOf: moment, tolerance: 0.2, riskTolerance: 0.3 }), await regie.admin())) as KpiDashboard;
      const events = (await historyEvents()).filter((e) => Date.parse(e.data.occurredAt) <= Date.parse(moment));
      expect(answer).toEqual(kpiDashboardOf(events, { tolerance: 0.2, riskTolerance: 0.3 }));
      expect(answer.thresholds).toEqual({ tolerance: 0.2, riskTolerance: 0.3 });
    });

    it.each([
      ['tolerance=0.3&riskTolerance=0.2', 'tolerance'],
      ['tolerance=0.3', 'tolerance'],
      ['tolerance=-0.1', 'tolerance'],
      ['tolerance=abc', 'tolerance'],
      ['tolerance=', 'tolerance'],
      ['riskTolerance=1.5', 'riskTolerance'],
    ])('?%s is a 400 naming %s (0 ≤ tolerance ≤ riskTolerance ≤ 1)', async (query, field) => {
      const res = await regie.send('get', `${a.path('/kpis')}?${query}`, { token: await regie.admin() });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problemOf(res).errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it.each([
      ['tolerance=0.3&riskTolerance=0.2', { tolerance: 0.3, riskTolerance: 0.2, riskToleranceDefault: false }],
      ['tolerance=0.3', { tolerance: 0.3, riskTolerance: 0.25, riskToleranceDefault: true }],
      ['tolerance=-0.1', undefined],
    ])('?%s: a pair in the wrong order is given back as it was checked, for a client to word', async (query, thresholds) => {
      const res = await regie.send('get', `${a.path('/kpis')}?${query}`, { token: await regie.admin() });
      expect(res.status).toBe(400);
      expect((problemOf(res) as { thresholds?: unknown }).thresholds).toEqual(thresholds);
    });

    it('?tolerance= alone pairs with the default riskTolerance', async () => {
      const res = (await get(withQuery(a.path('/kpis'), { tolerance: 0.25 }), await regie.admin())) as KpiDashboard;
      expect(res.thresholds).toEqual({ tolerance: 0.25, riskTolerance: 0.25 });
    });
  });

  describe('kpis.csv', () => {
    const rowsOf = (dashboard: KpiDashboard) =>
      dashboard.effects.flatMap((e) =>
        e.kpis.flatMap((k) =>
          k.statusHistory.map((s) => [
            k.id,
            k.name,
            e.id,
            k.unit,
            k.direction,
            s.period,
            String(s.value),
            String(s.target),
            s.targetDate,
            String(s.attainment),
            String(s.expected),
            s.status,
          ]),
        ),
      );

    it('one row per KPI and period, RFC 4180, text/csv', async () => {
      const admin = await regie.admin();
      const res = await expectStatus(regie.send('get', a.path('/kpis.csv'), { token: admin }), 200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.text.endsWith('\r\n')).toBe(true);
      const [header, ...rows] = parseCsv(res.text);
      expect(header).toEqual([
        'kpiId',
        'kpiName',
        'effectId',
        'unit',
        'direction',
        'period',
        'value',
        'target',
        'targetDate',
        'attainment',
        'expected',
        'status',
      ]);
      const dashboard = (await get(a.path('/kpis'), admin)) as KpiDashboard;
      expect(rows).toEqual(rowsOf(dashboard));
      expect(rows.length).toBe(16 + 6);
      // the name with a comma and quotes is quoted, its quotes doubled
      expect(res.text).toContain('"Signals handled ""on time"", within two weeks"');
    });

    it('?asOf= and a what-if give the rows of that dashboard', async () => {
      const admin = await regie.admin();
      const res = await expectStatus(
        regie.send('get', withQuery(a.path('/kpis.csv'), { asOf: verdictAt, tolerance: 0, riskTolerance: 0.1 }), { token: admin }),
        200,
      );
      const dashboard = (await get(withQuery(a.path('/kpis'), { asOf: verdictAt, tolerance: 0, riskTolerance: 0.1 }), admin)) as KpiDashboard;
      expect(parseCsv(res.text).slice(1)).toEqual(rowsOf(dashboard));
    });

    it('is a 404 for the invisible and before the initiative existed', async () => {
      expect((await regie.send('get', a.path('/kpis.csv'), { token: await regie.member(p.prosecutor) })).status).toBe(404);
      expect((await regie.send('get', withQuery(a.path('/kpis.csv'), { asOf: START }), { token: await regie.admin() })).status).toBe(404);
    });
  });

  describe('moments that have no answer', () => {
    const asOfRoutes = () => [a.path('/kpis'), a.path('/reviews'), a.path(), a.path('/kpis.csv')];

    it('before the initiative existed: 404 on its views; the portfolio then is empty', async () => {
      const admin = await regie.admin();
      for (const path of asOfRoutes()) {
        for (const asOf of ['2000-01-01', START, new Date(Date.parse(moments[0].at) - 1).toISOString()]) {
          const res = await regie.send('get', withQuery(path, { asOf }), { token: admin });
          expect({ path, asOf, status: res.status, type: res.headers['content-type'] }).toEqual({
            path,
            asOf,
            status: 404,
            type: expect.stringMatching(/^application\/problem\+json/) as unknown,
          });
        }
      }
      expect(await get(withQuery('/api/initiatives', { asOf: '2000-01-01' }), admin)).toEqual([]);
    });

    it("in the future of the app's clock: 400", async () => {
      const admin = await regie.admin();
      const future = new Date(clock.now().getTime() + 60_000).toISOString();
      for (const path of [...asOfRoutes(), '/api/initiatives']) {
        const res = await regie.send('get', withQuery(path, { asOf: future }), { token: admin });
        expect({ path, status: res.status, field: problemOf(res).errors?.[0]?.field }).toEqual({ path, status: 400, field: 'asOf' });
      }
      // the clock's own now is not the future
      await expectStatus(regie.send('get', withQuery(a.path('/kpis'), { asOf: clock.now().toISOString() }), { token: admin }), 200);
    });

    it.each(['yesterday', '2025-02-30', '2025-06-30T12:00', '2025-06-30T24:00:00Z', '2025-6-30', '1751284800000'])(
      'a malformed moment (%s) is a 400 problem naming asOf',
      async (asOf) => {
        const admin = await regie.admin();
        for (const path of [...asOfRoutes(), '/api/initiatives']) {
          const res = await regie.send('get', withQuery(path, { asOf }), { token: admin });
          expect(res.status).toBe(400);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body).toMatchObject({ status: 400, errors: expect.arrayContaining([expect.objectContaining({ field: 'asOf' })]) as unknown });
        }
      },
    );

    it("an offset typed without URL-encoding ('+' arrives as a space) is still the offset: the same answer as the encoded instant", async () => {
      const admin = await regie.admin();
      const moment = moments[Math.floor(moments.length / 2)].at;
      const plusTwo = new Date(Date.parse(moment) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
      for (const path of [...asOfRoutes(), '/api/initiatives']) {
        const raw = await regie.send('get', `${path}?asOf=${plusTwo}`, { token: admin });
        const encoded = await expectStatus(regie.send('get', withQuery(path, { asOf: moment }), { token: admin }), 200);
        expect({ path, status: raw.status }).toEqual({ path, status: 200 });
        expect(raw.text).toBe(encoded.text);
      }
    });

    it('an initiative the caller may not see, or that does not exist, is a 404 at any moment', async () => {
      const moment = moments[moments.length - 1].at;
      const prosecutor = await regie.member(p.prosecutor);
      for (const path of [a.path('/kpis'), a.path('/reviews'), a.path()]) {
        expect((await regie.send('get', withQuery(path, { asOf: moment }), { token: prosecutor })).status).toBe(404);
      }
      expect((await regie.send('get', withQuery('/api/initiatives/no-such-initiative/kpis', { asOf: moment }), { token: await regie.admin() })).status).toBe(
        404,
      );
      const roles: Role[] = ['analyst'];
      const outsider = await t.token({ sub: 'outsider', roles, partner: 'no-such-partner' });
      expect(await get(withQuery('/api/initiatives', { asOf: moment }), outsider)).toEqual([]);
    });
  });
});
