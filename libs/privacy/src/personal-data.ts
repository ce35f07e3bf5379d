import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import type { PersonalDataKind } from './personal-data-codes';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// Anything shaped like an IBAN (country, check digits, 11–30 letters and digits, spaces allowed
// between groups); only those passing the mod-97 check and their country's length count.
const IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])/g;

/**
 * Phone numbers as libphonenumber-js finds them (Dutch by default; any international one), with
 * its full metadata so that only numbers that can exist count. A Dutch number is written with its
 * trunk 0 or an international prefix: a match starting with another digit is a reference or an
 * amount that happens to have a phone number's length (123456789 is no number anyone dials).
 */
const phoneNumbersIn = (text: string): Array<{ start: number; end: number }> =>
  // Without a digit there is no number to dial (and no country code): the library's scan, some
  // 40 µs even for a short code such as a review's reason, is left out.
  !/\d/.test(text)
    ? []
    : findPhoneNumbersInText(text, 'NL')
        .filter(({ startsAt, endsAt }) => /^[(]?(?:\+|0)/.test(text.slice(startsAt, endsAt)))
        .map(({ number, startsAt, endsAt }) => {
          // What the library reads as an extension ("06-12345678, 111222333") may be the next fact in
          // the sentence, a BSN say: it stays in the text for the other checks.
          const written = text.slice(startsAt, endsAt);
          const extension = number.ext ? written.lastIndexOf(number.ext) : -1;
          return { start: startsAt, end: extension > 0 ? startsAt + extension : endsAt };
        });

const cutOut = (text: string, spans: Array<{ start: number; end: number }>): string =>
  spans.reduceRight((rest, { start, end }) => rest.slice(0, start) + ' ' + rest.slice(end), text);

const ibansIn = (text: string): Array<{ start: number; end: number }> =>
  [...text.matchAll(IBAN_CANDIDATE)]
    .filter((match) => isValidIBAN(electronicFormatIBAN(match[0].toUpperCase()) ?? ''))
    .map((match) => ({ start: match.index, end: match.index + match[0].length }));

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
  BSN_CANDIDATES.some((pattern) => [...text.matchAll(pattern)].some((match) => passesElevenTest(match[0].replace(/\D/g, ''))));

/**
 * What kind of citizen's personal data the text seems to hold, or null. Events never carry
 * personal data (the covenant's spirit), so free text is screened before it becomes a fact.
 */
export function findPersonalData(text: string): PersonalDataKind | null {
  // Each kind is cut out before looking for the next, so the digits of an e-mail address, an IBAN
  // or a phone number are not mistaken for a BSN.
  const withoutEmail = text.replace(EMAIL, ' ');
  const hasEmail = withoutEmail !== text;
  const ibans = ibansIn(withoutEmail);
  const withoutIban = cutOut(withoutEmail, ibans);
  const phones = phoneNumbersIn(withoutIban);
  const withoutPhone = cutOut(withoutIban, phones);
  if (containsBsn(withoutPhone)) return 'a citizen service number (BSN)';
  if (hasEmail) return 'an e-mail address';
  if (ibans.length) return 'a bank account number (IBAN)';
  if (phones.length) return 'a phone number';
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
