import type { RegieEvent } from '../../events';
import type { Actor } from '../../libs/initiative/src';
import { initiativeStarted, joined, police, regisseurJoined } from '../../libs/initiative/src/testing/fixtures';
import { phaseAnalyticsProjection, phaseDurationsOf, type PhaseHistoryDoc } from '../../libs/projections/src';
import { project, viaJson } from './support/project';

const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString();
const at = (e: RegieEvent, id: string, n: number): RegieEvent => ({ ...e, data: { ...e.data, initiativeId: id, occurredAt: day(n) } }) as RegieEvent;
const started = (id: string, n: number, withPolice = false): RegieEvent[] =>
  [initiativeStarted(), regisseurJoined(), ...(withPolice ? [joined(police)] : [])].map((e) => at(e, id, n));
const move = (id: string, n: number, from: string, to: string, back = false): RegieEvent =>
  at(
    { type: back ? 'PhaseReturned' : 'PhaseAdvanced', schemaVersion: 1, data: { from, to, reason: 'adjust', initiativeId: id, occurredAt: '' } } as RegieEvent,
    id,
    n,
  );

const admin: Actor = { sub: 'admin', roles: ['admin'] };

describe('the phase analytics projection', () => {
  const events: RegieEvent[] = [
    // A: explore 10 days, define 20, co-design 30, still in pilot
    ...started('A', 0, true),
    move('A', 10, 'explore', 'define'),
    move('A', 30, 'define', 'co-design'),
    move('A', 60, 'co-design', 'pilot'),
    // B: explore 20 days, define 40, back in define
    ...started('B', 0),
    move('B', 20, 'explore', 'define'),
    move('B', 60, 'define', 'co-design'),
    // C: explore 40 days, define 5; co-design 10, pilot 10, back to co-design 15 (co-design 25 in all), pilot again
    ...started('C', 0),
    move('C', 40, 'explore', 'define'),
    move('C', 45, 'define', 'co-design'),
    move('C', 55, 'co-design', 'pilot'),
    move('C', 65, 'pilot', 'co-design', true),
    move('C', 80, 'co-design', 'pilot'),
    // D: still exploring
    ...started('D', 0),
  ];
  const docs = (): PhaseHistoryDoc[] => [...project(phaseAnalyticsProjection, events).values()].map(viaJson);

  it('per phase: initiatives that passed it, median and mean days (domain time); a stay still going does not count', () => {
    expect(phaseDurationsOf(docs(), admin)).toEqual([
      { phase: 'explore', passed: 3, medianDays: 20, meanDays: 23.33 },
      { phase: 'define', passed: 3, medianDays: 20, meanDays: 21.67 },
      // A 30; C 10 + 15 = 25 (an initiative that passed a phase twice counts once, its stays added up)
      { phase: 'co-design', passed: 2, medianDays: 27.5, meanDays: 27.5 },
      { phase: 'pilot', passed: 1, medianDays: 10, meanDays: 10 },
      { phase: 'integrate', passed: 0, medianDays: null, meanDays: null },
      { phase: 're-legitimise', passed: 0, medianDays: null, meanDays: null },
    ]);
  });

  it('a partner member counts only the initiatives its partner takes part in', () => {
    const member: Actor = { sub: 'm', roles: ['partner-member'], partner: police.partnerId };
    expect(phaseDurationsOf(docs(), member).slice(0, 3)).toEqual([
      { phase: 'explore', passed: 1, medianDays: 10, meanDays: 10 },
      { phase: 'define', passed: 1, medianDays: 20, meanDays: 20 },
      { phase: 'co-design', passed: 1, medianDays: 30, meanDays: 30 },
    ]);
  });
});
