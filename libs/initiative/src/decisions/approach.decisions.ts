import { RuleViolated } from '../domain-errors';
import { requireActivePartner } from '../partners';
import { requireText } from '../validation';
import { about, fact, requireNewId, type Decision } from './fact';

export const addBuildingBlock: Decision<'AddBuildingBlock'> = (command, state) => {
  const blockId = requireNewId(state.buildingBlocks, command.blockId, 'building block');
  const partner = requireActivePartner(state, command.partnerId, 'own a building block');
  return [
    fact('BuildingBlockAdded', {
      ...about(state, command),
      blockId,
      partnerId: partner.partnerId,
      description: requireText(command.description, 'the building block'),
    }),
  ];
};

export const commitContribution: Decision<'CommitContribution'> = (command, state) => {
  const contributionId = requireNewId(state.contributions, command.contributionId, 'contribution');
  const partner = requireActivePartner(state, command.partnerId, 'commit a contribution');
  const { hoursPerMonth } = command;
  if (hoursPerMonth !== undefined && !(typeof hoursPerMonth === 'number' && Number.isFinite(hoursPerMonth) && hoursPerMonth >= 0)) {
    throw new RuleViolated(`hours per month '${String(hoursPerMonth)}' is not a number of hours: give 0 or more`);
  }
  return [
    fact('ContributionCommitted', {
      ...about(state, command),
      contributionId,
      partnerId: partner.partnerId,
      description: requireText(command.description, 'the contribution'),
      ...(hoursPerMonth !== undefined && { hoursPerMonth }),
    }),
  ];
};

export const arrangeTechnology: Decision<'ArrangeTechnology'> = (command, state) => [
  fact('TechnologyArranged', { ...about(state, command), description: requireText(command.description, 'the technology') }),
];
