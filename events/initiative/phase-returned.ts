import type { Recorded } from '../recorded';
import type { Phase } from '../phase';

/**
 * The network went back (an unsuccessful pilot, or an `adjust` verdict, then with its reviewId).
 * Everything agreed stays; a return to define or co-design clears the pilot, which must be redone.
 */
export type PhaseReturned = Recorded<
  'PhaseReturned',
  1,
  {
    initiativeId: string;
    from: Phase;
    to: Phase;
    reason: string;
    reviewId?: string;
    occurredAt: string;
  }
>;
