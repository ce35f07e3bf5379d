import type { Recorded } from '../recorded';

/** The network ends on purpose (a `dissolve` verdict); a dissolved initiative accepts no commands. */
export type InitiativeDissolved = Recorded<
  'InitiativeDissolved',
  1,
  {
    initiativeId: string;
    reason: string;
    reviewId?: string;
    occurredAt: string;
  }
>;
