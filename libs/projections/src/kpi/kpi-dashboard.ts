import { caseDayOf, ERASED_TEXT, type InitiativeEvent, type KpiDirection, type KpiFrequency, type RegieEvent } from '../../../../events';
import type { InitiativeState } from '../../../initiative/src';
import type { StoredEvent } from '../../../event-store/src';
import { isStoredEvent, toRegieEvent } from '../projection';
import { emptySlice, foldSlice, MEMBERSHIP } from '../slice';
import { initiativeAttainment, kpiAttainment, kpiExpected, kpiStatus, periodStanding, thresholdsOf, type KpiStatus, type StatusThresholds } from './kpi-math';
import { reportInto } from './series';

// ---------------------------------------------------------------------------------------------
// The fold: what the joint KPI dashboard remembers of an initiative's events.
// ---------------------------------------------------------------------------------------------

export interface TargetRevision {
  target: number;
  targetDate: string;
  /** domain time from which this target applied (the KPI's definition or the revision) */
  from: string;
  /** null for the target the KPI was defined with */
  reason: string | null;
}

/** One measured period: its value after corrections, and its status as the series stands. */
export interface MeasuredPeriod {
  period: string;
  value: number;
  partnerId: string;
  note: string | null;
  /** domain time of the latest report for this period */
  reportedAt: string;
  /** how many times the value was corrected (the log keeps every report) */
  corrections: number;
  /**
   * The period's standing with the target in force when it was (last) reported (a revision
   * applies to periods reported from the revision on; earlier ones keep their status), expected
   * measured from the series' first period: the same in whatever order the periods arrived.
   * This is what the "two consecutive off-track periods" rule reads.
   */
  attainment: number;
  expected: number;
  status: KpiStatus;
  target: number;
  targetDate: string;
}

export interface DashboardKpi {
  id: string;
  name: string;
  effectId: string;
  ownerPartnerId: string;
  unit: string;
  direction: KpiDirection;
  baseline: number;
  target: number;
  targetDate: string;
  frequency: KpiFrequency;
  definedAt: string;
  targetHistory: TargetRevision[];
  /** in period order */
  periods: MeasuredPeriod[];
  latestPeriod: string | null;
  latest: number | null;
  attainment: number | null;
  expected: number | null;
  status: KpiStatus;
}

export interface KpiDashboardState {
  initiativeId: string;
  title: string;
  /** membership, folded by the decider's evolve, for `isVisible` */
  access: InitiativeState;
  effects: Array<{ id: string; description: string }>;
  kpis: DashboardKpi[];
  attainment: number | null;
  /** domain time of the last event that changed the dashboard */
  updatedAt: string;
}

type Standing = Pick<DashboardKpi, 'latestPeriod' | 'latest' | 'attainment' | 'expected' | 'status'>;

// The fold makes a new KPI and a new document for almost every event of a long log. Spelled out
// field by field (not spread) they keep one hidden class: V8's spread of an object whose fields
// changed representation (null → number) takes a slow path that cost a rebuild about a third of
// its time.
const kpiWith = (
  k: DashboardKpi,
  periods: MeasuredPeriod[],
  s: Standing,
  target = k.target,
  targetDate = k.targetDate,
  targetHistory = k.targetHistory,
): DashboardKpi => ({
  id: k.id,
  name: k.name,
  effectId: k.effectId,
  ownerPartnerId: k.ownerPartnerId,
  unit: k.unit,
  direction: k.direction,
  baseline: k.baseline,
  target,
  targetDate,
  frequency: k.frequency,
  definedAt: k.definedAt,
  targetHistory,
  periods,
  latestPeriod: s.latestPeriod,
  latest: s.latest,
  attainment: s.attainment,
  expected: s.expected,
  status: s.status,
});

const docWith = (d: KpiDashboardState, change: Partial<KpiDashboardState>): KpiDashboardState => ({
  initiativeId: d.initiativeId,
  title: d.title,
  access: change.access ?? d.access,
  effects: change.effects ?? d.effects,
  kpis: change.kpis ?? d.kpis,
  attainment: change.attainment !== undefined ? change.attainment : d.attainment,
  updatedAt: change.updatedAt ?? d.updatedAt,
});

