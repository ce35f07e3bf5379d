/**
 * The write side keeps folded states between commands, but the store stays the truth: two API
 * instances on one data directory, and each command still sees what the other appended.
 */
import { HAARLEM_NETWORK, InitiativeWalk, type Partner, Regie } from '../support/initiative-fixtures';
import type { CommandAnswer } from '../../apps/api/src/write/command-answer';
import { InitiativeRepository } from '../../apps/api/src/write/initiative.repository';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the state cache never hides another instance’s append', () => {
  let a: TestApp;
  let b: TestApp;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let onA: InitiativeWalk;
  let onB: InitiativeWalk;

  beforeAll(async () => {
    a = await startTestApp();
    const regieA = new Regie(a);
    p = await regieA.registerPartners(HAARLEM_NETWORK);
    onA = await InitiativeWalk.start(regieA, { regisseur: p.haarlem, others: [p.police] });
    b = await startTestApp({ DATA_DIR: a.dataDir, ...(a.databaseUrl && { DATABASE_URL: a.databaseUrl }) });
    onB = InitiativeWalk.of(new Regie(b), onA.id, p.haarlem, [p.haarlem, p.police]);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a command on A pinned to the revision B just wrote is accepted, and one pinned to A’s last is stale', async () => {
    const first = await onA.ok<CommandAnswer>(
      'post',
      '/perspectives',
      { partnerId: p.haarlem.id, summary: 'A sees it first' },
      { token: await onA.regie.member(p.haarlem) },
    );
    const onAfter = first.body.revision;
    const fromB = await onB.ok<CommandAnswer>(
      'post',
      '/perspectives',
      { partnerId: p.police.id, summary: 'B adds the police view' },
      { token: await onB.regie.member(p.police) },
    );
    expect(fromB.body.revision).toBe(onAfter + 1);

    // A cached the state at its own append; B's event is only in the store.
    const pinnedToB = await onA.send<CommandAnswer>('post', '/urgency-confirmations', {
      body: { partnerId: p.police.id },
      token: await onA.regie.member(p.police),
      headers: { 'If-Match': `"${fromB.body.revision}"` },
    });
    expect(pinnedToB.status).toBe(200);
    expect(pinnedToB.body.revision).toBe(onAfter + 2);

    const stale = await onB.send('post', '/urgency-confirmations', {
      body: { partnerId: p.haarlem.id },
      token: await onB.regie.member(p.haarlem),
      headers: { 'If-Match': `"${fromB.body.revision}"` },
    });
    expect(stale.status).toBe(412);
  });

  it('a command on A decides on what B changed: a partner B let go can no longer act on A', async () => {
    // A has the police as an active member in its cached state.
    await onA.ok('post', '/perspectives', { partnerId: p.police.id, summary: 'the police, once more' }, { token: await onA.regie.member(p.police) });
    await onB.ok('delete', `/partners/${p.police.id}`);
    const refused = await onA.send('post', '/perspectives', {
      body: { partnerId: p.police.id, summary: 'still here?' },
      token: await onA.regie.member(p.police),
    });
    // A partner that left no longer sees the initiative at all; from A's cached state alone it would have been accepted.
    expect(refused.status).toBe(404);
  });
});

describe('the state a command leaves in the cache', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is the stream folded from the store, through every phase and a review that sends it back', async () => {
    const regie = new Regie(app);
    const p = await regie.registerPartners(HAARLEM_NETWORK);
    const walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, others: [p.police, p.ggz] });
    await walk.walkTo('re-legitimise');
    // Refused from the cached state, the store confirming it: nothing appended, and the cache stays exact.
    const late = await walk.send('post', '/perspectives', {
      body: { partnerId: p.police.id, summary: 'seen from the street' },
      token: await regie.member(p.police),
    });
    expect(late.status).toBe(422);
    const reviewId = await walk.scheduleReview();
    await walk.verdict(reviewId, { verdict: 'adjust', rationale: 'the covenant needs the care partner again', returnTo: 'co-design' });
    const repository = app.app.get(InitiativeRepository);

    // What the next command would decide on, taken before anything reads the stream again.
    const cached = await repository.forCommand(walk.id);
    const folded = await repository.load(walk.id);

    expect(cached.unread).toBe(true);
    expect(cached.revision).toBe(folded.revision);
    expect(cached.revision).toBe(await walk.revision());
    expect(cached.state).toEqual(folded.state);
    expect(cached.state).toMatchObject({ started: true, phase: 'co-design' });
  });
});
