import type { Recorded } from '../recorded';

/** Technology support arranged for the network (systems, channels, mobile working). */
export type TechnologyArranged = Recorded<
  'TechnologyArranged',
  1,
  {
    initiativeId: string;
    description: string;
    occurredAt: string;
  }
>;
