import type { KpiDirection, Phase, RegieEvent } from '../../../../events';
import { KPI_OFF_TRACK, PHASE_RULES } from '../../../initiative/src';
import { DEFAULT_THRESHOLDS, periodStanding, type KpiStatus } from '../kpi/kpi-math';
import { periodSpan } from '../kpi/period';
import { kpiSeriesId } from '../kpi/kpi-dashboard-documents';
import { reportInto } from '../kpi/series';
import { eventFilter, type EventFilter } from '../event-filter';
import type { ProcessManager } from '../projection';

/** What the saga asks the write side for: an early right-to-exist review because of this KPI. */
export interface EarlyReviewRequest {
  initiativeId: string;
  kpiId: string;
  reason: typeof KPI_OFF_TRACK;
  /**
   * the off-track periods in a row that called for it (when a late first period moves every
   * status and two new streaks appear at once, one request names the periods of both)
   */
  streak: string[];
  /** the MeasurementRecorded that made the streak two long: the request's causation and idempotency handle */
  triggeringEventId: string;
  /** domain time of that MeasurementRecorded: the early review is due counting from it, not from when it is dispatched */
  triggeredAt: string;
}

/** A measured period as the saga keeps it: what judging it takes, and the status it got. */
export interface WatchedPeriod {
  period: string;
  value: number;
  /** the target in force when the period was (last) reported */
  target: number;
  targetDate: string;
  status: KpiStatus;
}

/**
 * What the saga keeps of a KPI: what the dashboard judges its periods with, and no more. The
 * dashboard's document also holds notes, reporters, corrections and shares; a copy of it made the
 * saga's memory as big as the dashboard's read model.
 */
export interface WatchedKpi {
  id: string;
  baseline: number;
  direction: KpiDirection;
  target: number;
  targetDate: string;
  /** in period order */
  periods: WatchedPeriod[];
}

/**
 * The saga's memory of one KPI. One document per KPI, not per initiative: a measurement changes
 * one KPI, and an initiative's document with every KPI's series (30 KB at a million events) was
 * rewritten on the request thread for every measurement, as the dashboard's once was.
 */
export interface KpiOffTrackDoc {
  initiativeId: string;
  /** the initiative's phase, from the KPI's definition on (KPI_DEFINED_IN) */
  phase: Phase;
  kpi: WatchedKpi;
  /** every period of an off-track streak that already has its review request */
  covered: string[];
  /** every request made for this KPI, oldest first */
  requests: EarlyReviewRequest[];
}

/** The KPI series whose streaks call for a review, and the phase moves (reviews are held from the pilot on). */
const READS = eventFilter({
  PartnerRegistered: false,
  InitiativeStarted: false,
  PartnerJoined: false,
  PartnerLeft: false,
  PerspectiveShared: false,
  SharedPictureAgreed: false,
  UrgencyConfirmed: false,
  ProblemDefinitionAgreed: false,
  DesiredEffectDefined: false,
  IntentStated: false,
  BuildingBlockAdded: false,
  ContributionCommitted: false,
  KpiDefined: true,
  KpiTargetRevised: true,
  MeasurementRecorded: true,
  CovenantVersionDrafted: false,
  CovenantSigned: false,
  TechnologyArranged: false,
  PilotStarted: false,
  PilotCaseRecorded: false,
  LessonRecorded: false,
  PilotEvaluated: false,
  RolloutWavePlanned: false,
  RolloutWaveCompleted: false,
  AmbassadorAppointed: false,
  ReviewScheduled: false,
  ReviewConcluded: false,
  PhaseAdvanced: true,
  PhaseReturned: true,
  InitiativeDissolved: true,
  FreeTextErased: false,
} satisfies EventFilter);

/** Reviews can be scheduled from the pilot on: the saga asks only where the decider would agree. */
export const reviewsAllowedIn = (phase: Phase): boolean => PHASE_RULES.ScheduleReview.allowedIn.includes(phase);

/**
 * A KPI's document is made by its definition, which sees none of the phase moves before it. KPIs
 * are defined in one phase only, so that is where its phase starts; later moves reach every KPI
 * of the initiative (familyOf). Were a second phase ever to allow it, this stops the start.
 */
const KPI_DEFINED_IN = (() => {
  const phases = PHASE_RULES.DefineKpi.allowedIn;
  if (phases.length !== 1) throw new Error(`the KPI saga starts a KPI's phase where KPIs are defined, which must be one phase (not ${phases.join(', ')})`);
  return phases[0];
})();

