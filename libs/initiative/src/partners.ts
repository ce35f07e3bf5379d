import { UnknownPartner } from './domain-errors';
import type { Initiative, InitiativePartner } from './initiative.state';

/** The partners that take part now (of a state, or of anything that lists partners the way it does). */
export const activePartners = <P extends Pick<InitiativePartner, 'active'> = InitiativePartner>(state: { partners: readonly P[] }): P[] =>
  state.partners.filter((p) => p.active);

/** Partners are named by name wherever a person reads the result; an unknown id stays an id. */
export const nameOf = (state: Initiative, partnerId: string): string => state.partners.find((p) => p.partnerId === partnerId)?.name ?? partnerId;

export const namesOf = (state: Initiative, partnerIds: readonly string[]): string => partnerIds.map((id) => nameOf(state, id)).join(', ');

/** Only partners that take part now may act; `toDo` completes "only active partners can …". */
export function requireActivePartner(state: Initiative, partnerId: string, toDo: string): InitiativePartner {
  const partner = state.partners.find((p) => p.partnerId === partnerId);
  if (!partner) {
    throw new UnknownPartner(partnerId, `partner '${partnerId}' does not take part in this initiative: only its partners can ${toDo}; let it join first`);
  }
  if (!partner.active) {
    throw new UnknownPartner(partnerId, `${partner.name} has left this initiative: only active partners can ${toDo}; let it join again first`);
  }
  return partner;
}
