import type { Recorded } from '../recorded';

/**
 * A right-to-exist review is due. `reason` is 'cadence', 'kpi-off-track' (then `kpiId` says which
 * KPI went off track) or free text for an early review.
 */
export type ReviewScheduled = Recorded<
  'ReviewScheduled',
  1,
  {
    initiativeId: string;
    reviewId: string;
    /** YYYY-MM-DD */
    dueOn: string;
    reason: string;
    kpiId?: string;
    occurredAt: string;
  }
>;
