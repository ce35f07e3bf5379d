import { HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { ndjson } from '../support/log-reader';
import { startTestApp, type TestApp } from '../support/test-app';

// What an authenticated answer shows is one user's view of a network's data: a browser or a proxy
// must not keep a copy that the next user of the machine, or of the proxy, could be served.

describe('answers to authenticated requests are never stored by a cache', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let walk: InitiativeWalk;

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['the initiative', () => walk.path()],
    ['its history', () => walk.path('/history')],
    ['the portfolio', () => '/api/initiatives'],
    ['the partner registry', () => '/api/partners'],
    ['the projections', () => '/api/projections'],
  ])('GET %s: 200 with Cache-Control: no-store', async (_, path) => {
    const res = await regie.send('get', path(), { token: await regie.admin() });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('a command answer: no-store', async () => {
    const res = await walk.send('put', '/shared-picture', { body: { summary: 'recruitment happens at school gates' } });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('a problem answered to a signed-in user (404, 403, 400): no-store', async () => {
    const notFound = await regie.send('get', '/api/initiatives/no-such-initiative', { token: await regie.pm(p.police) });
    const forbidden = await regie.send('post', '/api/partners', { token: await regie.member(p.police), body: { name: 'X', kind: 'other' } });
    const invalid = await regie.send('get', `${walk.path()}?colour=blue`, { token: await regie.admin() });
    expect([notFound.status, forbidden.status, invalid.status]).toEqual([404, 403, 400]);
    for (const res of [notFound, forbidden, invalid]) expect(res.headers['cache-control']).toBe('no-store');
  });

  it('the event export keeps the no-store it sets itself', async () => {
    const res = await ndjson(regie.send('get', '/api/events?limit=1', { token: await regie.admin() }));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('public answers are left to their own rules: /health keeps its own, the OpenAPI document gets none', async () => {
    expect((await t.http().get('/health')).headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
    expect((await t.http().get('/docs-json')).headers['cache-control']).toBeUndefined();
  });
});
