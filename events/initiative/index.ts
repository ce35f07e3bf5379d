import type { InitiativeStarted } from './initiative-started';
import type { PartnerJoined } from './partner-joined';
import type { PartnerLeft } from './partner-left';
import type { PerspectiveShared } from './perspective-shared';
import type { SharedPictureAgreed } from './shared-picture-agreed';
import type { UrgencyConfirmed } from './urgency-confirmed';
import type { ProblemDefinitionAgreed } from './problem-definition-agreed';
import type { DesiredEffectDefined } from './desired-effect-defined';
import type { IntentStated } from './intent-stated';
import type { BuildingBlockAdded } from './building-block-added';
import type { ContributionCommitted } from './contribution-committed';
import type { KpiDefined } from './kpi-defined';
import type { KpiTargetRevised } from './kpi-target-revised';
import type { CovenantVersionDrafted } from './covenant-version-drafted';
import type { CovenantSigned } from './covenant-signed';
import type { TechnologyArranged } from './technology-arranged';
import type { PilotStarted } from './pilot-started';
import type { PilotCaseRecorded } from './pilot-case-recorded';
import type { LessonRecorded } from './lesson-recorded';
import type { PilotEvaluated } from './pilot-evaluated';
import type { MeasurementRecorded } from './measurement-recorded';
import type { RolloutWavePlanned } from './rollout-wave-planned';
import type { RolloutWaveCompleted } from './rollout-wave-completed';
import type { AmbassadorAppointed } from './ambassador-appointed';
import type { ReviewScheduled } from './review-scheduled';
import type { ReviewConcluded } from './review-concluded';
import type { PhaseAdvanced } from './phase-advanced';
import type { PhaseReturned } from './phase-returned';
import type { InitiativeDissolved } from './initiative-dissolved';
import type { FreeTextErased } from './free-text-erased';

export type {
  InitiativeStarted,
  PartnerJoined,
  PartnerLeft,
  PerspectiveShared,
  SharedPictureAgreed,
  UrgencyConfirmed,
  ProblemDefinitionAgreed,
  DesiredEffectDefined,
  IntentStated,
  BuildingBlockAdded,
  ContributionCommitted,
  KpiDefined,
  KpiTargetRevised,
  CovenantVersionDrafted,
  CovenantSigned,
  TechnologyArranged,
  PilotStarted,
  PilotCaseRecorded,
  LessonRecorded,
  PilotEvaluated,
  MeasurementRecorded,
  RolloutWavePlanned,
  RolloutWaveCompleted,
  AmbassadorAppointed,
  ReviewScheduled,
  ReviewConcluded,
  PhaseAdvanced,
  PhaseReturned,
  InitiativeDissolved,
  FreeTextErased,
};

/** Everything that can happen in an initiative's stream (`initiative-<id>`), in the method's order. */
export type InitiativeEvent =
  | InitiativeStarted
  | PartnerJoined
  | PartnerLeft
  // explore
  | PerspectiveShared
  | SharedPictureAgreed
  | UrgencyConfirmed
  // define
  | ProblemDefinitionAgreed
  | DesiredEffectDefined
  | IntentStated
  // co-design
  | BuildingBlockAdded
  | ContributionCommitted
  | KpiDefined
  | KpiTargetRevised
  | CovenantVersionDrafted
  | CovenantSigned
  | TechnologyArranged
  // pilot
  | PilotStarted
  | PilotCaseRecorded
  | LessonRecorded
  | PilotEvaluated
  | MeasurementRecorded
  // integrate
  | RolloutWavePlanned
  | RolloutWaveCompleted
  | AmbassadorAppointed
  // re-legitimise
  | ReviewScheduled
  | ReviewConcluded
  // moving between phases
  | PhaseAdvanced
  | PhaseReturned
  | InitiativeDissolved
  // retention: the covenant's term ran out for some free text
  | FreeTextErased;
