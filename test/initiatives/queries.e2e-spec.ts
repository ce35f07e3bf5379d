import { startTestApp, type TestApp } from '../support/test-app';
import { bodyOf, HAARLEM_NETWORK, InitiativeWalk, type InitiativeDocument, type Partner, problemOf, Regie } from '../support/initiative-fixtures';
import type { HistoryItem } from '../../apps/api/src/initiatives/queries/initiative.view';
import { COMMAND_ROUTES } from './routes';

/** What this suite reads of the OpenAPI document. */
interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, unknown>; security?: unknown[]; tags?: string[]; requestBody?: { content: object } } | undefined> | undefined
  >;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reading one initiative from the write model', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let walk: InitiativeWalk;
  let betweenStartAndJoin: string;

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem });
    await pause(20);
    betweenStartAndJoin = new Date().toISOString();
    await pause(20);
    await walk.join(p.police);
    await walk.walkTo('co-design');
  });
  afterAll(async () => {
    await t.close();
  });

  it('GET answers the shape clients rely on, with ETag "<revision>" and Regie-Position', async () => {
    const res = await walk.ok<InitiativeDocument>('get', '', undefined, { token: await regie.member(p.police) });
    expect(res.headers.etag).toBe(`"${res.body.revision}"`);
    expect(Number(res.headers['regie-position'])).toBeGreaterThanOrEqual(res.body.revision);
    expect(res.body).toMatchObject({
      id: walk.id,
      title: expect.any(String) as unknown,
      problemArea: 'subversive crime',
      phase: 'co-design',
      revision: expect.any(Number) as unknown,
      partners: [
        { partnerId: p.haarlem.id, name: 'Gemeente Haarlem', role: 'regisseur', active: true, competence: 'network direction' },
        { partnerId: p.police.id, name: 'Politie Noord-Holland', role: 'participant', active: true },
      ],
      desiredEffects: [{ id: expect.any(String) as unknown, description: 'Fewer youngsters recruited by criminal networks' }],
      kpis: [],
      covenant: null,
      gate: {
        to: 'pilot',
        unmet: [
          'Gemeente Haarlem owns no building block',
          'Politie Noord-Holland owns no building block',
          "desired effect 'Fewer youngsters recruited by criminal networks' has no KPI",
          'no covenant drafted',
        ],
      },
    });
    expect(res.body).not.toHaveProperty('started');
  });

  it('the ETag works as If-Match for the next command', async () => {
    const { headers } = await walk.ok('get', '');
    const res = await walk.ok('post', '/technology', { description: 'a shared signal board' }, { headers: { 'If-Match': headers.etag } });
    expect(res.headers.etag).toBe(`"${Number(JSON.parse(headers.etag)) + 1}"`);
  });

  it('?atRevision= answers the state as it was then', async () => {
    const at1 = await walk.ok<InitiativeDocument>('get', '?atRevision=1');
    expect(at1.headers.etag).toBe('"1"');
    expect(at1.body).toMatchObject({ phase: 'explore', revision: 1, partners: [{ partnerId: p.haarlem.id }] });
    expect(at1.body.partners).toHaveLength(1);
    const at0 = await walk.ok<InitiativeDocument>('get', '?atRevision=0');
    expect(at0.body.partners).toEqual([]);
  });

  it('?atRevision= beyond the last revision is a 404', async () => {
    const last = await walk.revision();
    const res = await walk.send('get', `?atRevision=${last + 1}`);
    expect(res.status).toBe(404);
    expect(problemOf(res).detail).toBe(`initiative '${walk.id}' has no revision ${last + 1} yet: its last is ${last}`);
  });

  it('?asOf= answers the events that had occurred by then', async () => {
    const res = await walk.ok<InitiativeDocument>('get', `?asOf=${encodeURIComponent(betweenStartAndJoin)}`);
    expect(res.body).toMatchObject({ phase: 'explore', revision: 1 });
    expect(res.body.partners.map((x) => x.partnerId)).toEqual([p.haarlem.id]);
    const now = await walk.ok<InitiativeDocument>('get', `?asOf=${encodeURIComponent(new Date().toISOString())}`);
    expect(now.body.revision).toBe(await walk.revision());
  });

  it('?asOf= before the initiative existed is a 404, in the future a 400, together with atRevision a 400', async () => {
    expect((await walk.send('get', '?asOf=2000-01-01')).status).toBe(404);
    expect((await walk.send('get', '?asOf=2999-01-01T00:00:00Z')).status).toBe(400);
    expect((await walk.send('get', '?asOf=2000-01-01&atRevision=1')).status).toBe(400);
  });

  it('?minPosition= is accepted: the write model is always current', async () => {
    const res = await walk.ok('get', '?minPosition=1');
    expect(res.headers['regie-position']).toBeDefined();
  });

  it('history lists the events in order with revision, position, recordedAt, actor and correlation id', async () => {
    const res = await walk.ok<HistoryItem[]>('get', '/history', undefined, { token: await regie.analyst(p.police), headers: {} });
    const events = res.body;
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(events[0]).toEqual({
      id: expect.any(String) as unknown,
      type: 'InitiativeStarted',
      data: expect.objectContaining({ initiativeId: walk.id, title: expect.any(String) as unknown, regisseurPartnerId: p.haarlem.id }) as unknown,
      revision: 0,
      position: expect.any(Number) as unknown,
      recordedAt: expect.any(String) as unknown,
      actor: { sub: `programme-manager@${p.haarlem.id}`, partner: p.haarlem.id },
      correlationId: expect.any(String) as unknown,
    });
    expect(events[1]).toMatchObject({ type: 'PartnerJoined', correlationId: events[0].correlationId });
    const positions = events.map((e) => e.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(events.find((e) => e.type === 'PerspectiveShared')?.actor).toEqual({
      sub: `partner-member@${p.haarlem.id}`,
      partner: p.haarlem.id,
    });
    expect(res.headers.etag).toBe(`"${events[events.length - 1].revision}"`);
  });

  it('X-Correlation-Id given on a command is kept on its events', async () => {
    await walk.ok('post', '/technology', { description: 'mobile working' }, { headers: { 'X-Correlation-Id': 'walkthrough-42' } });
    const events = await walk.history();
    expect(events[events.length - 1]).toMatchObject({ type: 'TechnologyArranged', correlationId: 'walkthrough-42' });
  });
});

describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('documents every route of this area with its problem answers, bearer auth and a tag', async () => {
    const body = bodyOf<OpenApiDocument>(await t.http().get('/docs-json').expect(200));
    // This suite's routes only: other areas add their own under /api/initiatives.
    const placeholders = { partnerId: '{partnerId}', newcomerId: '', effectId: '', kpiId: '{kpiId}', waveId: '{waveId}', reviewId: '{reviewId}' };
    const mine = [
      'post /api/initiatives',
      'get /api/initiatives/{id}',
      'get /api/initiatives/{id}/history',
      ...COMMAND_ROUTES.map((r) => `${r.method} /api/initiatives/{id}${r.path(placeholders)}`),
    ];
    for (const route of mine) {
      const [method, path] = route.split(' ');
      const op = body.paths[path]?.[method];
      expect({ route, documented: Boolean(op) }).toEqual({ route, documented: true });
      expect({
        route,
        has401: '401' in op!.responses,
        has404: route === 'post /api/initiatives' || '404' in op!.responses,
        secured: Boolean(op!.security?.length),
        tagged: Boolean(op!.tags?.length),
      }).toEqual({ route, has401: true, has404: true, secured: true, tagged: true });
    }
    expect(body.paths['/api/initiatives/{id}/measurements']?.post?.requestBody?.content).toHaveProperty('text/csv');
  });
});