/** The phase an initiative is in after a phase move. */
const phaseAfter = (event: Extract<RegieEvent, { type: 'PhaseAdvanced' | 'PhaseReturned' | 'InitiativeDissolved' }>): Phase =>
  event.type === 'InitiativeDissolved' ? 'dissolved' : event.data.to;

/**
 * Two consecutive off-track periods of a KPI raise an early right-to-exist review (domain.md).
 * "Consecutive" means next to each other in the calendar: 2025-Q1 and 2025-Q3 with 2025-Q2 not
 * reported are not two in a row. The status of a period is the one the dashboard gives it as
 * the series stands (MeasuredPeriod.status), so after every measurement every streak of the KPI
 * is looked at: a late report may join two periods, or, as a new first period, move them all.
 * One request per streak: a third off-track period in a row, or a correction inside the streak,
 * asks nothing new; once a period that is not off-track breaks the streak, the next two in a row
 * ask again.
 */
export const kpiOffTrackSaga: ProcessManager<KpiOffTrackDoc, EarlyReviewRequest> = {
  name: 'kpi-off-track-saga',
  oneStreamPerDocument: true,
  // 2: streaks of calendar-adjacent periods, statuses as the series stands, due date from the trigger
  // 3: keeps only what judging the periods takes, not a copy of the dashboard
  // 4: the KPIs in a list (a record keyed by KPI id made each document a shape of its own)
  // 5: a document per KPI
  version: 5,
  documentIds: (event) => {
    if (!READS.reads(event)) return [];
    switch (event.type) {
      case 'KpiDefined':
      case 'KpiTargetRevised':
      case 'MeasurementRecorded':
        return [kpiSeriesId(event.data.initiativeId, event.data.kpiId)];
      default:
        return [];
    }
  },
  // A phase move reaches every KPI of the initiative.
  familyOf: (event) =>
    READS.reads(event) && (event.type === 'PhaseAdvanced' || event.type === 'PhaseReturned' || event.type === 'InitiativeDissolved')
      ? event.data.initiativeId
      : null,
  reduce(doc, event, stored) {
    if (event.type === 'KpiDefined') {
      const d = event.data;
      const kpi: WatchedKpi = { id: d.kpiId, baseline: d.baseline, direction: d.direction, target: d.target, targetDate: d.targetDate, periods: [] };
      return doc ?? { initiativeId: d.initiativeId, phase: KPI_DEFINED_IN, kpi, covered: [], requests: [] };
    }
    if (!doc) return null;
    switch (event.type) {
      case 'KpiTargetRevised': {
        const { target, targetDate } = event.data;
        return { ...doc, kpi: { ...doc.kpi, target, targetDate } };
      }
      case 'MeasurementRecorded': {
        const { kpi, offTrackMoved, judged } = measured(doc.kpi, event.data);
        // Written out, not spread: a spread that overrides a field runs V8's slow path, and this
        // runs for most events of a long log.
        const next: KpiOffTrackDoc = { initiativeId: doc.initiativeId, phase: doc.phase, kpi, covered: doc.covered, requests: doc.requests };
        // Streaks are made of off-track periods only: where none came or went, they are what they
        // were after the last measurement, which already asked and covered for them.
        return offTrackMoved ? afterMeasurement(doc, next, event, stored.id, judged) : next;
      }
      case 'PhaseAdvanced':
      case 'PhaseReturned':
      case 'InitiativeDissolved':
        return { ...doc, phase: phaseAfter(event) };
      default:
        return doc;
    }
  },
  react(before, after) {
    if (!after) return [];
    return after.requests.slice(before?.requests.length ?? 0);
  },
};

/** Whether a period of a streak was off-track before the measurement (a streak's periods are off-track now). */
function offTrackBefore(previous: KpiOffTrackDoc, judged: Judged, periods: readonly WatchedPeriod[]): (period: string) => boolean {
  if (judged === 'all') {
    const before = new Set(previous.kpi.periods.filter((p) => p.status === 'off-track').map((p) => p.period));
    return (period) => before.has(period);
  }
  // Only the period at `at` was judged: the streak's others stood then as they stand now.
  const changed = periods[judged.at].period;
  return (period) => (period === changed ? judged.wasOffTrack : true);
}

/** What a measurement judged: every period (a new first one), or the one at `at`, which was off-track before or not. */
type Judged = 'all' | { at: number; wasOffTrack: boolean };

/**
 * The KPI with this report in its series, each period judged as the dashboard judges it, and
 * whether a period became or stopped being off-track.
 */
