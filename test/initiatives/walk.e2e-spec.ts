import { startTestApp, type TestApp } from '../support/test-app';
import { type Created, HAARLEM_NETWORK, InitiativeWalk, type Partner, problemOf, Regie } from '../support/initiative-fixtures';
import type { UploadAnswer } from '../../apps/api/src/initiatives/measurements/measurements-upload';

// One network through all six phases to its dissolution, the way the method walks it: Gemeente
// Haarlem directs, the police, the public prosecutor and mental-health care take part.
describe('an initiative walks the six phases to dissolved', () => {
  let t: TestApp;
  let regie: Regie;
  let p: Record<keyof typeof HAARLEM_NETWORK, Partner>;
  let walk: InitiativeWalk;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    regie = new Regie(t);
    p = await regie.registerPartners(HAARLEM_NETWORK);
  });
  afterAll(async () => {
    await t.close();
  });

  const refusedAdvance = async (to: string) => {
    const before = await walk.revision();
    const res = await walk.send('post', '/advance', { body: { to } });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await walk.revision()).toBe(before);
    return problemOf(res).unmet as string[];
  };

  it('a programme manager of Gemeente Haarlem starts it; Haarlem is its first partner, as regisseur', async () => {
    walk = await InitiativeWalk.start(regie, { regisseur: p.haarlem, title: 'Samen tegen ondermijning in Schalkwijk' });
    const state = await walk.state();
    expect(state).toMatchObject({
      id: walk.id,
      title: 'Samen tegen ondermijning in Schalkwijk',
      problemArea: 'subversive crime',
      phase: 'explore',
      revision: 1,
    });
    expect(state.partners).toEqual([expect.objectContaining({ partnerId: p.haarlem.id, name: 'Gemeente Haarlem', role: 'regisseur', active: true })]);
  });

  it('explore: partners join, and a premature advance names every unmet condition', async () => {
    await walk.join(p.police);
    await walk.join(p.prosecutor);
    await walk.join(p.ggz, 'facilitator');
    await walk.ok('post', '/perspectives', { partnerId: p.haarlem.id, summary: 'Youngsters are recruited as drug runners' });
    await walk.ok(
      'post',
      '/perspectives',
      { partnerId: p.police.id, summary: 'We see the networks, not the youngsters' },
      { token: await regie.member(p.police) },
    );
    await walk.ok('post', '/urgency-confirmations', { partnerId: p.police.id }, { token: await regie.member(p.police) });

    expect(await refusedAdvance('define')).toEqual([
      'Openbaar Ministerie has not shared a perspective',
      'GGZ Noord-Holland-Noord has not shared a perspective',
      'Gemeente Haarlem has not confirmed urgency',
      'Openbaar Ministerie has not confirmed urgency',
      'GGZ Noord-Holland-Noord has not confirmed urgency',
      'no shared picture agreed',
    ]);
    // The same lines as codes, for a client in another language: in the refusal and in the gate's checklist.
    const findings = [
      { code: 'no-perspective', params: { partner: 'Openbaar Ministerie' } },
      { code: 'no-perspective', params: { partner: 'GGZ Noord-Holland-Noord' } },
      { code: 'no-urgency', params: { partner: 'Gemeente Haarlem' } },
      { code: 'no-urgency', params: { partner: 'Openbaar Ministerie' } },
      { code: 'no-urgency', params: { partner: 'GGZ Noord-Holland-Noord' } },
      { code: 'no-shared-picture', params: {} },
    ];
    expect(problemOf(await walk.send('post', '/advance', { body: { to: 'define' } })).findings).toEqual(findings);
    expect((await walk.state()).gate.checklist.flatMap((c) => c.findings)).toEqual(findings);

    await walk.completeExplore();
    const { gate } = await walk.state();
    expect(gate).toMatchObject({ to: 'define', unmet: [] });
    // The checklist names every condition of the gate, met or not: here all four of explore's.
    expect(gate.checklist.map((c: { rule: string; met: boolean }) => [c.rule, c.met])).toEqual([
      ['at-least-two-active-partners', true],
      ['every-partner-shared-a-perspective', true],
      ['every-partner-confirmed-urgency', true],
      ['shared-picture-agreed', true],
    ]);
    await walk.advance('define');
    expect((await walk.state()).phase).toBe('define');
  });

  it('define: no solution talk yet; the problem, two desired effects and the intent', async () => {
    const early = await walk.send('post', '/building-blocks', { body: { partnerId: p.police.id, description: 'a joint intake desk' } });
    expect(early.status).toBe(422);
    expect(problemOf(early).detail).toBe('building blocks can be added in co-design, not in define');

    await walk.ok('put', '/problem-definition', { statement: 'Signals of recruitment reach no one who can act on them' });
    ids.fewerRecruited = await walk.defineEffect('Fewer youngsters recruited by criminal networks');
    ids.fasterCare = await walk.defineEffect('Youngsters at risk get care sooner');
    await walk.ok('put', '/intent', { statement: 'Act together before a youngster is drawn in' });
    await walk.advance('co-design');
  });

  it('co-design: blocks, contributions, KPIs, technology, and a covenant re-signed after a new version', async () => {
    expect(await refusedAdvance('pilot')).toEqual([
      'Gemeente Haarlem owns no building block',
      'Politie Noord-Holland owns no building block',
      'Openbaar Ministerie owns no building block',
      'GGZ Noord-Holland-Noord owns no building block',
      "desired effect 'Fewer youngsters recruited by criminal networks' has no KPI",
      "desired effect 'Youngsters at risk get care sooner' has no KPI",
      'no covenant drafted',
    ]);
    for (const partner of Object.values(p)) {
      await walk.ok(
        'post',
        '/building-blocks',
        { partnerId: partner.id, description: `${partner.name} brings its expertise` },
        { token: await regie.member(partner), status: 201 },
      );
    }
    await walk.ok(
      'post',
      '/contributions',
      { partnerId: p.ggz.id, description: 'a care coordinator', hoursPerMonth: 32 },
      { token: await regie.member(p.ggz), status: 201 },
    );
    ids.kpiSignals = await walk.defineKpi({ effectId: ids.fewerRecruited, owner: p.police, name: 'Signals handled within two weeks' });
    ids.kpiCare = await walk.defineKpi({
      effectId: ids.fasterCare,
      owner: p.ggz,
      name: 'Youngsters in care within a month',
      frequency: 'monthly',
      baseline: 20,
      target: 60,
    });
    await walk.ok('post', '/technology', { description: 'a shared signal board' });

    expect(await walk.draftCovenant()).toBe(1);
    await walk.signCovenantByAll();
    expect(await walk.draftCovenant('public task and vital interest')).toBe(2);
    expect(await refusedAdvance('pilot')).toEqual([
      'the covenant (version 2) is not signed by Gemeente Haarlem, Politie Noord-Holland, Openbaar Ministerie, GGZ Noord-Holland-Noord',
    ]);
    const stale = await walk.send('post', '/covenant/signatures', { body: { partnerId: p.police.id, version: 1 }, token: await regie.member(p.police) });
    expect(stale.status).toBe(422);
    expect(problemOf(stale).detail).toBe('covenant version 1 is not the current one: sign version 2');
    await walk.signCovenantByAll();

    const state = await walk.state();
    expect(state.covenant).toMatchObject({ version: 2, signedBy: [p.haarlem.id, p.police.id, p.prosecutor.id, p.ggz.id] });
    expect(state.kpis).toEqual([
      expect.objectContaining({ id: ids.kpiSignals, name: 'Signals handled within two weeks', effectId: ids.fewerRecruited, target: 80 }),
      expect.objectContaining({ id: ids.kpiCare, effectId: ids.fasterCare, target: 60, ownerPartnerId: p.ggz.id }),
    ]);
    expect(state.desiredEffects.map((e) => e.id)).toEqual([ids.fewerRecruited, ids.fasterCare]);
    await walk.advance('pilot');
  });

  it('pilot: cases, lessons, measurements with a correction, a CSV upload with one bad row, a revised target', async () => {
    await walk.ok('post', '/pilot', { scope: 'Schalkwijk, 40 cases', startsOn: '2026-01-05', endsOn: '2026-06-30' });
    await walk.ok(
      'post',
      '/pilot/cases',
      { caseRef: 'HLM-2026-014', partnerIds: [p.police.id, p.ggz.id], learning: 'A joint home visit worked' },
      { token: await regie.member(p.police), status: 201 },
    );
    await walk.ok('post', '/lessons', { lesson: 'Meet weekly, not monthly' }, { token: await regie.member(p.prosecutor), status: 201 });

    const police = await regie.member(p.police);
    await walk.ok('post', `/kpis/${ids.kpiSignals}/measurements`, { period: '2026-Q1', value: 45, partnerId: p.police.id }, { token: police });
    await walk.ok(
      'post',
      `/kpis/${ids.kpiSignals}/measurements`,
      { period: '2026-Q1', value: 48, partnerId: p.police.id, note: 'late reports counted' },
      { token: police },
    );
    await walk.ok('post', `/kpis/${ids.kpiSignals}/measurements`, { period: '2026-Q2', value: 55, partnerId: p.police.id }, { token: police });

    const csv = [
      'kpiId,period,value,partnerId,note',
      `${ids.kpiCare},2026-01,24,${p.ggz.id},`,
      `${ids.kpiCare},2026-Q1,25,${p.ggz.id},a quarter for a monthly KPI`,
      `${ids.kpiCare},2026-02,"27.5",${p.ggz.id},"first month with the coordinator, at last"`,
      `${ids.kpiSignals},2026-Q3,60,${p.police.id},`,
    ].join('\r\n');
    const before = await walk.revision();
    const upload = await walk.ok<UploadAnswer>('post', '/measurements', csv, { status: 200 });
    expect(upload.body.results.map((r) => [r.row, r.status])).toEqual([
      [1, 200],
      [2, 422],
      [3, 200],
      [4, 200],
    ]);
    expect(upload.body.results[1].problem).toMatchObject({
      status: 422,
      detail: expect.stringContaining("period '2026-Q1' does not fit KPI 'Youngsters in care within a month'") as unknown,
    });
    expect(upload.body.results[3]).toMatchObject({ revision: before + 3, position: expect.any(Number) as unknown });
    expect(await walk.revision()).toBe(before + 3);

    await walk.ok('post', `/kpis/${ids.kpiCare}/target-revisions`, { target: 50, reason: 'capacity of the care coordinator' });

    const measurements = (await walk.history()).filter((e) => e.type === 'MeasurementRecorded');
    expect(measurements.map((e) => [e.data.period, e.data.value, e.data.corrects ?? false])).toEqual([
      ['2026-Q1', 45, false],
      ['2026-Q1', 48, true],
      ['2026-Q2', 55, false],
      ['2026-01', 24, false],
      ['2026-02', 27.5, false],
      ['2026-Q3', 60, false],
    ]);
    expect(measurements[4].data.note).toBe('first month with the coordinator, at last');
  });

  it('pilot: the steering group may hold an early review about a KPI and let the network continue', async () => {
    const early = await walk.ok<Created>(
      'post',
      '/reviews',
      { dueOn: '2026-07-01', reason: 'kpi-off-track', kpiId: ids.kpiCare },
      { token: await regie.steering(p.ggz), status: 201 },
    );
    await walk.verdict(early.body.id, { verdict: 'continue', rationale: 'The coordinator just started' }, await regie.steering(p.ggz));
    const review = (await walk.state()).reviews.find((r) => r.id === early.body.id);
    expect(review).toMatchObject({
      reason: 'kpi-off-track',
      kpiId: ids.kpiCare,
      verdict: 'continue',
      decidedBy: { sub: `steering-group@${p.ggz.id}`, partner: p.ggz.id },
    });
    expect((await walk.state()).phase).toBe('pilot');
  });

  it('pilot: the gate waits for the evaluation, a successful one opens it', async () => {
    expect(await refusedAdvance('integrate')).toEqual(['the pilot has not been evaluated']);
    await walk.ok('post', '/pilot/evaluation', { outcome: 'successful', rationale: 'Signals were picked up within days' });
    await walk.advance('integrate');
  });

  it('integrate: roll-out waves per partner and an ambassador', async () => {
    ids.wave1 = (
      await walk.ok<Created>('post', '/rollout-waves', { partnerIds: [p.police.id, p.prosecutor.id], plannedStart: '2026-09-01' }, { status: 201 })
    ).body.id;
    ids.wave2 = (
      await walk.ok<Created>('post', '/rollout-waves', { partnerIds: [p.ggz.id, p.haarlem.id], plannedStart: '2026-11-01' }, { status: 201 })
    ).body.id;
    expect(await refusedAdvance('re-legitimise')).toEqual([
      'the roll-out wave planned for 2026-09-01 (Politie Noord-Holland, Openbaar Ministerie) is not completed',
      'the roll-out wave planned for 2026-11-01 (GGZ Noord-Holland-Noord, Gemeente Haarlem) is not completed',
      'no ambassador appointed',
    ]);
    await walk.ok('post', `/rollout-waves/${ids.wave1}/completion`, undefined, { token: await regie.member(p.police) });
    await walk.ok('post', `/rollout-waves/${ids.wave2}/completion`);
    await walk.ok('post', '/ambassadors', { partnerId: p.police.id, role: 'district chief Schalkwijk' }, { token: await regie.member(p.police) });
    await walk.ok('post', '/lessons', { lesson: 'Roll out per team, not per organisation' }, { status: 201 });
    await walk.advance('re-legitimise');
  });

  it('re-legitimise: an adjust verdict returns to co-design, freezes the KPI evidence and clears the pilot', async () => {
    ids.review1 = await walk.scheduleReview('2027-01-15');
    const steering = { sub: `steering-group@${p.haarlem.id}`, partner: p.haarlem.id };
    await walk.verdict(ids.review1, { verdict: 'adjust', rationale: 'Care is too slow: rework the approach', returnTo: 'co-design' });

    const state = await walk.state();
    expect(state.phase).toBe('co-design');
    expect(state.pilot).toBeNull();
    expect(state.previousPilots).toHaveLength(1);
    expect(state.reviews.find((r) => r.id === ids.review1)).toMatchObject({ id: ids.review1, verdict: 'adjust', returnTo: 'co-design', decidedBy: steering });

    // A second member's verdict, sent before they saw the first: refused, with the verdict it got.
    const before = await walk.revision();
    const late = await walk.send('post', `/reviews/${ids.review1}/verdict`, {
      body: { verdict: 'continue', rationale: 'Keep going as planned' },
      token: await regie.steering(p.police),
    });
    expect(late.status).toBe(422);
    expect(late.body).toEqual({
      type: 'https://regie.dev/problems/review-concluded',
      title: 'Unprocessable Content',
      status: 422,
      detail: `review '${ids.review1}' already has the verdict 'adjust'`,
      instance: walk.path(`/reviews/${ids.review1}/verdict`),
      verdict: 'adjust',
      returnTo: 'co-design',
    });
    expect(await walk.revision()).toBe(before);

    const concluded = (await walk.history()).find((e) => e.type === 'ReviewConcluded' && e.data.reviewId === ids.review1)!;
    expect(concluded.actor).toEqual(steering);
    expect(concluded.data.decidedBy).toEqual(steering);
    // The evidence is the joint KPI dashboard as it stood at the verdict.
    const evidenceKpis = (concluded.data.evidence as { effects: Array<{ kpis: Array<Record<string, unknown>> }> }).effects.flatMap((e) => e.kpis);
    expect(evidenceKpis).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: ids.kpiSignals,
          target: 80,
          series: [
            { period: '2026-Q1', value: 48 },
            { period: '2026-Q2', value: 55 },
            { period: '2026-Q3', value: 60 },
          ],
          status: expect.any(String) as unknown,
        }),
        expect.objectContaining({
          id: ids.kpiCare,
          target: 50,
          series: [
            { period: '2026-01', value: 24 },
            { period: '2026-02', value: 27.5 },
          ],
          status: expect.any(String) as unknown,
        }),
      ]),
    );
  });

  it('back in the pilot, the old evaluation no longer counts: a new pilot must be run and evaluated', async () => {
    await walk.advance('pilot');
    expect(await refusedAdvance('integrate')).toEqual(['no pilot started']);
    await walk.ok('post', '/pilot', { scope: 'Schalkwijk with faster care', startsOn: '2027-02-01', endsOn: '2027-05-31' });
    expect(await refusedAdvance('integrate')).toEqual(['the pilot has not been evaluated']);
    await walk.ok('post', '/pilot/evaluation', { outcome: 'successful', rationale: 'Care within three weeks now' });
    await walk.advance('integrate');
    await walk.advance('re-legitimise');
  });

  it('a dissolve verdict ends the network; a dissolved initiative accepts no more commands', async () => {
    ids.review2 = await walk.scheduleReview('2028-01-15', 'yearly right-to-exist review');
    await walk.verdict(ids.review2, { verdict: 'dissolve', rationale: 'The goal is reached: recruitment has dropped' });
    const state = await walk.state();
    expect(state.phase).toBe('dissolved');
    expect(state.dissolution).toMatchObject({ reason: 'The goal is reached: recruitment has dropped', reviewId: ids.review2 });
    expect(state.phaseHistory.map((s) => s.phase)).toEqual([
      'explore',
      'define',
      'co-design',
      'pilot',
      'integrate',
      're-legitimise',
      'co-design',
      'pilot',
      'integrate',
      're-legitimise',
      'dissolved',
    ]);

    const after = await walk.send('post', '/lessons', { body: { lesson: 'one more thing' } });
    expect(after.status).toBe(422);
    expect(problemOf(after).detail).toContain('is dissolved');
    expect(await walk.revision()).toBe(state.revision);
  });
});
