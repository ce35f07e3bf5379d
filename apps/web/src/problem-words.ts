import type { KpiFrequency } from '../../../events/vocabulary';
import type { FieldErrorCode } from '../../../libs/initiative/src/field-error-codes';
import type { PersonalDataCode } from '../../../libs/privacy/src/personal-data-codes';
import type { FieldError, Problem } from './api/problem';
import { formatNumber, language, phaseName, t } from './i18n';

/** The fields this app's forms send, as they label them (i18n.ts); a CSV names its columns as the API does. */
const FIELDS: Record<string, string> = {
  period: 'periode',
  value: 'waarde',
  note: 'toelichting',
  rationale: 'onderbouwing',
};

const KINDS: Record<PersonalDataCode, string> = {
  bsn: 'een burgerservicenummer (BSN)',
  email: 'een e-mailadres',
  phone: 'een telefoonnummer',
  iban: 'een rekeningnummer (IBAN)',
};

const FREQUENCIES: Record<KpiFrequency, { per: string; shape: string; example: string }> = {
  monthly: { per: 'per maand', shape: 'JJJJ-MM', example: '2026-11' },
  quarterly: { per: 'per kwartaal', shape: 'JJJJ-Qn', example: '2026-Q4' },
  yearly: { per: 'per jaar', shape: 'JJJJ', example: '2026' },
};

const either = (names: string[]): string => new Intl.ListFormat('nl-NL', { type: 'disjunction' }).format(names);

type Say = (where: string, error: FieldError, problem: Problem) => string | null;

/**
 * One sentence per code, the field it is about first (`where`: "het veld ‘waarde’", "de kolom
 * ‘value’"). Typed by the API's list, so a code added there and not worded here fails this build;
 * null where the code says too little, and the API's English message stands.
 */
const SAY: Record<FieldErrorCode, Say> = {
  'unknown-field': (where) => `${where} kent Regie niet`,
  'not-text': (where) => `${where} moet tekst zijn`,
  empty: (where) => `${where} is leeg: vul het in`,
  'too-long': (where, e) => (e.limit === undefined ? null : `${where} is te lang: hoogstens ${e.limit} tekens`),
  'not-a-number': (where) => `${where} is geen getal: schrijf bijvoorbeeld 62,5`,
  'not-whole': (where) => `${where} moet een heel getal zijn`,
  'too-small': (where, e) => (e.limit === undefined ? null : `${where} moet minstens ${formatNumber(e.limit, 2)} zijn`),
  'too-large': (where, e) => (e.limit === undefined ? null : `${where} mag hoogstens ${formatNumber(e.limit, 2)} zijn`),
  'not-an-id': (where) => `${where} is geen geldige id`,
  'not-a-period': (where) => `${where} is geen periode: schrijf een jaar (2026), een kwartaal (2026-Q4) of een maand (2026-11)`,
  'not-a-date': (where) => `${where} is geen datum: schrijf JJJJ-MM-DD, bijvoorbeeld 2026-11-30`,
  'not-an-instant': (where) => `${where} is geen tijdstip`,
  'not-one-of': (where, e) => (e.allowed?.length ? `${where} moet ${either(e.allowed.map((a) => `‘${a}’`))} zijn` : null),
  'not-a-list': (where) => `${where} moet een lijst zijn`,
  'list-empty': (where) => `${where} moet er minstens één noemen`,
  'list-too-long': (where, e) => (e.limit === undefined ? null : `${where} mag er hoogstens ${e.limit} noemen`),
  'list-repeats': (where) => `${where} noemt iets twee keer`,
  'malformed-text': (where) => `${where} bevat een half teken (een losse UTF-16-surrogaat), geen tekst`,
  'forbidden-key': (where) => `${where} is in geen verzoek aan Regie toegestaan`,
  'row-shape': () => 'de regel heeft niet de kolommen van de kopregel (kpiId,period,value,partnerId,note)',
  'personal-data': (where, _, problem) =>
    problem.kind && KINDS[problem.kind]
      ? `in ${where} staat iets dat op ${KINDS[problem.kind]} lijkt. Regie legt nooit persoonsgegevens van burgers vast; beschrijf het zonder.`
      : null,
  'unknown-partner': (where) => `${where} noemt een partner die niet bij Regie is ingeschreven`,
  'period-does-not-fit': (where, e) => {
    const f = e.frequency && FREQUENCIES[e.frequency];
    return f ? `${where} past niet bij deze KPI, die ${f.per} wordt gemeten: schrijf ${f.shape}, bijvoorbeeld ${f.example}` : null;
  },
  'in-the-future': (where) => `${where} ligt in de toekomst`,
  'out-of-order': (_, __, problem) => {
    if (!problem.thresholds) return null;
    const { tolerance, riskTolerance, riskToleranceDefault } = problem.thresholds;
    return `de tolerantie (${formatNumber(tolerance, 2)}) is groter dan de risicotolerantie (${formatNumber(riskTolerance, 2)}${riskToleranceDefault ? ', de standaard' : ''}): ‘op koers’ moet een smallere band zijn dan ‘risico’ (0 ≤ tolerantie ≤ risicotolerantie ≤ 1).`;
  },
  'not-together': (where) => `${where} gaat niet samen met wat er verder is gevraagd`,
  invalid: () => null,
};

/**
 * A field error in Dutch, from its code and what travels with it; null where the page is in
 * English (the API's own language, as gate-findings.ts does for unmet conditions) or the code says
 * too little. A refused CSV row names the column.
 */
export const fieldErrorWords = (problem: Problem, error: FieldError, from: 'form' | 'csv' = 'form'): string | null => {
  if (language.get() !== 'nl' || !error.code) return null;
  const where = from === 'csv' ? `de kolom ‘${error.field}’` : `het veld ‘${FIELDS[error.field] ?? error.field}’`;
  return SAY[error.code]?.(where, error, problem) ?? null;
};

/**
 * A refusal that is not about a field, in Dutch where the API sends what it takes to say it: a
 * wrong phase (the phase, and those the command belongs to), a review concluded meanwhile (its
 * verdict), something not found (the API answers alike whether it does not exist or may not be
 * seen, so this says both).
 */
export const problemWords = (problem: Problem): string | null => {
  if (language.get() !== 'nl') return null;
  if (problem.type.endsWith('/wrong-phase') && problem.phase && problem.allowedIn?.length) {
    const allowed = problem.allowedIn.map((p) => phaseName(p));
    return `dit kan alleen in de fase${allowed.length > 1 ? 'n' : ''} ${either(allowed)}; dit initiatief is in de fase ${phaseName(problem.phase)}.`;
  }
  if (problem.type.endsWith('/not-found')) return 'wat dit adres noemt bestaat niet, of u mag het niet zien.';
  if (problem.type.endsWith('/review-concluded') && problem.verdict) {
    const back = problem.returnTo ? `, terug naar de fase ${phaseName(problem.returnTo)}` : '';
    return `deze review is intussen al afgerond, met het besluit ‘${t().verdicts[problem.verdict]}’${back}. Uw besluit is niet vastgelegd.`;
  }
  return null;
};
