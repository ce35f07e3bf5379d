import type { Response } from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { bodyOf, type Created, HAARLEM_NETWORK, InitiativeWalk, type Partner, problemOf, Regie } from '../support/initiative-fixtures';
import { logPosition } from '../support/log-reader';
import type { UploadAnswer } from '../../apps/api/src/initiatives/measurements/measurements-upload';
import { COMMAND_ROUTES, csvFor, type RouteIds, wrongRoleFor } from './routes';

const expectProblem = (res: Response, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(problemOf(res).status).toBe(status);
};

describe('who may touch an initiative', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let outsider: Partner;
  let walk: InitiativeWalk;
  let ids: RouteIds;
  let revision: number;

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    outsider = await regie.registerPartner({ name: 'Elan Wonen', kind: 'housing' });
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police, p.prosecutor, p.ggz] });
    await walk.walkTo('integrate');
    const state = await walk.state();
    const waveId = (await walk.ok<Created>('post', '/rollout-waves', { partnerIds: [p.prosecutor.id], plannedStart: '2026-10-01' })).body.id;
    const reviewId = await walk.scheduleReview();
    ids = { partnerId: p.police.id, newcomerId: outsider.id, effectId: state.desiredEffects[0].id, kpiId: state.kpis[0].id, waveId, reviewId };
    revision = await walk.revision();
  });
  afterAll(async () => {
    await t.close();
  });

  describe.each(COMMAND_ROUTES)('$method $name', (route) => {
    const send = (token?: string) => walk.send(route.method, route.path(ids), { token, body: route.body?.(ids) });

    it('without a token: 401', async () => {
      expectProblem(await send(undefined), 401);
    });

    it(`with a role outside ${route.roles.join(', ')}: 403`, async () => {
      expectProblem(await send(await regie.token(wrongRoleFor(route), p.haarlem.id)), 403);
    });

    it('from a partner outside the initiative: 404, so ids do not leak', async () => {
      const res = await send(await regie.token(route.roles[0], outsider.id));
      expectProblem(res, 404);
      expect(problemOf(res).detail).toBe(`initiative '${walk.id}' does not exist or is not visible to you`);
    });
  });

  describe.each([
    { name: 'the initiative', path: '' },
    { name: 'its history', path: '/history' },
  ])('GET $name', ({ path }) => {
    it('without a token: 401', async () => {
      expectProblem(await walk.send('get', path, { token: undefined }), 401);
    });
    it('from a partner outside the initiative: 404', async () => {
      expectProblem(await walk.send('get', path, { token: await regie.analyst(outsider) }), 404);
    });
    it('an unknown initiative: 404', async () => {
      expectProblem(await regie.send('get', `/api/initiatives/nope${path}`, { token: await regie.admin() }), 404);
    });
    it.each(['analyst', 'partner-member', 'steering-group', 'programme-manager'] as const)(
      'any role of a partner that takes part reads it: %s',
      async (role) => {
        await walk.ok('get', path, undefined, { token: await regie.token(role, p.prosecutor.id) });
      },
    );
  });

  describe('POST /api/initiatives (start)', () => {
    const body = () => ({ title: 'Another network', problemArea: 'nuisance', regisseurPartnerId: p.police.id });
    it('without a token: 401', async () => {
      expectProblem(await regie.send('post', '/api/initiatives', { body: body() }), 401);
    });
    it('as a partner member: 403', async () => {
      expectProblem(await regie.send('post', '/api/initiatives', { token: await regie.member(p.police), body: body() }), 403);
    });
    it('as a programme manager of another partner than the regisseur: 403', async () => {
      const res = await regie.send('post', '/api/initiatives', { token: await regie.pm(p.haarlem), body: body() });
      expectProblem(res, 403);
      expect(problemOf(res).detail).toContain('started by a programme manager of its regisseur partner');
    });
    it('for an unregistered regisseur: 422 naming it', async () => {
      const res = await regie.send('post', '/api/initiatives', { token: await regie.admin(), body: { ...body(), regisseurPartnerId: 'no-such-partner' } });
      expectProblem(res, 422);
      expect(problemOf(res).errors).toEqual([
        { field: 'regisseurPartnerId', code: 'unknown-partner', message: expect.stringContaining("partner 'no-such-partner' is not registered") as unknown },
      ]);
    });
  });

  describe('the partner registry', () => {
    const newPartner = { name: 'Stichting Buurtbemiddeling', kind: 'civil-society' };
    let before: number;
    beforeAll(async () => {
      before = await logPosition(regie);
    });

    it('POST /api/partners without a token: 401', async () => {
      expectProblem(await regie.send('post', '/api/partners', { body: newPartner }), 401);
    });

    it.each(['partner-member', 'steering-group', 'analyst'] as const)(
      'POST /api/partners as %s: 403, only admins and programme managers register partners',
      async (role) => {
        const res = await regie.send('post', '/api/partners', { token: await regie.token(role, p.haarlem.id), body: newPartner });
        expectProblem(res, 403);
      },
    );

    it('GET /api/partners without a token: 401', async () => {
      expectProblem(await regie.send('get', '/api/partners'), 401);
    });

    it('GET /api/partners with a token that is not one: 401', async () => {
      expectProblem(await regie.send('get', '/api/partners', { token: 'not.a.token' }), 401);
    });

    it('the refusals registered nothing: the log did not move and the registry does not list the partner', async () => {
      expect(await logPosition(regie)).toBe(before);
      const res = await regie.send('get', `/api/partners?minPosition=${before}`, { token: await regie.member(p.police) });
      expect(res.status).toBe(200);
      expect(bodyOf<Array<{ name: string }>>(res).map((x) => x.name)).not.toContain(newPartner.name);
    });
  });

  it('none of the refused requests above appended anything', async () => {
    expect(await walk.revision()).toBe(revision);
  });

  describe('partner members act only for their own partner', () => {
    const asPoliceMember = async (method: 'post', path: string, body: Record<string, unknown>) =>
      walk.send(method, path, { token: await regie.member(p.police), body });

    it.each([
      ['share a perspective', '/perspectives', () => ({ partnerId: p.ggz.id, summary: 'their view' })],
      ['confirm urgency', '/urgency-confirmations', () => ({ partnerId: p.ggz.id })],
      ['add a building block', '/building-blocks', () => ({ partnerId: p.ggz.id, description: 'their block' })],
      ['commit a contribution', '/contributions', () => ({ partnerId: p.ggz.id, description: 'their people' })],
      ['sign the covenant', '/covenant/signatures', () => ({ partnerId: p.ggz.id, version: 1 })],
      ['appoint an ambassador', '/ambassadors', () => ({ partnerId: p.ggz.id, role: 'their lead' })],
    ])('%s for another partner: 403', async (_, path, body) => {
      const res = await asPoliceMember('post', path, body());
      expectProblem(res, 403);
      expect(problemOf(res).detail).toContain('a partner member of Politie Noord-Holland cannot act for GGZ Noord-Holland-Noord');
    });

    it('record a measurement in the name of another partner: 403', async () => {
      const res = await asPoliceMember('post', `/kpis/${ids.kpiId}/measurements`, { period: '2026-Q4', value: 50, partnerId: p.ggz.id });
      expectProblem(res, 403);
    });

    it('a member records a measurement for a KPI its partner does not own: 403', async () => {
      const res = await walk.send('post', `/kpis/${ids.kpiId}/measurements`, {
        token: await regie.member(p.ggz),
        body: { period: '2026-Q4', value: 50, partnerId: p.ggz.id },
      });
      expectProblem(res, 403);
      expect(problemOf(res).detail).toContain(`KPI '${ids.kpiId}' is owned by Politie Noord-Holland: partner members report only the KPIs their partner owns`);
    });

    it('… and in a CSV upload that row answers 403', async () => {
      const res = await walk.ok<UploadAnswer>('post', '/measurements', csvFor({ ...ids, partnerId: p.ggz.id }), { token: await regie.member(p.ggz) });
      expect(res.body.results).toEqual([
        {
          row: 1,
          status: 403,
          problem: expect.objectContaining({ status: 403, detail: expect.stringContaining('is owned by Politie Noord-Holland') as unknown }) as unknown,
        },
      ]);
    });

    it('a member completes only a roll-out wave its partner is in: 403', async () => {
      expectProblem(await asPoliceMember('post', `/rollout-waves/${ids.waveId}/completion`, {}), 403);
    });

    it('a member records only pilot cases its partner worked on: 403', async () => {
      expectProblem(await asPoliceMember('post', '/pilot/cases', { caseRef: 'C-9', partnerIds: [p.ggz.id], learning: 'x' }), 403);
    });

    it('a programme manager of a partner that is not the regisseur: 403', async () => {
      const res = await walk.send('post', '/lessons', { token: await regie.pm(p.police), body: { lesson: 'a lesson' } });
      expectProblem(res, 403);
      expect(problemOf(res).detail).toContain('directed by programme managers of Gemeente Haarlem');
    });

    it('nothing was appended by the refusals', async () => {
      expect(await walk.revision()).toBe(revision);
    });
  });

  describe('admins and leavers', () => {
    it('an admin without a partner may command and read any initiative', async () => {
      await walk.ok('post', '/lessons', { lesson: 'admins help out' }, { token: await regie.admin(), status: 201 });
      await walk.ok('get', '/history', undefined, { token: await regie.admin() });
    });

    it('a partner that left no longer sees the initiative: 404', async () => {
      await walk.ok('delete', `/partners/${p.prosecutor.id}`);
      expectProblem(await walk.send('get', '', { token: await regie.member(p.prosecutor) }), 404);
      expectProblem(await walk.send('post', '/lessons', { token: await regie.member(p.prosecutor), body: { lesson: 'x' } }), 404);
    });

    it('leaving an unknown partner is a 404 for the path', async () => {
      const res = await walk.send('delete', '/partners/no-such-partner');
      expectProblem(res, 404);
      expect(problemOf(res).detail).toBe("partner 'no-such-partner' does not exist in this initiative");
    });
  });
});
