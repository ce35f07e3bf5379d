import type { PartnerRegistered } from '../../../events';
import { AlreadyExists, PersonalDataRefused, RuleViolated } from './domain-errors';
import { decidePartner, evolvePartner, initialPartnerState, type RegisterPartner } from './partner-registry';

const register: RegisterPartner = { type: 'RegisterPartner', partnerId: 'p-police', name: 'Police', kind: 'police', now: '2025-01-02T08:00:00.000Z' };
const registered: PartnerRegistered = {
  type: 'PartnerRegistered',
  schemaVersion: 1,
  data: { partnerId: 'p-police', name: 'Police', kind: 'police', occurredAt: '2025-01-02T08:00:00.000Z' },
};

const refusalOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
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

  it.each([
    ['a citizen service number (BSN)', 'Buurtteam 111222333'],
    ['an e-mail address', 'Buurtteam (j.jansen@example.nl)'],
    ['a phone number', 'Buurtteam, bel 06-12345678'],
  ])("refuses a name holding %s, naming the field 'name'", (kind, name) => {
    const refusal = refusalOf(() => decidePartner({ ...register, name }, initialPartnerState));
    expect(refusal).toBeInstanceOf(PersonalDataRefused);
    expect(refusal).toMatchObject({ field: 'name', kind });
  });

  it('registers a partner once', () => {
    const state = evolvePartner(initialPartnerState, registered);
    expect(state).toEqual({ registered: true, partnerId: 'p-police', name: 'Police', kind: 'police', registeredAt: '2025-01-02T08:00:00.000Z' });
    expect(() => decidePartner(register, state)).toThrow(AlreadyExists);
  });
});
