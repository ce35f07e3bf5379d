/**
 * Every code a gate finding can carry (gates.ts), in one list without imports, so that the web app
 * can type its wording by it: a code added here and not worded there fails its build.
 */
export const GATE_FINDING_CODES = [
  'too-few-partners',
  'no-perspective',
  'no-urgency',
  'no-shared-picture',
  'no-problem-definition',
  'no-desired-effect',
  'no-intent',
  'no-building-block',
  'effect-without-kpi',
  'effect-kpis-owners-left',
  'no-covenant',
  'covenant-unsigned',
  'no-pilot',
  'pilot-not-evaluated',
  'pilot-unsuccessful',
  'wave-not-completed',
  'no-ambassador',
  'ambassadors-left',
] as const;

export type GateFindingCode = (typeof GATE_FINDING_CODES)[number];
