import { comparePeriods } from './period';

/**
 * A report for one period, put into a KPI's series kept in period order: it replaces the
 * period's earlier report or goes in where the period belongs (binary search: corrections of old
 * periods are common). Only the report is judged, unless it is a new first period: that moves
 * where every period's expected share starts, so then each is judged again, as a copy (a series
 * is never shared between documents). `judge` may change the period it is handed.
 */
export function reportInto<P extends { period: string }>(
  periods: readonly P[],
  period: string,
  report: (earlier: P | undefined) => P,
  judge: (p: P, firstPeriod: string) => void,
): { series: P[]; at: number; replaces: boolean } {
  let lo = 0;
  let hi = periods.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comparePeriods(periods[mid].period, period) <= 0) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  const replaces = i >= 0 && periods[i].period === period;
  const at = replaces ? i : i + 1;
  const reported = report(replaces ? periods[i] : undefined);
  const series = periods.slice();
  if (replaces) series[at] = reported;
  else series.splice(at, 0, reported);
  if (at === 0 && !replaces && series.length > 1) {
    for (let j = 0; j < series.length; j++) {
      const p = j === 0 ? reported : { ...series[j] };
      judge(p, period);
      series[j] = p;
    }
  } else {
    judge(reported, series[0].period);
  }
  return { series, at, replaces };
}
