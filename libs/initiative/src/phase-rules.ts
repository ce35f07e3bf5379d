import type { Phase } from '../../../events';
import { WrongPhase } from './domain-errors';
import type { InitiativeCommandType } from './initiative.commands';
import type { Initiative } from './initiative.state';
import { phaseList } from './phases';

const FROM_PILOT_ON: readonly Phase[] = ['pilot', 'integrate', 're-legitimise'];
const FROM_CO_DESIGN_ON: readonly Phase[] = ['co-design', ...FROM_PILOT_ON];
const UNTIL_DISSOLVED: readonly Phase[] = ['explore', 'define', ...FROM_CO_DESIGN_ON];

interface PhaseRule {
  allowedIn: readonly Phase[];
  /** completes "… in co-design, not in define" */
  what: string;
}

/**
 * Which phase each command belongs to, after the method: no solution talk (building blocks, KPIs,
 * pilots) before co-design; measurements, target revisions and early reviews from the pilot on.
 */
export const PHASE_RULES: { readonly [T in Exclude<InitiativeCommandType, 'StartInitiative'>]: PhaseRule } = {
  JoinPartner: { allowedIn: UNTIL_DISSOLVED, what: 'partners can join' },
  RemovePartner: { allowedIn: UNTIL_DISSOLVED, what: 'partners can leave' },
  SharePerspective: { allowedIn: ['explore'], what: 'perspectives can be shared' },
  AgreeSharedPicture: { allowedIn: ['explore'], what: 'a shared picture can be agreed' },
  ConfirmUrgency: { allowedIn: ['explore'], what: 'urgency can be confirmed' },
  AgreeProblemDefinition: { allowedIn: ['define'], what: 'the problem definition can be agreed' },
  DefineDesiredEffect: { allowedIn: ['define'], what: 'desired effects can be defined' },
  StateIntent: { allowedIn: ['define'], what: 'the intent can be stated' },
  AddBuildingBlock: { allowedIn: ['co-design'], what: 'building blocks can be added' },
  CommitContribution: { allowedIn: ['co-design', 'pilot', 'integrate'], what: 'contributions can be committed' },
  DefineKpi: { allowedIn: ['co-design'], what: 'KPIs can be defined' },
  ReviseKpiTarget: { allowedIn: FROM_PILOT_ON, what: 'KPI targets can be revised' },
  DraftCovenant: { allowedIn: FROM_CO_DESIGN_ON, what: 'the covenant can be drafted' },
  SignCovenant: { allowedIn: FROM_CO_DESIGN_ON, what: 'the covenant can be signed' },
  ArrangeTechnology: { allowedIn: ['co-design'], what: 'technology support can be arranged' },
  StartPilot: { allowedIn: ['pilot'], what: 'a pilot can be started' },
  RecordPilotCase: { allowedIn: ['pilot'], what: 'pilot cases can be recorded' },
  RecordLesson: { allowedIn: ['pilot', 'integrate'], what: 'lessons can be recorded' },
  EvaluatePilot: { allowedIn: ['pilot'], what: 'the pilot can be evaluated' },
  RecordMeasurement: { allowedIn: FROM_PILOT_ON, what: 'KPI measurements can be recorded' },
  PlanRolloutWave: { allowedIn: ['integrate'], what: 'roll-out waves can be planned' },
  CompleteRolloutWave: { allowedIn: ['integrate'], what: 'roll-out waves can be completed' },
  AppointAmbassador: { allowedIn: ['integrate'], what: 'ambassadors can be appointed' },
  ScheduleReview: { allowedIn: FROM_PILOT_ON, what: 'right-to-exist reviews can be scheduled' },
  ConcludeReview: { allowedIn: FROM_PILOT_ON, what: 'a review verdict can be given' },
  Advance: { allowedIn: UNTIL_DISSOLVED, what: 'an initiative can advance' },
  Return: { allowedIn: ['pilot'], what: 'an initiative can return to co-design' },
  // Retention runs on after the network ends: dissolution is when the covenant's clock starts.
  EraseFreeText: { allowedIn: [...UNTIL_DISSOLVED, 'dissolved'], what: 'free text can be erased' },
};

export function assertPhaseAllows(type: Exclude<InitiativeCommandType, 'StartInitiative'>, state: Initiative): void {
  if (state.phase === 'dissolved' && !PHASE_RULES[type].allowedIn.includes('dissolved')) {
    throw new WrongPhase('dissolved', [], `initiative '${state.title}' is dissolved: a dissolved initiative accepts no more commands; start a new one`);
  }
  const rule = PHASE_RULES[type];
  if (!rule.allowedIn.includes(state.phase)) {
    throw new WrongPhase(state.phase, rule.allowedIn, `${rule.what} in ${phaseList(rule.allowedIn)}, not in ${state.phase}`);
  }
}
