import type { RegieEvent } from '../../events';
import {
  assembleDashboard,
  dashboardJson,
  dashboardStateOf,
  dashboardView,
  foldKpiDashboard,
  kpiDashboardHistory,
  kpiDashboardOf,
  kpiDashboardProjection,
  type DashboardShell,
  type KpiDashboardDocument,
  type KpiSeriesDocument,
  type KpiViewMeta,
} from '../../libs/projections/src';
import { coDesignDone, EFFECT, event, historyIn, kpiDefined, measurementRecorded, police } from '../../libs/initiative/src/testing/fixtures';
import { project, storedEvents, viaJson } from './support/project';

const ID = 'i-radicalisation';
/** The initiative's dashboard state from the projection's documents, as the dashboard query assembles it. */
const assembled = (docs: Map<string, KpiDashboardDocument>) =>
  assembleDashboard(
    docs.get(ID) as DashboardShell,
    [...docs].filter(([id]) => id.startsWith(`${ID}/`)).map(([, doc]) => doc as KpiSeriesDocument),
  );
/** The dashboard as the query sends it: the initiative's document and its KPIs' views, rendered and stored as the runner does. */
const sent = (docs: Map<string, KpiDashboardDocument>) =>
  dashboardJson(
    docs.get(ID) as DashboardShell,
    [...docs]
      .filter(([id]) => id.startsWith(`${ID}/`))
      .flatMap(([id, doc]) => {
        const view = kpiDashboardProjection.render!(doc, id);
        return view ? [{ meta: viaJson(view.meta) as KpiViewMeta, body: view.body }] : [];
      }),
  );
/** The dashboard of the projection's documents; what the query sends from their views must be its JSON, byte for byte. */
const dashboard = (events: RegieEvent[]) => {
  const docs = project(kpiDashboardProjection, events);
  const view = dashboardView(assembled(docs));
  expect(sent(docs)).toBe(JSON.stringify(view));
  return view;
};
const kpi = (events: RegieEvent[], kpiId = 'k-1') =>
  dashboard(events)
    .effects.flatMap((e) => e.kpis)
    .find((k) => k.id === kpiId)!;

// A KPI with a 180-day road from 2025-01-01: after one quarter (90 days) half the way is expected.
const shortKpi = (kpiId = 'k-half', direction: 'increase' | 'decrease' = 'increase') =>
  event('KpiDefined', {
    kpiId,
    name: 'Cases picked up within a week',
    effectId: EFFECT.id,
    ownerPartnerId: police.partnerId,
    unit: 'cases',
    direction,
    baseline: direction === 'increase' ? 0 : 100,
    target: direction === 'increase' ? 100 : 0,
    targetDate: '2025-06-30',
    frequency: 'quarterly',
  });

