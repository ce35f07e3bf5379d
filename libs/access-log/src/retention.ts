/** An entry's segment: the UTC day of its instant. Retention removes whole segments. */
export const segmentOf = (at: string): string => new Date(at).toISOString().slice(0, 10);

/**
 * The first segment that retention keeps: the UTC day `months` calendar months before `now`.
 * Every segment before it ended at or before that day began, so all of it is older than the
 * retention period.
 */
export const firstKeptSegment = (now: Date, months: number): string => {
  const cutoff = new Date(now.getTime());
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  // 31 March minus one month is the last day of February, not 3 March.
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff.toISOString().slice(0, 10);
};
