import type { KpiDirection, KpiFrequency, PartnerRole, Phase, PilotOutcome, ReturnPhase, Verdict } from '../../../events';

// Every `…At` is the ISO-8601 domain time of the event that set it; dates without a time
// (targetDate, startsOn, dueOn …) are YYYY-MM-DD.

export interface InitiativePartner {
  partnerId: string;
  name: string;
  role: PartnerRole;
  competence: string;
  /** a partner that left stays listed, inactive, and no longer counts in any gate */
  active: boolean;
  joinedAt: string;
  leftAt: string | null;
}

export interface Kpi {
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
  /** every period with a value, in order; the dashboard projection holds the values */
  measuredPeriods: string[];
  targetRevisions: Array<{
    target: number;
    targetDate: string;
    previousTarget: number;
    previousTargetDate: string;
    reason: string;
    revisedAt: string;
  }>;
}

export interface Covenant {
  version: number;
  purposes: string[];
  dataCategories: string[];
  legalBasis: string;
  retentionMonths: number;
  draftedAt: string;
  /** active partners that signed this version; a new version starts empty, and a partner that leaves drops out */
  signedBy: string[];
}

export interface Pilot {
  scope: string;
  startsOn: string;
  endsOn: string;
  startedAt: string;
  evaluation: { outcome: PilotOutcome; rationale: string; evaluatedAt: string } | null;
}

export interface Review {
  id: string;
  dueOn: string;
  reason: string;
  kpiId: string | null;
  scheduledAt: string;
  verdict: Verdict | null;
  rationale: string | null;
  returnTo: ReturnPhase | null;
  decidedBy: { sub: string; partner: string | null } | null;
  decidedAt: string | null;
  // The frozen evidence stays in the review's event and the reviews projection: the decider
  // never needs it and the initiative document stays small.
}

export interface RolloutWave {
  id: string;
  partnerIds: string[];
  plannedStart: string;
  plannedAt: string;
  completedAt: string | null;
}

export interface PhaseStay {
  phase: Phase;
  enteredAt: string;
  leftAt: string | null;
}

/** An initiative as its events made it: what `GET /api/initiatives/:id` shows (plus `revision`). */
export interface Initiative {
  started: true;
  id: string;
  title: string;
  problemArea: string;
  /** the partner that started it; every active partner with role `regisseur` directs it */
  regisseurPartnerId: string;
  phase: Phase;
  startedAt: string;
  phaseEnteredAt: string;
  phaseHistory: PhaseStay[];
  partners: InitiativePartner[];
  perspectives: Array<{ partnerId: string; summary: string; sharedAt: string }>;
  sharedPicture: { summary: string; agreedAt: string } | null;
  urgencyConfirmations: Array<{ partnerId: string; confirmedAt: string }>;
  problemDefinition: { statement: string; agreedAt: string } | null;
  desiredEffects: Array<{ id: string; description: string; definedAt: string }>;
  intent: { statement: string; statedAt: string } | null;
  buildingBlocks: Array<{ id: string; partnerId: string; description: string; addedAt: string }>;
  contributions: Array<{
    id: string;
    partnerId: string;
    description: string;
    hoursPerMonth: number | null;
    committedAt: string;
  }>;
  kpis: Kpi[];
  covenant: Covenant | null;
  technology: Array<{ description: string; arrangedAt: string }>;
  pilot: Pilot | null;
  /** pilots cleared by a return to define or co-design, oldest first */
  previousPilots: Pilot[];
  pilotCases: Array<{ id: string; caseRef: string; partnerIds: string[]; learning: string; recordedAt: string }>;
  lessons: Array<{ id: string; lesson: string; recordedAt: string }>;
  rolloutWaves: RolloutWave[];
  ambassadors: Array<{ partnerId: string; role: string; appointedAt: string }>;
  reviews: Review[];
  dissolution: { reason: string; reviewId: string | null; dissolvedAt: string } | null;
  // The two below are absent until first set, so that documents folded before they existed read the same.
  /** the days (YYYY-MM-DD, UTC) with pilot cases or measurement notes, each erasable on its own */
  caseTextDays?: string[];
  /** every erasure of free text, oldest first */
  erasures?: Erasure[];
}

/** Free text whose covenant retention ran out and whose data keys were destroyed. */
export interface Erasure {
  /** everything the initiative wrote (after dissolution); otherwise only the case days */
  initiativeText: boolean;
  caseDays: string[];
  retentionMonths: number;
  reason: string;
  erasedAt: string;
}

export interface NoInitiative {
  started: false;
}

export type InitiativeState = NoInitiative | Initiative;

export const initialState: InitiativeState = { started: false };
