import type { PartnerRegistered } from '../../../events';
import { AlreadyExists, RuleViolated } from './domain-errors';
import { decidePartner, evolvePartner, initialPartnerState, type RegisterPartner } from './partner-registry';

const register: RegisterPartner = { type: 'RegisterPartner', partnerId: 'p-police', name: 'Police', kind: 'police', now: '2025-01-02T08:00:00.000Z' };
const registered: PartnerRegistered = {
  type: 'PartnerRegistered', schemaVersion: 1,
  data: { partnerId: 'p-police', name: 'Police', kind: 'police', occurredAt: '2025-01-02T08:00:00.000Z' },
};

describe('the partner registry', () => {
  it('registers a partner organisation with its kind', () => {
    expect(decidePartner(register, initialPartnerState)).toEqual([registered]);
  });

  it('refuses a partner without a name', () => {
    expect(() => decidePartner({ ...register, name: ' ' }, initialPartnerState)).toThrow(new RuleViolated("the partner's name is empty: it needs some text"));
  });

  it('refuses a kind it does not know', () => {
    expect(() => decidePartner({ ...register, kind: 'army' as never }, initialPartnerState)).toThrow(RuleViolated);
  });

  it('registers a partner once', () => {
    const state = evolvePartner(initialPartnerState, registered);
    expect(state).toEqual({ registered: true, partnerId: 'p-police', name: 'Police', kind: 'police', registeredAt: '2025-01-02T08:00:00.000Z' });
    expect(() => decidePartner(register, state)).toThrow(AlreadyExists);
  });
});
