import { location } from './router';

/**
 * `?asOf=YYYY-MM-DD` in the page URL means "at the end of that day"; the API reads a bare date as
 * its start, so the app asks for the next day's 00:00 UTC. A day that has not ended is the present.
 */
export const asOfDate = (): string | null => {
  const value = location.get().query.get('asOf');
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return apiAsOf(value) ? value : null;
};

const apiAsOf = (date: string): string | null => {
  const end = Date.parse(`${date}T00:00:00Z`) + 86_400_000;
  if (Number.isNaN(end) || end > Date.now()) return null;
  return new Date(end).toISOString();
};

/** The `asOf` query parameter for the API, or undefined for the present. */
export const asOfForApi = (): string | undefined => {
  const date = asOfDate();
  return date ? (apiAsOf(date) ?? undefined) : undefined;
};

/** `?tolerance=` / `?riskTolerance=` for a what-if on the KPI views: a number in [0, 1], else none. */
export const whatIfTolerance = (name: 'tolerance' | 'riskTolerance' = 'tolerance'): string | undefined => {
  const value = location.get().query.get(name);
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? String(n) : undefined;
};

export const isPast = (): boolean => asOfDate() !== null;
