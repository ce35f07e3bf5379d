import { startTestApp, type TestApp } from '../support/test-app';
import { InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';

describe('concurrent commands on one initiative', () => {
  let t: TestApp;
  let regie: Regie;
  let walk: InitiativeWalk;
  let partners: Partner[];

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    const regisseur = await regie.registerPartner({ name: 'Gemeente Haarlem', kind: 'municipality' });
    partners = [];
    for (let i = 1; i <= 20; i++) partners.push(await regie.registerPartner({ name: `Partner ${i}`, kind: 'other' }));
    walk = await InitiativeWalk.start(regie, { regisseur, others: partners });
  });
  afterAll(async () => { await t.close(); });

  it('20 partners share their perspective at the same moment: every one lands (the pipeline retries conflicts)', async () => {
    const before = await walk.revision();
    const tokens = await Promise.all(partners.map((p) => regie.member(p)));
    const answers = await Promise.all(partners.map((p, i) =>
      walk.send('post', '/perspectives', { token: tokens[i], body: { partnerId: p.id, summary: `How ${p.name} sees it` } })));
    const statuses = answers.map((a) => a.status);
    const tally = statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    // eslint-disable-next-line no-console
    console.log(`20 parallel perspectives: ${JSON.stringify(tally)}`);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const state = await walk.state();
    expect(state.revision).toBe(before + (tally[200] ?? 0));
    expect(tally).toEqual({ 200: 20 });
    expect(state.perspectives).toHaveLength(20);
    expect(new Set(answers.map((a) => a.body.revision)).size).toBe(20);
  });

  it('20 parallel commands with the same If-Match: exactly one lands, the other 19 answer 412', async () => {
    const before = await walk.revision();
    const token = await walk.pm();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      walk.send('put', '/shared-picture', { token, headers: { 'If-Match': `"${before}"` }, body: { summary: `picture ${i + 1}` } })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(412)]);
    for (const refused of answers.filter((a) => a.status === 412)) {
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.type).toBe('https://regie.dev/problems/stale-revision');
    }
    const winner = answers.find((a) => a.status === 200)!;
    expect(winner.headers.etag).toBe(`"${before + 1}"`);
    expect(await walk.revision()).toBe(before + 1);
  });

  it('an If-Match that is already stale is refused before anything is decided', async () => {
    const current = await walk.revision();
    const res = await walk.send('put', '/shared-picture', { headers: { 'If-Match': `"${current - 1}"` }, body: { summary: 'late' } });
    expect(res.status).toBe(412);
    expect(res.body.detail).toBe(`the initiative is at revision ${current}, not ${current - 1}: reload it and decide again`);
    const ok = await walk.send('put', '/shared-picture', { headers: { 'If-Match': `"${current}"` }, body: { summary: 'on time' } });
    expect(ok.status).toBe(200);
  });
});
