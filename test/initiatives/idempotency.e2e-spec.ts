import { startTestApp, type TestApp } from '../support/test-app';
import { tempDir } from '../support/temp-dir';
import { bodyOf, type Created, HAARLEM_NETWORK, InitiativeWalk, type Partner, problemOf, Regie } from '../support/initiative-fixtures';
import type { OpenedReadStore } from '../../libs/read-store/src';
import type { CommandAnswer } from '../../apps/api/src/write/command-answer';
import type { UploadAnswer } from '../../apps/api/src/initiatives/measurements/measurements-upload';

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
    const start = async () =>
      regie.send('post', '/api/initiatives', {
        token: await regie.pm(p.haarlem),
        headers: key('start-2'),
        body: { title: 'Second network', problemArea: 'nuisance', regisseurPartnerId: p.haarlem.id },
      });
    const a = await start();
    const b = await start();
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    const { id } = bodyOf<Created>(a);
    expect(id).toEqual(expect.any(String));
    const second = InitiativeWalk.of(regie, id, p.haarlem);
    expect((await second.history()).map((e) => e.type)).toEqual(['InitiativeStarted', 'PartnerJoined']);
  });

  it('a retry after a crash between append and answer finds its events in the log and answers the same id', async () => {
    const send = async () =>
      regie.send('post', '/api/initiatives', {
        token: await regie.pm(p.haarlem),
        headers: key('start-crash'),
        body: { title: 'Crash-tested network', problemArea: 'radicalisation', regisseurPartnerId: p.haarlem.id },
      });
    const first = await send();
    expect(first.status).toBe(201);
    // What a crash right after the append leaves behind: the events, but no idempotency record.
    const { READ_STORE } = await import('../../apps/api/src/store/read-store.provider');
    const readStore = t.app.get<OpenedReadStore>(READ_STORE);
    expect(await readStore.execute('DELETE FROM idempotency_records WHERE scope LIKE ?', ['%"start-crash"]'])).toBe(1);
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const started = InitiativeWalk.of(regie, bodyOf<Created>(first).id, p.haarlem);
    expect((await started.history()).map((e) => e.type)).toEqual(['InitiativeStarted', 'PartnerJoined']);
  });

  it('a retry after a lost answer is answered from the log even when the state it starts from is past its events', async () => {
    const other = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police], title: 'Retried advance' });
    await other.completeExplore();
    const advance = () => other.send<CommandAnswer>('post', '/advance', { body: { to: 'define' }, headers: key('advance-lost') });
    const first = await advance();
    expect(first.status).toBe(200);
    // The answer was lost (no record), and a later command moved the cached state on past the advance.
    const { READ_STORE } = await import('../../apps/api/src/store/read-store.provider');
    const readStore = t.app.get<OpenedReadStore>(READ_STORE);
    expect(await readStore.execute('DELETE FROM idempotency_records WHERE scope LIKE ?', ['%"advance-lost"]'])).toBe(1);
    await other.ok('put', '/problem-definition', { statement: 'Young people are recruited by criminal networks' });
    // From that state alone, an advance to define would be refused: the initiative is already there.
    const again = await advance();
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await other.history()).filter((e) => e.type === 'PhaseAdvanced')).toHaveLength(1);
  });

  it('the same key with another body answers 422 and appends nothing', async () => {
    const before = await historyLength();
    const res = await walk.send('post', '/perspectives', { headers: key('perspective-1'), body: { partnerId: p.police.id, summary: 'Something else' } });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problemOf(res).type).toBe('https://regie.dev/problems/idempotency-key-reused');
    expect(await historyLength()).toBe(before);
  });

  it('keys belong to their user: another user may use the same key for its own request', async () => {
    const res = await walk.ok(
      'post',
      '/urgency-confirmations',
      { partnerId: p.police.id },
      { token: await regie.member(p.police), headers: key('perspective-1') },
    );
    expect(res.status).toBe(200);
  });

  describe('a key is scoped by subject, partner and route, and replayed only to a caller the command would let in', () => {
    let other: InitiativeWalk;
    beforeAll(async () => {
      other = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police, p.ggz] });
    });
    const otherHistory = async () => (await other.history()).length;
    /** What a caller gets without a key: the answer a keyed request must match when the caller may not have the recorded one. */
    const unkeyed = async (suffix: string, body: object, token: string) => other.send('post', suffix, { token, body });
    const sameRefusal = (keyed: { status: number; body: Record<string, unknown> }, plain: { status: number; body: Record<string, unknown> }) => {
      expect(keyed.status).toBe(plain.status);
      expect({ type: keyed.body.type, detail: problemOf(keyed).detail }).toEqual({ type: plain.body.type, detail: problemOf(plain).detail });
      expect(keyed.body).not.toHaveProperty('revision');
    };

    it('the same subject acting for a partner outside the initiative gets its 404, not the recorded answer', async () => {
      const body = { partnerId: p.police.id, summary: 'Seen from the police' };
      const first = await other.ok<CommandAnswer>('post', '/perspectives', body, { token: await regie.member(p.police, 'sam'), headers: key('sam-1') });
      expect(first.body.revision).toEqual(expect.any(Number));
      const before = await otherHistory();
      const asProsecutor = await regie.member(p.prosecutor, 'sam');
      const keyed = await other.send('post', '/perspectives', { token: asProsecutor, headers: key('sam-1'), body });
      const plain = await unkeyed('/perspectives', body, asProsecutor);
      expect(plain.status).toBe(404);
      sameRefusal(keyed, plain);
      const otherBody = await other.send('post', '/perspectives', { token: asProsecutor, headers: key('sam-1'), body: { ...body, summary: 'Another text' } });
      expect(otherBody.status).toBe(404);
      expect(await otherHistory()).toBe(before);
    });

    it("the ids a key derives are the partner's too: starting an initiative for another partner is refused, not answered with the first one", async () => {
      const body = { title: 'Keyed start', problemArea: 'nuisance', regisseurPartnerId: p.haarlem.id };
      const start = async (token: string, headers: Record<string, string> = key('pat-start')) =>
        regie.send('post', '/api/initiatives', { token, headers, body });
      const first = await start(await regie.pm(p.haarlem, 'pat'));
      expect(first.status).toBe(201);
      const asPolice = await regie.pm(p.police, 'pat');
      const plain = await start(asPolice, {});
      expect(plain.status).toBe(403);
      sameRefusal(await start(asPolice), plain);
    });

    it('a partner that left the initiative gets the 404 for the replay of its own keyed command', async () => {
      const body = { partnerId: p.ggz.id, summary: 'Seen from care' };
      const asGgz = await regie.member(p.ggz, 'gus');
      await other.ok('post', '/perspectives', body, { token: asGgz, headers: key('gus-1') });
      await other.ok('delete', `/partners/${p.ggz.id}`);
      const before = await otherHistory();
      sameRefusal(await other.send('post', '/perspectives', { token: asGgz, headers: key('gus-1'), body }), await unkeyed('/perspectives', body, asGgz));
      expect(await otherHistory()).toBe(before);
    });

    it('the same subject and partner without the role that gave the command gets the 403, before the 422 for another body', async () => {
      const body = { partnerId: p.police.id };
      const both = await regie.token(['programme-manager', 'partner-member'], p.police.id, 'lee');
      await other.ok('post', '/urgency-confirmations', body, { token: both, headers: key('lee-1') });
      const before = await otherHistory();
      const managerOnly = await regie.token('programme-manager', p.police.id, 'lee');
      const plain = await unkeyed('/urgency-confirmations', body, managerOnly);
      expect(plain.status).toBe(403);
      sameRefusal(await other.send('post', '/urgency-confirmations', { token: managerOnly, headers: key('lee-1'), body }), plain);
      const otherBody = await other.send('post', '/urgency-confirmations', { token: managerOnly, headers: key('lee-1'), body: { partnerId: p.haarlem.id } });
      expect(otherBody.status).toBe(403);
      expect(await otherHistory()).toBe(before);
      const replay = await other.send('post', '/urgency-confirmations', { token: both, headers: key('lee-1'), body });
      expect(replay.status).toBe(200);
      expect(await otherHistory()).toBe(before);
    });

    it('the same key on another route is a fresh command; on the same route with the same request it still replays', async () => {
      const before = await otherHistory();
      const perspective = await other.ok<CommandAnswer>(
        'post',
        '/perspectives',
        { partnerId: p.haarlem.id, summary: 'Seen from the municipality' },
        { headers: key('route-1') },
      );
      const picture = await other.ok<CommandAnswer>('put', '/shared-picture', { summary: 'One picture' }, { headers: key('route-1') });
      expect(picture.body.revision).toBe(perspective.body.revision + 1);
      expect(await otherHistory()).toBe(before + 2);
      const again = await other.ok('put', '/shared-picture', { summary: 'One picture' }, { headers: key('route-1') });
      expect(again.body).toEqual(picture.body);
      const elsewhere = await walk.ok<CommandAnswer>('put', '/shared-picture', { summary: 'One picture' }, { headers: key('route-1') });
      expect(elsewhere.body.revision).toBe(await walk.revision());
      expect(await otherHistory()).toBe(before + 2);
    });
  });

  it('a CSV upload repeated with its key answers the same results and appends nothing more', async () => {
    await walk.walkTo('pilot');
    const { kpis } = await walk.state();
    const csv = `kpiId,period,value,partnerId,note\n${kpis[0].id},2026-Q1,50,${p.police.id},\n${kpis[0].id},2026-13,51,${p.police.id},\n`;
    const before = await historyLength();
    const first = await walk.ok<UploadAnswer>('post', '/measurements', csv, { headers: key('upload-1') });
    const second = await walk.ok('post', '/measurements', csv, { headers: key('upload-1') });
    expect(first.body.results.map((r) => r.status)).toEqual([200, 400]);
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
