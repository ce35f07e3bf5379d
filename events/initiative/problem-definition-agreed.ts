import type { Recorded } from '../recorded';

/** The joint problem definition; agreeing again replaces it. */
export type ProblemDefinitionAgreed = Recorded<
  'ProblemDefinitionAgreed',
  1,
  {
    initiativeId: string;
    statement: string;
    occurredAt: string;
  }
>;
