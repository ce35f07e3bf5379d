import type { AccessLogEntryView, AccessLogPage } from '../../apps/api/src/access-log/access-log.dto';
import type { ProblemDocument } from '../../apps/api/src/openapi/problem-document.schema';
import { startTestApp, type TestApp } from '../support/test-app';
import { expectStatus, HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import { logPosition } from '../support/log-reader';

/** The access log as the regisseur reads it: every entry, all pages followed. */
const entriesOf = async (regie: Regie, walk: InitiativeWalk, token: string, query = ''): Promise<AccessLogEntryView[]> => {
  const out: AccessLogEntryView[] = [];
  let url: string | null = walk.path(`/access-log?limit=1000${query}`);
  while (url) {
    const page = pageOf(await expectStatus(regie.send('get', url, { token }), 200));
    out.push(...page.entries);
    url = page.nextAfter === null ? null : `${walk.path('/access-log')}?limit=1000${query}&after=${page.nextAfter}`;
  }
  return out;
};

/** The body of a JSON answer of an access-log route: one page. */
const pageOf = (res: { body: unknown }): AccessLogPage => res.body as AccessLogPage;
const problemOf = (res: { body: unknown }): ProblemDocument => res.body as ProblemDocument;

/** What the test reads of the OpenAPI document. */
interface OpenApiOperation {
  responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
  parameters: Array<{ name: string }>;
}
interface OpenApiDocument {
  paths: Record<string, { get: OpenApiOperation }>;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

describe('the access log: every read of an initiative is recorded and shown to its regisseur', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let outsider: Partner;
  let walk: InitiativeWalk;
  let other: InitiativeWalk;

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    outsider = await regie.registerPartner({ name: 'Elan Wonen', kind: 'housing' });
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
    other = await InitiativeWalk.start(regie, { regisseur: outsider, title: 'Wonen zonder overlast' });
    // The dashboards are projections: let them see both initiatives before the tests read them.
    const position = await logPosition(regie);
    for (const w of [walk, other]) await expectStatus(regie.send('get', w.path(`/kpis?minPosition=${position}`), { token: await regie.admin() }), 200);
  });
  afterAll(async () => {
    await t.close();
  });

  it("records a partner member's read of another network's initiative as refused (404), with subject, partner, roles, route and query", async () => {
    const member = await regie.member(p.police, 'member-of-police');
    await expectStatus(regie.send('get', other.path('/kpis?asOf=2026-01-01'), { token: member }), 404);

    const entries = await entriesOf(regie, other, await regie.pm(outsider), '&subject=member-of-police');
    expect(entries).toEqual([
      expect.objectContaining({
        subject: 'member-of-police',
        partner: p.police.id,
        roles: ['partner-member'],
        initiativeId: other.id,
        method: 'GET',
        route: `/api/initiatives/${other.id}/kpis`,
        query: 'asOf=2026-01-01',
        status: 404,
        refused: true,
      }),
    ]);
    expect(Date.now() - Date.parse(entries[0].at)).toBeLessThan(60_000);
    expect(JSON.stringify(entries)).not.toMatch(/eyJ/); // no token in the log
  });

  it('records every read route under the initiative and the event export, answered or refused, and no commands', async () => {
    const analyst = await regie.analyst(p.police, 'analyst-of-police');
    const now = encodeURIComponent(new Date().toISOString());
    const reads = ['', '/history', '/kpis', '/kpis.csv', '/reviews', `?asOf=${now}`, '/kpis?tolerance=0.2&riskTolerance=0.3'];
    for (const suffix of reads) await expectStatus(regie.send('get', walk.path(suffix), { token: analyst }));
    await expectStatus(regie.send('get', '/api/events', { token: analyst }), 200);
    await walk.send('post', '/lessons', { token: analyst, body: { lesson: 'a command is no read' } });

    const entries = await entriesOf(regie, walk, await walk.pm(), '&subject=analyst-of-police');
    expect(entries.map((e) => [e.method, e.route, e.query, e.status])).toEqual(
      reads.map((suffix) => {
        const [path, query = ''] = walk.path(suffix).split('?');
        return ['GET', path, query, 200];
      }),
    );
    const own = pageOf(await expectStatus(regie.send('get', '/api/access-log/me', { token: analyst }), 200)).entries;
    expect(own.map((e) => e.route)).toContain('/api/events');
    expect(own.find((e) => e.route === '/api/events')?.initiativeId).toBeNull();
  });

  it('shows the log to the regisseur programme manager and admins; everyone else gets the 404 of an unknown initiative', async () => {
    await expectStatus(regie.send('get', walk.path('/access-log'), { token: await walk.pm() }), 200);
    await expectStatus(regie.send('get', walk.path('/access-log'), { token: await regie.admin() }), 200);
    const refused = [
      await regie.pm(p.police), // a programme manager of a partner in the initiative, not its regisseur
      await regie.pm(outsider), // the regisseur of another initiative
      await regie.member(p.haarlem), // a member of the regisseur partner
      await regie.steering(p.haarlem),
      await regie.analyst(p.haarlem),
    ];
    for (const token of refused) {
      const res = await expectStatus(regie.send('get', walk.path('/access-log'), { token }), 404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problemOf(res).detail).toBe(`initiative '${walk.id}' does not exist or is not visible to you`);
    }
    const unknown = await expectStatus(regie.send('get', '/api/initiatives/no-such-initiative/access-log', { token: await regie.admin() }), 404);
    expect(problemOf(unknown).detail).toBe("initiative 'no-such-initiative' does not exist or is not visible to you");
    // The regisseur of one initiative does not see another's log through its own.
    const mine = await entriesOf(regie, walk, await walk.pm());
    expect(mine.every((e) => e.initiativeId === walk.id)).toBe(true);
  });

  it('filters by subject, partner and period, and pages with limit and after', async () => {
    const a = await regie.steering(p.police, 'steering-a');
    const b = await regie.member(p.haarlem, 'member-b');
    // an unknown query field is refused (400): logged like any other answer
    for (let i = 0; i < 5; i++) await expectStatus(regie.send('get', walk.path(`/kpis?i=${i}`), { token: a }), 400);
    for (let i = 0; i < 5; i++) await expectStatus(regie.send('get', walk.path('/reviews'), { token: a }), 200);
    for (let i = 0; i < 3; i++) await expectStatus(regie.send('get', walk.path(), { token: b }), 200);
    const pm = await walk.pm();

    const bySubject = await entriesOf(regie, walk, pm, '&subject=steering-a');
    expect(bySubject).toHaveLength(10);
    expect(bySubject.filter((e) => e.status === 400)).toHaveLength(5);
    const byPartner = await entriesOf(regie, walk, pm, `&partner=${p.haarlem.id}&subject=member-b`);
    expect(byPartner).toHaveLength(3);
    expect(await entriesOf(regie, walk, pm, `&partner=${p.police.id}&subject=member-b`)).toEqual([]);

    const cut = bySubject[5].at;
    const late = await entriesOf(regie, walk, pm, `&subject=steering-a&from=${encodeURIComponent(cut)}`);
    const early = await entriesOf(regie, walk, pm, `&subject=steering-a&to=${encodeURIComponent(cut)}`);
    expect(late.length + early.length).toBe(10);
    expect(late.every((e) => e.at >= cut) && early.every((e) => e.at < cut)).toBe(true);
    expect(await entriesOf(regie, walk, pm, '&subject=steering-a&to=2000-01-01')).toEqual([]);

    const first = await expectStatus(regie.send('get', walk.path('/access-log?subject=steering-a&limit=4'), { token: pm }), 200);
    expect(pageOf(first).entries.map((e) => e.sequence)).toEqual(bySubject.slice(0, 4).map((e) => e.sequence));
    expect(pageOf(first).nextAfter).toBe(bySubject[3].sequence);
    expect(first.headers.link).toContain(`after=${bySubject[3].sequence}`);
    const third = await expectStatus(regie.send('get', walk.path(`/access-log?subject=steering-a&limit=4&after=${bySubject[7].sequence}`), { token: pm }), 200);
    expect(pageOf(third).entries.map((e) => e.sequence)).toEqual(bySubject.slice(8).map((e) => e.sequence));
    expect(pageOf(third).nextAfter).toBeNull();

    const bad = await expectStatus(regie.send('get', walk.path('/access-log?limit=0&from=yesterday'), { token: pm }), 400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(
      problemOf(bad)
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['from', 'limit']);
  });

  it('exports as NDJSON (Accept or ?format) and as CSV', async () => {
    const pm = await walk.pm();
    const all = await entriesOf(regie, walk, pm, '&subject=steering-a');
    const ndjson = await expectStatus(
      regie.send('get', walk.path('/access-log?subject=steering-a'), { token: pm, headers: { Accept: 'application/x-ndjson' } }),
      200,
    );
    expect(ndjson.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(
      ndjson.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual(all);
    const viaQuery = await regie
      .send('get', walk.path('/access-log?subject=steering-a&format=ndjson&limit=2'), { token: pm })
      .buffer(true)
      .parse((res, cb) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => cb(null, text));
      });
    expect(String(viaQuery.body).trim().split('\n')).toHaveLength(2);
    const csv = await expectStatus(regie.send('get', walk.path('/access-log?subject=steering-a&format=csv'), { token: pm }), 200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('sequence,at,subject,partner,roles,initiativeId,method,route,query,status,refused,hash');
    expect(rows).toHaveLength(all.length + 1);
    expect(rows[1].startsWith(`${all[0].sequence},${all[0].at},steering-a,${p.police.id},steering-group,${walk.id},GET,`)).toBe(true);
  });

  it("records reads of the portfolio and of a partner's network in the reader's own log, refused ones too", async () => {
    const member = await regie.member(p.police, 'portfolio-reader');
    await expectStatus(regie.send('get', '/api/initiatives?phase=explore', { token: member }), 200);
    await expectStatus(regie.send('get', `/api/partners/${p.police.id}/network`, { token: member }), 200);
    await expectStatus(regie.send('get', '/api/partners/no-such-partner/network', { token: member }), 404);

    const own = pageOf(await expectStatus(regie.send('get', '/api/access-log/me?limit=1000', { token: member }), 200)).entries;
    expect(own.map((e) => [e.route, e.query, e.status, e.initiativeId])).toEqual([
      ['/api/initiatives', 'phase=explore', 200, null],
      [`/api/partners/${p.police.id}/network`, '', 200, null],
      ['/api/partners/no-such-partner/network', '', 404, null],
    ]);
    expect(own[2].refused).toBe(true);
    // Reads that span initiatives name none, so no initiative's own log lists them.
    expect(await entriesOf(regie, walk, await walk.pm(), '&subject=portfolio-reader')).toEqual([]);
  });

  it('/api/access-log/me shows the caller only their own entries', async () => {
    const mine = await regie.member(p.haarlem, 'member-b');
    const res = await expectStatus(regie.send('get', '/api/access-log/me?limit=1000', { token: mine }), 200);
    expect(pageOf(res).entries.length).toBeGreaterThanOrEqual(3);
    expect(pageOf(res).entries.every((e) => e.subject === 'member-b')).toBe(true);
    const someoneElse = await expectStatus(
      regie.send('get', '/api/access-log/me', { token: await regie.token('partner-member', p.haarlem.id, 'never-read') }),
      200,
    );
    expect(someoneElse.body).toEqual({ entries: [], nextAfter: null });
    await expectStatus(regie.send('get', '/api/access-log/me?subject=member-b', { token: mine }), 400);
  });

  it('documents both routes in the OpenAPI document, with response schemas', async () => {
    const doc = (await expectStatus(t.http().get('/docs-json'), 200)).body as OpenApiDocument;
    const initiativeLog = doc.paths['/api/initiatives/{id}/access-log'].get;
    const me = doc.paths['/api/access-log/me'].get;
    for (const op of [initiativeLog, me]) {
      expect(op.responses['200'].content['application/json'].schema.$ref).toMatch(/AccessLogPage$/);
      expect(Object.keys(op.responses['200'].content)).toEqual(expect.arrayContaining(['application/x-ndjson', 'text/csv']));
      expect(op.responses['401'].content['application/problem+json']).toBeDefined();
    }
    expect(initiativeLog.parameters.map((x) => x.name)).toEqual(expect.arrayContaining(['subject', 'partner', 'from', 'to', 'limit', 'after', 'format']));
    expect(doc.components.schemas.AccessLogEntryView.properties).toHaveProperty('status');
  });
});
