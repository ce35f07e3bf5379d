import type { PortfolioItem } from '../../libs/projections/src';
import type { CommandAnswer } from '../../apps/api/src/write/command-answer';
import { expectAnswer, HAARLEM_NETWORK, InitiativeWalk, problemOf, type Partner, Regie } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

// GET /api/initiatives a page at a time: title order (case and accents folded), a Link header to
// the next page that keeps the filters, the same visibility as one big answer, and pages that
// follow the lists as initiatives change phase and partners leave.
describe('the portfolio in pages', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK | 'housing', Partner>;
  const walks: Record<string, InitiativeWalk> = {};
  let last = 0;

  /** Titles chosen so that byte order, case and accents would each give another order. */
  const TITLES: Array<[string, keyof typeof HAARLEM_NETWORK | 'housing', Array<keyof typeof HAARLEM_NETWORK | 'housing'>]> = [
    ['Zorg en veiligheid Noord', 'haarlem', ['housing']],
    ['ambulante hulp Schalkwijk', 'haarlem', []],
    ['Écoles et quartiers', 'police', ['housing']],
    ['Buurtaanpak Oost', 'haarlem', ['police']],
    ['buurtaanpak Delftwijk', 'housing', []],
    ['Ondermijning Waarderpolder', 'police', ['haarlem', 'housing']],
    ['Aanpak overlast Centrum', 'haarlem', ['ggz']],
  ];
  const EXPECTED_ORDER = [
    'Aanpak overlast Centrum',
    'ambulante hulp Schalkwijk',
    'buurtaanpak Delftwijk',
    'Buurtaanpak Oost',
    'Écoles et quartiers',
    'Ondermijning Waarderpolder',
    'Zorg en veiligheid Noord',
  ];

  const page = async (path: string, token: string) => {
    const res = await expectAnswer<PortfolioItem[]>(regie.send('get', `${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`, { token }), 200);
    const link = res.headers['link'] as string | undefined;
    const next = link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
    if (link) expect(next).toBeDefined();
    return { items: res.body, next: next ? next.replace(/[?&]minPosition=\d+/, '') : undefined };
  };
  /** Follows the Link headers from `path` to the last page; answers the pages' sizes and every item. */
  const walkPages = async (path: string, token: string) => {
    const sizes: number[] = [];
    const items: PortfolioItem[] = [];
    for (let next: string | undefined = path; next;) {
      const answer = await page(next, token);
      sizes.push(answer.items.length);
      items.push(...answer.items);
      next = answer.next;
    }
    return { sizes, titles: items.map((i) => i.title), items };
  };

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners({ ...HAARLEM_NETWORK, housing: { name: 'Woonstichting Haarlem', kind: 'housing' } });
    for (const [title, regisseur, others] of TITLES) {
      walks[title] = await InitiativeWalk.start(regie, { regisseur: p[regisseur], others: others.map((o) => p[o]), title });
    }
    last = (await walks[TITLES.at(-1)![0]].history()).at(-1)!.position;
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('an admin pages through every initiative in title order, and the pages add up to one big answer', async () => {
    const admin = await regie.admin();
    const paged = await walkPages('/api/initiatives?limit=3', admin);
    expect(paged.sizes).toEqual([3, 3, 1]);
    expect(paged.titles).toEqual(EXPECTED_ORDER);
    const whole = await page('/api/initiatives?limit=500', admin);
    expect(whole.next).toBeUndefined();
    expect(whole.items).toEqual(paged.items);
    // the default page holds everything here (100), and no Link says otherwise
    const byDefault = await page('/api/initiatives', admin);
    expect(byDefault.items.map((i) => i.title)).toEqual(EXPECTED_ORDER);
    expect(byDefault.next).toBeUndefined();
  });

  it('the Link keeps the filters: ?phase= and ?partner= page the same way', async () => {
    const admin = await regie.admin();
    const housing = await walkPages(`/api/initiatives?partner=${p.housing.id}&limit=2`, admin);
    expect(housing.titles).toEqual(['buurtaanpak Delftwijk', 'Écoles et quartiers', 'Ondermijning Waarderpolder', 'Zorg en veiligheid Noord']);
    expect(housing.sizes).toEqual([2, 2]);
    const explore = await walkPages('/api/initiatives?phase=explore&limit=4', admin);
    expect(explore.titles).toEqual(EXPECTED_ORDER);
    expect((await walkPages('/api/initiatives?phase=define&limit=4', admin)).titles).toEqual([]);
  });

  it("a partner's member pages through only what its partner takes part in, also when it asks for another partner's", async () => {
    const member = await regie.member(p.housing);
    expect((await walkPages('/api/initiatives?limit=1', member)).titles).toEqual([
      'buurtaanpak Delftwijk',
      'Écoles et quartiers',
      'Ondermijning Waarderpolder',
      'Zorg en veiligheid Noord',
    ]);
    // both take part: housing's people asking for the police's initiatives
    const shared = await walkPages(`/api/initiatives?partner=${p.police.id}&limit=1`, member);
    expect(shared.titles).toEqual(['Écoles et quartiers', 'Ondermijning Waarderpolder']);
    expect((await walkPages(`/api/initiatives?partner=${p.ggz.id}`, member)).titles).toEqual([]);
  });

  it('a page shows what changed in an initiative that kept its place in every list: its gate', async () => {
    const admin = await regie.admin();
    const oost = walks['Buurtaanpak Oost'];
    const itemOf = async () => (await page('/api/initiatives?phase=explore&limit=500', admin)).items.find((i) => i.title === 'Buurtaanpak Oost')!;
    const before = await itemOf();
    expect(before).toMatchObject({ phase: 'explore', gateReady: false, nextReview: null });
    expect(before.unmet.length).toBeGreaterThan(0);

    await oost.completeExplore();
    last = (await oost.history()).at(-1)!.position;
    expect(await itemOf()).toEqual({ ...before, unmet: [], gateReady: true });
  });

  it('pages follow the initiatives: a partner that leaves drops out of its list, a phase change moves lists', async () => {
    const zorg = walks['Zorg en veiligheid Noord'];
    last = (await expectAnswer<CommandAnswer>(zorg.send('delete', `/partners/${p.housing.id}`), 200)).body.position;
    const member = await regie.member(p.housing);
    expect((await walkPages('/api/initiatives?limit=2', member)).titles).toEqual([
      'buurtaanpak Delftwijk',
      'Écoles et quartiers',
      'Ondermijning Waarderpolder',
    ]);
    const admin = await regie.admin();
    expect((await walkPages(`/api/initiatives?partner=${p.housing.id}&limit=2`, admin)).titles).not.toContain('Zorg en veiligheid Noord');

    const aanpak = walks['Aanpak overlast Centrum'];
    await aanpak.walkTo('define');
    last = (await aanpak.history()).at(-1)!.position;
    expect((await walkPages('/api/initiatives?phase=define&limit=1', admin)).titles).toEqual(['Aanpak overlast Centrum']);
    expect((await walkPages('/api/initiatives?phase=explore&limit=2', admin)).titles).toEqual(EXPECTED_ORDER.slice(1));
  });

  it('?asOf= pages the same way', async () => {
    const admin = await regie.admin();
    const live = await walkPages('/api/initiatives?limit=500', admin);
    const asOf = new Date().toISOString();
    const past = await walkPages(`/api/initiatives?asOf=${encodeURIComponent(asOf)}&limit=2`, admin);
    expect(past.sizes).toEqual([2, 2, 2, 1]);
    expect(past.titles).toEqual(live.titles);
  });

  it('a bad page size or cursor is a 400 problem naming it', async () => {
    const admin = await regie.admin();
    for (const [query, words] of [
      ['limit=0', 'limit must be at least 1'],
      ['limit=501', 'limit must be at most 500'],
      ['limit=ten', 'limit must be a whole number'],
      ['after=no%20cursor', 'after must be the cursor of a Link header of this list'],
    ]) {
      const res = await regie.send('get', `/api/initiatives?${query}`, { token: admin });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(problemOf(res))).toContain(words);
    }
  });
});

