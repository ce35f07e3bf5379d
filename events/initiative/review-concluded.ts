import type { Recorded } from '../recorded';
import type { ReturnPhase, Verdict } from '../vocabulary';

/**
 * The steering group's verdict on a review. `evidence` is the KPI dashboard exactly as the
 * steering group saw it, frozen here so later readers see the same.
 */
export type ReviewConcluded = Recorded<
  'ReviewConcluded',
  1,
  {
    initiativeId: string;
    reviewId: string;
    verdict: Verdict;
    rationale: string;
    /** only with `adjust` */
    returnTo?: ReturnPhase;
    decidedBy: { sub: string; partner: string | null };
    evidence: unknown;
    occurredAt: string;
  }
>;
