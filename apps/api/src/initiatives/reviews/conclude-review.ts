import type { ReturnPhase, Verdict } from '../../../../../events';
import { kpiDashboardOf } from '../../../../../libs/projections/src';
import type { RequestContext } from '../../write/request-context';
import type { CommandRoute } from '../shared/initiative-commands';
import { requireInPath } from '../shared/path-refs';

export interface ConcludeReviewRequest {
  initiativeId: string;
  reviewId: string;
  verdict: Verdict;
  rationale: string;
  returnTo?: ReturnPhase;
  ctx: RequestContext;
}

/**
 * A steering group's verdict as the write side runs it, for the HTTP route and the demo alike, so
 * that the evidence a review keeps is frozen one way only: the joint KPI dashboard folded from the
 * very stream the attempt decides on (a retry after a conflict folds the re-loaded stream), which
 * is what the steering group saw at the verdict. The caller is `decidedBy`.
 */
export const concludeReviewRoute = ({ initiativeId, reviewId, verdict, rationale, returnTo, ctx }: ConcludeReviewRequest): CommandRoute<'ConcludeReview'> => ({
  type: 'ConcludeReview',
  initiativeId,
  ctx,
  needsHistory: true,
  fields: ({ state, events }) => {
    requireInPath(state, 'review', reviewId);
    return {
      reviewId,
      verdict,
      rationale,
      ...(returnTo !== undefined && { returnTo }),
      decidedBy: { sub: ctx.actor.sub, partner: ctx.actor.partner ?? null },
      evidence: kpiDashboardOf(events),
    };
  },
});
