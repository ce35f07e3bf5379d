import { GateNotMet, RuleViolated } from '../domain-errors';
import { unmetConditions } from '../gates';
import { nextPhase } from '../phases';
import { requireText } from '../validation';
import { about, fact, type Decision } from './fact';

/** Phases never skip, and a gate refuses with every unmet condition at once. */
export const advance: Decision<'Advance'> = (command, state) => {
  const next = nextPhase(state.phase);
  if (!next) {
    throw new RuleViolated(`${state.phase} is the last phase: the network goes on by 'continue' verdicts and ends by a 'dissolve' verdict`);
  }
  if (command.to !== next) {
    throw new RuleViolated(`cannot advance from ${state.phase} to ${String(command.to)}: phases never skip; the next phase is ${next}`);
  }
  const unmet = unmetConditions(state);
  if (unmet.length) throw new GateNotMet(state.phase, next, unmet);
  return [fact('PhaseAdvanced', { ...about(state, command), from: state.phase, to: next })];
};

/** Only a failed experiment sends the network back from the pilot, to rework the approach. */
export const returnToCoDesign: Decision<'Return'> = (command, state) => {
  if (command.to !== 'co-design') {
    throw new RuleViolated(`a pilot can return to co-design only, not to ${String(command.to)}`);
  }
  const outcome = state.pilot?.evaluation?.outcome;
  if (outcome !== 'unsuccessful') {
    const now = !state.pilot ? 'no pilot has started' : !outcome ? 'the pilot has not been evaluated' : 'the pilot was evaluated successful';
    throw new RuleViolated(`the initiative can return to co-design only after an unsuccessful pilot evaluation; ${now}`);
  }
  return [fact('PhaseReturned', { ...about(state, command), from: state.phase, to: 'co-design', reason: requireText(command.reason, 'the reason') })];
};