const withAttainment = (doc: KpiDashboardState): KpiDashboardState => {
  doc.attainment = initiativeAttainment(doc.effects, doc.kpis).overall;
  return doc;
};

/** The KPI's current standing: its latest period against the target in force now. */
function standingOf(kpi: DashboardKpi, periods: MeasuredPeriod[], thresholds: StatusThresholds) {
  const n = periods.length;
  if (!n) return { latestPeriod: null, latest: null, attainment: null, expected: null, status: 'no-data' as KpiStatus };
  const last = periods[n - 1];
  const attainment = kpiAttainment(last.value, kpi.baseline, kpi.target, kpi.direction);
  const expected = kpiExpected(periods[0].period, last.period, kpi.targetDate);
  return { latestPeriod: last.period, latest: last.value, attainment, expected, status: kpiStatus(attainment, expected, thresholds) };
}

const standing = (kpi: DashboardKpi, thresholds: StatusThresholds): DashboardKpi => kpiWith(kpi, kpi.periods, standingOf(kpi, kpi.periods, thresholds));

/** A KPI as its definition sets it up: no measurement yet. */
export function definedKpi(d: Extract<InitiativeEvent, { type: 'KpiDefined' }>['data'], at: string): DashboardKpi {
  return {
    id: d.kpiId,
    name: d.name,
    effectId: d.effectId,
    ownerPartnerId: d.ownerPartnerId,
    unit: d.unit,
    direction: d.direction,
    baseline: d.baseline,
    target: d.target,
    targetDate: d.targetDate,
    frequency: d.frequency,
    definedAt: at,
    targetHistory: [{ target: d.target, targetDate: d.targetDate, from: at, reason: null }],
    periods: [],
    latestPeriod: null,
    latest: null,
    attainment: null,
    expected: null,
    status: 'no-data',
  };
}

/** The KPI under its revised target: periods keep the target they were reported with, the standing moves. */
export function revisedKpi(
  k: DashboardKpi,
  d: Extract<InitiativeEvent, { type: 'KpiTargetRevised' }>['data'],
  at: string,
  thresholds: StatusThresholds,
): DashboardKpi {
  return standing(
    {
      ...k,
      target: d.target,
      targetDate: d.targetDate,
      targetHistory: [...k.targetHistory, { target: d.target, targetDate: d.targetDate, from: at, reason: d.reason }],
    },
    thresholds,
  );
}

/** The KPI with this report in its series: each period judged as the series now stands. */
export function measured(kpi: DashboardKpi, e: Extract<InitiativeEvent, { type: 'MeasurementRecorded' }>['data'], thresholds: StatusThresholds): DashboardKpi {
  const {
    series: next,
    at,
    replaces,
  } = reportInto(
    kpi.periods,
    e.period,
    (earlier): MeasuredPeriod => ({
      period: e.period,
      value: e.value,
      partnerId: e.partnerId,
      note: e.note ?? null,
      reportedAt: e.occurredAt,
      corrections: earlier ? earlier.corrections + 1 : 0,
      // NaN until judged: a double from the start, so judging does not change the field's representation.
      attainment: NaN,
      expected: NaN,
      status: 'no-data',
      target: kpi.target,
      targetDate: kpi.targetDate,
    }),
    (p, first) => {
      const s = periodStanding(p, first, kpi, thresholds);
      p.attainment = s.attainment;
      p.expected = s.expected;
      p.status = s.status;
    },
  );
  // One new KPI object per measurement: this runs for most events of a long log. A correction
  // of a period before the latest leaves the KPI's standing as it was.
  if (replaces && at < next.length - 1) return kpiWith(kpi, next, kpi);
  if (at === next.length - 1) {
    const last = next[at];
    const attainment = kpiAttainment(last.value, kpi.baseline, kpi.target, kpi.direction);
    const now = kpiExpected(next[0].period, e.period, kpi.targetDate);
    return kpiWith(kpi, next, { latestPeriod: e.period, latest: e.value, attainment, expected: now, status: kpiStatus(attainment, now, thresholds) });
  }
  return kpiWith(kpi, next, standingOf(kpi, next, thresholds));
}

