import type { Recorded } from '../recorded';
import type { KpiDirection, KpiFrequency } from '../vocabulary';

/** A joint KPI: it measures one desired effect and one partner owns (reports) it. */
export type KpiDefined = Recorded<
  'KpiDefined',
  1,
  {
    initiativeId: string;
    kpiId: string;
    name: string;
    effectId: string;
    ownerPartnerId: string;
    unit: string;
    direction: KpiDirection;
    baseline: number;
    target: number;
    /** YYYY-MM-DD; the target counts from 00:00 UTC of that day */
    targetDate: string;
    frequency: KpiFrequency;
    occurredAt: string;
  }
>;
