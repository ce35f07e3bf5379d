import type { Recorded } from '../recorded';

/** The partners agree on one joint picture of the problem (gezamenlijk beeld). */
export type SharedPictureAgreed = Recorded<
  'SharedPictureAgreed',
  1,
  {
    initiativeId: string;
    summary: string;
    occurredAt: string;
  }
>;
