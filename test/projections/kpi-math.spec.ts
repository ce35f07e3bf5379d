import { addDays, comparePeriods, dateInstant, kpiAttainment, kpiExpected, kpiStatus, periodSpan, DEFAULT_THRESHOLDS } from '../../libs/projections/src';

const utc = (iso: string) => Date.parse(iso);

describe('periods are UTC: a period starts at 00:00 UTC of its first day and ends where the next one starts', () => {
  it.each([
    ['2025', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    ['2025-Q1', '2025-01-01T00:00:00Z', '2025-04-01T00:00:00Z'],
    ['2025-Q3', '2025-07-01T00:00:00Z', '2025-10-01T00:00:00Z'],
    ['2025-Q4', '2025-10-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    ['2024-02', '2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z'],
    ['2025-02', '2025-02-01T00:00:00Z', '2025-03-01T00:00:00Z'],
    ['2025-12', '2025-12-01T00:00:00Z', '2026-01-01T00:00:00Z'],
  ])('%s runs from %s to %s', (period, start, end) => {
    expect(periodSpan(period)).toEqual({ start: utc(start), end: utc(end) });
  });

  it('a quarter ends where the next quarter starts, a month where the next month starts, a year where the next year starts', () => {
    expect(periodSpan('2025-Q2').end).toBe(periodSpan('2025-Q3').start);
    expect(periodSpan('2025-Q4').end).toBe(periodSpan('2026-Q1').start);
    expect(periodSpan('2025-12').end).toBe(periodSpan('2026-01').start);
    expect(periodSpan('2025').end).toBe(periodSpan('2026').start);
  });

  it('a target date is the instant 00:00 UTC of that day', () => {
    expect(dateInstant('2026-12-31')).toBe(utc('2026-12-31T00:00:00Z'));
    expect(addDays('2025-12-25', 14)).toBe('2026-01-08');
  });

  it('refuses what is not a period', () => {
    expect(() => periodSpan('2025-Q5')).toThrow(/not YYYY, YYYY-Qn or YYYY-MM/);
    expect(() => periodSpan('2025-13')).toThrow();
    expect(() => periodSpan('25')).toThrow();
  });
});

describe('attainment = (latest − baseline) / (target − baseline), clamped to [0, 1], for both directions', () => {
  it('an increase KPI', () => {
    expect(kpiAttainment(60, 40, 80, 'increase')).toBe(0.5);
    expect(kpiAttainment(30, 40, 80, 'increase')).toBe(0);
    expect(kpiAttainment(95, 40, 80, 'increase')).toBe(1);
  });

  it('a decrease KPI', () => {
    expect(kpiAttainment(60, 100, 20, 'decrease')).toBe(0.5);
    expect(kpiAttainment(110, 100, 20, 'decrease')).toBe(0);
    expect(kpiAttainment(10, 100, 20, 'decrease')).toBe(1);
  });
});

describe('expected = (end of latest period − start of first measured period) / (targetDate − start of first), clamped', () => {
  it('half way: one quarter measured (90 days) of a 180-day road', () => {
    expect(kpiExpected('2025-Q1', '2025-Q1', '2025-06-30')).toBe(0.5);
  });

  it('the latest period ending exactly at the target date expects everything', () => {
    expect(kpiExpected('2025-Q1', '2025-Q2', '2025-07-01')).toBe(1);
  });

  it('past the target date it stays at 1; a target date before the first period expects everything', () => {
    expect(kpiExpected('2025-Q1', '2026-Q4', '2025-07-01')).toBe(1);
    expect(kpiExpected('2025-Q1', '2025-Q1', '2024-12-31')).toBe(1);
  });

  it('monthly and yearly periods', () => {
    // Jan 2025: 31 days of a road to 2025-03-04 (62 days)
    expect(kpiExpected('2025-01', '2025-01', '2025-03-04')).toBe(0.5);
    // 2025 and 2026 (730 days) of a road to 2029-01-01 (1461 days, 2028 is a leap year)
    expect(kpiExpected('2025', '2026', '2029-01-01')).toBeCloseTo(730 / 1461, 12);
  });
});

describe('status by the thresholds (tolerance 0.1, riskTolerance 0.25 by default), at the boundaries', () => {
  // Expected is 0.5 throughout: one quarter of a 180-day road.
  const status = (latest: number, baseline: number, target: number, direction: 'increase' | 'decrease', thresholds = DEFAULT_THRESHOLDS) =>
    kpiStatus(kpiAttainment(latest, baseline, target, direction), kpiExpected('2025-Q1', '2025-Q1', '2025-06-30'), thresholds);

  it('no measurements: no-data', () => {
    expect(kpiStatus(null, null)).toBe('no-data');
  });

  describe.each([
    ['increase', 0, 100, (share: number) => share * 100],
    ['decrease', 100, 0, (share: number) => 100 - share * 100],
  ] as const)('%s KPI', (direction, baseline, target, valueAt) => {
    it('achieved at attainment exactly 1 (and beyond the target)', () => {
      expect(status(valueAt(1), baseline, target, direction)).toBe('achieved');
      expect(status(valueAt(1.2), baseline, target, direction)).toBe('achieved');
    });
    it('on-track at exactly expected − tolerance (0.4)', () => {
      expect(status(valueAt(0.4), baseline, target, direction)).toBe('on-track');
      expect(status(valueAt(0.99), baseline, target, direction)).toBe('on-track');
    });
    it('at-risk just below expected − tolerance, and at exactly expected − riskTolerance (0.25)', () => {
      expect(status(valueAt(0.3999), baseline, target, direction)).toBe('at-risk');
      expect(status(valueAt(0.25), baseline, target, direction)).toBe('at-risk');
    });
    it('off-track just below expected − riskTolerance', () => {
      expect(status(valueAt(0.2499), baseline, target, direction)).toBe('off-track');
      expect(status(valueAt(0), baseline, target, direction)).toBe('off-track');
    });
  });

  it('other thresholds give other statuses for the same numbers (what-if)', () => {
    expect(status(30, 0, 100, 'increase')).toBe('at-risk');
    expect(status(30, 0, 100, 'increase', { tolerance: 0.2, riskTolerance: 0.4 })).toBe('on-track');
    expect(status(15, 0, 100, 'increase', { tolerance: 0.2, riskTolerance: 0.4 })).toBe('at-risk');
    expect(status(9, 0, 100, 'increase', { tolerance: 0.2, riskTolerance: 0.4 })).toBe('off-track');
  });
});

describe('periods in order', () => {
  it('by when they start (then by when they end), whatever their shape', () => {
    const sorted = ['2026-01', '2025-Q4', '2025', '2025-12', '2026', '2025-Q1', '2025-03'].sort(comparePeriods);
    expect(sorted).toEqual(['2025-Q1', '2025', '2025-03', '2025-Q4', '2025-12', '2026-01', '2026']);
  });
});
