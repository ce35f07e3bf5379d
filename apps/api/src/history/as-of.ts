// How "as of" moments are read, for the API and the analyst CLI alike. No NestJS here.

/**
 * An instant with its zone, or a date (read as 00:00 UTC of that day, as ISO-8601 and the domain
 * read dates). A space stands for '+' in the zone: `?asOf=2025-06-30T00:00:00+02:00` typed into a
 * URL without encoding arrives with its '+' decoded to a space, and the offset is still meant.
 */
export const AS_OF_FORMAT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+\- ](\d{2}):(\d{2})))?$/;

export const AS_OF_EXAMPLE = '2025-06-30T12:00:00Z';
export const AS_OF_MESSAGE = `asOf must be an ISO-8601 instant with zone (${AS_OF_EXAMPLE}) or a date (2025-06-30)`;

export class InvalidAsOf extends Error {
  override readonly name = 'InvalidAsOf';
  constructor(
    message: string,
    readonly reason: 'malformed' | 'future',
  ) {
    super(message);
  }
}

export interface AsOf {
  /** epoch ms */
  ms: number;
  /** the same instant as toISOString writes it: what snapshots and folds compare with */
  iso: string;
  /** as the caller wrote it, for messages */
  text: string;
}

/** Not an instant parseInstant reads: 'malformed' (not the notation) or 'impossible' (no such day or time). */
export class InvalidInstant extends Error {
  override readonly name = 'InvalidInstant';
}

/**
 * Reads an instant as `?asOf=`, `--as-of` and `--until` take it: an ISO-8601 instant with zone,
 * or a bare date, which is 00:00 UTC of that day (its start, as ISO-8601 reads a date).
 * Calendar-impossible dates (2025-02-30) and clock-impossible times (24:00) are refused, although
 * Date.parse would roll them over. Answers epoch ms.
 */
export function parseInstant(text: string): number {
  const m = AS_OF_FORMAT.exec(text);
  if (!m) throw new InvalidInstant('malformed');
  const [, y, mo, d, h, mi, s, zh, zm] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const calendar = day.getUTCFullYear() === Number(y) && day.getUTCMonth() === Number(mo) - 1 && day.getUTCDate() === Number(d);
  const clock =
    (h === undefined || Number(h) <= 23) &&
    (mi === undefined || Number(mi) <= 59) &&
    (s === undefined || Number(s) <= 59) &&
    (zh === undefined || Number(zh) <= 23) &&
    (zm === undefined || Number(zm) <= 59);
  const ms = Date.parse(h === undefined ? `${text}T00:00:00Z` : text.replace(/ (\d{2}:\d{2})$/, '+$1'));
  if (!calendar || !clock || Number.isNaN(ms)) throw new InvalidInstant('impossible');
  return ms;
}

/**
 * Reads an as-of moment (see parseInstant): a bare date is the state at the start of the day. A
 * moment after `now` (the app's clock) is refused: the past is known only up to now.
 */
export function parseAsOf(text: string, now: Date): AsOf {
  let ms: number;
  try {
    ms = parseInstant(text);
  } catch (error) {
    if (!(error instanceof InvalidInstant)) throw error;
    throw new InvalidAsOf(error.message === 'malformed' ? AS_OF_MESSAGE : `asOf '${text}' is not a moment in time: ${AS_OF_MESSAGE}`, 'malformed');
  }
  if (ms > now.getTime()) {
    throw new InvalidAsOf(`asOf ${text} lies in the future (it is now ${now.toISOString()}): the past is known up to now`, 'future');
  }
  return { ms, iso: new Date(ms).toISOString(), text };
}
