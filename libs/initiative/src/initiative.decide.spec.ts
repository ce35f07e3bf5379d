import { AlreadyExists, InitiativeNotFound, PersonalDataRefused, RuleViolated, UnknownPartner, UnknownReference } from './domain-errors';
import { decide } from './initiative.decide';
import { initialState } from './initiative.state';
import { given } from './testing/given';
import {
  base,
  buildingBlockAdded,
  event,
  historyIn,
  ID,
  initiativeStarted,
  joined,
  left,
  municipality,
  perspectiveShared,
  police,
  regisseurJoined,
  urgencyConfirmed,
  youthCare,
} from './testing/fixtures';

describe('starting an initiative', () => {
  const start = {
    type: 'StartInitiative' as const,
    ...base,
    title: 'Preventing radicalisation',
    problemArea: 'radicalisation',
    regisseurPartnerId: municipality.partnerId,
    regisseurPartnerName: municipality.name,
  };

  it('starts in explore with its regisseur as the first partner', () => {
    given().when(start).then(initiativeStarted(), regisseurJoined());
  });

  it("records the regisseur's own competence when given", () => {
    given()
      .when({ ...start, regisseurCompetence: 'safety policy' })
      .then(initiativeStarted(), joined(municipality, 'regisseur', 'safety policy'));
  });

  it('cannot start the same initiative twice', () => {
    given(initiativeStarted(), regisseurJoined()).when(start).thenThrows(AlreadyExists, `initiative '${ID}' already exists`);
  });

  it('needs a title', () => {
    given()
      .when({ ...start, title: '  ' })
      .thenThrows(RuleViolated, 'the title is empty');
  });

  it("takes its time from the command's clock, never from the machine", () => {
    const events = decide({ ...start, now: '2023-01-02T03:04:05.000Z' }, initialState);
    expect(events.map((e) => e.data.occurredAt)).toEqual(['2023-01-02T03:04:05.000Z', '2023-01-02T03:04:05.000Z']);
  });

  it('refuses a command whose time is not an ISO-8601 instant', () => {
    given()
      .when({ ...start, now: 'yesterday' })
      .thenThrows(RuleViolated, "the command's time 'yesterday' is not an ISO-8601 instant");
  });
});

describe('a command for an initiative that was never started', () => {
  it('is refused as not found', () => {
    given()
      .when({ type: 'AgreeSharedPicture', ...base, summary: 'x' })
      .thenThrows(InitiativeNotFound, `initiative '${ID}' does not exist`);
  });

  it('is refused as not found when it names another initiative', () => {
    given(initiativeStarted(), regisseurJoined())
      .when({ type: 'AgreeSharedPicture', ...base, initiativeId: 'i-other', summary: 'x' })
      .thenThrows(InitiativeNotFound);
  });
});

describe('partners joining and leaving', () => {
  const join = {
    type: 'JoinPartner' as const,
    ...base,
    partnerId: police.partnerId,
    partnerName: police.name,
    role: 'participant' as const,
    competence: 'its core work',
  };

  it('lets a partner join with its role and core competence', () => {
    given(initiativeStarted(), regisseurJoined()).when(join).then(joined(police));
  });

  it('refuses a partner that already takes part', () => {
    given(initiativeStarted(), regisseurJoined(), joined(police)).when(join).thenThrows(AlreadyExists, 'Police already takes part in this initiative');
  });

  it('lets a partner that left join again', () => {
    given(initiativeStarted(), regisseurJoined(), joined(police), left(police)).when(join).then(joined(police));
  });

  it('refuses a role the method does not know', () => {
    given(initiativeStarted(), regisseurJoined())
      .when({ ...join, role: 'boss' as never })
      .thenThrows(RuleViolated, "the role 'boss' is not one of regisseur, facilitator, participant");
  });

  it('lets a partner leave in any phase', () => {
    given(...historyIn('integrate'))
      .when({ type: 'RemovePartner', ...base, partnerId: police.partnerId })
      .then(left(police));
  });

  it('cannot remove a partner that does not take part', () => {
    given(initiativeStarted(), regisseurJoined())
      .when({ type: 'RemovePartner', ...base, partnerId: youthCare.partnerId })
      .thenThrows(UnknownPartner, "partner 'p-youth-care' does not take part in this initiative");
  });

  it('keeps the network directed: the only regisseur cannot leave', () => {
    given(initiativeStarted(), regisseurJoined(), joined(police))
      .when({ type: 'RemovePartner', ...base, partnerId: municipality.partnerId })
      .thenThrows(RuleViolated, 'Municipality is the only active regisseur');
  });

  it('lets the first regisseur leave once another regisseur takes part', () => {
    given(initiativeStarted(), regisseurJoined(), joined(police, 'regisseur'))
      .when({ type: 'RemovePartner', ...base, partnerId: municipality.partnerId })
      .then(left(municipality));
  });
});

