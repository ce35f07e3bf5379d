import type { KpiFrequency } from '../../../events';

const FORMATS: { readonly [F in KpiFrequency]: { pattern: RegExp; shape: string; example: string } } = {
  yearly: { pattern: /^\d{4}$/, shape: 'YYYY', example: '2025' },
  quarterly: { pattern: /^\d{4}-Q[1-4]$/, shape: 'YYYY-Qn', example: '2025-Q3' },
  monthly: { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, shape: 'YYYY-MM', example: '2025-07' },
};

export const periodFits = (period: string, frequency: KpiFrequency): boolean => FORMATS[frequency].pattern.test(period);

/** "use YYYY-Qn, e.g. 2025-Q3" */
export const periodHint = (frequency: KpiFrequency): string => `use ${FORMATS[frequency].shape}, e.g. ${FORMATS[frequency].example}`;
