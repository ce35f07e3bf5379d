import type { Response } from 'supertest';
import type { InitiativeWalk, Regie } from '../support/initiative-fixtures';
import { logPosition } from '../support/log-reader';
import type { TestApp } from '../support/test-app';
import { type ExploringScene, exploringScene } from './exploring-scene';
import { COMMAND_ROUTES, type RouteIds } from './routes';

// Fastify's router refuses these before any route runs, so Nest's exception filter never sees
// them; they used to leave as plain JSON ({"error":"Bad Request","code":"FST_ERR_…"}).

describe('a malformed path is answered with a problem document', () => {
  let t: TestApp;
  let regie: Regie;
  let p: ExploringScene['p'];
  let exploring: InitiativeWalk;
  let ids: RouteIds;
  let before: number;

  beforeAll(async () => {
    ({ t, regie, p, exploring, ids, before } = await exploringScene());
  });
  afterAll(async () => {
    await t.close();
  });

  const expectProblem = (res: Response, status: number, type: string, detail: RegExp) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: `https://regie.dev/problems/${type}`, status, detail: expect.stringMatching(detail) as unknown });
  };
  const longId = 'a'.repeat(3000);

  it('GET an initiative by an id of 3,000 characters: 414, saying how long an id may be', async () => {
    const res = await regie.send('get', `/api/initiatives/${longId}`, { token: await regie.admin() });
    expectProblem(res, 414, 'path-segment-too-long', /longer than 100 characters: ids are 1 to 100/);
    expect(res.text).not.toContain(longId);
  });

  it.each(COMMAND_ROUTES.map((r) => [r.name, r] as const))('%s on an id of 3,000 characters: 414', async (_, route) => {
    const res = await regie.send(route.method, `/api/initiatives/${longId}${route.path(ids)}`, { token: await regie.admin(), body: route.body?.(ids) });
    expectProblem(res, 414, 'path-segment-too-long', /longer than 100 characters/);
  });

  it('a long id deeper in the path (a KPI of this initiative): 414', async () => {
    const res = await exploring.send('post', `/kpis/${longId}/measurements`, { body: { period: '2026-Q1', value: 1, partnerId: p.police.id } });
    expectProblem(res, 414, 'path-segment-too-long', /longer than 100 characters/);
  });

  it.each([
    ['GET', 'get', '/api/initiatives/%ff'],
    ['GET', 'get', '/api/initiatives/%E0%A4%A'],
    ['POST', 'post', '/api/initiatives/%ff/lessons'],
  ] as const)('%s %s (not valid percent-encoding): 400 saying how to encode', async (_, method, path) => {
    const res = await regie.send(method, path, { token: await regie.admin(), ...(method === 'post' && { body: { lesson: 'a lesson' } }) });
    expectProblem(res, 400, 'invalid-url', /not valid percent-encoding.*%25/);
  });

  it('without a token the answer is the same problem: the router refuses before authentication', async () => {
    expectProblem(await t.http().get('/api/initiatives/%ff'), 400, 'invalid-url', /percent-encoding/);
    expectProblem(await t.http().get(`/api/initiatives/${longId}`), 414, 'path-segment-too-long', /longer than 100/);
  });

  it('an id of exactly 100 characters is still looked up: an unknown one is a 404', async () => {
    const res = await regie.send('get', `/api/initiatives/${'a'.repeat(100)}`, { token: await regie.admin() });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('none of them appended anything: the log did not move', async () => {
    expect(await logPosition(regie)).toBe(before);
  });
});
