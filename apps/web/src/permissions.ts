import type { InitiativeState } from './api/types';
import { hasRole, session } from './session';

/**
 * Programme managers of the regisseur partner run the initiative's commands and see its access
 * log (api.md); admins everything. The app only hides what the API would refuse anyway.
 */
export const runsInitiative = (state: Pick<InitiativeState, 'regisseurPartnerId'>): boolean => {
  const who = session.get();
  return hasRole(who, 'admin') || (hasRole(who, 'programme-manager') && who?.partner === state.regisseurPartnerId);
};
