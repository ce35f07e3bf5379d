import type { RegieEvent } from './regie-event';

export type EventType = RegieEvent['type'];
export type EventOfType<T extends EventType> = Extract<RegieEvent, { type: T }>;

/**
 * The schema version each event type is written in today. The mapped type makes the compiler
 * refuse a missing, extra or stale entry, so this map cannot drift from the type definitions.
 */
export const SCHEMA_VERSIONS: { readonly [E in RegieEvent as E['type']]: E['schemaVersion'] } = {
  PartnerRegistered: 1,
  InitiativeStarted: 1,
  PartnerJoined: 1,
  PartnerLeft: 1,
  PerspectiveShared: 1,
  SharedPictureAgreed: 1,
  UrgencyConfirmed: 1,
  ProblemDefinitionAgreed: 1,
  DesiredEffectDefined: 1,
  IntentStated: 1,
  BuildingBlockAdded: 1,
  ContributionCommitted: 1,
  KpiDefined: 1,
  KpiTargetRevised: 1,
  CovenantVersionDrafted: 1,
  CovenantSigned: 1,
  TechnologyArranged: 1,
  PilotStarted: 1,
  PilotCaseRecorded: 1,
  LessonRecorded: 1,
  PilotEvaluated: 1,
  MeasurementRecorded: 1,
  RolloutWavePlanned: 1,
  RolloutWaveCompleted: 1,
  AmbassadorAppointed: 1,
  ReviewScheduled: 1,
  ReviewConcluded: 1,
  PhaseAdvanced: 1,
  PhaseReturned: 1,
  InitiativeDissolved: 1,
  FreeTextErased: 1,
};

export const EVENT_TYPES = Object.keys(SCHEMA_VERSIONS) as EventType[];

export const isEventType = (type: string): type is EventType => Object.prototype.hasOwnProperty.call(SCHEMA_VERSIONS, type);
