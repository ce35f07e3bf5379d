import type { Recorded } from '../recorded';

/**
 * A new version of the covenant (versions count from 1). Earlier signatures do not carry over:
 * every active partner signs the new version again.
 */
export type CovenantVersionDrafted = Recorded<
  'CovenantVersionDrafted',
  1,
  {
    initiativeId: string;
    version: number;
    purposes: string[];
    dataCategories: string[];
    legalBasis: string;
    retentionMonths: number;
    occurredAt: string;
  }
>;
