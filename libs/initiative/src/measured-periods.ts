/**
 * A KPI's measured periods, kept sorted as text (Array.prototype.sort's order) and without
 * repeats. A KPI at scale has hundreds: a binary search instead of a scan and a sort per
 * measurement (the portfolio folds a million of them on a cold start).
 */
const insertionPoint = (periods: readonly string[], period: string): number => {
  let lo = 0;
  let hi = periods.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (periods[mid] < period) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

export const hasMeasured = (periods: readonly string[], period: string): boolean => periods[insertionPoint(periods, period)] === period;

/** The periods with this one added in its place (the same array when it is there already). */
export const withMeasured = (periods: string[], period: string): string[] => {
  const at = insertionPoint(periods, period);
  if (periods[at] === period) return periods;
  return [...periods.slice(0, at), period, ...periods.slice(at)];
};
