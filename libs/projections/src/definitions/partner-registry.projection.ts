import type { PartnerKind } from '../../../../events';
import { evolvePartner, initialPartnerState, type PartnerState } from '../../../initiative/src';
import type { Projection } from '../projection';

/** GET /api/partners: every registered partner organisation. */
export interface PartnerDoc {
  id: string;
  name: string;
  kind: PartnerKind;
  registeredAt: string;
}

const toState = (doc: PartnerDoc | undefined): PartnerState =>
  doc ? { registered: true, partnerId: doc.id, name: doc.name, kind: doc.kind, registeredAt: doc.registeredAt } : initialPartnerState;

export const partnerRegistryProjection: Projection<PartnerDoc> = {
  name: 'partner-registry',
  version: 1,
  documentIds: (event) => (event.type === 'PartnerRegistered' ? [event.data.partnerId] : []),
  reduce(doc, event) {
    if (event.type !== 'PartnerRegistered') return doc ?? null;
    const state = evolvePartner(toState(doc), event);
    return state.registered ? { id: state.partnerId, name: state.name, kind: state.kind, registeredAt: state.registeredAt } : null;
  },
};

/** Sorted by name, then id, so the list reads the same every time. */
export const partnerList = (docs: PartnerDoc[]): PartnerDoc[] =>
  [...docs].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
