import type { Recorded } from '../recorded';

/** A building block of the joint approach, owned by the partner whose core competence it draws on. */
export type BuildingBlockAdded = Recorded<
  'BuildingBlockAdded',
  1,
  {
    initiativeId: string;
    blockId: string;
    partnerId: string;
    description: string;
    occurredAt: string;
  }
>;