describe('exploring the problem', () => {
  const explore = [initiativeStarted(), regisseurJoined(), joined(police)];

  it("records a partner's perspective", () => {
    given(...explore)
      .when({ type: 'SharePerspective', ...base, partnerId: police.partnerId, summary: 'how Police sees it' })
      .then(perspectiveShared(police));
  });

  it('only partners that take part share a perspective', () => {
    given(...explore)
      .when({ type: 'SharePerspective', ...base, partnerId: youthCare.partnerId, summary: 'x' })
      .thenThrows(UnknownPartner, "partner 'p-youth-care' does not take part in this initiative: only its partners can share a perspective");
  });

  it('a partner that left cannot confirm urgency any more', () => {
    given(...explore, left(police))
      .when({ type: 'ConfirmUrgency', ...base, partnerId: police.partnerId })
      .thenThrows(UnknownPartner, 'Police has left this initiative: only active partners can confirm urgency');
  });

  it('a partner confirms urgency once', () => {
    given(...explore, urgencyConfirmed(police))
      .when({ type: 'ConfirmUrgency', ...base, partnerId: police.partnerId })
      .thenThrows(AlreadyExists, 'Police has already confirmed urgency');
  });

  it('refuses a perspective holding a phone number', () => {
    given(...explore)
      .when({ type: 'SharePerspective', ...base, partnerId: police.partnerId, summary: 'call the mother on 06-12345678' })
      .thenThrows(PersonalDataRefused, "the summary contains what looks like a phone number: events never carry citizens' personal data");
  });

  it('refuses a perspective holding half of a surrogate pair: it is not text, and no event may carry it', () => {
    given(...explore)
      .when({ type: 'SharePerspective', ...base, partnerId: police.partnerId, summary: 'broken \ud800 text' })
      .thenThrows(RuleViolated, 'the summary holds half of a UTF-16 surrogate pair');
  });
});

describe('defining the problem', () => {
  it('records each desired effect under the id the handler gave it', () => {
    given(...historyIn('define'))
      .when({ type: 'DefineDesiredEffect', ...base, effectId: 'e-1', description: 'Fewer young people radicalise' })
      .then(event('DesiredEffectDefined', { effectId: 'e-1', description: 'Fewer young people radicalise' }));
  });

  it('refuses a desired effect id that is taken', () => {
    given(...historyIn('define'), event('DesiredEffectDefined', { effectId: 'e-1', description: 'x' }))
      .when({ type: 'DefineDesiredEffect', ...base, effectId: 'e-1', description: 'y' })
      .thenThrows(AlreadyExists, "desired effect 'e-1' already exists");
  });

  it('refuses a problem definition holding a citizen service number', () => {
    given(...historyIn('define'))
      .when({ type: 'AgreeProblemDefinition', ...base, statement: 'as with 111222333 last year' })
      .thenThrows(PersonalDataRefused, 'the statement contains what looks like a citizen service number (BSN)');
  });
});

describe('co-designing the approach', () => {
  it('records a building block owned by a partner', () => {
    given(...historyIn('co-design'))
      .when({ type: 'AddBuildingBlock', ...base, blockId: 'b-p-police', partnerId: police.partnerId, description: "Police's part" })
      .then(buildingBlockAdded(police));
  });

  it('records a contribution, with its hours when given', () => {
    given(...historyIn('co-design'))
      .when({ type: 'CommitContribution', ...base, contributionId: 'c-1', partnerId: police.partnerId, description: 'two officers', hoursPerMonth: 16 })
      .then(event('ContributionCommitted', { contributionId: 'c-1', partnerId: police.partnerId, description: 'two officers', hoursPerMonth: 16 }));
  });

  it('refuses negative hours', () => {
    given(...historyIn('co-design'))
      .when({ type: 'CommitContribution', ...base, contributionId: 'c-1', partnerId: police.partnerId, description: 'x', hoursPerMonth: -2 })
      .thenThrows(RuleViolated, "hours per month '-2' is not a number of hours");
  });

  it('refuses a KPI for a desired effect that does not exist', () => {
    given(...historyIn('co-design'))
      .when({
        type: 'DefineKpi',
        ...base,
        kpiId: 'k-1',
        name: 'n',
        effectId: 'e-404',
        ownerPartnerId: police.partnerId,
        unit: '%',
        direction: 'increase',
        baseline: 1,
        target: 2,
        targetDate: '2026-12-31',
        frequency: 'yearly',
      })
      .thenThrows(UnknownReference, "desired effect 'e-404' is not defined in this initiative");
  });
});