/** The KPI with the notes of the erased days (every note, and the revisions' reasons, once the initiative's text goes) as erased. */
export function erasedIn(k: DashboardKpi, erasure: { initiativeText: boolean; caseDays: readonly string[] }): DashboardKpi {
  const days = new Set(erasure.caseDays);
  const noteGone = (p: MeasuredPeriod) => p.note !== null && (erasure.initiativeText || days.has(caseDayOf(p.reportedAt)));
  return {
    ...k,
    periods: k.periods.map((p) => (noteGone(p) ? { ...p, note: ERASED_TEXT } : p)),
    targetHistory: erasure.initiativeText ? k.targetHistory.map((t) => (t.reason === null ? t : { ...t, reason: ERASED_TEXT })) : k.targetHistory,
  };
}

const mapKpi = (doc: KpiDashboardState, kpiId: string, at: string, change: (k: DashboardKpi) => DashboardKpi): KpiDashboardState => {
  const i = doc.kpis.findIndex((k) => k.id === kpiId);
  if (i < 0) return doc;
  const kpis = doc.kpis.slice();
  const before = kpis[i];
  const after = change(before);
  kpis[i] = after;
  const next = docWith(doc, { kpis, updatedAt: at });
  return after.attainment === before.attainment ? next : withAttainment(next);
};

/**
 * The dashboard's reducer under the given thresholds. Pure: the same events always give the same
 * dashboard; events of other types leave it as it is (the same object).
 */
export function kpiDashboardReducer(options: Partial<StatusThresholds> = {}) {
  const thresholds = thresholdsOf(options);
  return (doc: KpiDashboardState | undefined, event: RegieEvent): KpiDashboardState | undefined => {
    if (event.type === 'InitiativeStarted') {
      return {
        initiativeId: event.data.initiativeId,
        title: event.data.title,
        access: foldSlice(MEMBERSHIP, emptySlice(), event),
        effects: [],
        kpis: [],
        attainment: null,
        updatedAt: event.data.occurredAt,
      };
    }
    if (!doc || event.type === 'PartnerRegistered' || event.data.initiativeId !== doc.initiativeId) return doc;
    const at = event.data.occurredAt;
    switch (event.type) {
      case 'PartnerJoined':
      case 'PartnerLeft':
        return docWith(doc, { access: foldSlice(MEMBERSHIP, doc.access, event) });
      case 'DesiredEffectDefined':
        return withAttainment(docWith(doc, { effects: [...doc.effects, { id: event.data.effectId, description: event.data.description }], updatedAt: at }));
      case 'KpiDefined':
        return withAttainment(docWith(doc, { kpis: [...doc.kpis, definedKpi(event.data, at)], updatedAt: at }));
      case 'KpiTargetRevised':
        return mapKpi(doc, event.data.kpiId, at, (k) => revisedKpi(k, event.data, at, thresholds));
      case 'MeasurementRecorded':
        return mapKpi(doc, event.data.kpiId, at, (k) => measured(k, event.data, thresholds));
      case 'FreeTextErased':
        // Only words go: values, statuses and when the dashboard last moved stay as they were.
        return docWith(doc, { access: foldSlice(MEMBERSHIP, doc.access, event), kpis: doc.kpis.map((k) => erasedIn(k, event.data)) });
      default:
        return doc;
    }
  };
}

// ---------------------------------------------------------------------------------------------
// The view: the dashboard as GET /api/initiatives/:id/kpis answers it and as a review freezes it.
// ---------------------------------------------------------------------------------------------

export interface KpiView {
  id: string;
  name: string;
  unit: string;
  direction: KpiDirection;
  baseline: number;
  target: number;
  targetDate: string;
  frequency: KpiFrequency;
  ownerPartnerId: string;
  series: Array<{ period: string; value: number }>;
  latestPeriod: string | null;
  latest: number | null;
  attainment: number | null;
  expected: number | null;
  status: KpiStatus;
  /** every target the KPI had, oldest first, each with the moment from which it applied */
  targetHistory: TargetRevision[];
  /** per measured period, in period order: its status with the target of the day it was (last) reported */
  statusHistory: Array<{
    period: string;
    value: number;
    attainment: number;
    expected: number;
    status: KpiStatus;
    target: number;
    targetDate: string;
    reportedAt: string;
    corrections: number;
  }>;
}

