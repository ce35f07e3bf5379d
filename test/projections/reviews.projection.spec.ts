import type { Actor } from '../../libs/initiative/src';
import { isVisible } from '../../libs/initiative/src';
import { event, historyIn, ID, measurementRecorded, municipality, police, youthCare } from '../../libs/initiative/src/testing/fixtures';
import { kpiDashboardOf, reviewsOf, reviewsProjection } from '../../libs/projections/src';
import { project, viaJson } from './support/project';

describe('the right-to-exist reviews projection', () => {
  const pilot = [...historyIn('pilot'), measurementRecorded('2025-Q1', 52)];
  const evidence = kpiDashboardOf(pilot);
  const events = [
    ...pilot,
    event('ReviewScheduled', { reviewId: 'r-early', dueOn: '2025-04-15', reason: 'kpi-off-track', kpiId: 'k-1' }, '2025-04-01T08:00:00.000Z'),
    event('ReviewScheduled', { reviewId: 'r-cadence', dueOn: '2025-09-30', reason: 'cadence' }, '2025-04-02T08:00:00.000Z'),
    event(
      'ReviewConcluded',
      {
        reviewId: 'r-early',
        verdict: 'continue',
        rationale: 'the dip is explained by the summer',
        decidedBy: { sub: 'sg-chair', partner: municipality.partnerId },
        evidence,
      },
      '2025-04-10T14:00:00.000Z',
    ),
  ];
  const doc = viaJson(project(reviewsProjection, events).get(ID)!);

  it('lists each review in the order scheduled: due, reason, KPI, verdict, rationale, who decided and the frozen evidence', () => {
    expect(reviewsOf(doc, new Date('2025-05-01T00:00:00Z'))).toEqual([
      {
        id: 'r-early',
        dueOn: '2025-04-15',
        reason: 'kpi-off-track',
        kpiId: 'k-1',
        scheduledAt: '2025-04-01T08:00:00.000Z',
        status: 'concluded',
        overdue: false,
        verdict: 'continue',
        rationale: 'the dip is explained by the summer',
        returnTo: null,
        decidedBy: { sub: 'sg-chair', partner: municipality.partnerId },
        decidedAt: '2025-04-10T14:00:00.000Z',
        evidence: viaJson(evidence),
      },
      {
        id: 'r-cadence',
        dueOn: '2025-09-30',
        reason: 'cadence',
        kpiId: null,
        scheduledAt: '2025-04-02T08:00:00.000Z',
        status: 'open',
        overdue: false,
        verdict: null,
        rationale: null,
        returnTo: null,
        decidedBy: null,
        decidedAt: null,
        evidence: null,
      },
    ]);
  });

  it('the evidence is what the verdict froze, whatever was measured after it', () => {
    const later = viaJson(project(reviewsProjection, [...events, measurementRecorded('2025-Q2', 80)]).get(ID)!);
    expect(reviewsOf(later, new Date('2025-05-01T00:00:00Z'))[0].evidence).toEqual(viaJson(evidence));
  });

  it('an open review is overdue once its due date has passed (by the clock at query time); a concluded one never', () => {
    const overdue = (now: string) => reviewsOf(doc, new Date(now)).map((r) => [r.id, r.overdue]);
    expect(overdue('2025-09-30T23:00:00Z')).toEqual([
      ['r-early', false],
      ['r-cadence', false],
    ]);
    expect(overdue('2025-10-01T00:00:00Z')).toEqual([
      ['r-early', false],
      ['r-cadence', true],
    ]);
  });

  it('once the initiative is dissolved, a review left open is cancelled and never overdue; the concluded ones stay as they were', () => {
    const dissolved = historyIn('dissolved');
    const withOpen = [
      ...dissolved.slice(0, -2),
      event('ReviewScheduled', { reviewId: 'r-open', dueOn: '2026-06-30', reason: 'kpi-off-track', kpiId: 'k-1' }),
      ...dissolved.slice(-2),
    ];
    const late = new Date('2027-01-01T00:00:00Z');
    const listed = (evts: typeof withOpen) =>
      reviewsOf(viaJson(project(reviewsProjection, evts).get(ID)!), late).map((r) => [r.id, r.status, r.overdue, r.verdict]);
    expect(listed(withOpen.slice(0, -1))).toEqual([
      ['r-1', 'concluded', false, 'dissolve'],
      ['r-open', 'open', true, null],
    ]);
    expect(listed(withOpen)).toEqual([
      ['r-1', 'concluded', false, 'dissolve'],
      ['r-open', 'cancelled', false, null],
    ]);
  });

  it('keeps who takes part, for the visibility rule', () => {
    const member = (partner: string): Actor => ({ sub: 'm', roles: ['partner-member'], partner });
    expect(isVisible(doc.state, member(police.partnerId))).toBe(true);
    expect(isVisible(doc.state, member(youthCare.partnerId))).toBe(false);
  });

  it('skips events that do not concern reviews or who takes part', () => {
    expect(reviewsProjection.documentIds(measurementRecorded('2025-Q3', 1), {} as never)).toEqual([]);
  });
});