describe('the default portfolio page', () => {
  it('holds 100 initiatives, with a Link to the rest', async () => {
    const t = await startTestApp();
    try {
      const regie = new Regie(t);
      const haarlem = await regie.registerPartner(HAARLEM_NETWORK.haarlem);
      const pm = await regie.pm(haarlem);
      let position = 0;
      for (let i = 0; i < 103; i++) {
        const body = { title: `Initiatief ${String(i).padStart(3, '0')}`, problemArea: 'nuisance', regisseurPartnerId: haarlem.id };
        position = (await expectAnswer<CommandAnswer>(regie.send('post', '/api/initiatives', { token: pm, body }), 201)).body.position;
      }
      const first = await expectAnswer<PortfolioItem[]>(regie.send('get', `/api/initiatives?minPosition=${position}`, { token: pm }), 200);
      expect(first.body).toHaveLength(100);
      expect(first.body.at(-1)!.title).toBe('Initiatief 099');
      const next = /^<([^>]+)>; rel="next"$/.exec(first.headers['link'])![1];
      expect(next).toMatch(/^\/api\/initiatives\?minPosition=\d+&after=[A-Za-z0-9_-]+$/);
      const rest = await expectAnswer<PortfolioItem[]>(regie.send('get', next, { token: pm }), 200);
      expect(rest.body.map((i) => i.title)).toEqual(['Initiatief 100', 'Initiatief 101', 'Initiatief 102']);
      expect(rest.headers['link']).toBeUndefined();
    } finally {
      await t.close();
    }
  }, 120_000);
});
