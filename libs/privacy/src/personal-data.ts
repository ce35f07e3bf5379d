export type PersonalDataKind = 'a citizen service number (BSN)' | 'an e-mail address' | 'a phone number';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// Dutch national numbers: ten digits starting 0[1-9] (06-12345678, 020 123 4567). Only spaces and
// hyphens may separate digits, so amounts (1.500) and dates (2025-03-01) never qualify.
const DUTCH_PHONE = /(?<![\d+])0[1-9](?:[ -]?\d){8}(?!\d)/g;
// International: +31 6 12345678, +31 (0)20 123 4567, 0031 612345678.
const INTERNATIONAL_PHONE = /(?<![\w+])(?:\+|00)[1-9](?:[ -]?(?:\(0\)[ -]?)?\d){7,13}(?!\d)/g;

// Plain nine digits, or the grouped forms people write a BSN in: 1234.56.782, 123.45.67.82,
// 123 456 782. Dotted 3-3-3 is left out on purpose: that is how amounts are written.
const BSN_CANDIDATES = [
  /(?<!\d[.,]?)\d{9}(?![.,]?\d)/g,
  /(?<!\d[.,]?)\d{4}([. -])\d{2}\1\d{3}(?![.,]?\d)/g,
  /(?<!\d[.,]?)\d{3}([. -])\d{2}\1\d{2}\1\d{2}(?![.,]?\d)/g,
  /(?<!\d[.,]?)\d{3}([ -])\d{3}\1\d{3}(?![.,]?\d)/g,
];

/** The BSN eleven-test: 9·d1 + 8·d2 + … + 2·d8 − d9 is a non-zero multiple of 11. */
export function passesElevenTest(nineDigits: string): boolean {
  if (!/^\d{9}$/.test(nineDigits)) return false;
  const digits = [...nineDigits].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, d, i) => acc + (9 - i) * d, 0) - digits[8];
  return sum !== 0 && sum % 11 === 0;
}

const containsBsn = (text: string): boolean =>
  BSN_CANDIDATES.some((pattern) =>
    [...text.matchAll(pattern)].some((match) => passesElevenTest(match[0].replace(/\D/g, ''))),
  );

/**
 * What kind of citizen's personal data the text seems to hold, or null. Events never carry
 * personal data (the covenant's spirit), so free text is screened before it becomes a fact.
 */
export function findPersonalData(text: string): PersonalDataKind | null {
  // Each kind is cut out before looking for the next, so the digits of an e-mail address or a
  // phone number are not mistaken for a BSN.
  const withoutEmail = text.replace(EMAIL, ' ');
  const hasEmail = withoutEmail !== text;
  const withoutPhone = withoutEmail.replace(INTERNATIONAL_PHONE, ' ').replace(DUTCH_PHONE, ' ');
  const hasPhone = withoutPhone !== withoutEmail;
  if (containsBsn(withoutPhone)) return 'a citizen service number (BSN)';
  if (hasEmail) return 'an e-mail address';
  if (hasPhone) return 'a phone number';
  return null;
}

export interface PersonalDataFinding {
  /** the field's name; `purposes[1]` for the second item of an array */
  field: string;
  kind: PersonalDataKind;
}

/** Screens every string and every string in an array among the fields; other values are skipped. */
export function checkFreeText(fields: Record<string, unknown>): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  const screen = (field: string, value: unknown) => {
    if (typeof value !== 'string') return;
    const kind = findPersonalData(value);
    if (kind) findings.push({ field, kind });
  };
  for (const [field, value] of Object.entries(fields)) {
    if (Array.isArray(value)) value.forEach((item, i) => screen(`${field}[${i}]`, item));
    else screen(field, value);
  }
  return findings;
}
