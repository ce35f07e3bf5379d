import { FIELD_ERROR_CODES } from '../../libs/initiative/src';
import type { UploadAnswer } from '../../apps/api/src/initiatives/measurements/measurements-upload';
import { startTestApp, type TestApp } from '../support/test-app';
import { HAARLEM_NETWORK, InitiativeWalk, type Partner, problemOf, Regie } from '../support/initiative-fixtures';

// A client in another language than the API's (the web app in Dutch) words a field error by its
// code and what travels with it, never by parsing the English message.
describe('every field error carries a code, and what it takes to say it', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let walk: InitiativeWalk;
  let kpiId: string;
  let reviewId: string;

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
    await walk.walkTo('pilot');
    kpiId = (await walk.state()).kpis[0].id;
    reviewId = await walk.scheduleReview('2026-12-01', 'early look');
  });
  afterAll(async () => {
    await t.close();
  });

  const measure = async (body: Record<string, unknown>) => {
    const before = await walk.revision();
    const res = await walk.send('post', `/kpis/${kpiId}/measurements`, { body: { period: '2026-Q3', value: 50, partnerId: p.police.id, ...body } });
    expect(await walk.revision()).toBe(before);
    return res;
  };

  it('a measurement: a period not written as one, a value that is no number and a note too long, each by its code', async () => {
    const res = await measure({ period: 'november 2026', value: '12,5', note: 'x'.repeat(1001) });
    expect(res.status).toBe(400);
    expect(problemOf(res).errors).toEqual([
      { field: 'period', code: 'not-a-period', message: 'period must be a period: YYYY, YYYY-Qn or YYYY-MM' },
      { field: 'value', code: 'not-a-number', message: 'value must be a finite number' },
      { field: 'note', code: 'too-long', limit: 1000, message: 'note must be shorter than or equal to 1000 characters' },
    ]);
  });

  it("a period written right that does not fit the KPI: 422 with the KPI's frequency", async () => {
    const res = await measure({ period: '2026-11' });
    expect(res.status).toBe(422);
    expect(problemOf(res).errors).toEqual([
      {
        field: 'period',
        code: 'period-does-not-fit',
        frequency: 'quarterly',
        message: expect.stringContaining("does not fit KPI 'Signals handled within two weeks'") as unknown,
      },
    ]);
  });

  it('a verdict: an empty rationale and a verdict not in the list, the list given', async () => {
    const before = await walk.revision();
    const res = await walk.send('post', `/reviews/${reviewId}/verdict`, {
      body: { verdict: 'stop', rationale: '   ' },
      token: await regie.steering(p.haarlem),
    });
    expect(res.status).toBe(400);
    expect(problemOf(res).errors).toEqual([
      { field: 'verdict', code: 'not-one-of', allowed: ['continue', 'adjust', 'dissolve'], message: 'verdict must be one of continue, adjust, dissolve' },
      { field: 'rationale', code: 'empty', message: 'rationale must not be empty' },
    ]);
    expect(await walk.revision()).toBe(before);
  });

  it('a CSV row is refused with the same codes as the JSON body', async () => {
    const before = await walk.revision();
    const csv = `kpiId,period,value,partnerId,note\n${kpiId},2026/3,lots,${p.police.id},\n${kpiId},2026-Q3\n`;
    const res = await walk.ok<UploadAnswer>('post', '/measurements', csv);
    expect(res.body.results.map((r) => r.problem?.errors)).toEqual([
      [
        { field: 'period', code: 'not-a-period', message: 'period must be a period: YYYY, YYYY-Qn or YYYY-MM' },
        { field: 'value', code: 'not-a-number', message: 'value must be a finite number' },
      ],
      [{ field: 'row', code: 'row-shape', message: 'expected kpiId,period,value,partnerId,note' }],
    ]);
    expect(await walk.revision()).toBe(before);
  });

  it('query parameters too: a what-if tolerance above 1 gives its bound', async () => {
    const res = await walk.send('get', '/kpis?tolerance=1.5');
    expect(res.status).toBe(400);
    expect(problemOf(res).errors).toEqual([{ field: 'tolerance', code: 'too-large', limit: 1, message: 'tolerance must be a number from 0 to 1' }]);
  });

  it('the OpenAPI document lists the codes a client must be ready for', async () => {
    const doc = (await t.http().get('/docs-json')).body as { components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> } };
    expect(doc.components.schemas.FieldError.properties.code.enum).toEqual([...FIELD_ERROR_CODES]);
  });
});
