import type { InitiativeEvent } from '../../../events';
import { addBuildingBlock, arrangeTechnology, commitContribution } from './decisions/approach.decisions';
import { draftCovenant, signCovenant } from './decisions/covenant.decisions';
import { agreeProblemDefinition, defineDesiredEffect, stateIntent } from './decisions/define.decisions';
import { agreeSharedPicture, confirmUrgency, sharePerspective } from './decisions/explore.decisions';
import { appointAmbassador, completeRolloutWave, planRolloutWave } from './decisions/integrate.decisions';
import { defineKpi, recordMeasurement, reviseKpiTarget } from './decisions/kpis.decisions';
import { joinPartner, removePartner, startInitiative } from './decisions/partners.decisions';
import { advance, returnToCoDesign } from './decisions/phase-moves.decisions';
import { evaluatePilot, recordLesson, recordPilotCase, startPilot } from './decisions/pilot.decisions';
import { eraseFreeText } from './decisions/retention.decisions';
import { concludeReview, refuseConcludedReview, scheduleReview } from './decisions/reviews.decisions';
import { InitiativeNotFound } from './domain-errors';
import { refusePersonalData } from './free-text';
import type { InitiativeCommand } from './initiative.commands';
import type { InitiativeState } from './initiative.state';
import { assertPhaseAllows } from './phase-rules';
import { requireInstant } from './validation';

/**
 * What the command makes happen, as events; throws a DomainError naming what is unmet. Pure: the
 * same command on the same state always gives the same events, and a refusal appends nothing.
 */
export function decide(command: InitiativeCommand, state: InitiativeState): InitiativeEvent[] {
  requireInstant(command.now);
  if (command.type === 'StartInitiative') {
    refusePersonalData(command);
    return startInitiative(command, state);
  }
  if (!state.started || state.id !== command.initiativeId) throw new InitiativeNotFound(command.initiativeId);
  if (command.type === 'ConcludeReview') refuseConcludedReview(command, state);
  assertPhaseAllows(command.type, state);
  refusePersonalData(command);

  switch (command.type) {
    case 'JoinPartner':
      return joinPartner(command, state);
    case 'RemovePartner':
      return removePartner(command, state);
    case 'SharePerspective':
      return sharePerspective(command, state);
    case 'AgreeSharedPicture':
      return agreeSharedPicture(command, state);
    case 'ConfirmUrgency':
      return confirmUrgency(command, state);
    case 'AgreeProblemDefinition':
      return agreeProblemDefinition(command, state);
    case 'DefineDesiredEffect':
      return defineDesiredEffect(command, state);
    case 'StateIntent':
      return stateIntent(command, state);
    case 'AddBuildingBlock':
      return addBuildingBlock(command, state);
    case 'CommitContribution':
      return commitContribution(command, state);
    case 'DefineKpi':
      return defineKpi(command, state);
    case 'ReviseKpiTarget':
      return reviseKpiTarget(command, state);
    case 'DraftCovenant':
      return draftCovenant(command, state);
    case 'SignCovenant':
      return signCovenant(command, state);
    case 'ArrangeTechnology':
      return arrangeTechnology(command, state);
    case 'StartPilot':
      return startPilot(command, state);
    case 'RecordPilotCase':
      return recordPilotCase(command, state);
    case 'RecordLesson':
      return recordLesson(command, state);
    case 'EvaluatePilot':
      return evaluatePilot(command, state);
    case 'RecordMeasurement':
      return recordMeasurement(command, state);
    case 'PlanRolloutWave':
      return planRolloutWave(command, state);
    case 'CompleteRolloutWave':
      return completeRolloutWave(command, state);
    case 'AppointAmbassador':
      return appointAmbassador(command, state);
    case 'ScheduleReview':
      return scheduleReview(command, state);
    case 'ConcludeReview':
      return concludeReview(command, state);
    case 'Advance':
      return advance(command, state);
    case 'Return':
      return returnToCoDesign(command, state);
    case 'EraseFreeText':
      return eraseFreeText(command, state);
    default:
      return unknownCommand(command);
  }
}

function unknownCommand(command: never): never {
  throw new Error(`decide has no case for ${(command as { type: string }).type}`);
}
