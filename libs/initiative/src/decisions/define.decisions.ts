import { requireText } from '../validation';
import { about, fact, requireNewId, type Decision } from './fact';

export const agreeProblemDefinition: Decision<'AgreeProblemDefinition'> = (command, state) => [
  fact('ProblemDefinitionAgreed', {
    ...about(state, command),
    statement: requireText(command.statement, 'the problem definition'),
  }),
];

export const defineDesiredEffect: Decision<'DefineDesiredEffect'> = (command, state) => [
  fact('DesiredEffectDefined', {
    ...about(state, command),
    effectId: requireNewId(state.desiredEffects, command.effectId, 'desired effect'),
    description: requireText(command.description, 'the desired effect'),
  }),
];

export const stateIntent: Decision<'StateIntent'> = (command, state) => [
  fact('IntentStated', { ...about(state, command), statement: requireText(command.statement, 'the intent') }),
];
