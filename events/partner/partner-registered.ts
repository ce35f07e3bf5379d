import type { Recorded } from '../recorded';
import type { PartnerKind } from '../vocabulary';

/** A partner organisation exists in the registry; initiatives invite partners from here. */
export type PartnerRegistered = Recorded<
  'PartnerRegistered',
  1,
  {
    partnerId: string;
    name: string;
    kind: PartnerKind;
    occurredAt: string;
  }
>;
