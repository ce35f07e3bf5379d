import type { RegieEvent } from '../../events';
import { evolve, unmetConditions, type Actor } from '../../libs/initiative/src';
import {
  advanced,
  event,
  exploreDone,
  historyIn,
  ID,
  initiativeStarted,
  joined,
  kpiDefined,
  left,
  measurementRecorded,
  municipality,
  police,
  regisseurJoined,
  reviewScheduled,
  stateOf,
  youthCare,
} from '../../libs/initiative/src/testing/fixtures';
import { kpiDashboardOf, portfolioOf, portfolioItem, portfolioProjection, type PortfolioDoc } from '../../libs/projections/src';
import { project, viaJson } from './support/project';

const docOf = (events: RegieEvent[]) => viaJson(project(portfolioProjection, events).get(ID)!);
const admin: Actor = { sub: 'admin', roles: ['admin'] };
const NOW = new Date('2025-03-11T08:00:00.000Z');

describe('the portfolio projection', () => {
  it('keeps the initiative state exactly as the decider folds it', () => {
    const events = historyIn('co-design');
    expect(docOf(events).state).toEqual(viaJson(stateOf(events)));
  });

  it('gate readiness is unmetConditions itself: the very lines a refused advance names', () => {
    const events = [initiativeStarted(), regisseurJoined(), joined(police), event('PerspectiveShared', { partnerId: police.partnerId, summary: 'our view' })];
    const item = portfolioItem(docOf(events), NOW);
    expect(item.unmet).toEqual(unmetConditions(stateOf(events)).map((f) => f.text));
    expect(item.unmet).toEqual([
      'Municipality has not shared a perspective',
      'Municipality has not confirmed urgency',
      'Police has not confirmed urgency',
      'no shared picture agreed',
    ]);
    expect(item).toMatchObject({ nextPhase: 'define', gateReady: false });
    expect(portfolioItem(docOf(exploreDone()), NOW)).toMatchObject({ unmet: [], nextPhase: 'define', gateReady: true });
  });

  it('id, title, phase, partners and days in phase by the clock at query time (domain time of the phase entry)', () => {
    const events = [...exploreDone(), advanced('explore', 'define')]; // entered define 2025-03-01T09:00Z
    const item = portfolioItem(docOf(events), NOW);
    expect(item).toMatchObject({ id: ID, title: 'Preventing radicalisation', phase: 'define', phaseEnteredAt: '2025-03-01T09:00:00.000Z', daysInPhase: 9 });
    expect(item.partners).toEqual([
      { partnerId: municipality.partnerId, name: 'Municipality', role: 'regisseur', active: true },
      { partnerId: police.partnerId, name: 'Police', role: 'participant', active: true },
    ]);
    expect(portfolioItem(docOf(events), new Date('2025-03-01T10:00:00.000Z')).daysInPhase).toBe(0);
  });

  it("attainment by the dashboard's rules, equal to the dashboard's own", () => {
    const events = [
      ...historyIn('pilot'),
      kpiDefined('k-2'),
      measurementRecorded('2025-Q1', 50),
      measurementRecorded('2025-Q2', 60),
      measurementRecorded('2025-Q1', 70, 'k-2'),
      measurementRecorded('2025-Q2', 56),
    ];
    const item = portfolioItem(docOf(events), NOW);
    expect(item.attainment).toBe(kpiDashboardOf(events).attainment);
    expect(item.attainment).toBeCloseTo((0.4 + 0.75) / 2, 6);
    expect(portfolioItem(docOf(historyIn('pilot')), NOW).attainment).toBeNull();
  });

  it('a correction of an earlier period changes nothing evolve keeps (the shortcut the projection takes relies on it)', () => {
    const events = [...historyIn('pilot'), measurementRecorded('2025-Q1', 50), measurementRecorded('2025-Q2', 60)];
    const state = stateOf(events);
    expect(evolve(state, measurementRecorded('2025-Q1', 55))).toEqual(state);
    const corrected = [...events, measurementRecorded('2025-Q1', 55)];
    // The document only moves on to the correction's revision: the state a command starts from (InitiativeRepository).
    expect(docOf(corrected)).toEqual(viaJson({ ...docOf(events), state: stateOf(corrected), revision: docOf(events).revision + 1 }));
    // correcting the latest period moves the attainment
    expect(portfolioItem(docOf([...events, measurementRecorded('2025-Q2', 70)]), NOW).attainment).toBe(0.75);
  });

  it('the attainment follows a target revision', () => {
    const events = [
      ...historyIn('pilot'),
      measurementRecorded('2025-Q1', 60),
      event('KpiTargetRevised', {
        kpiId: 'k-1',
        target: 120,
        targetDate: '2026-12-31',
        previousTarget: 80,
        previousTargetDate: '2026-12-31',
        reason: 'raise the bar',
      }),
    ];
    expect(portfolioItem(docOf(events), NOW).attainment).toBe(0.25);
  });

  it('next review: the open one due first, overdue once its due date has passed', () => {
    const events = [
      ...historyIn('re-legitimise'),
      event('ReviewScheduled', { reviewId: 'r-late', dueOn: '2026-09-30', reason: 'cadence' }),
      event('ReviewScheduled', { reviewId: 'r-soon', dueOn: '2026-06-30', reason: 'cadence' }),
    ];
    const doc = docOf(events);
    expect(portfolioItem(doc, new Date('2026-06-30T23:59:59Z')).nextReview).toEqual({ id: 'r-soon', dueOn: '2026-06-30', overdue: false });
    expect(portfolioItem(doc, new Date('2026-07-01T00:00:00Z')).nextReview).toEqual({ id: 'r-soon', dueOn: '2026-06-30', overdue: true });
    const concluded = docOf([
      ...events,
      event('ReviewConcluded', {
        reviewId: 'r-soon',
        verdict: 'continue',
        rationale: 'on course',
        decidedBy: { sub: 'sg', partner: municipality.partnerId },
        evidence: null,
      }),
    ]);
    expect(portfolioItem(concluded, new Date('2026-07-01T00:00:00Z')).nextReview).toEqual({ id: 'r-late', dueOn: '2026-09-30', overdue: false });
    expect(portfolioItem(docOf(historyIn('pilot')), NOW).nextReview).toBeNull();
  });

  it('a dissolved initiative has no next review: a review left open is not overdue, however late it is', () => {
    const dissolved = historyIn('dissolved');
    const events = [
      ...dissolved.slice(0, -2),
      event('ReviewScheduled', { reviewId: 'r-open', dueOn: '2026-06-30', reason: 'kpi-off-track', kpiId: 'k-1' }),
      ...dissolved.slice(-2),
    ];
    const late = new Date('2027-01-01T00:00:00Z');
    expect(portfolioItem(docOf(events.slice(0, -1)), late).nextReview).toEqual({ id: 'r-open', dueOn: '2026-06-30', overdue: true });
    expect(portfolioItem(docOf(events), late)).toMatchObject({ phase: 'dissolved', nextReview: null });
  });

  describe('who sees what, and the filters', () => {
    const other = (id: string, title: string, extra: RegieEvent[] = []): RegieEvent[] =>
      [initiativeStarted(), regisseurJoined(), ...extra].map(
        (e) => ({ ...e, data: { ...e.data, initiativeId: id, ...(e.type === 'InitiativeStarted' && { title }) } }) as RegieEvent,
      );
    const docs = (): PortfolioDoc[] =>
      [
        ...project(portfolioProjection, [
          ...historyIn('pilot'),
          ...other('i-2', 'Another one', [joined(youthCare)]),
          ...other('i-3', 'A third', [joined(police), left(police)]),
        ]).values(),
      ].map(viaJson);
    const ids = (actor: Actor, filter = {}) => portfolioOf(docs(), actor, NOW, filter).items.map((i) => i.id);

    it('admins see every initiative, by title', () => {
      expect(ids(admin)).toEqual(['i-3', 'i-2', ID]);
    });

    it('a partner member (or analyst) sees only the initiatives its partner takes part in now', () => {
      expect(ids({ sub: 'm', roles: ['partner-member'], partner: police.partnerId })).toEqual([ID]);
      expect(ids({ sub: 'a', roles: ['analyst'], partner: youthCare.partnerId })).toEqual(['i-2']);
      expect(ids({ sub: 'a', roles: ['analyst'] })).toEqual([]);
    });

    it('?phase= and ?partner= narrow the list', () => {
      expect(ids(admin, { phase: 'pilot' })).toEqual([ID]);
      expect(ids(admin, { phase: 'explore' })).toEqual(['i-3', 'i-2']);
      expect(ids(admin, { partner: youthCare.partnerId })).toEqual(['i-2']);
      expect(ids(admin, { partner: police.partnerId })).toEqual([ID]);
    });
  });

  it('an initiative with a review scheduled for a KPI shows its review like any other', () => {
    const item = portfolioItem(docOf([...historyIn('pilot'), reviewScheduled('r-9', 'kpi-off-track')]), NOW);
    expect(item.nextReview).toEqual({ id: 'r-9', dueOn: '2026-06-30', overdue: false });
  });
});
