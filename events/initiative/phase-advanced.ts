import type { Recorded } from '../recorded';
import type { Phase } from '../phase';

/** The gate of `from` held and the network moved to the next phase. */
export type PhaseAdvanced = Recorded<
  'PhaseAdvanced',
  1,
  {
    initiativeId: string;
    from: Phase;
    to: Phase;
    occurredAt: string;
  }
>;
