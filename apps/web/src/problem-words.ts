import type { PersonalDataCode } from '../../../libs/privacy/src/personal-data-codes';
import type { Problem } from './api/problem';
import { formatNumber, language, phaseName } from './i18n';

/** The prose fields this app's forms send, as they label them (i18n.ts: note, rationale). */
const FIELDS: Record<string, string> = {
  note: 'toelichting',
  rationale: 'onderbouwing',
};

const KINDS: Record<PersonalDataCode, string> = {
  bsn: 'een burgerservicenummer (BSN)',
  email: 'een e-mailadres',
  phone: 'een telefoonnummer',
  iban: 'een rekeningnummer (IBAN)',
};

/** A field no form of this app sends keeps the API's name. */
const fieldName = (field: string): string => `‘${FIELDS[field] ?? field}’`;

const either = (names: string[]): string => new Intl.ListFormat('nl-NL', { type: 'disjunction' }).format(names);

/**
 * A refusal in Dutch where the API sends, beside its English detail, what it takes to say it:
 * personal data (the field, and a code for what it looked like), a wrong phase (the phase, and
 * those the command belongs to) and a what-if pair in the wrong order (the pair). Null where the detail is all there is, or the page is in English,
 * the API's own language (as gate-findings.ts does for unmet conditions). A refused CSV row names
 * the column.
 */
export const problemWords = (problem: Problem, from: 'form' | 'csv' = 'form'): string | null => {
  if (language.get() !== 'nl') return null;
  const slug = problem.type.split('/').pop();
  const field = problem.errors?.[0]?.field;
  if (slug === 'personal-data' && problem.kind && KINDS[problem.kind] && field) {
    // A CSV names its columns as the API does.
    const where = from === 'csv' ? `in de kolom ‘${field}’` : `in het veld ${fieldName(field)}`;
    return `${where} staat iets dat op ${KINDS[problem.kind]} lijkt. Regie legt nooit persoonsgegevens van burgers vast; beschrijf het zonder.`;
  }
  if (slug === 'wrong-phase' && problem.phase && problem.allowedIn?.length) {
    const allowed = problem.allowedIn.map((p) => phaseName(p));
    return `dit kan alleen in de fase${allowed.length > 1 ? 'n' : ''} ${either(allowed)}; dit initiatief is in de fase ${phaseName(problem.phase)}.`;
  }
  if (problem.thresholds) {
    const { tolerance, riskTolerance, riskToleranceDefault } = problem.thresholds;
    return `de tolerantie (${formatNumber(tolerance, 2)}) is groter dan de risicotolerantie (${formatNumber(riskTolerance, 2)}${riskToleranceDefault ? ', de standaard' : ''}): ‘op koers’ moet een smallere band zijn dan ‘risico’ (0 ≤ tolerantie ≤ risicotolerantie ≤ 1).`;
  }
  return null;
};
