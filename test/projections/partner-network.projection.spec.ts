import type { RegieEvent } from '../../events';
import type { Actor, InitiativeState } from '../../libs/initiative/src';
import { covenantDrafted, covenantSigned, event, historyIn, ID, left, municipality, police, youthCare } from '../../libs/initiative/src/testing/fixtures';
import { networkOf, partnerNetworkProjection, type PartnerDoc } from '../../libs/projections/src';
import { project, viaJson } from './support/project';

const registered = (id: string, name: string): RegieEvent => ({
  type: 'PartnerRegistered',
  schemaVersion: 1,
  data: { partnerId: id, name, kind: 'police', occurredAt: '2025-01-01T00:00:00.000Z' },
});

describe('the partner network projection', () => {
  const base = [registered(police.partnerId, 'Police'), registered(youthCare.partnerId, 'Youth Care'), ...historyIn('co-design')];
  const network = (events: RegieEvent[], partnerId: string, actor: Actor = { sub: 'admin', roles: ['admin'] }) => {
    const docs = [...project(partnerNetworkProjection, events).values()].map(viaJson);
    const partner = docs.find((d): d is { kind: 'partner'; partner: PartnerDoc } => d.kind === 'partner' && d.partner.id === partnerId)!.partner;
    const initiatives = docs.flatMap((d): InitiativeState[] => (d.kind === 'initiative' ? [d.state] : []));
    return networkOf(partner, initiatives, actor);
  };

  it('an initiative the partner takes part in: role, active, contributions and whether it signed the current covenant', () => {
    const events = [
      ...base,
      event('ContributionCommitted', { contributionId: 'c-1', partnerId: police.partnerId, description: 'two community officers', hoursPerMonth: 32 }),
      event('ContributionCommitted', { contributionId: 'c-2', partnerId: municipality.partnerId, description: 'a meeting room' }),
      covenantDrafted(1),
      covenantSigned(police, 1),
    ];
    expect(network(events, police.partnerId)).toEqual({
      partner: { id: police.partnerId, name: 'Police', kind: 'police', registeredAt: '2025-01-01T00:00:00.000Z' },
      initiatives: [
        {
          initiativeId: ID,
          title: 'Preventing radicalisation',
          phase: 'co-design',
          role: 'participant',
          active: true,
          joinedAt: '2025-03-01T09:00:00.000Z',
          leftAt: null,
          contributions: [{ id: 'c-1', description: 'two community officers', hoursPerMonth: 32, committedAt: '2025-03-01T09:00:00.000Z' }],
          covenant: { version: 1, signed: true },
        },
      ],
    });
  });

  it('a new covenant version is unsigned until the partner signs it again', () => {
    const events = [...base, covenantDrafted(1), covenantSigned(police, 1), covenantDrafted(2)];
    expect(network(events, police.partnerId).initiatives[0].covenant).toEqual({ version: 2, signed: false });
    expect(network([...events, covenantSigned(police, 2)], police.partnerId).initiatives[0].covenant).toEqual({ version: 2, signed: true });
  });

  it('a partner that left stays listed, inactive; one that never took part has no initiatives', () => {
    expect(network([...base, left(police)], police.partnerId).initiatives[0]).toMatchObject({ active: false, leftAt: '2025-03-01T09:00:00.000Z' });
    expect(network(base, youthCare.partnerId).initiatives).toEqual([]);
  });

  it('the caller sees only initiatives its own partner takes part in', () => {
    const youthCareMember: Actor = { sub: 'm', roles: ['partner-member'], partner: youthCare.partnerId };
    expect(network(base, police.partnerId, youthCareMember).initiatives).toEqual([]);
  });
});
