import { PARTNER_ROLES } from '../../../../events';
import { AlreadyExists, RuleViolated } from '../domain-errors';
import type { StartInitiative } from '../initiative.commands';
import type { InitiativeState } from '../initiative.state';
import { activePartners, requireActivePartner } from '../partners';
import { requireOneOf, requireText } from '../validation';
import { about, fact, type Decision } from './fact';

/** The method has the network directed from the start: the regisseur is its first partner. */
export function startInitiative(command: StartInitiative, state: InitiativeState) {
  if (state.started) {
    throw new AlreadyExists(`initiative '${command.initiativeId}' already exists: start a new one under a new id`);
  }
  requireText(command.initiativeId, 'the initiative id');
  const base = { initiativeId: command.initiativeId, occurredAt: command.now };
  return [
    fact('InitiativeStarted', {
      ...base,
      title: requireText(command.title, 'the title'),
      problemArea: requireText(command.problemArea, 'the problem area'),
      regisseurPartnerId: requireText(command.regisseurPartnerId, 'the regisseur partner'),
      regisseurPartnerName: requireText(command.regisseurPartnerName, "the regisseur partner's name"),
    }),
    fact('PartnerJoined', {
      ...base,
      partnerId: command.regisseurPartnerId,
      partnerName: command.regisseurPartnerName,
      role: 'regisseur',
      competence: command.regisseurCompetence?.trim() || 'network direction',
    }),
  ];
}

export const joinPartner: Decision<'JoinPartner'> = (command, state) => {
  const current = state.partners.find((p) => p.partnerId === command.partnerId);
  if (current?.active) {
    throw new AlreadyExists(`${current.name} already takes part in this initiative`);
  }
  return [
    fact('PartnerJoined', {
      ...about(state, command),
      partnerId: requireText(command.partnerId, 'the partner'),
      partnerName: requireText(command.partnerName, "the partner's name"),
      role: requireOneOf(command.role, PARTNER_ROLES, 'the role'),
      competence: requireText(command.competence, 'the core competence'),
    }),
  ];
};

export const removePartner: Decision<'RemovePartner'> = (command, state) => {
  const partner = requireActivePartner(state, command.partnerId, 'leave');
  const regisseurs = activePartners(state).filter((p) => p.role === 'regisseur');
  if (partner.role === 'regisseur' && regisseurs.length === 1) {
    throw new RuleViolated(
      `${partner.name} is the only active regisseur: a network needs direction; ` + 'let another partner join as regisseur before it leaves',
    );
  }
  return [fact('PartnerLeft', { ...about(state, command), partnerId: partner.partnerId })];
};
