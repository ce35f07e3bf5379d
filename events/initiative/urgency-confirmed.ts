import type { Recorded } from '../recorded';

/** A partner confirms it shares the urgency to tackle the problem together. */
export type UrgencyConfirmed = Recorded<
  'UrgencyConfirmed',
  1,
  {
    initiativeId: string;
    partnerId: string;
    occurredAt: string;
  }
>;
