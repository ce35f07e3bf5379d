import { ERASED_TEXT, FREE_TEXT_FIELDS, mapTextAt, type ReturnPhase, type Verdict } from '../../../../events';
import type { InitiativeState } from '../../../initiative/src';
import type { Projection } from '../projection';
import { eventFilter, type EventFilter, type Reads } from '../event-filter';
import { emptySlice, foldSlice, MEMBERSHIP, PHASE_MOVES } from '../slice';
import { isOverdue, reviewStatus, type ReviewStatus } from './portfolio.projection';

/** Who may see the reviews, the phase (a dissolved initiative's open reviews are cancelled), the reviews. */
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
  ReviewScheduled: true,
  ReviewConcluded: true,
  PhaseAdvanced: true,
  PhaseReturned: true,
  InitiativeDissolved: true,
  FreeTextErased: true,
} satisfies EventFilter & Reads<typeof MEMBERSHIP.table> & Reads<typeof PHASE_MOVES.table>);

/**
 * The right-to-exist reviews of one initiative. The evidence is the KPI dashboard that the
 * verdict froze into ReviewConcluded: shown as stored, never recomputed, so later readers see
 * what the steering group saw.
 */
export interface ReviewsDoc {
  initiativeId: string;
  /** membership, phase and reviews, folded by the decider's evolve */
  state: InitiativeState;
  evidence: Record<string, unknown>;
}

export const reviewsProjection: Projection<ReviewsDoc> = {
  name: 'reviews',
  oneStreamPerDocument: true,
  version: 1,
  documentIds: (event) => (SLICE.reads(event) ? [event.data.initiativeId] : []),
  reduce(doc, event) {
    if (event.type === 'PartnerRegistered') return doc ?? null;
    const state = foldSlice(SLICE, doc?.state ?? emptySlice(), event);
    if (!state.started) return null;
    const evidence =
      event.type === 'ReviewConcluded'
        ? { ...doc?.evidence, [event.data.reviewId]: event.data.evidence ?? null }
        : event.type === 'FreeTextErased' && event.data.initiativeText
          ? erasedEvidence(doc?.evidence ?? {})
          : (doc?.evidence ?? {});
    return { initiativeId: state.id, state, evidence };
  },
};

/** Where the frozen evidence holds prose (the target revisions' reasons), as the catalogue seals it inside ReviewConcluded. */
const EVIDENCE_TEXT = FREE_TEXT_FIELDS.ReviewConcluded.filter((f) => f.path[0] === 'evidence').map((f) => f.path.slice(1));

const erasedEvidence = (evidence: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(evidence).map(([reviewId, frozen]) => [reviewId, EVIDENCE_TEXT.reduce((e, path) => mapTextAt(e, path, () => ERASED_TEXT), frozen)]),
  );

export interface ReviewItem {
  id: string;
  dueOn: string;
  reason: string;
  kpiId: string | null;
  scheduledAt: string;
  status: ReviewStatus;
  overdue: boolean;
  verdict: Verdict | null;
  rationale: string | null;
  returnTo: ReturnPhase | null;
  decidedBy: { sub: string; partner: string | null } | null;
  decidedAt: string | null;
  /** the KPI dashboard as it was at the verdict; null until concluded */
  evidence: unknown;
}

/** The reviews in the order they were scheduled; `overdue` by the given clock, never after dissolution. */
export function reviewsOf(doc: ReviewsDoc, now: Date): ReviewItem[] {
  const state = doc.state;
  if (!state.started) return [];
  return state.reviews.map((r) => ({
    id: r.id,
    dueOn: r.dueOn,
    reason: r.reason,
    kpiId: r.kpiId,
    scheduledAt: r.scheduledAt,
    status: reviewStatus(r, state),
    overdue: isOverdue(r, state, now),
    verdict: r.verdict,
    rationale: r.rationale,
    returnTo: r.returnTo,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    evidence: r.verdict === null ? null : (doc.evidence[r.id] ?? null),
  }));
}
