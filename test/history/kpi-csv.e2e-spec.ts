import { expectStatus, HAARLEM_NETWORK, InitiativeWalk, problemOf, Regie, type Partner } from '../support/initiative-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { parseCsv } from './support/clocked-app';

/**
 * kpis.csv as a spreadsheet user gets it: every KPI the network agreed on is in the sheet, even
 * before its first measurement, and nothing a partner typed runs as a formula when it is opened.
 */
describe('GET /api/initiatives/:id/kpis.csv in a spreadsheet', () => {
  let t: TestApp;
  let regie: Regie;
  let walk: InitiativeWalk;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let effectId: string;
  let measured: string;
  let unmeasured: string;
  let formulas: string[];

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
    await walk.completeExplore();
    await walk.advance('define');
    await walk.completeDefine();
    await walk.advance('co-design');
    effectId = (await walk.state()).desiredEffects[0].id;
    measured = await walk.defineKpi({ effectId, owner: p.police, name: 'Signals handled within two weeks' });
    unmeasured = await walk.defineKpi({ effectId, owner: p.police, name: 'Cases closed with a plan', target: 70 });
    formulas = [];
    for (const name of ['=HYPERLINK("http://example.org/x","open me")', '+SUM(1,2)', '-2+3 signals', '@SUM(A1:A2)']) {
      formulas.push(await walk.defineKpi({ effectId, owner: p.police, name }));
    }
    await walk.completeCoDesign();
    await walk.advance('pilot');
    await walk.ok('post', `/kpis/${measured}/measurements`, { period: '2025-Q3', value: 52, partnerId: p.police.id }, { token: await regie.member(p.police) });
  }, 60_000);
  afterAll(() => t.close());

  const csv = async (query = '') => expectStatus(regie.send('get', walk.path(`/kpis.csv${query}`), { token: await regie.admin() }), 200);
  const rowsOf = async (query = '') => {
    const [header, ...rows] = parseCsv((await csv(query)).text.replace(/^\uFEFF/, ''));
    return rows.map((row) => Object.fromEntries(header.map((column, i) => [column, row[i]])));
  };

  it('a KPI without measurements still has its row: empty period, value, attainment and expected, its target, status no-data', async () => {
    const rows = await rowsOf();
    expect(rows.filter((r) => r.kpiId === measured).map((r) => [r.period, r.value, r.status])).toEqual([['2025-Q3', '52', expect.any(String)]]);
    expect(rows.filter((r) => r.kpiId === unmeasured)).toEqual([
      {
        kpiId: unmeasured,
        kpiName: 'Cases closed with a plan',
        effectId,
        unit: '%',
        direction: 'increase',
        period: '',
        value: '',
        target: '70',
        targetDate: '2027-12-31',
        attainment: '',
        expected: '',
        status: 'no-data',
      },
    ]);
    // every KPI of the dashboard is in the sheet
    expect(new Set(rows.map((r) => r.kpiId))).toEqual(new Set([measured, unmeasured, ...formulas, ...(await walk.state()).kpis.map((k) => k.id)]));
  });

  it('text that a spreadsheet would run as a formula (= + - @) starts with an apostrophe; numbers stay numbers', async () => {
    const rows = await rowsOf();
    const names = formulas.map((id) => rows.find((r) => r.kpiId === id)!.kpiName);
    expect(names).toEqual(['\'=HYPERLINK("http://example.org/x","open me")', "'+SUM(1,2)", "'-2+3 signals", "'@SUM(A1:A2)"]);
    const text = (await csv()).text;
    expect(text.split('\r\n').some((line) => /(^|,)"?[=+\-@]/.test(line))).toBe(false);
    expect(rows.find((r) => r.kpiId === measured)).toMatchObject({ kpiName: 'Signals handled within two weeks', value: '52', target: '80' });
  });

  it('?bom=1 starts the file with a UTF-8 byte order mark for Excel; without it there is none; anything else is a 400', async () => {
    expect((await csv('?bom=1')).text.startsWith('\uFEFFkpiId,')).toBe(true);
    expect((await csv()).text.startsWith('kpiId,')).toBe(true);
    expect((await csv('?bom=0')).text.startsWith('kpiId,')).toBe(true);
    expect(await rowsOf('?bom=1')).toEqual(await rowsOf());
    const refused = await regie.send('get', walk.path('/kpis.csv?bom=yes'), { token: await regie.admin() });
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problemOf(refused).detail).toContain('bom must be 1');
  });
});
