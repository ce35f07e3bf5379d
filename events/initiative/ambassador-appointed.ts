import type { Recorded } from '../recorded';

/** An ambassador carries the approach into their own partner organisation. */
export type AmbassadorAppointed = Recorded<
  'AmbassadorAppointed',
  1,
  {
    initiativeId: string;
    partnerId: string;
    role: string;
    occurredAt: string;
  }
>;
