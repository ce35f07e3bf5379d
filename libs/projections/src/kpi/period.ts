/**
 * Periods and dates in UTC, as domain.md defines them: a period starts at 00:00 UTC of its first
 * day and ends where the next one starts; a targetDate is the instant 00:00 UTC of that date.
 * All instants are epoch milliseconds.
 */

export interface PeriodSpan {
  /** inclusive */
  start: number;
  /** exclusive: the start of the next period */
  end: number;
}

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidPeriod extends Error {
  override readonly name = 'InvalidPeriod';
}

// Folding a long log asks for the same few hundred periods and dates millions of times.
const MEMO_LIMIT = 50_000;
const spans = new Map<string, PeriodSpan>();
const instants = new Map<string, number>();

/** `2025` → the year 2025; `2025-Q3` → 1 Jul–1 Oct 2025; `2025-07` → 1 Jul–1 Aug 2025. */
export function periodSpan(period: string): PeriodSpan {
  let span = spans.get(period);
  if (!span) {
    span = parsePeriod(period);
    if (spans.size >= MEMO_LIMIT) spans.clear();
    spans.set(period, span);
  }
  return span;
}

function parsePeriod(period: string): PeriodSpan {
  let m = YEAR.exec(period);
  if (m) {
    const y = Number(m[1]);
    return { start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) };
  }
  m = QUARTER.exec(period);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { start: Date.UTC(y, 3 * (q - 1), 1), end: Date.UTC(y, 3 * q, 1) };
  }
  m = MONTH.exec(period);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { start: Date.UTC(y, mo - 1, 1), end: Date.UTC(y, mo, 1) };
  }
  throw new InvalidPeriod(`period '${period}' is not YYYY, YYYY-Qn or YYYY-MM`);
}

export const periodStart = (period: string): number => periodSpan(period).start;
export const periodEnd = (period: string): number => periodSpan(period).end;

/** A YYYY-MM-DD date as the instant 00:00 UTC of that day. */
export function dateInstant(date: string): number {
  let instant = instants.get(date);
  if (instant === undefined) {
    const m = DATE.exec(date);
    if (!m) throw new InvalidPeriod(`date '${date}' is not YYYY-MM-DD`);
    instant = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (instants.size >= MEMO_LIMIT) instants.clear();
    instants.set(date, instant);
  }
  return instant;
}

/** Orders periods by when they start (periods of one KPI share a frequency, but do not rely on it). */
const Q = 'Q'.charCodeAt(0);

export const comparePeriods = (a: string, b: string): number => {
  // Periods of one shape (all YYYY-MM, say) sort as text: the common case, and the cheap one.
  if (a.length === b.length && (a.length !== 7 || (a.charCodeAt(5) === Q) === (b.charCodeAt(5) === Q))) return a < b ? -1 : a > b ? 1 : 0;
  const x = periodSpan(a);
  const y = periodSpan(b);
  return x.start - y.start || x.end - y.end;
};

export const DAY_MS = 86_400_000;

/** The UTC calendar date (YYYY-MM-DD) of an instant. */
export const utcDate = (instant: Date | number): string => new Date(instant).toISOString().slice(0, 10);

/** A YYYY-MM-DD date plus whole days. */
export const addDays = (date: string, days: number): string => utcDate(dateInstant(date) + days * DAY_MS);
