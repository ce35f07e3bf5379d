/**
 * Every code a field error (`errors[]` of a problem) can carry, in one list without imports, so
 * that the web app can type its wording by it: a code added here and not worded there fails its
 * build. Beside the code, an error may carry what it takes to say it: `limit` (too-long, too-small,
 * too-large, list-too-long), `allowed` (not-one-of), `frequency` (period-does-not-fit).
 */
export const FIELD_ERROR_CODES = [
  /** a field the request does not take (its message may name the one probably meant) */
  'unknown-field',
  'not-text',
  /** text that is empty, or only spaces */
  'empty',
  'too-long',
  'not-a-number',
  'not-whole',
  'too-small',
  'too-large',
  'not-an-id',
  /** YYYY, YYYY-Qn or YYYY-MM */
  'not-a-period',
  /** a day written YYYY-MM-DD, that exists */
  'not-a-date',
  /** an ISO-8601 instant */
  'not-an-instant',
  'not-one-of',
  'not-a-list',
  'list-empty',
  'list-too-long',
  'list-repeats',
  /** half of a UTF-16 surrogate pair: not text */
  'malformed-text',
  /** `__proto__` and its like */
  'forbidden-key',
  /** a CSV row with more or fewer cells than the header */
  'row-shape',
  /** free text that looks like a citizen's personal data (the problem's `kind` says what) */
  'personal-data',
  'unknown-partner',
  /** a period written right that does not fit the KPI's frequency */
  'period-does-not-fit',
  /** a moment after now */
  'in-the-future',
  /** a pair whose first may not exceed its second (the what-if's tolerance and riskTolerance; the problem's `thresholds` gives them) */
  'out-of-order',
  /** two parameters that exclude each other */
  'not-together',
  /** what no code above says; the message does */
  'invalid',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];
