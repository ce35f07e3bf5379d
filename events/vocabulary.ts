/** The closed word lists that events store; adding a word is fine, renaming one needs an upcaster. */

export const PARTNER_KINDS = [
  'municipality',
  'police',
  'public-prosecutor',
  'care',
  'youth-care',
  'probation',
  'child-protection',
  'education',
  'housing',
  'national',
  'civil-society',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PARTNER_ROLES = ['regisseur', 'facilitator', 'participant'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const KPI_DIRECTIONS = ['increase', 'decrease'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

export const KPI_FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export type KpiFrequency = (typeof KPI_FREQUENCIES)[number];

export const PILOT_OUTCOMES = ['successful', 'unsuccessful'] as const;
export type PilotOutcome = (typeof PILOT_OUTCOMES)[number];

export const VERDICTS = ['continue', 'adjust', 'dissolve'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** An `adjust` verdict sends the network back to rethink either the problem or the approach. */
export const RETURN_PHASES = ['define', 'co-design'] as const;
export type ReturnPhase = (typeof RETURN_PHASES)[number];
