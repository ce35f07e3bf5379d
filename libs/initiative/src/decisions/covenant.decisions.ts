import { AlreadyExists, RuleViolated } from '../domain-errors';
import { requireActivePartner } from '../partners';
import { requireText, requireTexts } from '../validation';
import { about, fact, type Decision } from './fact';

/** Each draft is a new version; signatures of earlier versions do not carry over. */
export const draftCovenant: Decision<'DraftCovenant'> = (command, state) => {
  const { retentionMonths } = command;
  if (!Number.isInteger(retentionMonths) || retentionMonths <= 0) {
    throw new RuleViolated(`a retention of '${String(retentionMonths)}' months is not a period: give a whole number of months above 0`);
  }
  return [
    fact('CovenantVersionDrafted', {
      ...about(state, command),
      version: (state.covenant?.version ?? 0) + 1,
      purposes: requireTexts(command.purposes, 'the purposes'),
      dataCategories: requireTexts(command.dataCategories, 'the data categories'),
      legalBasis: requireText(command.legalBasis, 'the legal basis'),
      retentionMonths,
    }),
  ];
};

export const signCovenant: Decision<'SignCovenant'> = (command, state) => {
  const { covenant } = state;
  if (!covenant) throw new RuleViolated('no covenant has been drafted yet: draft one before signing');
  if (command.version !== covenant.version) {
    throw new RuleViolated(`covenant version ${String(command.version)} is not the current one: sign version ${covenant.version}`);
  }
  const partner = requireActivePartner(state, command.partnerId, 'sign the covenant');
  if (covenant.signedBy.includes(partner.partnerId)) {
    throw new AlreadyExists(`${partner.name} has already signed covenant version ${covenant.version}`);
  }
  return [fact('CovenantSigned', { ...about(state, command), partnerId: partner.partnerId, version: covenant.version })];
};
