import type { RegieEvent } from '../../../../events';
import { KPI_OFF_TRACK, PHASE_RULES, type InitiativeState } from '../../../initiative/src';
import { kpiDashboardReducer, type KpiDashboardState } from '../kpi/kpi-dashboard';
import { DEFAULT_THRESHOLDS } from '../kpi/kpi-math';
import type { ProcessManager } from '../projection';
import { emptySlice, foldSlice, PHASE_MOVES } from '../slice';

/** What the saga asks the write side for: an early right-to-exist review because of this KPI. */
export interface EarlyReviewRequest {
  initiativeId: string;
  kpiId: string;
  reason: typeof KPI_OFF_TRACK;
  /** the off-track periods in a row that called for it */
  streak: string[];
  /** the MeasurementRecorded that made the streak two long: the request's causation and idempotency handle */
  triggeringEventId: string;
}

export interface KpiOffTrackDoc {
  initiativeId: string;
  /** the phase, folded by the decider's evolve */
  state: InitiativeState;
  dashboard: KpiDashboardState;
  /** per KPI: every period of an off-track streak that already has its review request */
  covered: Record<string, string[]>;
  /** every request made, oldest first */
  requests: EarlyReviewRequest[];
}

const RELEVANT = new Set([
  'InitiativeStarted', 'PhaseAdvanced', 'PhaseReturned', 'InitiativeDissolved', 'DesiredEffectDefined',
  'KpiDefined', 'KpiTargetRevised', 'MeasurementRecorded',
]);

const reduceDashboard = kpiDashboardReducer(DEFAULT_THRESHOLDS);

/** Reviews can be scheduled from the pilot on: the saga asks only where the decider would agree. */
export const reviewsAllowedIn = (state: InitiativeState): boolean =>
  state.started && PHASE_RULES.ScheduleReview.allowedIn.includes(state.phase);

/**
 * Two consecutive off-track periods of a KPI raise an early right-to-exist review (domain.md).
 * "Consecutive" means next to each other in the KPI's measured series; the status of a period is
 * the one right after it was reported (MeasuredPeriod.status). One request per streak: a third
 * off-track period in a row, or a correction inside the streak, asks nothing new; once a period
 * that is not off-track breaks the streak, the next two in a row ask again.
 */
export const kpiOffTrackSaga: ProcessManager<KpiOffTrackDoc, EarlyReviewRequest> = {
  name: 'kpi-off-track-saga',
  version: 1,
  documentIds: (event) => (event.type !== 'PartnerRegistered' && RELEVANT.has(event.type) ? [event.data.initiativeId] : []),
  reduce(doc, event, stored) {
    if (event.type === 'InitiativeStarted') {
      return {
        initiativeId: event.data.initiativeId, state: foldSlice(PHASE_MOVES, emptySlice(), event),
        dashboard: reduceDashboard(undefined, event)!, covered: {}, requests: [],
      };
    }
    if (!doc) return null;
    const next: KpiOffTrackDoc = {
      ...doc,
      state: foldSlice(PHASE_MOVES, doc.state, event),
      dashboard: reduceDashboard(doc.dashboard, event) ?? doc.dashboard,
    };
    return event.type === 'MeasurementRecorded' ? afterMeasurement(next, event, stored.id) : next;
  },
  react(before, after) {
    if (!after) return [];
    return after.requests.slice(before?.requests.length ?? 0);
  },
};

function afterMeasurement(doc: KpiOffTrackDoc, event: Extract<RegieEvent, { type: 'MeasurementRecorded' }>, eventId: string): KpiOffTrackDoc {
  const { kpiId, period } = event.data;
  const periods = doc.dashboard.kpis.find((k) => k.id === kpiId)?.periods ?? [];
  const at = periods.findIndex((p) => p.period === period);
  if (at < 0 || periods[at].status !== 'off-track') return doc;
  let first = at;
  while (first > 0 && periods[first - 1].status === 'off-track') first--;
  let last = at;
  while (last < periods.length - 1 && periods[last + 1].status === 'off-track') last++;
  if (last - first + 1 < 2) return doc;
  const streak = periods.slice(first, last + 1).map((p) => p.period);
  const covered = doc.covered[kpiId] ?? [];
  const alreadyAsked = streak.some((p) => covered.includes(p));
  if (!alreadyAsked && !reviewsAllowedIn(doc.state)) return doc;
  const next = { ...doc, covered: { ...doc.covered, [kpiId]: [...new Set([...covered, ...streak])] } };
  if (alreadyAsked) return next;
  return {
    ...next,
    requests: [...doc.requests, { initiativeId: doc.initiativeId, kpiId, reason: KPI_OFF_TRACK, streak, triggeringEventId: eventId }],
  };
}
