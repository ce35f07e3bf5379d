import type { InitiativeEvent } from '../../../events';
import { evolve } from './initiative.evolve';
import { initialState } from './initiative.state';
import {
  advanced,
  covenantDrafted,
  event,
  exploreDone,
  historyIn,
  initiativeStarted,
  joined,
  left,
  measurementRecorded,
  municipality,
  police,
  regisseurJoined,
  stateOf,
} from './testing/fixtures';

describe('the initiative as its events made it', () => {
  it('has no initiative before it starts, and ignores stray events', () => {
    expect(initialState).toEqual({ started: false });
    expect(evolve(initialState, left(police))).toBe(initialState);
  });

  it('starts in explore with its regisseur as first partner', () => {
    const state = stateOf([initiativeStarted(), regisseurJoined()]);
    expect(state).toMatchObject({
      id: 'i-radicalisation',
      title: 'Preventing radicalisation',
      problemArea: 'radicalisation',
      phase: 'explore',
      regisseurPartnerId: municipality.partnerId,
      startedAt: '2025-03-01T09:00:00.000Z',
      phaseEnteredAt: '2025-03-01T09:00:00.000Z',
    });
    expect(state.partners).toEqual([
      {
        partnerId: municipality.partnerId,
        name: 'Municipality',
        role: 'regisseur',
        competence: 'network direction',
        active: true,
        joinedAt: '2025-03-01T09:00:00.000Z',
        leftAt: null,
      },
    ]);
  });

  it('keeps a partner that left, inactive, and reactivates it when it joins again', () => {
    const history: InitiativeEvent[] = [
      initiativeStarted(),
      regisseurJoined(),
      joined(police),
      event('PartnerLeft', { partnerId: police.partnerId }, '2025-04-01T00:00:00.000Z'),
    ];
    expect(stateOf(history).partners[1]).toMatchObject({ active: false, leftAt: '2025-04-01T00:00:00.000Z' });
    expect(stateOf([...history, joined(police, 'facilitator')]).partners[1]).toMatchObject({ active: true, leftAt: null, role: 'facilitator' });
  });

  it("replaces a partner's perspective when it shares a new one", () => {
    const state = stateOf([...exploreDone(), event('PerspectiveShared', { partnerId: police.partnerId, summary: 'on second thought' })]);
    expect(state.perspectives.filter((p) => p.partnerId === police.partnerId)).toEqual([
      { partnerId: police.partnerId, summary: 'on second thought', sharedAt: '2025-03-01T09:00:00.000Z' },
    ]);
  });

  it('records how long each phase lasted', () => {
    const state = stateOf([...exploreDone(), event('PhaseAdvanced', { from: 'explore', to: 'define' }, '2025-05-01T00:00:00.000Z')]);
    expect(state.phase).toBe('define');
    expect(state.phaseEnteredAt).toBe('2025-05-01T00:00:00.000Z');
    expect(state.phaseHistory).toEqual([
      { phase: 'explore', enteredAt: '2025-03-01T09:00:00.000Z', leftAt: '2025-05-01T00:00:00.000Z' },
      { phase: 'define', enteredAt: '2025-05-01T00:00:00.000Z', leftAt: null },
    ]);
  });

  it('lists each measured period once, in order, corrections included', () => {
    const state = stateOf([
      ...historyIn('pilot'),
      measurementRecorded('2025-Q3', 60),
      measurementRecorded('2025-Q2', 50),
      { ...measurementRecorded('2025-Q3', 61), data: { ...measurementRecorded('2025-Q3', 61).data, corrects: true } },
    ]);
    expect(state.kpis[0].measuredPeriods).toEqual(['2025-Q2', '2025-Q3']);
  });

  it('moves a revised target into the KPI and keeps the revision with its reason', () => {
    const state = stateOf([
      ...historyIn('pilot'),
      event('KpiTargetRevised', { kpiId: 'k-1', target: 70, targetDate: '2027-01-01', previousTarget: 80, previousTargetDate: '2026-12-31', reason: 'r' }),
    ]);
    expect(state.kpis[0]).toMatchObject({ target: 70, targetDate: '2027-01-01' });
    expect(state.kpis[0].targetRevisions).toEqual([
      { target: 70, targetDate: '2027-01-01', previousTarget: 80, previousTargetDate: '2026-12-31', reason: 'r', revisedAt: '2025-03-01T09:00:00.000Z' },
    ]);
  });

  it('starts every covenant version without signatures', () => {
    expect(stateOf([...historyIn('pilot'), covenantDrafted(2)]).covenant).toMatchObject({ version: 2, signedBy: [] });
  });

  it('drops the signature of a partner that leaves, so a rejoining partner has not signed yet', () => {
    const signedByAll = historyIn('pilot');
    expect(stateOf(signedByAll).covenant?.signedBy).toEqual([municipality.partnerId, police.partnerId]);
    expect(stateOf([...signedByAll, left(police)]).covenant).toMatchObject({ version: 1, signedBy: [municipality.partnerId] });
    expect(stateOf([...signedByAll, left(police), joined(police)]).covenant?.signedBy).toEqual([municipality.partnerId]);
  });

  it('lets a partner leave before any covenant exists', () => {
    expect(stateOf([...exploreDone(), left(police)]).covenant).toBeNull();
  });

  it('does not change a state it was given', () => {
    const before = stateOf(historyIn('define'));
    const snapshot = JSON.stringify(before);
    evolve(before, advanced('define', 'co-design'));
    expect(JSON.stringify(before)).toBe(snapshot);
  });
});
