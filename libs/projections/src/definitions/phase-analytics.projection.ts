import { PHASES, type Phase } from '../../../../events';
import { isVisible, type Actor, type InitiativeState } from '../../../initiative/src';
import { DAY_MS } from '../kpi/period';
import type { Projection } from '../projection';
import { eventFilter, type EventFilter, type Reads } from '../event-filter';
import { emptySlice, foldSlice, MEMBERSHIP, PHASE_MOVES } from '../slice';

/** Who may see the initiative, and its moves through the phases. */
const SLICE = eventFilter({
  PartnerRegistered: false,
  InitiativeStarted: true,
  PartnerJoined: true,
  PartnerLeft: true,
  PerspectiveShared: false,
  SharedPictureAgreed: false,
  UrgencyConfirmed: false,
  ProblemDefinitionAgreed: false,
  DesiredEffectDefined: false,
  IntentStated: false,
  BuildingBlockAdded: false,
  ContributionCommitted: false,
  KpiDefined: false,
  KpiTargetRevised: false,
  MeasurementRecorded: false,
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
  FreeTextErased: true,
} satisfies EventFilter & Reads<typeof MEMBERSHIP.table> & Reads<typeof PHASE_MOVES.table>);

/** Per initiative: its stays in each phase (domain time), as evolve records them, and who takes part. */
export interface PhaseHistoryDoc {
  initiativeId: string;
  state: InitiativeState;
}

export const phaseAnalyticsProjection: Projection<PhaseHistoryDoc> = {
  name: 'phase-analytics',
  oneStreamPerDocument: true,
  version: 1,
  documentIds: (event) => (SLICE.reads(event) ? [event.data.initiativeId] : []),
  reduce(doc, event) {
    const state = foldSlice(SLICE, doc?.state ?? emptySlice(), event);
    return state.started ? { initiativeId: state.id, state } : null;
  },
};

export interface PhaseDuration {
  phase: Phase;
  /** initiatives that left this phase at least once */
  passed: number;
  /** days spent in the phase per initiative that passed it (all its completed stays summed) */
  medianDays: number | null;
  meanDays: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Per phase of the method, over the initiatives the actor may see: how many passed it, and the
 * median and mean days they spent in it. A stay that has not ended does not count: the phase is
 * not passed yet. An initiative that went back and passed a phase twice counts once, with both
 * stays added up. `dissolved` is never left and is not listed.
 */
export function phaseDurationsOf(docs: PhaseHistoryDoc[], actor: Actor): PhaseDuration[] {
  const days = new Map<Phase, number[]>();
  for (const doc of docs) {
    if (!doc.state.started || !isVisible(doc.state, actor)) continue;
    const perPhase = new Map<Phase, number>();
    for (const stay of doc.state.phaseHistory) {
      if (stay.leftAt === null) continue;
      perPhase.set(stay.phase, (perPhase.get(stay.phase) ?? 0) + (Date.parse(stay.leftAt) - Date.parse(stay.enteredAt)) / DAY_MS);
    }
    for (const [phase, d] of perPhase) days.set(phase, [...(days.get(phase) ?? []), d]);
  }
  return PHASES.filter((p) => p !== 'dissolved').map((phase) => {
    const values = days.get(phase) ?? [];
    const m = median(values);
    return {
      phase,
      passed: values.length,
      medianDays: m === null ? null : round2(m),
      meanDays: values.length ? round2(values.reduce((a, b) => a + b, 0) / values.length) : null,
    };
  });
}
