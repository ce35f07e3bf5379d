import { ERASED_TEXT } from '../../../../events';
import { RuleViolated } from '../domain-errors';
import type { EraseFreeText } from '../initiative.commands';
import { given } from '../testing/given';
import { base, event, historyIn, police, stateOf } from '../testing/fixtures';

// The fixtures' covenant keeps free text 24 months; everything in historyIn happens at 2025-03-01T09:00Z.
const erase = (now: string, reason = 'retention ran out'): EraseFreeText => ({ type: 'EraseFreeText', ...base, now, reason });
const pilotCase = (caseId: string, at: string) =>
  event('PilotCaseRecorded', { caseId, caseRef: `R-${caseId}`, partnerIds: [police.partnerId], learning: 'act within a week' }, at);
const noted = (period: string, at: string) =>
  event('MeasurementRecorded', { kpiId: 'k-1', period, value: 50, partnerId: police.partnerId, note: 'school holidays' }, at);

describe('retention by covenant: free text goes when the covenant lets it go', () => {
  it("erases all of a dissolved initiative's text once the retention has run out after its dissolution", () => {
    given(...historyIn('dissolved'), pilotCase('c-1', '2025-03-01T09:00:00.000Z'))
      .when(erase('2027-03-01T09:00:00.000Z'))
      .then(
        event(
          'FreeTextErased',
          {
            initiativeText: true,
            caseDays: ['2025-03-01'],
            retentionMonths: 24,
            reason: 'retention ran out',
          },
          '2027-03-01T09:00:00.000Z',
        ),
      );
  });

  it('refuses before then, saying from when it may', () => {
    given(...historyIn('dissolved'))
      .when(erase('2027-03-01T08:59:59.999Z'))
      .thenThrows(
        RuleViolated,
        'may be erased on 2027-03-01: the covenant keeps free text 24 months after dissolution, and pilot cases and measurement notes 24 months after the day they were recorded: the first may be erased from 2027-03-01T09:00:00.000Z',
      );
  });

  it("erases a running initiative's pilot cases and notes day by day, each the retention after its day", () => {
    const history = [
      ...historyIn('pilot'),
      pilotCase('c-1', '2025-03-10T10:00:00.000Z'),
      noted('2025-Q1', '2025-04-02T08:00:00.000Z'),
      pilotCase('c-2', '2025-05-01T10:00:00.000Z'),
    ];
    given(...history)
      .when(erase('2027-04-03T00:00:00.000Z'))
      .then(
        event(
          'FreeTextErased',
          { initiativeText: false, caseDays: ['2025-03-10', '2025-04-02'], retentionMonths: 24, reason: 'retention ran out' },
          '2027-04-03T00:00:00.000Z',
        ),
      );
    given(...history)
      .when(erase('2027-04-02T23:59:59.999Z'))
      .then(
        event(
          'FreeTextErased',
          { initiativeText: false, caseDays: ['2025-03-10'], retentionMonths: 24, reason: 'retention ran out' },
          '2027-04-02T23:59:59.999Z',
        ),
      );
  });

  it('erases nothing twice', () => {
    const erased = event('FreeTextErased', { initiativeText: false, caseDays: ['2025-03-10'], retentionMonths: 24, reason: 'x' }, '2027-03-11T00:00:00.000Z');
    given(...historyIn('pilot'), pilotCase('c-1', '2025-03-10T10:00:00.000Z'), erased)
      .when(erase('2027-06-01T00:00:00.000Z'))
      .thenThrows(RuleViolated, "nothing of 'Preventing radicalisation' may be erased on 2027-06-01");
  });

  it('keeps the text of an initiative whose covenant states no retention', () => {
    given(...historyIn('define'))
      .when(erase('2040-01-01T00:00:00.000Z'))
      .thenThrows(RuleViolated, 'no covenant states a retention, so its free text is kept');
  });

  it('asks for a reason', () => {
    given(...historyIn('dissolved'))
      .when(erase('2030-01-01T00:00:00.000Z', ' '))
      .thenThrows(RuleViolated, 'the reason is empty');
  });

  it('folds the erasure into the state: prose shows the marker, numbers, phases and verdicts stay', () => {
    const before = stateOf([...historyIn('dissolved'), pilotCase('c-1', '2025-03-01T09:00:00.000Z')]);
    const after = stateOf([
      ...historyIn('dissolved'),
      pilotCase('c-1', '2025-03-01T09:00:00.000Z'),
      event('FreeTextErased', { initiativeText: true, caseDays: ['2025-03-01'], retentionMonths: 24, reason: 'retention ran out' }, '2027-03-01T09:00:00.000Z'),
    ]);
    expect(after.perspectives.map((p) => p.summary)).toEqual(before.perspectives.map(() => ERASED_TEXT));
    expect(after.pilotCases[0]).toMatchObject({ caseRef: ERASED_TEXT, learning: ERASED_TEXT, partnerIds: [police.partnerId] });
    expect(after.reviews[0]).toMatchObject({ verdict: 'dissolve', rationale: ERASED_TEXT, reason: 'cadence' });
    expect(after.dissolution).toMatchObject({ reason: ERASED_TEXT, reviewId: 'r-1' });
    expect(after.phase).toBe('dissolved');
    expect(after.kpis).toEqual(before.kpis);
    expect(after.desiredEffects).toEqual(before.desiredEffects);
    expect(after.title).toBe(before.title);
    expect(after.erasures).toEqual([
      { initiativeText: true, caseDays: ['2025-03-01'], retentionMonths: 24, reason: 'retention ran out', erasedAt: '2027-03-01T09:00:00.000Z' },
    ]);
  });
});
