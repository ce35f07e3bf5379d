import { PARTNER_KINDS, SCHEMA_VERSIONS, type PartnerEvent, type PartnerKind } from '../../../events';
import { AlreadyExists } from './domain-errors';
import { refusePersonalDataIn } from './free-text';
import { requireInstant, requireOneOf, requireText } from './validation';

/** One partner organisation's stream (`partner-<id>`): it only ever gets registered. */
export type RegisterPartner = { type: 'RegisterPartner'; partnerId: string; name: string; kind: PartnerKind; now: string };
export type PartnerCommand = RegisterPartner;

export type PartnerState = { registered: false } | { registered: true; partnerId: string; name: string; kind: PartnerKind; registeredAt: string };

export const initialPartnerState: PartnerState = { registered: false };

export function evolvePartner(state: PartnerState, event: PartnerEvent): PartnerState {
  switch (event.type) {
    case 'PartnerRegistered': {
      const { partnerId, name, kind, occurredAt } = event.data;
      return { registered: true, partnerId, name, kind, registeredAt: occurredAt };
    }
    default:
      return state;
  }
}

export function decidePartner(command: PartnerCommand, state: PartnerState): PartnerEvent[] {
  requireInstant(command.now);
  refusePersonalDataIn({ name: command.name });
  if (state.registered) throw new AlreadyExists(`partner '${state.name}' is already registered under id '${state.partnerId}'`);
  return [
    {
      type: 'PartnerRegistered',
      schemaVersion: SCHEMA_VERSIONS.PartnerRegistered,
      data: {
        partnerId: requireText(command.partnerId, 'the partner id'),
        name: requireText(command.name, "the partner's name").trim(),
        kind: requireOneOf(command.kind, PARTNER_KINDS, 'the partner kind'),
        occurredAt: command.now,
      },
    },
  ];
}
