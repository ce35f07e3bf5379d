import type { Response } from 'supertest';
import { MAX_BODY_DEPTH } from '../../apps/api/src/http/body-depth';
import { type InitiativeWalk, type Method, problemOf, type Regie } from '../support/initiative-fixtures';
import { logPosition } from '../support/log-reader';
import type { TestApp } from '../support/test-app';
import { exploringScene } from './exploring-scene';
import { COMMAND_ROUTES, type RouteIds } from './routes';

// A body is bounded in depth and size before anything walks it: a few KB of nested brackets used
// to overflow the request fingerprint's recursion (500 on every command route, for any signed-in
// user, even on an unknown id).

/** `{"a":[[…]]}` with `levels` levels in all (the outer object counts as one). */
const nested = (levels: number) => `{"a":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;

describe('a request body is bounded in depth and size before anything walks it', () => {
  let t: TestApp;
  let regie: Regie;
  let exploring: InitiativeWalk;
  let ids: RouteIds;
  let before: number;

  beforeAll(async () => {
    ({ t, regie, exploring, ids, before } = await exploringScene());
  });
  afterAll(async () => {
    await t.close();
  });

  const sendJson = async (method: Method, path: string, body: string, options: { anonymous?: boolean } = {}) => {
    const test = t.http()[method](path).set('Content-Type', 'application/json');
    return (options.anonymous ? test : test.set('Authorization', `Bearer ${await regie.admin()}`)).send(body);
  };
  const expectTooDeep = (res: Response) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://regie.dev/problems/body-too-deep', status: 400, maxDepth: MAX_BODY_DEPTH });
    expect(problemOf(res).detail).toContain(`more than ${MAX_BODY_DEPTH} levels deep`);
  };

  const routes = [
    ...COMMAND_ROUTES.map((r) => ({ name: r.name, method: r.method, path: (i: RouteIds, id: string) => `/api/initiatives/${id}${r.path(i)}` })),
    { name: 'register a partner', method: 'post' as const, path: () => '/api/partners' },
    { name: 'start an initiative', method: 'post' as const, path: () => '/api/initiatives' },
    { name: 'erase free text', method: 'post' as const, path: (_: RouteIds, id: string) => `/api/initiatives/${id}/erasure` },
  ];

  it.each(routes.map((r) => [r.name, r] as const))('%s: a 2,000-level body is a 400 naming the limit', async (_, route) => {
    expectTooDeep(await sendJson(route.method, route.path(ids, exploring.id), nested(2000)));
  });

  it(`${MAX_BODY_DEPTH + 1} levels are refused; ${MAX_BODY_DEPTH} levels reach validation`, async () => {
    expectTooDeep(await sendJson('put', exploring.path('/shared-picture'), nested(MAX_BODY_DEPTH + 1)));
    const atLimit = await sendJson('put', exploring.path('/shared-picture'), nested(MAX_BODY_DEPTH));
    expect(atLimit.status).toBe(400);
    expect(problemOf(atLimit).type).toBe('https://regie.dev/problems/invalid-input');
  });

  it('on an unknown initiative, and without a token, the answer is the same 400', async () => {
    expectTooDeep(await sendJson('post', '/api/initiatives/no-such-initiative/lessons', nested(2000)));
    expectTooDeep(await sendJson('post', exploring.path('/lessons'), nested(2000), { anonymous: true }));
  });

  it('a body of nested brackets just under the size limit is refused as too deep, not parsed', async () => {
    const levels = 500_000; // 1,000,009 bytes, below the default 1 MiB limit
    const res = await sendJson('put', exploring.path('/shared-picture'), nested(levels));
    expectTooDeep(res);
    expect((await t.http().get('/health')).status).toBe(200);
  });

  it('brackets inside a string are text, not depth', async () => {
    const res = await sendJson('post', '/api/partners', JSON.stringify({ name: `[{"\\" ${'['.repeat(100)}`, kind: 'other', surprise: 1 }));
    expect(res.status).toBe(400);
    expect(problemOf(res).errors).toEqual([expect.objectContaining({ field: 'surprise' })]);
  });

  it('a body over the size limit is a 413 problem naming the limit', async () => {
    const res = await sendJson('put', exploring.path('/shared-picture'), JSON.stringify({ summary: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://regie.dev/problems/content-too-large', status: 413 });
    expect(problemOf(res).detail).toContain('larger than 1048576 bytes');
  });

  it('none of them appended anything: the log did not move', async () => {
    expect(await logPosition(regie)).toBe(before);
  });
});
