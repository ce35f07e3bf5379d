// The what-if thresholds, read and checked. Only kpi-math (not the whole projections library):
// the analyst CLI checks its arguments before it loads the folds.
import { thresholdsOf, type StatusThresholds } from '../../../../libs/projections/src/kpi/kpi-math';

/** A pair in the wrong order, as it was checked: a client can say it in its own words. */
export interface ThresholdsOutOfOrder {
  tolerance: number;
  riskTolerance: number;
  /** the risk tolerance was not given: its default was paired with the tolerance */
  riskToleranceDefault: boolean;
}

export class InvalidThresholds extends Error {
  override readonly name = 'InvalidThresholds';
  constructor(
    message: string,
    readonly field: 'tolerance' | 'riskTolerance',
    readonly outOfOrder?: ThresholdsOutOfOrder,
  ) {
    super(message);
  }
}

/**
 * The thresholds of a what-if, or undefined when none was asked. One given alone is paired with
 * the other's default (0.1 / 0.25), and the pair must satisfy 0 ≤ tolerance ≤ riskTolerance ≤ 1.
 */
export function whatIfThresholds(input: { tolerance?: number; riskTolerance?: number }): StatusThresholds | undefined {
  if (input.tolerance === undefined && input.riskTolerance === undefined) return undefined;
  const t = thresholdsOf(input);
  for (const field of ['tolerance', 'riskTolerance'] as const) {
    const x = t[field];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > 1) {
      throw new InvalidThresholds(`${field} must be a number from 0 to 1, not ${x}`, field);
    }
  }
  if (t.tolerance > t.riskTolerance) {
    const riskToleranceDefault = input.riskTolerance === undefined;
    throw new InvalidThresholds(
      `tolerance ${t.tolerance} exceeds riskTolerance ${t.riskTolerance}${riskToleranceDefault ? ' (its default)' : ''}: on-track must be a narrower band than at-risk (0 ≤ tolerance ≤ riskTolerance ≤ 1)`,
      'tolerance',
      { tolerance: t.tolerance, riskTolerance: t.riskTolerance, riskToleranceDefault },
    );
  }
  return t;
}
