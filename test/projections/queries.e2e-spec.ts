import type { KpiDashboard, PartnerDoc, PartnerNetwork, PhaseDuration, PortfolioItem, ReviewItem } from '../../libs/projections/src';
import type { CommandAnswer } from '../../apps/api/src/write/command-answer';
import { expectAnswer, expectStatus, HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

// The read models through HTTP, with the field names clients rely on (api.md, "Shapes"), and the
// visibility rule: a partner's people see only the initiatives their partner takes part in.
describe('the read models over HTTP', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK | 'housing', Partner>;
  let walk: InitiativeWalk;
  let kpiId: string;
  let last = 0;

  const get = async <B = unknown>(path: string, token: string, status = 200): Promise<B> => {
    const res = await expectAnswer<B>(regie.send('get', `${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`, { token }), status);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners({ ...HAARLEM_NETWORK, housing: { name: 'Woonstichting Haarlem', kind: 'housing' } });
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police, p.prosecutor], title: 'Samen tegen ondermijning in Schalkwijk' });
    await walk.walkTo('pilot');
    const state = await walk.state();
    kpiId = state.kpis[0].id;
    await walk.ok(
      'post',
      '/contributions',
      { partnerId: p.police.id, description: 'two community officers', hoursPerMonth: 32 },
      { token: await regie.member(p.police) },
    );
    await walk.ok('post', `/kpis/${kpiId}/measurements`, { period: '2026-Q1', value: 50, partnerId: state.kpis[0].ownerPartnerId });
    last = (await walk.ok<CommandAnswer>('post', `/kpis/${kpiId}/measurements`, { period: '2026-Q2', value: 56, partnerId: state.kpis[0].ownerPartnerId })).body
      .position;
    await InitiativeWalk.start(regie, { regisseur: p.housing, title: 'Overlast in de Vogelbuurt' });
    last = (await walk.history()).at(-1)!.position + 2;
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('GET /api/partners: id, name, kind, registeredAt for everyone authenticated', async () => {
    const list = await get<PartnerDoc[]>('/api/partners', await regie.member(p.housing));
    // sorted by name as people read it (case-insensitive), not by code point
    expect(list.map((x) => x.name)).toEqual([
      'Gemeente Haarlem',
      'GGZ Noord-Holland-Noord',
      'Openbaar Ministerie',
      'Politie Noord-Holland',
      'Woonstichting Haarlem',
    ]);
    expect(list[1]).toEqual({ id: p.ggz.id, name: 'GGZ Noord-Holland-Noord', kind: 'care', registeredAt: expect.any(String) as unknown });
  });

  it('GET /api/initiatives: the portfolio item shape, and ?phase= / ?partner= filters', async () => {
    const all = await get<PortfolioItem[]>('/api/initiatives', await regie.admin());
    expect(all.map((i) => i.title)).toEqual(['Overlast in de Vogelbuurt', 'Samen tegen ondermijning in Schalkwijk']);
    const item = all[1];
    expect(item).toMatchObject({
      id: walk.id,
      title: 'Samen tegen ondermijning in Schalkwijk',
      phase: 'pilot',
      daysInPhase: 0,
      unmet: ['no pilot started'],
      nextReview: null,
    });
    expect(item.attainment).toBeCloseTo(0.4, 6);
    expect(item.partners.map((x) => x.partnerId)).toEqual([p.haarlem.id, p.police.id, p.prosecutor.id]);
    expect((await get<PortfolioItem[]>('/api/initiatives?phase=pilot', await regie.admin())).map((i) => i.id)).toEqual([walk.id]);
    expect((await get<PortfolioItem[]>(`/api/initiatives?partner=${p.housing.id}`, await regie.admin())).map((i) => i.title)).toEqual([
      'Overlast in de Vogelbuurt',
    ]);
    expect((await regie.send('get', '/api/initiatives?phase=somewhere', { token: await regie.admin() })).status).toBe(400);
    expect((await regie.send('get', '/api/initiatives?colour=blue', { token: await regie.admin() })).status).toBe(400);
  });

  it('a partner member or analyst sees only the initiatives its partner takes part in', async () => {
    expect((await get<PortfolioItem[]>('/api/initiatives', await regie.member(p.police))).map((i) => i.id)).toEqual([walk.id]);
    expect((await get<PortfolioItem[]>('/api/initiatives', await regie.analyst(p.housing))).map((i) => i.title)).toEqual(['Overlast in de Vogelbuurt']);
    expect(await get('/api/initiatives', await regie.token('analyst'))).toEqual([]);
  });

  it('GET /api/initiatives/:id/kpis: the dashboard shape; 404 for an initiative the caller may not see, or that does not exist', async () => {
    const d = await get<KpiDashboard>(walk.path('/kpis'), await regie.steering(p.haarlem));
    expect(Object.keys(d)).toEqual(expect.arrayContaining(['attainment', 'effects']));
    expect(d.effects).toHaveLength(1);
    expect(Object.keys(d.effects[0])).toEqual(expect.arrayContaining(['id', 'description', 'attainment', 'kpis']));
    const k = d.effects[0].kpis[0];
    for (const field of ['id', 'name', 'unit', 'direction', 'baseline', 'target', 'targetDate', 'series', 'latest', 'attainment', 'expected', 'status'])
      expect(k).toHaveProperty(field);
    expect(k).toMatchObject({
      id: kpiId,
      series: [
        { period: '2026-Q1', value: 50 },
        { period: '2026-Q2', value: 56 },
      ],
      latest: 56,
      status: 'on-track',
    });
    expect(k.targetHistory).toHaveLength(1);
    expect(k.statusHistory.map((s) => s.period)).toEqual(['2026-Q1', '2026-Q2']);
    const hidden = await expectStatus(regie.send('get', walk.path('/kpis'), { token: await regie.member(p.housing) }), 404);
    expect(hidden.headers['content-type']).toMatch(/^application\/problem\+json/);
    await expectStatus(regie.send('get', '/api/initiatives/no-such-initiative/kpis', { token: await regie.admin() }), 404);
  });

  it('GET /api/initiatives/:id/reviews: an array of reviews with the fixed fields; 404 when not visible', async () => {
    const reviewId = await walk.scheduleReview('2027-01-15', 'halfway look');
    const reviews = (
      await expectAnswer<ReviewItem[]>(
        regie.send('get', `${walk.path('/reviews')}?minPosition=${(await walk.history()).at(-1)!.position}`, { token: await walk.pm() }),
        200,
      )
    ).body;
    expect(reviews).toEqual([
      {
        id: reviewId,
        dueOn: '2027-01-15',
        reason: 'halfway look',
        kpiId: null,
        scheduledAt: expect.any(String) as unknown,
        status: 'open',
        overdue: false,
        verdict: null,
        rationale: null,
        returnTo: null,
        decidedBy: null,
        decidedAt: null,
        evidence: null,
      },
    ]);
    await expectStatus(regie.send('get', walk.path('/reviews'), { token: await regie.member(p.housing) }), 404);
  });

  it('GET /api/partners/:id/network: role, active, contributions, covenant status; 404 for an unknown partner', async () => {
    const n = await get<PartnerNetwork>(`/api/partners/${p.police.id}/network`, await regie.admin());
    expect(n.partner).toMatchObject({ id: p.police.id, name: 'Politie Noord-Holland' });
    expect(n.initiatives).toEqual([
      expect.objectContaining({
        initiativeId: walk.id,
        phase: 'pilot',
        role: 'participant',
        active: true,
        contributions: [expect.objectContaining({ description: 'two community officers', hoursPerMonth: 32 })],
        covenant: { version: 1, signed: true },
      }),
    ]);
    // the housing association's people do not see the police's initiatives
    expect((await get<PartnerNetwork>(`/api/partners/${p.police.id}/network`, await regie.member(p.housing))).initiatives).toEqual([]);
    await expectStatus(regie.send('get', '/api/partners/nobody/network', { token: await regie.admin() }), 404);
  });

  it('GET /api/analytics/phase-durations: every phase with passed, median and mean days', async () => {
    const d = await get<PhaseDuration[]>('/api/analytics/phase-durations', await regie.admin());
    expect(d.map((x) => x.phase)).toEqual(['explore', 'define', 'co-design', 'pilot', 'integrate', 're-legitimise']);
    expect(d[0]).toEqual({ phase: 'explore', passed: 1, medianDays: 0, meanDays: 0 });
    expect(d[3]).toEqual({ phase: 'pilot', passed: 0, medianDays: null, meanDays: null });
  });
});
