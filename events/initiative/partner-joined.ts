import type { Recorded } from '../recorded';
import type { PartnerRole } from '../vocabulary';

/** A partner organisation takes part (again, if it had left), bringing its core competence. */
export type PartnerJoined = Recorded<
  'PartnerJoined',
  1,
  {
    initiativeId: string;
    partnerId: string;
    partnerName: string;
    role: PartnerRole;
    competence: string;
    occurredAt: string;
  }
>;
