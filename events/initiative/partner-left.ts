import type { Recorded } from '../recorded';

/** A partner no longer takes part; from now on it no longer counts in any gate. */
export type PartnerLeft = Recorded<
  'PartnerLeft',
  1,
  {
    initiativeId: string;
    partnerId: string;
    occurredAt: string;
  }
>;
