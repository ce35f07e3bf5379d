import { AlreadyExists, RuleViolated, UnknownPartner, UnknownReference } from '../domain-errors';
import { given } from '../testing/given';
import { ambassadorAppointed, base, historyIn, left, police, wavePlanned, waveCompleted, youthCare } from '../testing/fixtures';

describe('integrating into the partner organisations', () => {
  it('plans a roll-out wave for partners that take part', () => {
    given(...historyIn('integrate'))
      .when({ type: 'PlanRolloutWave', ...base, waveId: 'w-1', partnerIds: [police.partnerId], plannedStart: '2026-01-05' })
      .then(wavePlanned('w-1', [police]));
  });

  it('refuses a wave for a partner that left', () => {
    given(...historyIn('integrate'), left(police))
      .when({ type: 'PlanRolloutWave', ...base, waveId: 'w-1', partnerIds: [police.partnerId], plannedStart: '2026-01-05' })
      .thenThrows(UnknownPartner, 'Police has left this initiative');
  });

  it('refuses a wave without partners', () => {
    given(...historyIn('integrate'))
      .when({ type: 'PlanRolloutWave', ...base, waveId: 'w-1', partnerIds: [], plannedStart: '2026-01-05' })
      .thenThrows(RuleViolated, 'a roll-out wave names no partner');
  });

  it('completes a planned wave once', () => {
    given(...historyIn('integrate'), wavePlanned())
      .when({ type: 'CompleteRolloutWave', ...base, waveId: 'w-1' })
      .then(waveCompleted());
    given(...historyIn('integrate'), wavePlanned(), waveCompleted())
      .when({ type: 'CompleteRolloutWave', ...base, waveId: 'w-1' })
      .thenThrows(AlreadyExists, "roll-out wave 'w-1' was already completed");
  });

  it('cannot complete a wave that was never planned', () => {
    given(...historyIn('integrate'))
      .when({ type: 'CompleteRolloutWave', ...base, waveId: 'w-9' })
      .thenThrows(UnknownReference, "roll-out wave 'w-9' is not planned");
  });

  it('appoints ambassadors of partners that take part', () => {
    given(...historyIn('integrate'))
      .when({ type: 'AppointAmbassador', ...base, partnerId: police.partnerId, role: 'district chief' })
      .then(ambassadorAppointed(police));
    given(...historyIn('integrate'))
      .when({ type: 'AppointAmbassador', ...base, partnerId: youthCare.partnerId, role: 'team lead' })
      .thenThrows(UnknownPartner, "partner 'p-youth-care' does not take part");
  });
});
