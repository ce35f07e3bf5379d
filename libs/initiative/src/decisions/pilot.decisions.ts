import { PILOT_OUTCOMES } from '../../../../events';
import { AlreadyExists, RuleViolated } from '../domain-errors';
import type { Initiative, Pilot } from '../initiative.state';
import { requireActivePartner } from '../partners';
import { requireDate, requireOneOf, requireText } from '../validation';
import { about, fact, requireNewId, type Decision } from './fact';

function requirePilot(state: Initiative, toDo: string): Pilot {
  if (!state.pilot) throw new RuleViolated(`no pilot has started yet: start the pilot before you ${toDo}`);
  return state.pilot;
}

export const startPilot: Decision<'StartPilot'> = (command, state) => {
  if (state.pilot) {
    throw new AlreadyExists(`a pilot (${state.pilot.scope}) has already started: a new pilot needs a return to co-design first`);
  }
  const startsOn = requireDate(command.startsOn, 'the start date');
  const endsOn = requireDate(command.endsOn, 'the end date');
  if (endsOn < startsOn) throw new RuleViolated(`the pilot ends (${endsOn}) before it starts (${startsOn}): swap the dates`);
  return [fact('PilotStarted', { ...about(state, command), scope: requireText(command.scope, 'the pilot scope'), startsOn, endsOn })];
};

/** Cases are anonymous references: the free-text screen keeps a person's data out. */
export const recordPilotCase: Decision<'RecordPilotCase'> = (command, state) => {
  requirePilot(state, 'record its cases');
  const caseId = requireNewId(state.pilotCases, command.caseId, 'pilot case');
  if (!Array.isArray(command.partnerIds) || command.partnerIds.length === 0) {
    throw new RuleViolated('a pilot case names no partner: name the partners that worked on it');
  }
  const partnerIds = command.partnerIds.map((id) => requireActivePartner(state, id, 'work on a pilot case').partnerId);
  return [
    fact('PilotCaseRecorded', {
      ...about(state, command),
      caseId,
      caseRef: requireText(command.caseRef, 'the case reference'),
      partnerIds,
      learning: requireText(command.learning, 'the learning'),
    }),
  ];
};

export const recordLesson: Decision<'RecordLesson'> = (command, state) => [
  fact('LessonRecorded', {
    ...about(state, command),
    lessonId: requireNewId(state.lessons, command.lessonId, 'lesson'),
    lesson: requireText(command.lesson, 'the lesson'),
  }),
];

export const evaluatePilot: Decision<'EvaluatePilot'> = (command, state) => {
  const pilot = requirePilot(state, 'evaluate it');
  if (pilot.evaluation) {
    throw new AlreadyExists(`the pilot was already evaluated ${pilot.evaluation.outcome}: a new evaluation needs a new pilot`);
  }
  return [
    fact('PilotEvaluated', {
      ...about(state, command),
      outcome: requireOneOf(command.outcome, PILOT_OUTCOMES, 'the outcome'),
      rationale: requireText(command.rationale, 'the rationale'),
    }),
  ];
};
