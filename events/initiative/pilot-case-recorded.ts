import type { Recorded } from '../recorded';

/** A pilot case: an anonymous case reference and what was learned — never a person's data. */
export type PilotCaseRecorded = Recorded<
  'PilotCaseRecorded',
  1,
  {
    initiativeId: string;
    caseId: string;
    caseRef: string;
    partnerIds: string[];
    learning: string;
    occurredAt: string;
  }
>;
