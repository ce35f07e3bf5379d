import type { KpiDirection } from '../../../../events';
import { dateInstant, periodSpan } from './period';

/**
 * The KPI rules of domain.md, as pure functions of their inputs. The thresholds are parameters so
 * that the same log can be replayed under other ones ("what if the tolerance had been 0.2?").
 */

export const KPI_STATUSES = ['no-data', 'achieved', 'on-track', 'at-risk', 'off-track'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

export interface StatusThresholds {
  /** on-track when attainment ≥ expected − tolerance (default 0.1) */
  tolerance: number;
  /** at-risk when attainment ≥ expected − riskTolerance (default 0.25); off-track below */
  riskTolerance: number;
}

export const DEFAULT_THRESHOLDS: Readonly<StatusThresholds> = Object.freeze({ tolerance: 0.1, riskTolerance: 0.25 });

export const thresholdsOf = (options: Partial<StatusThresholds> = {}): StatusThresholds => ({
  tolerance: options.tolerance ?? DEFAULT_THRESHOLDS.tolerance,
  riskTolerance: options.riskTolerance ?? DEFAULT_THRESHOLDS.riskTolerance,
});

// Values like 0.5 − 0.1 are not exact in binary floating point; a rule stated "at exactly the
// boundary" must hold at the boundary, so comparisons allow for that rounding and no more.
const EPSILON = 1e-9;

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * (latest − baseline) / (target − baseline), clamped to [0, 1]: the share of the way from the
 * baseline to the target that has been covered. Works for both directions, because for a
 * `decrease` KPI numerator and denominator are both negative on the way to the target.
 */
export function kpiAttainment(latest: number, baseline: number, target: number, direction: KpiDirection): number {
  const span = target - baseline;
  if (span === 0) {
    // The decider refuses such a KPI; an old or imported one counts as attained once at the target.
    return direction === 'increase' ? (latest >= target ? 1 : 0) : latest <= target ? 1 : 0;
  }
  const a = clamp01((latest - baseline) / span);
  return Math.abs(a - 1) < EPSILON ? 1 : a;
}

/**
 * (end of the latest period − start of the first measured period) / (targetDate − start of the
 * first measured period), clamped to [0, 1]: how far along the way the KPI should be by now.
 */
export function kpiExpected(firstPeriod: string, latestPeriod: string, targetDate: string): number {
  const start = periodSpan(firstPeriod).start;
  const end = periodSpan(latestPeriod).end;
  const target = dateInstant(targetDate);
  if (target <= start) return 1;
  return clamp01((end - start) / (target - start));
}

/** no-data without measurements; achieved at 1; then on-track, at-risk, off-track by the thresholds. */
export function kpiStatus(attainment: number | null, expected: number | null, thresholds: StatusThresholds = DEFAULT_THRESHOLDS): KpiStatus {
  if (attainment === null || expected === null) return 'no-data';
  if (attainment >= 1) return 'achieved';
  if (attainment >= expected - thresholds.tolerance - EPSILON) return 'on-track';
  if (attainment >= expected - thresholds.riskTolerance - EPSILON) return 'at-risk';
  return 'off-track';
}

/**
 * A measured period's standing: its value against the target in force when it was (last)
 * reported, its expected share measured from the series' first period. So a series' statuses
 * depend on which periods it has, never on the order they arrived in. The dashboard shows these;
 * the off-track saga reads the statuses for its streaks.
 */
export function periodStanding(
  p: { period: string; value: number; target: number; targetDate: string },
  firstPeriod: string,
  kpi: { baseline: number; direction: KpiDirection },
  thresholds: StatusThresholds,
): { attainment: number; expected: number; status: KpiStatus } {
  const attainment = kpiAttainment(p.value, kpi.baseline, p.target, kpi.direction);
  const expected = kpiExpected(firstPeriod, p.period, p.targetDate);
  return { attainment, expected, status: kpiStatus(attainment, expected, thresholds) };
}

/** The mean of the numbers that are not null; null when there are none. */
export function meanOfKnown(values: ReadonlyArray<number | null>): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v !== null) {
      sum += v;
      n++;
    }
  }
  return n ? sum / n : null;
}

/**
 * A desired effect's attainment is the mean of its KPIs that have data; an initiative's is the
 * mean of its effects that are not null. Both the dashboard and the portfolio call this one.
 */
export function initiativeAttainment(
  effects: ReadonlyArray<{ id: string }>,
  kpis: ReadonlyArray<{ effectId: string; attainment: number | null }>,
): { byEffect: Map<string, number | null>; overall: number | null } {
  const byEffect = new Map<string, number | null>();
  let sum = 0;
  let n = 0;
  for (const effect of effects) {
    let s = 0;
    let c = 0;
    for (const k of kpis) {
      if (k.effectId === effect.id && k.attainment !== null) {
        s += k.attainment;
        c++;
      }
    }
    const mean = c ? s / c : null;
    byEffect.set(effect.id, mean);
    if (mean !== null) {
      sum += mean;
      n++;
    }
  }
  return { byEffect, overall: n ? sum / n : null };
}
