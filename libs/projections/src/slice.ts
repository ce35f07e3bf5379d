import type { RegieEvent } from '../../../events';
import { evolve, initialState, type InitiativeState } from '../../initiative/src';
import { eventFilter, type EventFilter } from './event-filter';

/**
 * A slice of the initiative state: the decider's own `evolve`, fed only the event types that
 * write the fields a projection needs. Every other field stays at what InitiativeStarted made it
 * and is never read. So the projections ask the domain's questions (`isVisible`,
 * `unmetConditions`, who signed the covenant) of state that the domain itself folded, without
 * keeping every document as large as the whole initiative.
 *
 * A slice is an event filter: each projection declares its own over every event type, and
 * `Reads<typeof MEMBERSHIP.table>` holds it to what the domain questions it asks need.
 */
export interface Slice {
  readonly table: EventFilter;
}

/** Who takes part: all that `isVisible` reads. */
export const MEMBERSHIP = eventFilter({
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
  PhaseAdvanced: false,
  PhaseReturned: false,
  InitiativeDissolved: false,
  FreeTextErased: true,
});

/** Where the initiative is in the method. */
export const PHASE_MOVES = eventFilter({
  PartnerRegistered: false,
  InitiativeStarted: true,
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
});

export const foldSlice = (slice: Slice, state: InitiativeState, event: RegieEvent): InitiativeState =>
  event.type !== 'PartnerRegistered' && slice.table[event.type] ? evolve(state, event) : state;

export const emptySlice = (): InitiativeState => initialState;