function measured(
  kpi: WatchedKpi,
  e: Extract<RegieEvent, { type: 'MeasurementRecorded' }>['data'],
): { kpi: WatchedKpi; offTrackMoved: boolean; judged: Judged } {
  const { series, at, replaces } = reportInto(
    kpi.periods,
    e.period,
    (): WatchedPeriod => ({ period: e.period, value: e.value, target: kpi.target, targetDate: kpi.targetDate, status: 'no-data' }),
    (p, first) => {
      p.status = periodStanding(p, first, kpi, DEFAULT_THRESHOLDS).status;
    },
  );
  const rejudgedAll = at === 0 && !replaces && series.length > 1;
  const wasOffTrack = replaces && kpi.periods[at].status === 'off-track';
  // A correction that leaves an off-track period off-track leaves every streak as it was.
  const offTrackMoved = rejudgedAll || (series[at].status === 'off-track') !== wasOffTrack;
  const next: WatchedKpi = { id: kpi.id, baseline: kpi.baseline, direction: kpi.direction, target: kpi.target, targetDate: kpi.targetDate, periods: series };
  return { kpi: next, offTrackMoved, judged: rejudgedAll ? 'all' : { at, wasOffTrack } };
}

/** b starts where a ends: the next period of the calendar. */
const adjacent = (a: string, b: string): boolean => periodSpan(a).end === periodSpan(b).start;

/** Runs of two or more off-track periods, each next to the one before in the calendar. */
export function offTrackStreaks(periods: ReadonlyArray<{ period: string; status: string }>): string[][] {
  const streaks: string[][] = [];
  let run: string[] = [];
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i];
    if (p.status !== 'off-track') {
      run = [];
      continue;
    }
    if (run.length && !adjacent(run[run.length - 1], p.period)) run = [];
    run.push(p.period);
    if (run.length === 2) streaks.push(run);
  }
  return streaks;
}

/**
 * The streak offTrackStreaks gives that holds periods[at], if there is one. When a measurement
 * judged only that period again, the other streaks are what they were, already asked and covered
 * for: looking at this one spares a scan of the whole series (hundreds of periods at scale) for
 * every measurement.
 */
export function streakThrough(periods: ReadonlyArray<{ period: string; status: string }>, at: number): string[][] {
  if (periods[at]?.status !== 'off-track') return [];
  const joins = (i: number) => periods[i].status === 'off-track' && periods[i + 1].status === 'off-track' && adjacent(periods[i].period, periods[i + 1].period);
  let first = at;
  while (first > 0 && joins(first - 1)) first--;
  let last = at;
  while (last + 1 < periods.length && joins(last)) last++;
  return last > first ? [periods.slice(first, last + 1).map((p) => p.period)] : [];
}

/**
 * After a measurement: streaks touching a covered period extend the cover; a streak that this
 * measurement made (one of its periods was not off-track before it) asks, when reviews can be
 * held. A streak from before reviews could be held asks only once it grows or changes.
 * When the measurement judged one period, only the streak through it can have changed, and every
 * other period of it stood as it stands now.
 */
function afterMeasurement(
  previous: KpiOffTrackDoc,
  doc: KpiOffTrackDoc,
  event: Extract<RegieEvent, { type: 'MeasurementRecorded' }>,
  eventId: string,
  judged: Judged,
): KpiOffTrackDoc {
  const periods = doc.kpi.periods;
  const streaks = judged === 'all' ? offTrackStreaks(periods) : streakThrough(periods, judged.at);
  if (!streaks.length) return doc;
  const wasOffTrack = offTrackBefore(previous, judged, periods);
  const covered = doc.covered;
  const allowed = reviewsAllowedIn(doc.phase);
  const added: string[] = [];
  const cover = (streak: string[]) => streak.forEach((p) => covered.includes(p) || added.includes(p) || added.push(p));
  const fresh: string[] = [];
  for (const streak of streaks) {
    if (streak.some((p) => covered.includes(p))) cover(streak);
    else if (allowed && streak.some((p) => !wasOffTrack(p))) {
      cover(streak);
      fresh.push(...streak);
    }
  }
  if (!added.length) return doc;
  const next: KpiOffTrackDoc = { ...doc, covered: [...covered, ...added] };
  if (!fresh.length) return next;
  const request: EarlyReviewRequest = {
    initiativeId: doc.initiativeId,
    kpiId: event.data.kpiId,
    reason: KPI_OFF_TRACK,
    streak: fresh,
    triggeringEventId: eventId,
    triggeredAt: event.data.occurredAt,
  };
  return { ...next, requests: [...doc.requests, request] };
}
