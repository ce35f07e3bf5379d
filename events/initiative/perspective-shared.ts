import type { Recorded } from '../recorded';

/** A partner's own view of the problem; sharing again replaces its earlier view. */
export type PerspectiveShared = Recorded<
  'PerspectiveShared',
  1,
  {
    initiativeId: string;
    partnerId: string;
    summary: string;
    occurredAt: string;
  }
>;
