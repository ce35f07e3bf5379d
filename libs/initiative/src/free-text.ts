import { checkFreeText } from '../../privacy/src';
import { PersonalDataRefused, RuleViolated } from './domain-errors';
import type { InitiativeCommand } from './initiative.commands';

type FreeTextFields = { readonly [C in InitiativeCommand as C['type']]: ReadonlyArray<keyof C & string> };

/**
 * The fields people type prose into. Events never carry citizens' personal data, so these are
 * screened before anything is decided; ids and codes are not prose and are left alone.
 */
const FREE_TEXT: FreeTextFields = {
  StartInitiative: ['title', 'problemArea', 'regisseurCompetence'],
  JoinPartner: ['competence'],
  RemovePartner: [],
  SharePerspective: ['summary'],
  AgreeSharedPicture: ['summary'],
  ConfirmUrgency: [],
  AgreeProblemDefinition: ['statement'],
  DefineDesiredEffect: ['description'],
  StateIntent: ['statement'],
  AddBuildingBlock: ['description'],
  CommitContribution: ['description'],
  DefineKpi: ['name', 'unit'],
  ReviseKpiTarget: ['reason'],
  DraftCovenant: ['purposes', 'dataCategories', 'legalBasis'],
  SignCovenant: [],
  ArrangeTechnology: ['description'],
  StartPilot: ['scope'],
  RecordPilotCase: ['caseRef', 'learning'],
  RecordLesson: ['lesson'],
  EvaluatePilot: ['rationale'],
  RecordMeasurement: ['note'],
  PlanRolloutWave: [],
  CompleteRolloutWave: [],
  AppointAmbassador: ['role'],
  ScheduleReview: ['reason'],
  ConcludeReview: ['rationale'],
  Advance: [],
  Return: ['reason'],
  EraseFreeText: ['reason'],
};

export function refusePersonalData(command: InitiativeCommand): void {
  const fields = FREE_TEXT[command.type] as ReadonlyArray<string>;
  const record = command as unknown as Record<string, unknown>;
  refusePersonalDataIn(Object.fromEntries(fields.map((field) => [field, record[field]])));
}

/**
 * The one guard every decider screens prose with (the partner registry too: a partner's name ends
 * up in every initiative it joins). Fields are named as the HTTP body names them.
 */
export function refusePersonalDataIn(fields: Record<string, unknown>): void {
  refuseLoneSurrogates(fields);
  const [finding] = checkFreeText(fields);
  if (finding) throw new PersonalDataRefused(finding.field, finding.kind);
}

/** In a `u` regex a well-formed pair is one code point, so \p{Surrogate} matches only a lone half. */
const LONE_SURROGATE = /\p{Surrogate}/u;

export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/**
 * Half a surrogate pair is not text: an event holding one cannot be written as UTF-8, and strict
 * JSON readers (jq) refuse the history and the export that carry it. The HTTP layer refuses it
 * first (400); this keeps every other caller (CLI, demo, sagas) from storing one.
 */
function refuseLoneSurrogates(fields: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(fields)) {
    if ([value].flat().some((text) => typeof text === 'string' && hasLoneSurrogate(text))) {
      throw new RuleViolated(`the ${field} holds half of a UTF-16 surrogate pair (such as \\ud800 alone), which is not text: send well-formed Unicode`);
    }
  }
}
