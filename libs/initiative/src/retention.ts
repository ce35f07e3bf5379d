import { caseDayOf } from '../../../events';
import type { Erasure, Initiative } from './initiative.state';

// The covenant's retentionMonths, read as the AVG's storage limitation: prose is kept that long
// after the initiative is dissolved; pilot cases and measurement notes, which are closest to
// individual cases, that long after the day they were recorded, even while the network runs on.

/** `months` calendar months after an instant, in UTC; the 31st in a shorter month falls on its last day. */
export function monthsAfter(instant: string, months: number): string {
  const at = new Date(instant);
  const target = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(at.getUTCDate(), lastDay));
  target.setUTCHours(at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds());
  return target.toISOString();
}

/** A case day's text may go `months` after that day ended. */
export const caseDayExpiry = (day: string, months: number): string =>
  monthsAfter(new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString(), months);

export interface ErasableText {
  initiativeText: boolean;
  caseDays: string[];
  retentionMonths: number | null;
}

const erasedSoFar = (state: Initiative) => {
  const erasures: Erasure[] = state.erasures ?? [];
  return {
    initiativeText: erasures.some((e) => e.initiativeText),
    caseDays: new Set(erasures.flatMap((e) => e.caseDays)),
  };
};

const isAtOrBefore = (a: string, b: string) => Date.parse(a) <= Date.parse(b);

/**
 * What the covenant lets go at `now` and is not erased yet. The retention in force is the current
 * covenant version's: a new version that shortens it applies to what was kept under the old one.
 * Without a covenant nothing was agreed about retention, so nothing goes.
 */
export function erasableAt(state: Initiative, now: string): ErasableText {
  const months = state.covenant?.retentionMonths ?? null;
  const erased = erasedSoFar(state);
  if (months === null || erased.initiativeText) return { initiativeText: false, caseDays: [], retentionMonths: months };
  const initiativeText = state.dissolution !== null && isAtOrBefore(monthsAfter(state.dissolution.dissolvedAt, months), now);
  const caseDays = (state.caseTextDays ?? []).filter((day) => !erased.caseDays.has(day) && (initiativeText || isAtOrBefore(caseDayExpiry(day, months), now)));
  return { initiativeText, caseDays, retentionMonths: months };
}

/** When the next free text may be erased, or null when nothing ever will be (no covenant, or all gone). */
export function nextErasure(state: Initiative): string | null {
  const months = state.covenant?.retentionMonths;
  const erased = erasedSoFar(state);
  if (months === undefined || erased.initiativeText) return null;
  const moments = (state.caseTextDays ?? []).filter((day) => !erased.caseDays.has(day)).map((day) => caseDayExpiry(day, months));
  if (state.dissolution) moments.push(monthsAfter(state.dissolution.dissolvedAt, months));
  return moments.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
}

/** Folds the day of a pilot case or a measurement note into the case days (sorted, once each). */
export function withCaseTextDay(state: Initiative, occurredAt: string): Initiative {
  const day = caseDayOf(occurredAt);
  const days = state.caseTextDays ?? [];
  return days.includes(day) ? state : { ...state, caseTextDays: [...days, day].sort() };
}
