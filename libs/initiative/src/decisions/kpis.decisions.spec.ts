import { PersonalDataRefused, RuleViolated, UnknownPartner, UnknownReference } from '../domain-errors';
import type { DefineKpi, RecordMeasurement } from '../initiative.commands';
import { given } from '../testing/given';
import { base, event, historyIn, kpiDefined, left, measurementRecorded, police, youthCare } from '../testing/fixtures';

const defineKpi: DefineKpi = {
  type: 'DefineKpi',
  ...base,
  kpiId: 'k-1',
  name: 'Signals handled within two weeks',
  effectId: 'e-1',
  ownerPartnerId: police.partnerId,
  unit: '%',
  direction: 'increase',
  baseline: 40,
  target: 80,
  targetDate: '2026-12-31',
  frequency: 'quarterly',
};
const measure = (period: string, value = 50, kpiId = 'k-1'): RecordMeasurement => ({
  type: 'RecordMeasurement',
  ...base,
  kpiId,
  period,
  value,
  partnerId: police.partnerId,
});

describe('defining a joint KPI', () => {
  it('ties the KPI to a desired effect and an owner partner', () => {
    given(...historyIn('co-design'))
      .when(defineKpi)
      .then(kpiDefined());
  });

  it('must be owned by a partner that takes part', () => {
    given(...historyIn('co-design'))
      .when({ ...defineKpi, ownerPartnerId: youthCare.partnerId })
      .thenThrows(UnknownPartner, "partner 'p-youth-care' does not take part in this initiative: only its partners can own a KPI");
  });

  it('needs a target beyond its baseline in its direction', () => {
    given(...historyIn('co-design'))
      .when({ ...defineKpi, direction: 'decrease' })
      .thenThrows(RuleViolated, "KPI 'Signals handled within two weeks' should decrease, so its target (80) must lie below its baseline (40)");
  });

  it('needs a target that differs from the baseline', () => {
    given(...historyIn('co-design'))
      .when({ ...defineKpi, target: 40 })
      .thenThrows(RuleViolated, 'must lie above its baseline (40)');
  });

  it('needs a real calendar date as target date', () => {
    given(...historyIn('co-design'))
      .when({ ...defineKpi, targetDate: '2026-02-30' })
      .thenThrows(RuleViolated, "the target date '2026-02-30' is not a date: write it as YYYY-MM-DD");
  });

  it('refuses a frequency the dashboard cannot read', () => {
    given(...historyIn('co-design'))
      .when({ ...defineKpi, frequency: 'weekly' as never })
      .thenThrows(RuleViolated, "the frequency 'weekly' is not one of monthly, quarterly, yearly");
  });
});

