import type { Recorded } from '../recorded';

/** The pilot's scope and period (dates as YYYY-MM-DD). */
export type PilotStarted = Recorded<
  'PilotStarted',
  1,
  {
    initiativeId: string;
    scope: string;
    startsOn: string;
    endsOn: string;
    occurredAt: string;
  }
>;
