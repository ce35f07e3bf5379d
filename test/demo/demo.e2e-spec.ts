import { openSealedEventStore } from '../../libs/data-keys/src';
import type { StoredEvent } from '../../libs/event-store/src';
import type { Initiative } from '../../libs/initiative/src';
import { findPersonalData } from '../../libs/privacy/src';
import { foldKpiDashboard, kpiDashboardOf, periodSpan } from '../../libs/projections/src';
import { fold } from '../../apps/api/src/write/initiative.repository';
import { CARE_TITLE } from '../../apps/cli/src/demo/care-and-safety';
import { CITY_TITLE } from '../../apps/cli/src/demo/city-key-figures';
import { PROVINCE_TITLE } from '../../apps/cli/src/demo/province-network';
import { runCli } from '../support/run-cli';
import { tempDir } from '../support/temp-dir';

const DAY = 86_400_000;

describe('npm run demo: two years of three networks, as a steering group would see them', () => {
  const dir = tempDir('regie-demo-');
  let run: ReturnType<typeof runCli>;
  let events: StoredEvent[];

  const initiative = (title: string) => {
    const stream = events.filter((e) => e.type === 'InitiativeStarted' && e.data.title === title)[0]?.stream;
    const own = events.filter((e) => e.stream === stream);
    return { events: own, state: fold(own) as Initiative, of: (type: string) => own.filter((e) => e.type === type) };
  };
  const partnerKind = (partnerId: string) => events.find((e) => e.type === 'PartnerRegistered' && e.data.partnerId === partnerId)?.data.kind;

  beforeAll(async () => {
    run = runCli(['demo'], { DATA_DIR: dir.path });
    if (run.code !== 0) throw new Error(`npm run demo failed (${run.code}):\n${run.stderr}${run.stdout}`);
    // Read as the app reads it: the demo's free text is sealed in events.db.
    const store = await openSealedEventStore({ kind: 'sqlite', dataDir: dir.path });
    events = await store.readAll(0, 100_000);
    await store.close();
  }, 120_000);
  afterAll(() => dir.remove());

  it('fills the empty store quietly and ends with a short summary of what it wrote', () => {
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^demo: ${events.length} events in .*, \\d{4}-\\d{2}-\\d{2} to \\d{4}-\\d{2}-\\d{2}`));
    expect(lines.length).toBeLessThanOrEqual(8);
    for (const [phase, title] of [
      ['re-legitimise', PROVINCE_TITLE],
      ['pilot', CITY_TITLE],
      ['dissolved', CARE_TITLE],
    ]) {
      const { state } = initiative(title);
      expect(run.stdout).toContain(`${phase.padEnd(14)} ${state.id}  ${title}`);
    }
  });

  it('leaves three initiatives: the province network re-legitimising, the key-figure network in its pilot, the care network dissolved', () => {
    expect(new Set(events.filter((e) => e.stream.startsWith('initiative-')).map((e) => e.stream)).size).toBe(3);
    expect(initiative(PROVINCE_TITLE).state.phase).toBe('re-legitimise');
    expect(initiative(CITY_TITLE).state.phase).toBe('pilot');
    expect(initiative(CARE_TITLE).state.phase).toBe('dissolved');
  });

  it('the province network walked all six steps, directed by Haarlem with 32 municipalities among its partners', () => {
    const { state, of } = initiative(PROVINCE_TITLE);
    expect(of('PhaseAdvanced').map((e) => e.data.to)).toEqual(['define', 'co-design', 'pilot', 'integrate', 're-legitimise']);
    const active = state.partners.filter((p) => p.active);
    expect(active.filter((p) => partnerKind(p.partnerId) === 'municipality')).toHaveLength(32);
    expect(active.find((p) => p.role === 'regisseur')?.name).toBe('Gemeente Haarlem');
    expect(active.map((p) => partnerKind(p.partnerId))).toEqual(
      expect.arrayContaining(['police', 'public-prosecutor', 'national', 'child-protection', 'probation', 'care']),
    );
    expect(state.covenant).toMatchObject({ version: 2 });
    expect(state.covenant!.signedBy).toHaveLength(active.length);
    expect(state.rolloutWaves.every((w) => w.completedAt)).toBe(true);
    expect(state.ambassadors.length).toBeGreaterThan(0);
    expect(state.pilot?.evaluation?.outcome).toBe('successful');
    expect(state.pilotCases.map((c) => c.caseRef)).toEqual(state.pilotCases.map(() => expect.stringMatching(/^CASE-\d{4}-\d{3}$/) as unknown));
  });

  it('measured every province KPI each quarter for two years, reported after the quarter ended, with a correction and a revised target', () => {
    const { state, of } = initiative(PROVINCE_TITLE);
    expect(state.desiredEffects.length).toBeGreaterThanOrEqual(2);
    expect(state.desiredEffects.every((e) => state.kpis.some((k) => k.effectId === e.id))).toBe(true);
    for (const kpi of state.kpis) {
      expect(kpi.frequency).toBe('quarterly');
      expect(kpi.measuredPeriods).toHaveLength(8);
      const spans = kpi.measuredPeriods.map(periodSpan);
      spans.slice(1).forEach((span, i) => expect(span.start).toBe(spans[i].end));
      expect((spans[7].end - spans[0].start) / DAY).toBeGreaterThanOrEqual(700);
    }
    for (const m of of('MeasurementRecorded')) {
      expect(Date.parse(m.data.occurredAt as string)).toBeGreaterThanOrEqual(periodSpan(m.data.period as string).end);
    }
    expect(of('MeasurementRecorded').filter((m) => m.data.corrects)).toHaveLength(1);
    const [revision] = of('KpiTargetRevised');
    expect(revision.data).toMatchObject({ previousTarget: 21, target: 25, reason: expect.stringContaining('screening') as unknown });
  });

  it('had its right to exist confirmed twice by the steering group, each time with the KPI dashboard frozen as evidence, and the next review ahead', () => {
    const { state, of } = initiative(PROVINCE_TITLE);
    const verdicts = of('ReviewConcluded');
    expect(verdicts.map((v) => v.data.verdict)).toEqual(['continue', 'continue']);
    for (const v of verdicts) {
      expect(v.data.decidedBy).toEqual(v.metadata.actor);
      expect(v.data.evidence).toMatchObject({ attainment: expect.any(Number) as unknown, effects: expect.any(Array) as unknown });
      expect((v.data.evidence as { effects: unknown[] }).effects).toHaveLength(state.desiredEffects.length);
    }
    const [open] = state.reviews.filter((r) => !r.verdict);
    expect(open.dueOn > state.reviews[1].decidedAt!.slice(0, 10)).toBe(true);
  });

  it("freezes every verdict's evidence as the route does: the joint KPI dashboard of the stream just before the verdict", () => {
    for (const title of [PROVINCE_TITLE, CITY_TITLE, CARE_TITLE]) {
      const { events: own, of } = initiative(title);
      for (const verdict of of('ReviewConcluded')) {
        // As stored: through JSON, where -0 is 0.
        expect(verdict.data.evidence).toEqual(JSON.parse(JSON.stringify(kpiDashboardOf(own.filter((e) => e.revision < verdict.revision)))));
      }
    }
  });

  it('the key-figure network went back to co-design after an unsuccessful first pilot, and in its second pilot a KPI went off track two months running', () => {
    const { state, events: own, of } = initiative(CITY_TITLE);
    expect(of('PilotEvaluated').map((e) => e.data.outcome)).toEqual(['unsuccessful']);
    expect(of('PhaseReturned').map((e) => e.data.to)).toEqual(['co-design']);
    expect(state.previousPilots).toHaveLength(1);
    expect(state.kpis.every((k) => k.frequency === 'monthly')).toBe(true);
    const dashboard = foldKpiDashboard(own)!;
    const streaks = dashboard.kpis.filter((k) => k.periods.some((p, i) => i > 0 && p.status === 'off-track' && k.periods[i - 1].status === 'off-track'));
    expect(streaks.map((k) => k.name)).toEqual(['Incidenten met polariserende uitingen in de wijk']);
    // When the app's KPI saga asked for an early review, the steering group held it.
    expect(state.reviews.filter((r) => r.reason === 'kpi-off-track').every((r) => r.verdict === 'continue')).toBe(true);
  });

  it('the care network was dissolved by a steering-group verdict once its goals were reached', () => {
    const { state, of } = initiative(CARE_TITLE);
    const [dissolve] = of('ReviewConcluded').filter((e) => e.data.verdict === 'dissolve');
    expect(dissolve.data.rationale).toMatch(/Doel bereikt/);
    expect(dissolve.metadata.actor).toMatchObject({ sub: expect.stringMatching(/^sg-/) as unknown });
    expect(state.dissolution).toMatchObject({ reviewId: dissolve.data.reviewId, reason: dissolve.data.rationale });
    expect(of('PartnerJoined').map((e) => partnerKind(e.data.partnerId as string))).toEqual(
      expect.arrayContaining(['municipality', 'police', 'care', 'housing', 'probation']),
    );
  });

  it('reads as two years of history: every event in time order, ending before today', () => {
    const times = events.map((e) => Date.parse(e.data.occurredAt as string));
    times.slice(1).forEach((t, i) => expect(t).toBeGreaterThanOrEqual(times[i]));
    expect((times[times.length - 1] - times[0]) / DAY).toBeGreaterThan(700);
    expect(times[times.length - 1]).toBeLessThan(Date.now());
    expect(times[0]).toBeGreaterThan(Date.now() - 800 * DAY);
  });

  it('holds no personal data: actors are subject ids, and no free text looks like a BSN, e-mail address or phone number', () => {
    for (const e of events) {
      expect((e.metadata.actor as { sub: string }).sub).toMatch(/^((admin|pm|member|sg)-[a-z0-9-]+-\d+|system:[a-z-]+)$/);
    }
    const texts: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') texts.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    events.forEach((e) => collect(e.data));
    // ids and instants are not prose: a uuid's digit groups can look like a phone number
    const prose = texts.filter((t) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(t) && !/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(t));
    expect(prose.filter((t) => findPersonalData(t) !== null)).toEqual([]);
  });

  it('leaves a log whose hash chains verify', () => {
    const verify = runCli(['verify'], { DATA_DIR: dir.path });
    expect(verify.stdout.trim()).toBe(`ok ${events.length}`);
    expect(verify.code).toBe(0);
  });

  it('refuses to run again on a store that is not empty, and appends nothing', async () => {
    const again = runCli(['demo'], { DATA_DIR: dir.path });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(new RegExp(`already holds ${events.length} events: the demo only fills an empty store`));
    // Read as the app reads it: the demo's free text is sealed in events.db.
    const store = await openSealedEventStore({ kind: 'sqlite', dataDir: dir.path });
    expect(await store.lastPosition()).toBe(events[events.length - 1].position);
    await store.close();
  });
});
