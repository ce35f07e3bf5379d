import type { Recorded } from '../recorded';

/** Capacity or resources a partner commits to the joint approach. */
export type ContributionCommitted = Recorded<
  'ContributionCommitted',
  1,
  {
    initiativeId: string;
    contributionId: string;
    partnerId: string;
    description: string;
    hoursPerMonth?: number;
    occurredAt: string;
  }
>;
