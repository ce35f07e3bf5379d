import type { Recorded } from '../recorded';

/** A roll-out wave that brings the way of working into these partners' own organisations. */
export type RolloutWavePlanned = Recorded<
  'RolloutWavePlanned',
  1,
  {
    initiativeId: string;
    waveId: string;
    partnerIds: string[];
    /** YYYY-MM-DD */
    plannedStart: string;
    occurredAt: string;
  }
>;
