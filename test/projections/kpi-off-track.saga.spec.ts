import type { RegieEvent } from '../../events';
import { advanced, coDesignDone, EFFECT, event, ID, measurementRecorded, NOW, police } from '../../libs/initiative/src/testing/fixtures';
import { foldTargets, kpiOffTrackSaga, type EarlyReviewRequest, type KpiOffTrackDoc } from '../../libs/projections/src';
import { storedEvents } from './support/project';

// Baseline 40, target 80 by 1 Jun 2025, measured monthly from January. With no progress at all:
// January is at-risk (expected 0.21), February on is off-track (expected 0.39, 0.60, …).
const monthlyKpi = () =>
  event('KpiDefined', {
    kpiId: 'k-m',
    name: 'Signals picked up within a week',
    effectId: EFFECT.id,
    ownerPartnerId: police.partnerId,
    unit: '%',
    direction: 'increase',
    baseline: 40,
    target: 80,
    targetDate: '2025-06-01',
    frequency: 'monthly',
  });
const m = (period: string, value: number) => measurementRecorded(period, value, 'k-m');

/** The requests the saga makes, folding the events one by one into its documents as the runner does. */
function requests(events: RegieEvent[]): Array<EarlyReviewRequest & { at: number }> {
  const docs = new Map<string, KpiOffTrackDoc>();
  const made: Array<EarlyReviewRequest & { at: number }> = [];
  storedEvents(events).forEach((stored, i) => {
    const e = events[i];
    for (const id of foldTargets(kpiOffTrackSaga, e, stored, () => docs.keys())) {
      const before = docs.get(id);
      const after = kpiOffTrackSaga.reduce(before, e, stored, id);
      made.push(...kpiOffTrackSaga.react(before, after, e, stored).map((r) => ({ ...r, at: stored.position })));
      if (after) docs.set(id, after);
      else docs.delete(id);
    }
  });
  return made;
}