export interface EffectView {
  id: string;
  description: string;
  attainment: number | null;
  kpis: KpiView[];
}

export interface KpiDashboard {
  initiativeId: string | null;
  title: string | null;
  attainment: number | null;
  effects: EffectView[];
  /** the thresholds the statuses were computed with */
  thresholds: StatusThresholds;
  /** domain time of the last event that changed the dashboard, null when nothing did */
  asOf: string | null;
}

// Binary floating point leaves tails like 0.30000000000000004; six decimals say all there is.
export const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6);

export function kpiView(k: DashboardKpi): KpiView {
  return {
    id: k.id,
    name: k.name,
    unit: k.unit,
    direction: k.direction,
    baseline: k.baseline,
    target: k.target,
    targetDate: k.targetDate,
    frequency: k.frequency,
    ownerPartnerId: k.ownerPartnerId,
    series: k.periods.map((p) => ({ period: p.period, value: p.value })),
    latestPeriod: k.latestPeriod,
    latest: k.latest,
    attainment: round(k.attainment),
    expected: round(k.expected),
    status: k.status,
    targetHistory: k.targetHistory.map((t) => ({ ...t })),
    statusHistory: k.periods.map((p) => ({
      period: p.period,
      value: p.value,
      attainment: round(p.attainment)!,
      expected: round(p.expected)!,
      status: p.status,
      target: p.target,
      targetDate: p.targetDate,
      reportedAt: p.reportedAt,
      corrections: p.corrections,
    })),
  };
}

/** The dashboard document as the API shows it: KPIs under their desired effects. */
export function dashboardView(doc: KpiDashboardState | undefined | null, options: Partial<StatusThresholds> = {}): KpiDashboard {
  const thresholds = thresholdsOf(options);
  if (!doc) return { initiativeId: null, title: null, attainment: null, effects: [], thresholds, asOf: null };
  const { byEffect } = initiativeAttainment(doc.effects, doc.kpis);
  return {
    initiativeId: doc.initiativeId,
    title: doc.title,
    attainment: round(doc.attainment),
    effects: doc.effects.map((e) => ({
      id: e.id,
      description: e.description,
      attainment: round(byEffect.get(e.id) ?? null),
      kpis: doc.kpis.filter((k) => k.effectId === e.id).map(kpiView),
    })),
    thresholds,
    asOf: doc.updatedAt,
  };
}

/**
 * The joint KPI dashboard of one initiative as a pure fold over its events, in stream order:
 * domain events or stored ones (upcast like the write side reads them). Stable API: the review
 * verdict freezes `kpiDashboardOf(loadedStream)` into ReviewConcluded.evidence, and what-if and
 * as-of views fold a filtered or re-thresholded log through it. The live projection runs this
 * very reducer, so both always agree.
 */
export function kpiDashboardOf(events: ReadonlyArray<RegieEvent | StoredEvent>, options: Partial<StatusThresholds> = {}): KpiDashboard {
  return dashboardView(foldKpiDashboard(events, options), options);
}

/** The fold behind kpiDashboardOf, for callers that need the per-period detail. */
export function foldKpiDashboard(events: ReadonlyArray<RegieEvent | StoredEvent>, options: Partial<StatusThresholds> = {}): KpiDashboardState | undefined {
  const reduce = kpiDashboardReducer(options);
  let doc: KpiDashboardState | undefined;
  for (const e of events) {
    const event = isStoredEvent(e) ? toRegieEvent(e) : e;
    // One initiative's stream: the first InitiativeStarted fixes which one.
    if (doc && event.type === 'InitiativeStarted' && event.data.initiativeId !== doc.initiativeId) continue;
    doc = reduce(doc, event);
  }
  return doc;
}
