/**
 * What free text may not hold: each kind as the API's English says it, and as a code. One list
 * without imports, so that the web app can type its Dutch wording by it (problem-words.ts): a kind
 * added here and not worded there fails its build.
 */
export const PERSONAL_DATA_CODES = {
  'a citizen service number (BSN)': 'bsn',
  'an e-mail address': 'email',
  'a phone number': 'phone',
  'a bank account number (IBAN)': 'iban',
} as const;

export type PersonalDataKind = keyof typeof PERSONAL_DATA_CODES;

export type PersonalDataCode = (typeof PERSONAL_DATA_CODES)[PersonalDataKind];
