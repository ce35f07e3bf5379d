/**
 * The KPI evidence a steering group sees when it gives a verdict, computed from the initiative's
 * own events the way domain.md defines it (attainment, expected, status; means per desired effect
 * and overall). It has the shape of the KPI dashboard in api.md, so the frozen evidence in a
 * review reads like the dashboard did that day.
 *
 * When libs/projections provides the real dashboard (`kpiDashboardOf`), the demo freezes that
 * instead; this summary is the fallback until then, and what the demo's tests reason with.
 */

export interface EventLike {
  type: string;
  data: Record<string, unknown>;
}

export type KpiStatus = 'no-data' | 'achieved' | 'on-track' | 'at-risk' | 'off-track';

export interface KpiEvidence {
  id: string;
  name: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baseline: number;
  target: number;
  targetDate: string;
  series: Array<{ period: string; value: number }>;
  latest: number | null;
  attainment: number | null;
  expected: number | null;
  status: KpiStatus;
}

export interface KpiDashboardEvidence {
  source: 'demo-kpi-summary';
  attainment: number | null;
  effects: Array<{ id: string; description: string; attainment: number | null; kpis: KpiEvidence[] }>;
}

export const TOLERANCE = 0.1;
export const RISK_TOLERANCE = 0.25;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round = (x: number) => Math.round(x * 1000) / 1000;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** [start, end) of a period in UTC milliseconds: 'YYYY', 'YYYY-Qn' or 'YYYY-MM'. */
export function periodBounds(period: string): [number, number] {
  const year = Number(period.slice(0, 4));
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  const month = /^\d{4}-(\d{2})$/.exec(period);
  if (quarter) {
    const first = (Number(quarter[1]) - 1) * 3;
    return [Date.UTC(year, first, 1), Date.UTC(year, first + 3, 1)];
  }
  if (month) {
    const m = Number(month[1]) - 1;
    return [Date.UTC(year, m, 1), Date.UTC(year, m + 1, 1)];
  }
  return [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)];
}

interface KpiState {
  id: string; name: string; effectId: string; unit: string; direction: 'increase' | 'decrease';
  baseline: number; target: number; targetDate: string; values: Map<string, number>;
}

function statusOf(kpi: KpiState, periods: string[]): Pick<KpiEvidence, 'latest' | 'attainment' | 'expected' | 'status'> {
  if (!periods.length) return { latest: null, attainment: null, expected: null, status: 'no-data' };
  const latest = kpi.values.get(periods[periods.length - 1])!;
  const attainment = clamp01((latest - kpi.baseline) / (kpi.target - kpi.baseline));
  const start = periodBounds(periods[0])[0];
  const end = periodBounds(periods[periods.length - 1])[1];
  const targetAt = Date.parse(`${kpi.targetDate}T00:00:00Z`);
  const expected = targetAt <= start ? 1 : clamp01((end - start) / (targetAt - start));
  const status: KpiStatus =
    attainment >= 1 ? 'achieved'
      : attainment >= expected - TOLERANCE ? 'on-track'
        : attainment >= expected - RISK_TOLERANCE ? 'at-risk'
          : 'off-track';
  return { latest, attainment: round(attainment), expected: round(expected), status };
}

function fold(events: readonly EventLike[]) {
  const effects: Array<{ id: string; description: string }> = [];
  const kpis = new Map<string, KpiState>();
  for (const { type, data } of events) {
    const d = data as any;
    if (type === 'DesiredEffectDefined') effects.push({ id: d.effectId, description: d.description });
    if (type === 'KpiDefined') {
      kpis.set(d.kpiId, {
        id: d.kpiId, name: d.name, effectId: d.effectId, unit: d.unit, direction: d.direction,
        baseline: d.baseline, target: d.target, targetDate: d.targetDate, values: new Map(),
      });
    }
    if (type === 'KpiTargetRevised') {
      const kpi = kpis.get(d.kpiId);
      if (kpi) Object.assign(kpi, { target: d.target, targetDate: d.targetDate });
    }
    // A second value for the same period corrects the first.
    if (type === 'MeasurementRecorded') kpis.get(d.kpiId)?.values.set(d.period, d.value);
  }
  return { effects, kpis: [...kpis.values()] };
}

/** The dashboard as the initiative's events make it now. */
export function kpiSummaryOf(events: readonly EventLike[]): KpiDashboardEvidence {
  const { effects, kpis } = fold(events);
  const effectViews = effects.map((effect) => {
    const views: KpiEvidence[] = kpis.filter((k) => k.effectId === effect.id).map((kpi) => {
      const periods = [...kpi.values.keys()].sort();
      return {
        id: kpi.id, name: kpi.name, unit: kpi.unit, direction: kpi.direction, baseline: kpi.baseline,
        target: kpi.target, targetDate: kpi.targetDate,
        series: periods.map((period) => ({ period, value: kpi.values.get(period)! })),
        ...statusOf(kpi, periods),
      };
    });
    const attainment = mean(views.filter((v) => v.attainment !== null).map((v) => v.attainment!));
    return { ...effect, attainment: attainment === null ? null : round(attainment), kpis: views };
  });
  const overall = mean(effectViews.filter((e) => e.attainment !== null).map((e) => e.attainment!));
  return { source: 'demo-kpi-summary', attainment: overall === null ? null : round(overall), effects: effectViews };
}

/**
 * Each KPI's status right after each measured period, with the targets in force when the period
 * was reported: what the "two consecutive off-track periods" rule looks at.
 */
export function statusHistory(events: readonly EventLike[]): Map<string, Array<{ period: string; status: KpiStatus }>> {
  const history = new Map<string, Array<{ period: string; status: KpiStatus }>>();
  events.forEach((event, i) => {
    if (event.type !== 'MeasurementRecorded' || (event.data as any).corrects) return;
    const kpiId = (event.data as any).kpiId as string;
    const { kpis } = fold(events.slice(0, i + 1));
    const kpi = kpis.find((k) => k.id === kpiId)!;
    const { status } = statusOf(kpi, [...kpi.values.keys()].sort());
    history.set(kpiId, [...(history.get(kpiId) ?? []), { period: (event.data as any).period, status }]);
  });
  return history;
}

type SharedDashboard = (events: readonly EventLike[]) => unknown;

let shared: SharedDashboard | null | undefined;

/** libs/projections' `kpiDashboardOf`, when another part of Regie has provided it. */
function sharedDashboard(): SharedDashboard | null {
  if (shared !== undefined) return shared;
  try {
    // Looked up at run time: the projections library may not exist yet in this checkout.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require('../../../../libs/projections/src');
    shared = typeof lib?.kpiDashboardOf === 'function' ? (lib.kpiDashboardOf as SharedDashboard) : null;
  } catch {
    shared = null;
  }
  return shared;
}

/** What a review freezes as its evidence: the shared dashboard when there is one, else the summary. */
export function evidenceOf(events: readonly EventLike[]): unknown {
  const dashboard = sharedDashboard();
  if (dashboard) {
    try {
      const view = dashboard(events);
      if (view && typeof view === 'object') return view;
    } catch {
      // A signature the demo does not know yet: fall back to the summary rather than stop the demo.
    }
  }
  return kpiSummaryOf(events);
}
