const KEY = 'regie.written';

/**
 * Read-your-writes for this tab. A command answers the log position of its last event, and the
 * read models are fed from the log a moment after it answers (on the server, in batches a few
 * milliseconds apart). A read after a write therefore asks for that position (`?minPosition=`)
 * and the API answers once its read models have seen it: a screen never shows the state from
 * before the user's own change. Kept in session storage, so a reload or a link opened in the same
 * tab reads what the tab wrote too.
 */
export const ownWrites = {
  /** the highest position this tab's commands answered, 0 before its first */
  position: (): number => Number(sessionStorage.getItem(KEY)) || 0,

  /** Notes the positions a command's answer holds: `position`, or each CSV row's. */
  remember(answer: unknown): void {
    const highest = Math.max(ownWrites.position(), ...positionsIn(answer));
    if (highest > 0) sessionStorage.setItem(KEY, String(highest));
  },
};

const positionsIn = (answer: unknown): number[] => {
  if (typeof answer !== 'object' || answer === null) return [];
  const { position, results } = answer as { position?: unknown; results?: unknown };
  if (typeof position === 'number') return [position];
  return Array.isArray(results) ? results.flatMap(positionsIn) : [];
};

/**
 * The queries that read what the log feeds (the portfolio, an initiative, its KPIs, reviews,
 * history, partners, analytics) take `?minPosition=`; the access log and the web app's own
 * configuration do not, and refuse a parameter they do not know.
 */
export const readsTheLog = (path: string): boolean => /^\/api\/(initiatives|partners|analytics)(\/|\?|$)/.test(path) && !/\/access-log(\?|$)/.test(path);
