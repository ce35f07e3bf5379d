import type { KpiDirection, KpiFrequency, PartnerRole, Phase, PilotOutcome, ReturnPhase, Verdict } from '../../../events';

/**
 * Every command carries the initiative it is for and `now`, the ISO-8601 domain time from the
 * app's injected clock, plus every id the handler generated: the decider never reads a clock and
 * never invents an id, so deciding twice gives the same events.
 */
type Command<T extends string, D = unknown> = { type: T; initiativeId: string; now: string } & D;

export type StartInitiative = Command<
  'StartInitiative',
  {
    title: string;
    problemArea: string;
    regisseurPartnerId: string;
    regisseurPartnerName: string;
    /** the regisseur's core competence; 'network direction' when not given */
    regisseurCompetence?: string;
  }
>;
export type JoinPartner = Command<
  'JoinPartner',
  {
    partnerId: string;
    partnerName: string;
    role: PartnerRole;
    competence: string;
  }
>;
export type RemovePartner = Command<'RemovePartner', { partnerId: string }>;

export type SharePerspective = Command<'SharePerspective', { partnerId: string; summary: string }>;
export type AgreeSharedPicture = Command<'AgreeSharedPicture', { summary: string }>;
export type ConfirmUrgency = Command<'ConfirmUrgency', { partnerId: string }>;

export type AgreeProblemDefinition = Command<'AgreeProblemDefinition', { statement: string }>;
export type DefineDesiredEffect = Command<'DefineDesiredEffect', { effectId: string; description: string }>;
export type StateIntent = Command<'StateIntent', { statement: string }>;

export type AddBuildingBlock = Command<'AddBuildingBlock', { blockId: string; partnerId: string; description: string }>;
export type CommitContribution = Command<
  'CommitContribution',
  {
    contributionId: string;
    partnerId: string;
    description: string;
    hoursPerMonth?: number;
  }
>;
export type DefineKpi = Command<
  'DefineKpi',
  {
    kpiId: string;
    name: string;
    effectId: string;
    ownerPartnerId: string;
    unit: string;
    direction: KpiDirection;
    baseline: number;
    target: number;
    /** YYYY-MM-DD */
    targetDate: string;
    frequency: KpiFrequency;
  }
>;
export type ReviseKpiTarget = Command<
  'ReviseKpiTarget',
  {
    kpiId: string;
    target: number;
    /** keeps the current target date when left out */ targetDate?: string;
    reason: string;
  }
>;
export type DraftCovenant = Command<
  'DraftCovenant',
  {
    purposes: string[];
    dataCategories: string[];
    legalBasis: string;
    retentionMonths: number;
  }
>;
export type SignCovenant = Command<'SignCovenant', { partnerId: string; version: number }>;
export type ArrangeTechnology = Command<'ArrangeTechnology', { description: string }>;

export type StartPilot = Command<'StartPilot', { scope: string; startsOn: string; endsOn: string }>;
export type RecordPilotCase = Command<
  'RecordPilotCase',
  {
    caseId: string;
    caseRef: string;
    partnerIds: string[];
    learning: string;
  }
>;
export type RecordLesson = Command<'RecordLesson', { lessonId: string; lesson: string }>;
export type EvaluatePilot = Command<'EvaluatePilot', { outcome: PilotOutcome; rationale: string }>;
export type RecordMeasurement = Command<
  'RecordMeasurement',
  {
    kpiId: string;
    period: string;
    value: number;
    partnerId: string;
    note?: string;
  }
>;

export type PlanRolloutWave = Command<'PlanRolloutWave', { waveId: string; partnerIds: string[]; plannedStart: string }>;
export type CompleteRolloutWave = Command<'CompleteRolloutWave', { waveId: string }>;
export type AppointAmbassador = Command<'AppointAmbassador', { partnerId: string; role: string }>;

export type ScheduleReview = Command<
  'ScheduleReview',
  {
    reviewId: string;
    /** YYYY-MM-DD */
    dueOn: string;
    /** 'cadence' in re-legitimise and 'early review' before it, when left out */
    reason?: string;
    /** the KPI that went off track, with reason 'kpi-off-track' */
    kpiId?: string;
  }
>;
export type ConcludeReview = Command<
  'ConcludeReview',
  {
    reviewId: string;
    verdict: Verdict;
    rationale: string;
    returnTo?: ReturnPhase;
    decidedBy: { sub: string; partner?: string | null };
    /** the KPI dashboard as the steering group saw it; stored as is */
    evidence: unknown;
  }
>;

/** Destroys the data keys of free text whose covenant retention ran out (crypto-shredding). */
export type EraseFreeText = Command<'EraseFreeText', { reason: string }>;

export type Advance = Command<'Advance', { to: Phase }>;
export type Return = Command<'Return', { to: Phase; reason: string }>;

export type InitiativeCommand =
  | StartInitiative
  | JoinPartner
  | RemovePartner
  | SharePerspective
  | AgreeSharedPicture
  | ConfirmUrgency
  | AgreeProblemDefinition
  | DefineDesiredEffect
  | StateIntent
  | AddBuildingBlock
  | CommitContribution
  | DefineKpi
  | ReviseKpiTarget
  | DraftCovenant
  | SignCovenant
  | ArrangeTechnology
  | StartPilot
  | RecordPilotCase
  | RecordLesson
  | EvaluatePilot
  | RecordMeasurement
  | PlanRolloutWave
  | CompleteRolloutWave
  | AppointAmbassador
  | ScheduleReview
  | ConcludeReview
  | Advance
  | Return
  | EraseFreeText;

export type InitiativeCommandType = InitiativeCommand['type'];
export type InitiativeCommandOf<T extends InitiativeCommandType> = Extract<InitiativeCommand, { type: T }>;
