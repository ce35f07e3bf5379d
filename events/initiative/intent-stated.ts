import type { Recorded } from '../recorded';

/** The network's intent (bedoeling); stating it again replaces it. */
export type IntentStated = Recorded<
  'IntentStated',
  1,
  {
    initiativeId: string;
    statement: string;
    occurredAt: string;
  }
>;
