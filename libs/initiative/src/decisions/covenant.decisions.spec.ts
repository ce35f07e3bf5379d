import { AlreadyExists, RuleViolated, UnknownPartner } from '../domain-errors';
import type { DraftCovenant, SignCovenant } from '../initiative.commands';
import { given } from '../testing/given';
import { base, covenantDrafted, covenantSigned, historyIn, joined, left, police, stateOf, youthCare } from '../testing/fixtures';

const draft: DraftCovenant = {
  type: 'DraftCovenant',
  ...base,
  purposes: ['signal sharing'],
  dataCategories: ['case references'],
  legalBasis: 'public task (art. 6(1)(e) GDPR)',
  retentionMonths: 24,
};
const sign = (partnerId: string, version: number): SignCovenant => ({ type: 'SignCovenant', ...base, partnerId, version });

describe('the covenant', () => {
  const withoutCovenant = historyIn('co-design');

  it('starts at version 1', () => {
    given(...withoutCovenant)
      .when(draft)
      .then(covenantDrafted(1));
  });

  it('gets the next version number with every change', () => {
    given(...historyIn('pilot'))
      .when(draft)
      .then(covenantDrafted(2));
  });

  it('is signed by a partner for the current version', () => {
    given(...withoutCovenant, covenantDrafted(1))
      .when(sign(police.partnerId, 1))
      .then(covenantSigned(police, 1));
  });

  it('cannot be signed before it is drafted', () => {
    given(...withoutCovenant)
      .when(sign(police.partnerId, 1))
      .thenThrows(RuleViolated, 'no covenant has been drafted yet');
  });

  it('refuses a signature under an old version after a new one is drafted', () => {
    given(...historyIn('pilot'), covenantDrafted(2))
      .when(sign(police.partnerId, 1))
      .thenThrows(RuleViolated, 'covenant version 1 is not the current one: sign version 2');
  });

  it('needs fresh signatures after a new version: the earlier ones no longer count', () => {
    const state = stateOf([...historyIn('pilot'), covenantDrafted(2)]);
    expect(state.covenant).toMatchObject({ version: 2, signedBy: [] });
    given(...historyIn('pilot'), covenantDrafted(2))
      .when(sign(police.partnerId, 2))
      .then(covenantSigned(police, 2));
  });

  it('is signed once per version by each partner', () => {
    given(...historyIn('pilot'))
      .when(sign(police.partnerId, 1))
      .thenThrows(AlreadyExists, 'Police has already signed covenant version 1');
  });

  it('is signed only by partners that take part', () => {
    given(...withoutCovenant, covenantDrafted(1), joined(youthCare), left(youthCare))
      .when(sign(youthCare.partnerId, 1))
      .thenThrows(UnknownPartner, 'Youth Care has left this initiative: only active partners can sign the covenant');
  });

  it('is signed again by a partner that left and rejoined: the earlier signature left with it', () => {
    given(...historyIn('pilot'), left(police), joined(police))
      .when(sign(police.partnerId, 1))
      .then(covenantSigned(police, 1));
  });

  it('needs at least one purpose', () => {
    given(...withoutCovenant)
      .when({ ...draft, purposes: [] })
      .thenThrows(RuleViolated, 'the purposes are missing');
  });

  it('needs a retention period in whole months', () => {
    given(...withoutCovenant)
      .when({ ...draft, retentionMonths: 0 })
      .thenThrows(RuleViolated, "a retention of '0' months is not a period");
  });
});
