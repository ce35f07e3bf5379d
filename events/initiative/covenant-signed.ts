import type { Recorded } from '../recorded';

/** A partner signs one specific covenant version. */
export type CovenantSigned = Recorded<
  'CovenantSigned',
  1,
  {
    initiativeId: string;
    partnerId: string;
    version: number;
    occurredAt: string;
  }
>;