describe('the joint KPI dashboard projection', () => {
  it('shows each KPI under its desired effect, with baseline, target and no data before measurements', () => {
    const d = dashboard(historyIn('pilot'));
    expect(d).toMatchObject({ initiativeId: ID, attainment: null });
    expect(d.effects).toEqual([
      {
        id: EFFECT.id,
        description: EFFECT.description,
        attainment: null,
        kpis: [
          expect.objectContaining({
            id: 'k-1',
            name: 'Signals handled within two weeks',
            unit: '%',
            direction: 'increase',
            baseline: 40,
            target: 80,
            targetDate: '2026-12-31',
            series: [],
            latest: null,
            attainment: null,
            expected: null,
            status: 'no-data',
          }),
        ],
      },
    ]);
  });

  it('series, latest, attainment, expected and status after measurements', () => {
    const k = kpi([...historyIn('pilot'), measurementRecorded('2025-Q1', 48), measurementRecorded('2025-Q2', 52)]);
    expect(k.series).toEqual([
      { period: '2025-Q1', value: 48 },
      { period: '2025-Q2', value: 52 },
    ]);
    expect(k.latest).toBe(52);
    expect(k.attainment).toBeCloseTo(0.3, 6);
    // end of 2025-Q2 (1 Jul 2025) − 1 Jan 2025, over 31 Dec 2026 − 1 Jan 2025
    expect(k.expected).toBeCloseTo(181 / 729, 6);
    expect(k.status).toBe('on-track');
  });

  it('a correction replaces the value of its period (latest report wins); the series keeps one entry per period', () => {
    const k = kpi([...historyIn('pilot'), measurementRecorded('2025-Q1', 48), measurementRecorded('2025-Q2', 52), measurementRecorded('2025-Q2', 44)]);
    expect(k.series).toEqual([
      { period: '2025-Q1', value: 48 },
      { period: '2025-Q2', value: 44 },
    ]);
    expect(k.latest).toBe(44);
    expect(k.statusHistory[1]).toMatchObject({ period: '2025-Q2', value: 44, corrections: 1 });
  });

  it('correcting an earlier period leaves latest alone; a late earlier period sorts into place', () => {
    const k = kpi([...historyIn('pilot'), measurementRecorded('2025-Q2', 52), measurementRecorded('2025-Q1', 48), measurementRecorded('2025-Q1', 46)]);
    expect(k.series).toEqual([
      { period: '2025-Q1', value: 46 },
      { period: '2025-Q2', value: 52 },
    ]);
    expect(k.latest).toBe(52);
    expect(k.latestPeriod).toBe('2025-Q2');
  });

  it('a target revision applies from the revision on: earlier periods keep the status they had, the KPI is judged against the new target', () => {
    const events = [
      ...historyIn('pilot'),
      measurementRecorded('2025-Q1', 60),
      event(
        'KpiTargetRevised',
        {
          kpiId: 'k-1',
          target: 120,
          targetDate: '2026-12-31',
          previousTarget: 80,
          previousTargetDate: '2026-12-31',
          reason: 'the pilot showed more is possible',
        },
        '2025-04-15T00:00:00.000Z',
      ),
      measurementRecorded('2025-Q2', 64),
    ];
    const k = kpi(events);
    expect(k.target).toBe(120);
    expect(k.targetHistory).toEqual([
      { target: 80, targetDate: '2026-12-31', from: '2025-03-01T09:00:00.000Z', reason: null },
      { target: 120, targetDate: '2026-12-31', from: '2025-04-15T00:00:00.000Z', reason: 'the pilot showed more is possible' },
    ]);
    expect(k.statusHistory.map((p) => [p.period, p.target, p.attainment])).toEqual([
      ['2025-Q1', 80, 0.5],
      ['2025-Q2', 120, 0.3],
    ]);
    expect(k.attainment).toBeCloseTo(0.3, 6);
    // as of before the revision, the dashboard judged against 80
    const before = kpiDashboardOf(events.slice(0, events.length - 2)).effects[0].kpis[0];
    expect(before).toMatchObject({ target: 80, attainment: 0.5 });
  });

  describe('the status history is a function of the series as it stands, not of the order periods arrived in', () => {
    // Baseline 40, target 80 by 31 Dec 2026. Q2 at 45 is at-risk when expected runs from 2025-Q1
    // (0.125 < 181/729 − 0.1) but would look on-track measured from 2025-Q2 alone.
    const statuses = (events: RegieEvent[]) => kpi(events).statusHistory.map((p) => [p.period, p.status, p.expected, p.attainment]);
    const pilot = historyIn('pilot');
    const q1 = measurementRecorded('2025-Q1', 44);
    const q2 = measurementRecorded('2025-Q2', 45);
    const q3 = measurementRecorded('2025-Q3', 47);

    it('Q1, Q2, Q3 in order and Q2, Q3 then Q1 late give the same statuses, each expected measured from 2025-Q1', () => {
      const inOrder = statuses([...pilot, q1, q2, q3]);
      expect(inOrder.map(([period, status]) => [period, status])).toEqual([
        ['2025-Q1', 'on-track'],
        ['2025-Q2', 'at-risk'],
        ['2025-Q3', 'at-risk'],
      ]);
      expect(inOrder[1][2]).toBeCloseTo(181 / 729, 6);
      expect(statuses([...pilot, q2, q3, q1])).toEqual(inOrder);
      expect(statuses([...pilot, q3, q1, q2])).toEqual(inOrder);
      expect(kpi([...pilot, q2, q3, q1])).toMatchObject({ latestPeriod: '2025-Q3', latest: 47, status: kpi([...pilot, q1, q2, q3]).status });
    });

    it('a late first period re-judges the later ones: before it arrives, Q2 is judged from Q2 on', () => {
      expect(statuses([...pilot, q2, q3]).map(([period, status]) => [period, status])).toEqual([
        ['2025-Q2', 'on-track'],
        ['2025-Q3', 'at-risk'],
      ]);
    });

    it('each period keeps the target of the day it was reported, whenever an earlier period arrives', () => {
      const revised = event(
        'KpiTargetRevised',
        {
          kpiId: 'k-1',
          target: 120,
          targetDate: '2026-12-31',
          previousTarget: 80,
          previousTargetDate: '2026-12-31',
          reason: 'raise the bar',
        },
        '2025-04-15T00:00:00.000Z',
      );
      const early = measurementRecorded('2024-Q4', 40);
      const judged = (events: RegieEvent[]) => kpi(events).statusHistory.map((p) => [p.period, p.target, p.attainment, p.expected, p.status]);
      const earlyFirst = judged([...pilot, early, measurementRecorded('2025-Q1', 60), revised, measurementRecorded('2025-Q2', 64)]);
      const earlyLate = judged([...pilot, measurementRecorded('2025-Q1', 60), revised, measurementRecorded('2025-Q2', 64), early]);
      expect(earlyFirst.slice(1)).toEqual(earlyLate.slice(1));
      expect(earlyLate.map(([period, target]) => [period, target])).toEqual([
        ['2024-Q4', 120],
        ['2025-Q1', 80],
        ['2025-Q2', 120],
      ]);
      expect(earlyFirst[0][1]).toBe(80);
      expect(earlyLate[1]).toEqual(['2025-Q1', 80, 0.5, expect.any(Number), 'on-track']);
    });
  });

  it('status boundaries for increase and decrease KPIs, through the dashboard', () => {
    const statusOf = (direction: 'increase' | 'decrease', value: number) =>
      kpi([...coDesignDone(), shortKpi('k-half', direction), measurementRecorded('2025-Q1', value, 'k-half')], 'k-half').status;
    expect([100, 40, 39.99, 25, 24.99].map((v) => statusOf('increase', v))).toEqual(['achieved', 'on-track', 'at-risk', 'at-risk', 'off-track']);
    expect([0, 60, 60.01, 75, 75.01].map((v) => statusOf('decrease', v))).toEqual(['achieved', 'on-track', 'at-risk', 'at-risk', 'off-track']);
  });

  it("a desired effect's attainment is the mean of its KPIs with data; the initiative's the mean of its effects that are not null", () => {
    const events = [
      ...coDesignDone(),
      event('DesiredEffectDefined', { effectId: 'e-2', description: 'Faster help' }),
      event('DesiredEffectDefined', { effectId: 'e-3', description: 'Not measured yet' }),
      kpiDefined('k-2'),
      event('KpiDefined', { ...kpiDefined('k-3').data, effectId: 'e-2', kpiId: 'k-3' }),
      event('KpiDefined', { ...kpiDefined('k-4').data, effectId: 'e-3', kpiId: 'k-4' }),
      measurementRecorded('2025-Q1', 60, 'k-1'), // 0.5
      measurementRecorded('2025-Q1', 80, 'k-2'), // 1
      measurementRecorded('2025-Q1', 50, 'k-3'), // 0.25
    ];
    const d = dashboard(events);
    expect(d.effects.map((e) => [e.id, e.attainment])).toEqual([
      [EFFECT.id, 0.75],
      ['e-2', 0.25],
      ['e-3', null],
    ]);
    expect(d.attainment).toBe(0.5);
  });

  it('kpiDashboardOf folds domain or stored events to the same dashboard the projection keeps', () => {
    const events = [...historyIn('pilot'), measurementRecorded('2025-Q1', 48), measurementRecorded('2025-Q2', 70), measurementRecorded('2025-Q2', 66)];
    const stored = new Map([...project(kpiDashboardProjection, events)].map(([id, doc]) => [id, viaJson(doc)]));
    const fromProjection = dashboardView(assembled(stored));
    expect(kpiDashboardOf(events)).toEqual(fromProjection);
    expect(kpiDashboardOf(storedEvents(events))).toEqual(fromProjection);
  });

  it("the projection's documents, assembled or sent from their rendered views, are after every event what the whole stream folds to: notes, revisions, late periods, corrections and erasures", () => {
    const noted = (period: string, value: number, day: string, kpiId = 'k-1') =>
      event('MeasurementRecorded', { kpiId, period, value, partnerId: police.partnerId, note: `counted on ${day}` }, `${day}T10:00:00.000Z`);
    const revised = event(
      'KpiTargetRevised',
      { kpiId: 'k-half', target: 90, targetDate: '2025-12-31', previousTarget: 100, previousTargetDate: '2025-06-30', reason: 'slower than hoped' },
      '2025-05-01T00:00:00.000Z',
    );
    const erased = (caseDays: string[], initiativeText: boolean, day: string) =>
      event('FreeTextErased', { initiativeText, caseDays, retentionMonths: 24, reason: 'retention ran out' }, `${day}T00:00:00.000Z`);
    const events = [
      ...historyIn('pilot'),
      shortKpi(),
      noted('2025-Q2', 52, '2025-07-02'),
      noted('2025-Q1', 30, '2025-04-03', 'k-half'),
      noted('2025-Q1', 48, '2025-07-03'),
      revised,
      noted('2025-Q2', 55, '2025-07-04'),
      noted('2025-Q2', 61, '2025-07-05', 'k-half'),
      erased(['2025-07-03', '2025-07-05'], false, '2027-08-01'),
      measurementRecorded('2025-Q3', 70),
      erased([], true, '2028-01-01'),
      measurementRecorded('2025-Q4', 72, 'k-half'),
    ];
    for (let n = 1; n <= events.length; n++) {
      const docs = project(kpiDashboardProjection, events.slice(0, n));
      expect(assembled(docs)).toEqual(foldKpiDashboard(events.slice(0, n)));
      // What the query sends, spliced from the rendered views: the same bytes as the view serialized whole.
      expect(sent(docs)).toBe(JSON.stringify(kpiDashboardOf(events.slice(0, n))));
    }
    const docs = project(kpiDashboardProjection, events);
    expect([...docs.keys()].sort()).toEqual([ID, `${ID}/k-1`, `${ID}/k-half`]);
    // The erasures reached the notes in each KPI's own document, not only in the initiative's.
    const notes = (kpiId: string) => (docs.get(`${ID}/${kpiId}`) as KpiSeriesDocument).kpi.periods.map((p) => p.note);
    expect([notes('k-1'), notes('k-half')]).toEqual([
      ['[erased]', '[erased]', null],
      ['[erased]', '[erased]', null],
    ]);
  });

  it("the query reads a dashboard from this version's documents, or from the whole document the version before kept (served until the new one is swapped in)", () => {
    const events = [...historyIn('pilot'), shortKpi(), measurementRecorded('2025-Q1', 48), measurementRecorded('2025-Q1', 30, 'k-half')];
    const docs = project(kpiDashboardProjection, events);
    const members = [...docs].filter(([id]) => id.startsWith(`${ID}/`)).map(([, doc]) => doc as KpiSeriesDocument);
    const whole = project(kpiDashboardHistory, events).get(ID)!;
    expect(dashboardStateOf(viaJson(whole), [])).toEqual(foldKpiDashboard(events));
    expect(dashboardStateOf(docs.get(ID) as DashboardShell, members)).toEqual(foldKpiDashboard(events));
  });

  it('kpiDashboardOf under other thresholds recomputes every status (what-if), leaving values alone', () => {
    const events = [...coDesignDone(), shortKpi(), measurementRecorded('2025-Q1', 30, 'k-half')];
    const live = kpiDashboardOf(events).effects[0].kpis.find((k) => k.id === 'k-half')!;
    const whatIf = kpiDashboardOf(events, { tolerance: 0.2 }).effects[0].kpis.find((k) => k.id === 'k-half')!;
    expect([live.status, whatIf.status]).toEqual(['at-risk', 'on-track']);
    expect(whatIf.statusHistory[0].status).toBe('on-track');
    expect(kpiDashboardOf(events, { tolerance: 0.2 }).thresholds).toEqual({ tolerance: 0.2, riskTolerance: 0.25 });
  });

  it('an empty log gives an empty dashboard', () => {
    expect(kpiDashboardOf([])).toMatchObject({ initiativeId: null, attainment: null, effects: [] });
  });

  it('ignores events that do not touch the dashboard (the document stays the same object)', () => {
    const doc = project(kpiDashboardProjection, historyIn('pilot')).get(ID)!;
    const lesson = event('LessonRecorded', { lessonId: 'l-1', lesson: 'talk early' });
    const [stored] = storedEvents([lesson]);
    expect(kpiDashboardProjection.documentIds(lesson, stored)).toEqual([]);
    expect(kpiDashboardProjection.reduce(doc, lesson, stored, ID)).toBe(doc);
  });
});
