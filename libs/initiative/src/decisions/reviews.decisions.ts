import { RETURN_PHASES, VERDICTS } from '../../../../events';
import { ReviewAlreadyConcluded, RuleViolated, UnknownReference } from '../domain-errors';
import type { InitiativeCommandOf } from '../initiative.commands';
import type { Initiative } from '../initiative.state';
import { requireDate, requireOneOf, requireText } from '../validation';
import { about, fact, requireNewId, type Decision } from './fact';
import { requireKpi } from './kpis.decisions';

/** The reason the early-review saga gives when a KPI is off track two periods in a row. */
export const KPI_OFF_TRACK = 'kpi-off-track';

export const scheduleReview: Decision<'ScheduleReview'> = (command, state) => {
  const reviewId = requireNewId(state.reviews, command.reviewId, 'review');
  const reason = command.reason?.trim() || (state.phase === 're-legitimise' ? 'cadence' : 'early review');
  if (reason === KPI_OFF_TRACK && command.kpiId === undefined) {
    throw new RuleViolated(`a review for a KPI off track names no KPI: give the kpiId`);
  }
  const kpiId = command.kpiId === undefined ? undefined : requireKpi(state, command.kpiId).id;
  return [
    fact('ReviewScheduled', {
      ...about(state, command),
      reviewId,
      dueOn: requireDate(command.dueOn, 'the due date'),
      reason,
      ...(kpiId !== undefined && { kpiId }),
    }),
  ];
};

/**
 * A verdict on a review that already has one, from a member who had not seen it. Checked before the
 * phase: an 'adjust' or 'dissolve' verdict also moved the phase, and "not in co-design" would not
 * tell the member that the review was concluded, nor how.
 */
export const refuseConcludedReview = (command: InitiativeCommandOf<'ConcludeReview'>, state: Initiative): void => {
  const review = state.reviews.find((r) => r.id === command.reviewId);
  if (review?.verdict) throw new ReviewAlreadyConcluded(review.id, review.verdict, review.returnTo);
};

/**
 * continue: nothing moves; adjust: back to define or co-design (which clears the pilot);
 * dissolve: the network ends, as the method intends once it no longer adds value.
 */
export const concludeReview: Decision<'ConcludeReview'> = (command, state) => {
  const review = state.reviews.find((r) => r.id === command.reviewId);
  if (!review) throw new UnknownReference(`review '${command.reviewId}' is not scheduled in this initiative: schedule it first`);
  refuseConcludedReview(command, state);
  const verdict = requireOneOf(command.verdict, VERDICTS, 'the verdict');
  const rationale = requireText(command.rationale, 'the rationale');
  const sub = requireText(command.decidedBy?.sub, 'who decided');
  if (verdict === 'adjust') requireOneOf(command.returnTo, RETURN_PHASES, 'the phase to return to');
  else if (command.returnTo !== undefined) {
    throw new RuleViolated(`a '${verdict}' verdict returns nowhere: give returnTo only with 'adjust'`);
  }
  const base = about(state, command);
  const concluded = fact('ReviewConcluded', {
    ...base,
    reviewId: review.id,
    verdict,
    rationale,
    ...(command.returnTo !== undefined && { returnTo: command.returnTo }),
    decidedBy: { sub, partner: command.decidedBy.partner ?? null },
    evidence: command.evidence ?? null,
  });
  if (verdict === 'continue') return [concluded];
  if (verdict === 'dissolve') {
    return [concluded, fact('InitiativeDissolved', { ...base, reason: rationale, reviewId: review.id })];
  }
  return [concluded, fact('PhaseReturned', { ...base, from: state.phase, to: command.returnTo!, reason: rationale, reviewId: review.id })];
};
