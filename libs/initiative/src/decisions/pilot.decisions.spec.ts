import { AlreadyExists, GateNotMet, PersonalDataRefused, RuleViolated, UnknownPartner } from '../domain-errors';
import type { RecordPilotCase, Return } from '../initiative.commands';
import { given } from '../testing/given';
import { advanced, base, event, historyIn, measurementRecorded, pilotEvaluated, pilotStarted, police, stateOf, youthCare } from '../testing/fixtures';

const pilotCase: RecordPilotCase = {
  type: 'RecordPilotCase',
  ...base,
  caseId: 'case-1',
  caseRef: 'R-2025-017',
  partnerIds: [police.partnerId],
  learning: 'act within a week',
};
const backToCoDesign: Return = { type: 'Return', ...base, to: 'co-design', reason: 'the approach needs rework' };

describe('running the pilot', () => {
  it('starts with a scope and a period', () => {
    given(...historyIn('pilot'))
      .when({ type: 'StartPilot', ...base, scope: 'two districts', startsOn: '2025-04-01', endsOn: '2025-09-30' })
      .then(pilotStarted());
  });

  it('cannot end before it starts', () => {
    given(...historyIn('pilot'))
      .when({ type: 'StartPilot', ...base, scope: 'x', startsOn: '2025-09-30', endsOn: '2025-04-01' })
      .thenThrows(RuleViolated, 'the pilot ends (2025-04-01) before it starts (2025-09-30)');
  });

  it('runs one pilot at a time', () => {
    given(...historyIn('pilot'), pilotStarted())
      .when({ type: 'StartPilot', ...base, scope: 'x', startsOn: '2025-04-01', endsOn: '2025-09-30' })
      .thenThrows(AlreadyExists, 'a pilot (two districts) has already started');
  });

  it('records an anonymous pilot case and what was learned', () => {
    given(...historyIn('pilot'), pilotStarted())
      .when(pilotCase)
      .then(event('PilotCaseRecorded', { caseId: 'case-1', caseRef: 'R-2025-017', partnerIds: [police.partnerId], learning: 'act within a week' }));
  });

  it('records pilot cases only once the pilot has started', () => {
    given(...historyIn('pilot'))
      .when(pilotCase)
      .thenThrows(RuleViolated, 'no pilot has started yet');
  });

  it("never records a person's data in a pilot case", () => {
    given(...historyIn('pilot'), pilotStarted())
      .when({ ...pilotCase, caseRef: 'BSN 111222333' })
      .thenThrows(PersonalDataRefused, 'the caseRef contains what looks like a citizen service number (BSN)');
  });

  it('records cases only with partners that take part', () => {
    given(...historyIn('pilot'), pilotStarted())
      .when({ ...pilotCase, partnerIds: [police.partnerId, youthCare.partnerId] })
      .thenThrows(UnknownPartner, "partner 'p-youth-care' does not take part");
  });

  it('is evaluated once', () => {
    given(...historyIn('pilot'), pilotStarted(), pilotEvaluated('successful'))
      .when({ type: 'EvaluatePilot', ...base, outcome: 'unsuccessful', rationale: 'changed our minds' })
      .thenThrows(AlreadyExists, 'the pilot was already evaluated successful');
  });

  it('is evaluated only after it started', () => {
    given(...historyIn('pilot'))
      .when({ type: 'EvaluatePilot', ...base, outcome: 'successful', rationale: 'x' })
      .thenThrows(RuleViolated, 'no pilot has started yet');
  });
});

describe('an unsuccessful pilot', () => {
  const failedPilot = [...historyIn('pilot'), pilotStarted(), pilotEvaluated('unsuccessful')];

  it('can go back to co-design', () => {
    given(...failedPilot)
      .when(backToCoDesign)
      .then(event('PhaseReturned', { from: 'pilot', to: 'co-design', reason: 'the approach needs rework' }));
  });

  it('keeps everything agreed but clears the pilot, so the changed approach gets a new one', () => {
    const state = stateOf([...failedPilot, measurementRecorded('2025-Q2', 50), event('PhaseReturned', { from: 'pilot', to: 'co-design', reason: 'rework' })]);
    expect(state.phase).toBe('co-design');
    expect(state.pilot).toBeNull();
    expect(state.previousPilots).toEqual([
      expect.objectContaining({ scope: 'two districts', evaluation: expect.objectContaining({ outcome: 'unsuccessful' }) as unknown }),
    ]);
    expect(state.buildingBlocks).toHaveLength(2);
    expect(state.kpis[0].measuredPeriods).toEqual(['2025-Q2']);
    expect(state.covenant?.signedBy).toHaveLength(2);
  });

  it('must be followed by a new pilot before integrating', () => {
    const returned = [...failedPilot, event('PhaseReturned', { from: 'pilot', to: 'co-design', reason: 'rework' }), advanced('co-design', 'pilot')];
    given(...returned)
      .when({ type: 'Advance', ...base, to: 'integrate' })
      .thenThrows(GateNotMet, ['no pilot started']);
    given(...returned)
      .when({ type: 'StartPilot', ...base, scope: 'two districts', startsOn: '2025-04-01', endsOn: '2025-09-30' })
      .then(pilotStarted());
  });
});

describe('returning from the pilot', () => {
  it('is refused while the pilot is not evaluated', () => {
    given(...historyIn('pilot'), pilotStarted())
      .when(backToCoDesign)
      .thenThrows(RuleViolated, 'the initiative can return to co-design only after an unsuccessful pilot evaluation; the pilot has not been evaluated');
  });

  it('is refused after a successful pilot', () => {
    given(...historyIn('pilot'), pilotStarted(), pilotEvaluated('successful'))
      .when(backToCoDesign)
      .thenThrows(RuleViolated, 'the pilot was evaluated successful');
  });

  it('goes to co-design only', () => {
    given(...historyIn('pilot'), pilotStarted(), pilotEvaluated('unsuccessful'))
      .when({ ...backToCoDesign, to: 'define' })
      .thenThrows(RuleViolated, 'a pilot can return to co-design only, not to define');
  });
});
