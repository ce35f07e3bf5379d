import { type Created, expectAnswer, expectStatus, HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import type { PartnerDoc, PortfolioItem } from '../../libs/projections/src';
import type { CommandAnswer } from '../../apps/api/src/write/command-answer';
import { startTestApp, type TestApp } from '../support/test-app';

// A client that passes the position its command answered as ?minPosition= always reads its own
// write, although the projections are fed from the store, after the command has answered.
describe('read-your-writes: ?minPosition= and Regie-Position', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
  });
  afterAll(async () => {
    await t.close();
  });

  it('30 times: register a partner, then list partners with minPosition — the new partner is always there', async () => {
    const admin = await regie.admin();
    for (let i = 0; i < 30; i++) {
      const written = await expectAnswer<Created>(
        regie.send('post', '/api/partners', { token: admin, body: { name: `Woningcorporatie ${i}`, kind: 'housing' } }),
        201,
      );
      const res = await expectAnswer<PartnerDoc[]>(regie.send('get', `/api/partners?minPosition=${written.body.position}`, { token: admin }), 200);
      expect(Number(res.headers['regie-position'])).toBeGreaterThanOrEqual(written.body.position);
      expect(res.headers['regie-stale']).toBeUndefined();
      expect(res.body.map((x) => x.id)).toContain(written.body.id);
    }
  });

  it('30 times: start an initiative or advance one, then the portfolio with minPosition shows it', async () => {
    const pm = await regie.pm(p.haarlem);
    for (let i = 0; i < 30; i++) {
      const started = await expectAnswer<Created>(
        regie.send('post', '/api/initiatives', {
          token: pm,
          body: { title: `Buurtaanpak ${String(i).padStart(2, '0')}`, problemArea: 'nuisance', regisseurPartnerId: p.haarlem.id },
        }),
        201,
      );
      const res = await expectAnswer<PortfolioItem[]>(regie.send('get', `/api/initiatives?minPosition=${started.body.position}`, { token: pm }), 200);
      expect(Number(res.headers['regie-position'])).toBeGreaterThanOrEqual(started.body.position);
      const item = res.body.find((x) => x.id === started.body.id);
      expect(item).toMatchObject({ title: `Buurtaanpak ${String(i).padStart(2, '0')}`, phase: 'explore', daysInPhase: 0, attainment: null, nextReview: null });
      expect(item?.unmet).toContain('at least 2 active partners are needed, there is 1');
    }
  });

  it('a join answered by the command is in the next portfolio read: unmet conditions follow each write', async () => {
    const walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, title: 'Samen tegen ondermijning' });
    const pm = await walk.pm();
    const joined = await walk.ok<CommandAnswer>('post', '/partners', { partnerId: p.police.id, role: 'participant', competence: 'police work' });
    const res = await expectAnswer<PortfolioItem[]>(regie.send('get', `/api/initiatives?minPosition=${joined.body.position}`, { token: pm }), 200);
    const item = res.body.find((x) => x.id === walk.id);
    expect(item?.partners.map((x) => x.partnerId)).toEqual([p.haarlem.id, p.police.id]);
    expect(item?.unmet).not.toContain('at least 2 active partners are needed, there is 1');
    expect(item?.unmet).toContain('Politie Noord-Holland has not shared a perspective');
  });

  it('every query answers with a Regie-Position header', async () => {
    const admin = await regie.admin();
    for (const path of ['/api/partners', '/api/initiatives', '/api/analytics/phase-durations', `/api/partners/${p.police.id}/network`, '/api/projections']) {
      const res = await expectStatus(regie.send('get', path, { token: admin }), 200);
      expect(Number(res.headers['regie-position'])).toBeGreaterThan(0);
    }
  });

  it('GET /api/projections with minPosition: every projection and the saga have seen the write; Regie-Position is the lowest checkpoint', async () => {
    const admin = await regie.admin();
    const written = await expectAnswer<CommandAnswer>(
      regie.send('post', '/api/partners', { token: admin, body: { name: 'GGD Kennemerland', kind: 'care' } }),
      201,
    );
    const res = await expectStatus(regie.send('get', `/api/projections?minPosition=${written.body.position}`, { token: admin }), 200);
    const checkpoints = (res.body as Array<{ name: string; checkpoint: number }>).map((x) => x.checkpoint);
    expect(Math.min(...checkpoints)).toBeGreaterThanOrEqual(written.body.position);
    expect(Number(res.headers['regie-position'])).toBe(Math.min(...checkpoints));
    expect(res.headers['regie-stale']).toBeUndefined();
    expect((await regie.send('get', '/api/projections?minPosition=soon', { token: admin })).status).toBe(400);
  });

  it('a minPosition the store never reaches: after 5 s the answer comes anyway, marked stale', async () => {
    const admin = await regie.admin();
    const started = Date.now();
    const res = await expectStatus(regie.send('get', '/api/partners?minPosition=999999999', { token: admin }), 200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    expect(res.headers['regie-stale']).toBe('true');
    expect(Number(res.headers['regie-position'])).toBeLessThan(999999999);
  });

  it('a 404 below an asked minPosition says it is stale: what was not found may only not have arrived yet', async () => {
    const admin = await regie.admin();
    const started = Date.now();
    const [kpis, reviews, network] = await Promise.all(
      ['/api/initiatives/init-not-yet/kpis', '/api/initiatives/init-not-yet/reviews', '/api/partners/partner-not-yet/network'].map((path) =>
        regie.send('get', `${path}?minPosition=999999999`, { token: admin }),
      ),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    for (const res of [kpis, reviews, network]) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['regie-stale']).toBe('true');
      expect(Number(res.headers['regie-position'])).toBeLessThan(999999999);
      expect((res.body as { detail: string }).detail).toMatch(/not yet the 999999999 asked for: ask again/);
    }
    // Caught up (or nothing asked), a 404 is just that, with the position it was answered at.
    const now = await regie.send('get', '/api/initiatives/init-not-yet/kpis?minPosition=1', { token: admin });
    expect(now.status).toBe(404);
    expect(now.headers['regie-stale']).toBeUndefined();
    expect(Number(now.headers['regie-position'])).toBeGreaterThanOrEqual(1);
    expect((now.body as { detail: string }).detail).not.toMatch(/ask again/);
  });

  it('a minPosition that is not a number is bad input', async () => {
    const res = await regie.send('get', '/api/initiatives?minPosition=soon', { token: await regie.admin() });
    expect(res.status).toBe(400);
  });
});
