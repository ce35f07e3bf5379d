import type { RegieEvent } from './regie-event';

/**
 * Whose retention a field follows. `initiative`: kept until the covenant's retention has run out
 * after the initiative was dissolved. `case-day`: pilot cases and measurement notes, which the
 * covenant lets a running initiative keep only that long after the day they were recorded.
 */
export type TextScope = 'initiative' | 'case-day';

/** A field inside an event's data: property names, `*` for every element of an array. */
export type FieldPath = readonly string[];

export interface FreeTextField {
  path: FieldPath;
  scope: TextScope;
  /** words the domain writes itself (not prose anyone typed), stored and kept as they are */
  codes?: readonly string[];
}

const text = (scope: TextScope, ...path: string[]): FreeTextField => ({ path, scope });

/**
 * The prose people typed into an initiative: stored sealed with the initiative's data key and
 * erased with it when the covenant's retention runs out. What identifies and measures the
 * initiative stays readable for as long as the log exists: titles and problem areas (the portfolio),
 * partner names (the registry's), desired effects and KPIs (the numbers need them), the covenant's
 * terms (the legal basis of what was kept), verdicts, phases and dates. The mapped type makes the
 * compiler ask about every new event type.
 */
export const FREE_TEXT_FIELDS: { readonly [E in RegieEvent as E['type']]: readonly FreeTextField[] } = {
  PartnerRegistered: [],
  InitiativeStarted: [],
  PartnerJoined: [text('initiative', 'competence')],
  PartnerLeft: [],
  PerspectiveShared: [text('initiative', 'summary')],
  SharedPictureAgreed: [text('initiative', 'summary')],
  UrgencyConfirmed: [],
  ProblemDefinitionAgreed: [text('initiative', 'statement')],
  DesiredEffectDefined: [],
  IntentStated: [text('initiative', 'statement')],
  BuildingBlockAdded: [text('initiative', 'description')],
  ContributionCommitted: [text('initiative', 'description')],
  KpiDefined: [],
  KpiTargetRevised: [text('initiative', 'reason')],
  CovenantVersionDrafted: [],
  CovenantSigned: [],
  TechnologyArranged: [text('initiative', 'description')],
  PilotStarted: [text('initiative', 'scope')],
  PilotCaseRecorded: [text('case-day', 'caseRef'), text('case-day', 'learning')],
  LessonRecorded: [text('initiative', 'lesson')],
  PilotEvaluated: [text('initiative', 'rationale')],
  MeasurementRecorded: [text('case-day', 'note')],
  RolloutWavePlanned: [],
  RolloutWaveCompleted: [],
  AmbassadorAppointed: [text('initiative', 'role')],
  ReviewScheduled: [{ path: ['reason'], scope: 'initiative', codes: ['cadence', 'kpi-off-track', 'early review'] }],
  // The frozen KPI evidence carries the reasons of target revisions, copied from KpiTargetRevised.
  ReviewConcluded: [text('initiative', 'rationale'), text('initiative', 'evidence', 'effects', '*', 'kpis', '*', 'targetHistory', '*', 'reason')],
  PhaseAdvanced: [],
  PhaseReturned: [text('initiative', 'reason')],
  InitiativeDissolved: [text('initiative', 'reason')],
  // The record of an erasure stays readable: who erased what, when and why.
  FreeTextErased: [],
};

/** What every reader shows in place of a field whose data key was destroyed. */
export const ERASED_TEXT = '[erased]';

/** The day (YYYY-MM-DD, UTC) a `case-day` field belongs to: that of the event's occurredAt. */
export const caseDayOf = (occurredAt: string): string => new Date(occurredAt).toISOString().slice(0, 10);

/**
 * A copy of `data` with `change` applied to every value at `path` (arrays followed at `*`); what
 * is missing is left as it is. The one walker for sealing, opening and erasing.
 */
export function mapFieldAt(data: unknown, path: FieldPath, change: (value: unknown) => unknown): unknown {
  if (path.length === 0) return data === undefined || data === null ? data : change(data);
  const [head, ...rest] = path;
  if (head === '*') return Array.isArray(data) ? data.map((item) => mapFieldAt(item, rest, change)) : data;
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !(head in data)) return data;
  const record = data as Record<string, unknown>;
  return { ...record, [head]: mapFieldAt(record[head], rest, change) };
}

/** mapFieldAt for the strings at `path` only. */
export const mapTextAt = (data: unknown, path: FieldPath, change: (text: string) => unknown): unknown =>
  mapFieldAt(data, path, (value) => (typeof value === 'string' ? change(value) : value));
