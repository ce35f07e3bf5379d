import type { Recorded } from '../recorded';

/**
 * A network effort begins in `explore`. The regisseur partner's name is copied in so the history
 * reads without the registry; the decider follows this with a PartnerJoined for that partner.
 */
export type InitiativeStarted = Recorded<
  'InitiativeStarted',
  1,
  {
    initiativeId: string;
    title: string;
    problemArea: string;
    regisseurPartnerId: string;
    regisseurPartnerName: string;
    occurredAt: string;
  }
>;