describe('recording KPI measurements', () => {
  it('records a value for a period', () => {
    given(...historyIn('pilot'))
      .when(measure('2025-Q2', 50))
      .then(measurementRecorded('2025-Q2', 50));
  });

  it('keeps a short narrative with the value', () => {
    given(...historyIn('pilot'))
      .when({ ...measure('2025-Q2', 50), note: 'summer holidays' })
      .then(event('MeasurementRecorded', { kpiId: 'k-1', period: '2025-Q2', value: 50, partnerId: police.partnerId, note: 'summer holidays' }));
  });

  it('treats a second report for the same period as a correction', () => {
    given(...historyIn('pilot'), measurementRecorded('2025-Q2', 50))
      .when(measure('2025-Q2', 55))
      .then(event('MeasurementRecorded', { kpiId: 'k-1', period: '2025-Q2', value: 55, partnerId: police.partnerId, corrects: true }));
  });

  it('does not treat the next period as a correction', () => {
    given(...historyIn('pilot'), measurementRecorded('2025-Q2', 50))
      .when(measure('2025-Q3', 60))
      .then(measurementRecorded('2025-Q3', 60));
  });

  it.each([
    ['quarterly', '2025-07', 'use YYYY-Qn, e.g. 2025-Q3'],
    ['quarterly', '2025-Q5', 'use YYYY-Qn, e.g. 2025-Q3'],
    ['quarterly', '2025', 'use YYYY-Qn, e.g. 2025-Q3'],
    ['monthly', '2025-Q3', 'use YYYY-MM, e.g. 2025-07'],
    ['monthly', '2025-13', 'use YYYY-MM, e.g. 2025-07'],
    ['monthly', '2025-7', 'use YYYY-MM, e.g. 2025-07'],
    ['yearly', '2025-Q3', 'use YYYY, e.g. 2025'],
    ['yearly', '25', 'use YYYY, e.g. 2025'],
  ] as const)('refuses a period that does not fit a %s KPI: %s', (frequency, period, hint) => {
    given(...historyIn('co-design'), kpiDefined('k-2', 'e-1', police, frequency), event('PhaseAdvanced', { from: 'co-design', to: 'pilot' }))
      .when(measure(period, 1, 'k-2'))
      .thenThrows(RuleViolated, `period '${period}' does not fit KPI 'Signals handled within two weeks', which is measured ${frequency}: ${hint}`);
  });

  it.each([
    ['monthly', '2025-07'],
    ['quarterly', '2025-Q3'],
    ['yearly', '2025'],
  ] as const)('accepts a period that fits a %s KPI', (frequency, period) => {
    given(...historyIn('co-design'), kpiDefined('k-2', 'e-1', police, frequency), event('PhaseAdvanced', { from: 'co-design', to: 'pilot' }))
      .when(measure(period, 1, 'k-2'))
      .then(measurementRecorded(period, 1, 'k-2'));
  });

  it('refuses a measurement for a KPI that does not exist', () => {
    given(...historyIn('pilot'))
      .when(measure('2025-Q2', 1, 'k-404'))
      .thenThrows(UnknownReference, "KPI 'k-404' is not defined in this initiative");
  });

  it('refuses a measurement reported by a partner that left', () => {
    given(...historyIn('pilot'), left(police))
      .when(measure('2025-Q2'))
      .thenThrows(UnknownPartner, 'Police has left this initiative');
  });

  it('refuses a value that is not a number', () => {
    given(...historyIn('pilot'))
      .when(measure('2025-Q2', Number.NaN))
      .thenThrows(RuleViolated, 'the value is not a number');
  });

  it('refuses a note holding an e-mail address', () => {
    given(...historyIn('pilot'))
      .when({ ...measure('2025-Q2'), note: 'ask jan@example.nl' })
      .thenThrows(PersonalDataRefused, 'the note contains what looks like an e-mail address');
  });
});

describe('revising a KPI target', () => {
  const revise = { type: 'ReviseKpiTarget' as const, ...base, kpiId: 'k-1', target: 70, reason: 'the baseline was optimistic' };

  it('records the new target beside the one it replaces, keeping the date when none is given', () => {
    given(...historyIn('pilot'))
      .when(revise)
      .then(
        event('KpiTargetRevised', {
          kpiId: 'k-1',
          target: 70,
          targetDate: '2026-12-31',
          previousTarget: 80,
          previousTargetDate: '2026-12-31',
          reason: 'the baseline was optimistic',
        }),
      );
  });

  it('can move the target date', () => {
    given(...historyIn('integrate'))
      .when({ ...revise, target: 80, targetDate: '2027-06-30' })
      .then(
        event('KpiTargetRevised', {
          kpiId: 'k-1',
          target: 80,
          targetDate: '2027-06-30',
          previousTarget: 80,
          previousTargetDate: '2026-12-31',
          reason: 'the baseline was optimistic',
        }),
      );
  });

  it('refuses a revision that changes nothing', () => {
    given(...historyIn('pilot'))
      .when({ ...revise, target: 80 })
      .thenThrows(RuleViolated, 'already has target 80 by 2026-12-31');
  });

  it('needs a reason', () => {
    given(...historyIn('pilot'))
      .when({ ...revise, reason: '' })
      .thenThrows(RuleViolated, 'the reason is empty');
  });
});
