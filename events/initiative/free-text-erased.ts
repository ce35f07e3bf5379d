import type { Recorded } from '../recorded';

/**
 * The covenant's retention ran out for some of the initiative's free text, and the data keys it was
 * sealed with were destroyed (crypto-shredding): from here on every reader shows those fields as
 * erased, while numbers, phases, KPIs and verdicts stay. `initiativeText` erases everything the
 * initiative wrote (only after dissolution + retention); `caseDays` erases the pilot cases and
 * measurement notes of those days (YYYY-MM-DD, UTC), each retention after it was recorded.
 * `reason` and who erased stay readable: they are the record of the erasure itself.
 */
export type FreeTextErased = Recorded<
  'FreeTextErased',
  1,
  {
    initiativeId: string;
    initiativeText: boolean;
    caseDays: string[];
    /** the covenant's retention the erasure applied */
    retentionMonths: number;
    reason: string;
    occurredAt: string;
  }
>;
