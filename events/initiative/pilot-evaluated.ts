import type { Recorded } from '../recorded';
import type { PilotOutcome } from '../vocabulary';

/** The pilot's verdict: successful opens integration, unsuccessful allows a return to co-design. */
export type PilotEvaluated = Recorded<
  'PilotEvaluated',
  1,
  {
    initiativeId: string;
    outcome: PilotOutcome;
    rationale: string;
    occurredAt: string;
  }
>;
