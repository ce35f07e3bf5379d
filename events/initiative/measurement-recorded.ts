import type { Recorded } from '../recorded';

/**
 * A KPI value for one period (YYYY, YYYY-Qn or YYYY-MM, matching the KPI's frequency).
 * `corrects: true` when it replaces an earlier value for the same period; the earlier one stays
 * in the history.
 */
export type MeasurementRecorded = Recorded<
  'MeasurementRecorded',
  1,
  {
    initiativeId: string;
    kpiId: string;
    period: string;
    value: number;
    partnerId: string;
    note?: string;
    corrects?: boolean;
    occurredAt: string;
  }
>;
