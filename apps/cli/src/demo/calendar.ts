/**
 * The storylines are written in one fixed calendar (late 2024 to late 2026) so that they read like
 * a programme manager's diary. When the demo runs later than that, the whole history moves forward
 * by whole years, so quarters stay quarters and the last event lies just before "today".
 */
export const STORY_BEGINS = '2024-11-18';
/** the last day any storyline acts on; `today` must lie after it */
export const STORY_ENDS = '2026-11-11';

const DAY_MS = 86_400_000;

export class Calendar {
  private constructor(readonly shiftYears: number) {}

  /** The shift that puts the storylines' last day as late as possible, but not after `today`. */
  static anchoredAt(today: Date): Calendar {
    let years = today.getUTCFullYear() - Number(STORY_ENDS.slice(0, 4)) + 1;
    while (new Calendar(years).instant(STORY_ENDS, '23:59').getTime() >= today.getTime()) years--;
    return new Calendar(years);
  }

  /** 'YYYY-MM-DD' of the storyline calendar → the same date in the run's calendar */
  date(date: string): string {
    return shiftDate(date, this.shiftYears);
  }

  /** 'YYYY', 'YYYY-Qn' or 'YYYY-MM' */
  period(period: string): string {
    return `${Number(period.slice(0, 4)) + this.shiftYears}${period.slice(4)}`;
  }

  /** 'CASE-2025-014' → the case year moves with the calendar */
  caseRef(ref: string): string {
    return ref.replace(/\b(20\d\d)\b/, (year) => String(Number(year) + this.shiftYears));
  }

  /** The instant a storyline step happens: its (shifted) date at `time` UTC, moved off the weekend. */
  instant(date: string, time: string): Date {
    const at = new Date(`${this.date(date)}T${time}:00.000Z`);
    const weekday = at.getUTCDay();
    if (weekday === 6) return new Date(at.getTime() + 2 * DAY_MS);
    if (weekday === 0) return new Date(at.getTime() + DAY_MS);
    return at;
  }
}

function shiftDate(date: string, years: number): string {
  const shifted = `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
  // The storylines avoid 29 February, but a caller's date might not.
  return shifted.endsWith('-02-29') && !isLeap(Number(shifted.slice(0, 4))) ? `${shifted.slice(0, 8)}28` : shifted;
}

const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** `n` working days after `date` (both in the storyline calendar); 0 is `date` itself, moved off a weekend. */
export function workday(date: string, n: number): string {
  const at = new Date(`${date}T00:00:00.000Z`);
  const step = () => at.setUTCDate(at.getUTCDate() + 1);
  while (at.getUTCDay() === 0 || at.getUTCDay() === 6) step();
  for (let left = n; left > 0;) {
    step();
    if (at.getUTCDay() !== 0 && at.getUTCDay() !== 6) left--;
  }
  return at.toISOString().slice(0, 10);
}
