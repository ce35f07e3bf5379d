export { initialState } from './initiative.state';
export type {
  Initiative,
  InitiativeState,
  NoInitiative,
  InitiativePartner,
  Kpi,
  Covenant,
  Pilot,
  Review,
  RolloutWave,
  PhaseStay,
  Erasure,
} from './initiative.state';
export { erasableAt, nextErasure, monthsAfter, caseDayExpiry } from './retention';
export type { ErasableText } from './retention';
export type * from './initiative.commands';
export { evolve } from './initiative.evolve';
export { decide } from './initiative.decide';
export { findingCode, gateFor, unmetConditions } from './gates';
export type { Gate, GateCondition, GateFinding } from './gates';
export { GATE_FINDING_CODES, type GateFindingCode } from './gate-finding-codes';
export { FIELD_ERROR_CODES, type FieldErrorCode } from './field-error-codes';
export { nextPhase } from './phases';
export { PHASE_RULES } from './phase-rules';
export { periodFits } from './period';
export { hasMeasured } from './measured-periods';
export { hasLoneSurrogate } from './free-text';
export { KPI_OFF_TRACK } from './decisions/reviews.decisions';
export {
  DomainError,
  InitiativeNotFound,
  WrongPhase,
  GateNotMet,
  UnknownPartner,
  UnknownReference,
  AlreadyExists,
  ReviewAlreadyConcluded,
  RuleViolated,
  PeriodDoesNotFit,
  PersonalDataRefused,
  Forbidden,
} from './domain-errors';
export { ROLES, isVisible, seesEveryInitiative, authorize, authorizePartnerRegistration } from './access.policy';
export { activePartners } from './partners';
export type { Role, Actor, Partakers } from './access.policy';
export { initialPartnerState, evolvePartner, decidePartner } from './partner-registry';
export type { RegisterPartner, PartnerCommand, PartnerState } from './partner-registry';
