import { startTestApp, type TestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';
import { HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';

describe('Idempotency-Key', () => {
  const data = tempDir('regie-idem-');
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let walk: InitiativeWalk;

  beforeAll(async () => {
    t = await startTestApp({ DATA_DIR: data.path });
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police] });
  });
  afterAll(async () => {
    await t.close();
    data.remove();
  });

  const historyLength = async () => (await walk.history()).length;
  const key = (name: string) => ({ 'Idempotency-Key': name });

  it('the same request twice appends once and answers the same, ETag included', async () => {
    const body = { partnerId: p.police.id, summary: 'We see the networks' };
    const before = await historyLength();
    const first = await walk.ok('post', '/perspectives', body, { headers: key('perspective-1') });
    const second = await walk.ok('post', '/perspectives', body, { headers: key('perspective-1') });
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(await historyLength()).toBe(before + 1);
  });

  it('a creating command repeated answers the same new id and creates one thing', async () => {
    const before = await historyLength();
    const answers = [];
    for (let i = 0; i < 2; i++) {
      answers.push(await walk.ok('post', '/partners', { partnerId: p.ggz.id, role: 'participant', competence: 'care' }, { headers: key('join-ggz') }));
    }
    expect(answers[1].body).toEqual(answers[0].body);
    expect(await historyLength()).toBe(before + 1);
    const start = async () => regie.send('post', '/api/initiatives', {
      token: await regie.pm(p.haarlem), headers: key('start-2'), body: { title: 'Second network', problemArea: 'nuisance', regisseurPartnerId: p.haarlem.id },
    });
    const a = await start();
    const b = await start();
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    expect(a.body.id).toEqual(expect.any(String));
    const second = InitiativeWalk.of(regie, a.body.id, p.haarlem);
    expect((await second.history()).map((e) => e.type)).toEqual(['InitiativeStarted', 'PartnerJoined']);
  });

  it('a retry after a crash between append and answer finds its events in the log and answers the same id', async () => {
    const send = async () => regie.send('post', '/api/initiatives', {
      token: await regie.pm(p.haarlem), headers: key('start-crash'), body: { title: 'Crash-tested network', problemArea: 'radicalisation', regisseurPartnerId: p.haarlem.id },
    });
    const first = await send();
    expect(first.status).toBe(201);
    // What a crash right after the append leaves behind: the events, but no idempotency record.
    const { READ_STORE } = await import('../../apps/api/src/store/read-store.provider');
    const readStore = t.app.get(READ_STORE);
    expect(await readStore.execute('DELETE FROM idempotency_records WHERE scope LIKE ?', ['%"start-crash"]'])).toBe(1);
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const started = InitiativeWalk.of(regie, first.body.id, p.haarlem);
    expect((await started.history()).map((e) => e.type)).toEqual(['InitiativeStarted', 'PartnerJoined']);
  });

  it('the same key with another body answers 422 and appends nothing', async () => {
    const before = await historyLength();
    const res = await walk.send('post', '/perspectives', { headers: key('perspective-1'), body: { partnerId: p.police.id, summary: 'Something else' } });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('https://regie.dev/problems/idempotency-key-reused');
    expect(await historyLength()).toBe(before);
  });

  it('keys belong to their user: another user may use the same key for its own request', async () => {
    const res = await walk.ok('post', '/urgency-confirmations', { partnerId: p.police.id }, { token: await regie.member(p.police), headers: key('perspective-1') });
    expect(res.status).toBe(200);
  });

  it('a CSV upload repeated with its key answers the same results and appends nothing more', async () => {
    await walk.walkTo('pilot');
    const { kpis } = await walk.state();
    const csv = `kpiId,period,value,partnerId,note\n${kpis[0].id},2026-Q1,50,${p.police.id},\n${kpis[0].id},2026-13,51,${p.police.id},\n`;
    const before = await historyLength();
    const first = await walk.ok('post', '/measurements', csv, { headers: key('upload-1') });
    const second = await walk.ok('post', '/measurements', csv, { headers: key('upload-1') });
    expect(first.body.results.map((r: { status: number }) => r.status)).toEqual([200, 400]);
    expect(second.body).toEqual(first.body);
    expect(await historyLength()).toBe(before + 1);
    const other = await walk.send('post', '/measurements', { headers: key('upload-1'), body: csv.replace('50', '55') });
    expect(other.status).toBe(422);
    expect(await historyLength()).toBe(before + 1);
  });

  it('the record survives a restart on the same data directory', async () => {
    const body = { lesson: 'Meet weekly' };
    const first = await walk.ok('post', '/lessons', body, { headers: key('lesson-1'), status: 201 });
    const before = await historyLength();
    await t.close();

    t = await startTestApp({ DATA_DIR: data.path });
    regie = new Regie(t);
    walk = InitiativeWalk.of(regie, walk.id, walk.regisseur, walk.partners);
    const again = await walk.ok('post', '/lessons', body, { headers: key('lesson-1') });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await historyLength()).toBe(before);
    const reused = await walk.send('post', '/lessons', { headers: key('lesson-1'), body: { lesson: 'Meet daily' } });
    expect(reused.status).toBe(422);
    expect(await historyLength()).toBe(before);
  });
});
