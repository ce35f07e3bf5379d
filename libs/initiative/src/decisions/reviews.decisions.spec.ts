import { AlreadyExists, GateNotMet, ReviewAlreadyConcluded, RuleViolated, UnknownReference, WrongPhase } from '../domain-errors';
import type { ConcludeReview, ScheduleReview } from '../initiative.commands';
import { given } from '../testing/given';
import { advanced, base, event, historyIn, pilotStarted, police, reviewScheduled, stateOf } from '../testing/fixtures';

const evidence = { attainment: 0.4, effects: [] };
const decidedBy = { sub: 'sg-1', partner: police.partnerId };
const verdict = (v: ConcludeReview['verdict'], extra: Partial<ConcludeReview> = {}): ConcludeReview => ({
  type: 'ConcludeReview',
  ...base,
  reviewId: 'r-1',
  verdict: v,
  rationale: 'as the dashboard shows',
  decidedBy,
  evidence,
  ...extra,
});
const concluded = (v: ConcludeReview['verdict'], returnTo?: 'define' | 'co-design') =>
  event('ReviewConcluded', {
    reviewId: 'r-1',
    verdict: v,
    rationale: 'as the dashboard shows',
    ...(returnTo && { returnTo }),
    decidedBy,
    evidence,
  });
const schedule = (extra: Partial<ScheduleReview> = {}): ScheduleReview => ({
  type: 'ScheduleReview',
  ...base,
  reviewId: 'r-1',
  dueOn: '2026-06-30',
  ...extra,
});

const inReview = [...historyIn('re-legitimise'), reviewScheduled()];

describe('scheduling a right-to-exist review', () => {
  it('is on the cadence by default in re-legitimise', () => {
    given(...historyIn('re-legitimise'))
      .when(schedule())
      .then(reviewScheduled('r-1', 'cadence'));
  });

  it('can be requested early from the pilot on', () => {
    given(...historyIn('pilot'))
      .when(schedule())
      .then(reviewScheduled('r-1', 'early review'));
  });

  it('names the KPI that went off track', () => {
    given(...historyIn('pilot'))
      .when(schedule({ reason: 'kpi-off-track', kpiId: 'k-1' }))
      .then(event('ReviewScheduled', { reviewId: 'r-1', dueOn: '2026-06-30', reason: 'kpi-off-track', kpiId: 'k-1' }));
  });

  it('refuses an off-track review without its KPI', () => {
    given(...historyIn('pilot'))
      .when(schedule({ reason: 'kpi-off-track' }))
      .thenThrows(RuleViolated, 'names no KPI');
  });

  it('refuses a KPI the initiative does not have', () => {
    given(...historyIn('pilot'))
      .when(schedule({ reason: 'kpi-off-track', kpiId: 'k-404' }))
      .thenThrows(UnknownReference, "KPI 'k-404'");
  });

  it('needs a due date', () => {
    given(...historyIn('pilot'))
      .when(schedule({ dueOn: 'soon' }))
      .thenThrows(RuleViolated, "the due date 'soon' is not a date");
  });
});