describe('the KPI saga: two consecutive off-track periods ask for an early right-to-exist review', () => {
  // KPIs are defined in co-design, as the decider allows; the pilot begins after.
  const inPilot = (...kpis: RegieEvent[]) => [...coDesignDone(), ...kpis, advanced('co-design', 'pilot')];
  const pilot = inPilot(monthlyKpi());
  const offset = pilot.length;

  it('asks once, when the second off-track period in a row is reported, naming the KPI and the triggering event', () => {
    const made = requests([...pilot, m('2025-01', 40), m('2025-02', 40), m('2025-03', 40)]);
    expect(made).toEqual([
      {
        initiativeId: ID,
        kpiId: 'k-m',
        reason: 'kpi-off-track',
        streak: ['2025-02', '2025-03'],
        triggeringEventId: `event-${offset + 3}`,
        triggeredAt: NOW,
        at: offset + 3,
      },
    ]);
  });

  it('one off-track period, or at-risk ones, ask nothing', () => {
    expect(requests([...pilot, m('2025-01', 40), m('2025-02', 40)])).toEqual([]);
    expect(requests([...pilot, m('2025-01', 40), m('2025-02', 60), m('2025-03', 40), m('2025-04', 75)])).toEqual([]);
  });

  it('once per streak: a third off-track period in a row, or a correction inside the streak, asks nothing new', () => {
    const made = requests([...pilot, m('2025-01', 40), m('2025-02', 40), m('2025-03', 40), m('2025-04', 40), m('2025-03', 41)]);
    expect(made.map((r) => r.streak)).toEqual([['2025-02', '2025-03']]);
  });

  it('a period that is not off-track ends the streak; the next two in a row ask again', () => {
    const made = requests([
      ...pilot,
      m('2025-01', 40),
      m('2025-02', 40),
      m('2025-03', 40), // streak 1
      m('2025-04', 80), // achieved
      m('2025-05', 40),
      m('2025-06', 40), // streak 2
    ]);
    expect(made.map((r) => r.streak)).toEqual([
      ['2025-02', '2025-03'],
      ['2025-05', '2025-06'],
    ]);
  });

  it('a late report that joins two off-track periods also counts as two in a row', () => {
    const made = requests([...pilot, m('2025-01', 40), m('2025-03', 40), m('2025-02', 40)]);
    expect(made.map((r) => r.streak)).toEqual([['2025-02', '2025-03']]);
  });

  it('consecutive means next to each other in the calendar: February and April with March missing are not two in a row', () => {
    expect(requests([...pilot, m('2025-01', 40), m('2025-02', 40), m('2025-04', 40)])).toEqual([]);
    // March arriving late joins them: one request for the three
    const made = requests([...pilot, m('2025-01', 40), m('2025-02', 40), m('2025-04', 40), m('2025-03', 40)]);
    expect(made.map((r) => [r.streak, r.at])).toEqual([[['2025-02', '2025-03', '2025-04'], offset + 4]]);
  });

  it('quarters and years are adjacent across the year end', () => {
    const quarterly = event('KpiDefined', { ...monthlyKpi().data, kpiId: 'k-q', frequency: 'quarterly', targetDate: '2025-12-31' });
    const q = (period: string) => measurementRecorded(period, 40, 'k-q');
    // 2024-Q4 is at-risk measured from itself alone, 2025-Q1 onwards off-track
    expect(requests([...inPilot(monthlyKpi(), quarterly), q('2024-Q4'), q('2025-Q1')])).toEqual([]);
    expect(requests([...inPilot(monthlyKpi(), quarterly), q('2024-Q4'), q('2025-Q1'), q('2025-Q2')]).map((r) => r.streak)).toEqual([['2025-Q1', '2025-Q2']]);
  });

  it('a late first period that moves every status into a streak asks once, triggered by that report', () => {
    // Measured from March, March (44) and April (57) are at-risk; from January they are off-track.
    const late = [...pilot, m('2025-03', 44), m('2025-04', 57)];
    expect(requests(late)).toEqual([]);
    const made = requests([...late, m('2025-01', 40)]);
    expect(made.map((r) => [r.streak, r.at])).toEqual([[['2025-03', '2025-04'], offset + 3]]);
    // the same series in calendar order asks for the same streak
    expect(requests([...pilot, m('2025-01', 40), m('2025-03', 44), m('2025-04', 57)]).map((r) => r.streak)).toEqual([['2025-03', '2025-04']]);
  });

  it('a correction that breaks the streak and a later one that restores it ask nothing new', () => {
    const made = requests([...pilot, m('2025-01', 40), m('2025-02', 40), m('2025-03', 40), m('2025-02', 80), m('2025-02', 40)]);
    expect(made.map((r) => r.streak)).toEqual([['2025-02', '2025-03']]);
  });

  it('carries the domain time of the triggering report, for the due date', () => {
    const at = '2025-03-02T10:00:00.000Z';
    const made = requests([
      ...pilot,
      m('2025-01', 40),
      m('2025-02', 40),
      event('MeasurementRecorded', { kpiId: 'k-m', period: '2025-03', value: 40, partnerId: police.partnerId }, at),
    ]);
    expect(made.map((r) => r.triggeredAt)).toEqual([at]);
  });

  it('only where reviews can be scheduled (pilot and later)', () => {
    expect(requests([...coDesignDone(), monthlyKpi(), m('2025-01', 40), m('2025-02', 40), m('2025-03', 40)])).toEqual([]);
  });

  it('a streak from before reviews could be held asks nothing by itself later, but does once it grows', () => {
    const before = [...coDesignDone(), monthlyKpi(), m('2025-01', 40), m('2025-02', 40), m('2025-03', 40), advanced('co-design', 'pilot')];
    expect(requests([...before, m('2025-04', 80)])).toEqual([]);
    expect(requests([...before, m('2025-04', 40)]).map((r) => r.streak)).toEqual([['2025-02', '2025-03', '2025-04']]);
  });

  it('each KPI has its own streaks', () => {
    const other = event('KpiDefined', { ...monthlyKpi().data, kpiId: 'k-n' });
    const n = (period: string) => measurementRecorded(period, 40, 'k-n');
    const made = requests([...inPilot(monthlyKpi(), other), m('2025-01', 40), n('2025-01'), m('2025-02', 40), n('2025-02'), m('2025-03', 40), n('2025-03')]);
    expect(made.map((r) => r.kpiId)).toEqual(['k-m', 'k-n']);
  });

  it('a phase move reaches every KPI: back in co-design none of them asks, back in the pilot each does again', () => {
    const other = event('KpiDefined', { ...monthlyKpi().data, kpiId: 'k-n' });
    const n = (period: string) => measurementRecorded(period, 40, 'k-n');
    const returned = event('PhaseReturned', { from: 'pilot', to: 'co-design', reason: 'the approach changes' });
    const streaks = [m('2025-01', 40), n('2025-01'), m('2025-02', 40), n('2025-02'), m('2025-03', 40), n('2025-03')];
    expect(requests([...inPilot(monthlyKpi(), other), returned, ...streaks])).toEqual([]);
    const again = requests([...inPilot(monthlyKpi(), other), returned, advanced('co-design', 'pilot'), ...streaks]);
    expect(again.map((r) => [r.kpiId, r.streak])).toEqual([
      ['k-m', ['2025-02', '2025-03']],
      ['k-n', ['2025-02', '2025-03']],
    ]);
  });
});
