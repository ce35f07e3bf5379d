import { startTestApp, type TestApp } from '../support/test-app';
import type { CommandAnswer } from '../../apps/api/src/write/command-answer';
import { bodyOf, InitiativeWalk, type Partner, problemOf, Regie } from '../support/initiative-fixtures';
import { figure, tally } from './support/figures';
import { sized } from './support/size';

/** How many commands race on one initiative. */
const RACERS = sized(12, 50);

describe(`${RACERS} commands racing on one initiative`, () => {
  let t: TestApp;
  let regie: Regie;
  let walk: InitiativeWalk;
  let partners: Partner[];

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    const regisseur = await regie.registerPartner({ name: 'Gemeente Haarlem', kind: 'municipality' });
    partners = [];
    for (let i = 1; i <= RACERS; i++) partners.push(await regie.registerPartner({ name: `Partner ${i}`, kind: 'other' }));
    walk = await InitiativeWalk.start(regie, { regisseur, others: partners });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const revisions = async () => (await walk.history()).map((e) => e.revision);

  it(`with the same If-Match: exactly one lands, the other ${RACERS - 1} answer 412 problem documents`, async () => {
    const before = await walk.revision();
    const token = await walk.pm();
    const answers = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        walk.send('put', '/shared-picture', { token, headers: { 'If-Match': `"${before}"` }, body: { summary: `picture ${i + 1}` } }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    figure(tally(statuses));
    expect([...statuses].sort()).toEqual([200, ...Array<number>(RACERS - 1).fill(412)]);
    for (const refused of answers.filter((a) => a.status === 412)) {
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problemOf(refused).type).toBe('https://regie.dev/problems/stale-revision');
    }
    const winner = answers.find((a) => a.status === 200)!;
    expect(winner.headers.etag).toBe(`"${before + 1}"`);
    expect(await walk.revision()).toBe(before + 1);
  });

  it(`without If-Match: all ${RACERS} land by retry, with no revision gap or duplicate`, async () => {
    const before = await walk.revision();
    const tokens = await Promise.all(partners.map((p) => regie.member(p)));
    const answers = await Promise.all(
      partners.map((p, i) => walk.send('post', '/perspectives', { token: tokens[i], body: { partnerId: p.id, summary: `How ${p.name} sees it` } })),
    );
    const statuses = answers.map((a) => a.status);
    const history = await revisions();
    figure(`${tally(statuses)}; revisions ${before + 1}…${history[history.length - 1]}`);
    expect(tally(statuses)).toBe(`200 × ${RACERS}`);
    expect(new Set(answers.map((a) => bodyOf<CommandAnswer>(a).revision)).size).toBe(RACERS);
    expect(history).toEqual(history.map((_, i) => i));
    expect(history[history.length - 1]).toBe(before + RACERS);
    expect((await walk.state()).perspectives).toHaveLength(RACERS);
  });

  it('an If-Match that is already stale is refused before anything is decided', async () => {
    const current = await walk.revision();
    const res = await walk.send('put', '/shared-picture', { headers: { 'If-Match': `"${current - 1}"` }, body: { summary: 'late' } });
    expect(res.status).toBe(412);
    expect(problemOf(res).detail).toBe(`the initiative is at revision ${current}, not ${current - 1}: reload it and decide again`);
    const ok = await walk.send('put', '/shared-picture', { headers: { 'If-Match': `"${current}"` }, body: { summary: 'on time' } });
    expect(ok.status).toBe(200);
  });
});