describe("the steering group's verdict", () => {
  it('continue: the review is concluded and the network carries on', () => {
    given(...inReview)
      .when(verdict('continue'))
      .then(concluded('continue'));
  });

  it('keeps the evidence exactly as the steering group saw it, and who decided', () => {
    const state = stateOf([...inReview, concluded('continue')]);
    expect(state.reviews[0]).toMatchObject({ verdict: 'continue', decidedBy, rationale: 'as the dashboard shows' });
    expect(concluded('continue').data.evidence).toBe(evidence);
  });

  it('adjust to co-design: returns there and clears the pilot evaluation, keeping everything agreed', () => {
    const events = given(...inReview)
      .when(verdict('adjust', { returnTo: 'co-design' }))
      .then(
        concluded('adjust', 'co-design'),
        event('PhaseReturned', { from: 're-legitimise', to: 'co-design', reason: 'as the dashboard shows', reviewId: 'r-1' }),
      );
    const state = stateOf([...inReview, ...events]);
    expect(state.phase).toBe('co-design');
    expect(state.pilot).toBeNull();
    expect(state.previousPilots[0].evaluation?.outcome).toBe('successful');
    expect(state.desiredEffects).toHaveLength(1);
    expect(state.kpis).toHaveLength(1);
    expect(state.rolloutWaves).toHaveLength(1);
  });

  it('adjust to define: rethinks the problem itself', () => {
    given(...inReview)
      .when(verdict('adjust', { returnTo: 'define' }))
      .then(concluded('adjust', 'define'), event('PhaseReturned', { from: 're-legitimise', to: 'define', reason: 'as the dashboard shows', reviewId: 'r-1' }));
  });

  it('adjust needs to say where to return to', () => {
    given(...inReview)
      .when(verdict('adjust'))
      .thenThrows(RuleViolated, "the phase to return to 'undefined' is not one of define, co-design");
  });

  it('only adjust returns somewhere', () => {
    given(...inReview)
      .when(verdict('continue', { returnTo: 'define' }))
      .thenThrows(RuleViolated, "a 'continue' verdict returns nowhere");
  });

  it('dissolve: the network ends and refuses every command after', () => {
    const events = given(...inReview)
      .when(verdict('dissolve'))
      .then(concluded('dissolve'), event('InitiativeDissolved', { reason: 'as the dashboard shows', reviewId: 'r-1' }));
    const state = stateOf([...inReview, ...events]);
    expect(state.phase).toBe('dissolved');
    expect(state.dissolution).toEqual({ reason: 'as the dashboard shows', reviewId: 'r-1', dissolvedAt: base.now });
    given(...inReview, ...events)
      .when(schedule({ reviewId: 'r-2' }))
      .thenThrows(WrongPhase, 'is dissolved');
  });

  it('an early review during the pilot can send the network back to co-design', () => {
    given(...historyIn('pilot'), pilotStarted(), reviewScheduled('r-1', 'early review'))
      .when(verdict('adjust', { returnTo: 'co-design' }))
      .then(concluded('adjust', 'co-design'), event('PhaseReturned', { from: 'pilot', to: 'co-design', reason: 'as the dashboard shows', reviewId: 'r-1' }));
  });

  it('is given once per review', () => {
    given(...inReview, concluded('continue'))
      .when(verdict('dissolve'))
      .thenThrows(AlreadyExists, "review 'r-1' already has the verdict 'continue'");
  });

  it('given again after an adjust or a dissolve, says the review was concluded, not that the phase is wrong', () => {
    const late = given(
      ...historyIn('pilot'),
      pilotStarted(),
      reviewScheduled('r-1', 'early review'),
      concluded('adjust', 'co-design'),
      event('PhaseReturned', { from: 'pilot', to: 'co-design', reason: 'as the dashboard shows', reviewId: 'r-1' }),
    ).when(verdict('continue'));
    late.thenThrows(ReviewAlreadyConcluded, "review 'r-1' already has the verdict 'adjust'");
    given(...inReview, concluded('dissolve'), event('InitiativeDissolved', { reason: 'as the dashboard shows', reviewId: 'r-1' }))
      .when(verdict('continue'))
      .thenThrows(ReviewAlreadyConcluded, "review 'r-1' already has the verdict 'dissolve'");
  });

  it('is given on a scheduled review only', () => {
    given(...historyIn('re-legitimise'))
      .when(verdict('continue'))
      .thenThrows(UnknownReference, "review 'r-1' is not scheduled");
  });

  it('needs a rationale', () => {
    given(...inReview)
      .when(verdict('continue', { rationale: '' }))
      .thenThrows(RuleViolated, 'the rationale is empty');
  });

  it('after an adjust the network walks the gates again: a new pilot before integrating', () => {
    given(
      ...inReview,
      concluded('adjust', 'co-design'),
      event('PhaseReturned', { from: 're-legitimise', to: 'co-design', reason: 'x', reviewId: 'r-1' }),
      advanced('co-design', 'pilot'),
    )
      .when({ type: 'Advance', ...base, to: 'integrate' })
      .thenThrows(GateNotMet, ['no pilot started']);
  });
});
