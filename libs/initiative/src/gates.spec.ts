import type { Phase } from '../../../events';
import { GateNotMet, RuleViolated } from './domain-errors';
import { gateFor, unmetConditions } from './gates';
import type { Advance } from './initiative.commands';
import { given } from './testing/given';
import {
  advanced,
  ambassadorAppointed,
  base,
  EFFECT,
  buildingBlockAdded,
  coDesignDone,
  covenantDrafted,
  covenantSigned,
  defineDone,
  desiredEffectDefined,
  exploreDone,
  historyIn,
  initiativeStarted,
  integrateDone,
  intentStated,
  joined,
  kpiDefined,
  left,
  municipality,
  perspectiveShared,
  pilotDone,
  pilotEvaluated,
  pilotStarted,
  police,
  problemDefinitionAgreed,
  regisseurJoined,
  sharedPictureAgreed,
  stateOf,
  urgencyConfirmed,
  wavePlanned,
  waveCompleted,
  youthCare,
} from './testing/fixtures';

const advance = (to: Phase): Advance => ({ type: 'Advance', ...base, to });
const without = <T>(list: T[], drop: (item: T) => boolean) => list.filter((item) => !drop(item));
const isType = (type: string) => (e: { type: string }) => e.type === type;

describe('the gate out of explore', () => {
  it('opens to define when every partner shared a perspective and urgency and a shared picture is agreed', () => {
    given(...exploreDone())
      .when(advance('define'))
      .then(advanced('explore', 'define'));
  });

  it('cannot leave explore with only the regisseur taking part', () => {
    given(initiativeStarted(), regisseurJoined(), perspectiveShared(municipality), urgencyConfirmed(municipality), sharedPictureAgreed())
      .when(advance('define'))
      .thenThrows(GateNotMet, ['at least 2 active partners are needed, there is 1']);
  });

  it('cannot leave explore while Police has not shared a perspective', () => {
    given(...without(exploreDone(), (e) => e.type === 'PerspectiveShared' && e.data.partnerId === police.partnerId))
      .when(advance('define'))
      .thenThrows(GateNotMet, ['Police has not shared a perspective']);
  });

  it('cannot leave explore while Police has not confirmed urgency', () => {
    given(...without(exploreDone(), (e) => e.type === 'UrgencyConfirmed' && e.data.partnerId === police.partnerId))
      .when(advance('define'))
      .thenThrows(GateNotMet, ['Police has not confirmed urgency']);
  });

  it('cannot leave explore before a shared picture is agreed', () => {
    given(...without(exploreDone(), isType('SharedPictureAgreed')))
      .when(advance('define'))
      .thenThrows(GateNotMet, ['no shared picture agreed']);
  });

  it('names every unmet condition at once', () => {
    given(initiativeStarted(), regisseurJoined(), joined(police), joined(youthCare))
      .when(advance('define'))
      .thenThrows(GateNotMet, [
        'Municipality has not shared a perspective',
        'Police has not shared a perspective',
        'Youth Care has not shared a perspective',
        'Municipality has not confirmed urgency',
        'Police has not confirmed urgency',
        'Youth Care has not confirmed urgency',
        'no shared picture agreed',
      ]);
  });

  it('no longer waits for a partner that left', () => {
    given(...exploreDone(), joined(youthCare), left(youthCare))
      .when(advance('define'))
      .then(advanced('explore', 'define'));
  });

  it('does not count a partner that left towards the two partners a network needs', () => {
    given(...exploreDone(), left(police))
      .when(advance('define'))
      .thenThrows(GateNotMet, ['at least 2 active partners are needed, there is 1']);
  });
});

describe('the gate out of define', () => {
  it('opens to co-design with a problem definition, a desired effect and an intent', () => {
    given(...defineDone())
      .when(advance('co-design'))
      .then(advanced('define', 'co-design'));
  });

  it('cannot leave define before the problem definition is agreed', () => {
    given(...without(defineDone(), isType('ProblemDefinitionAgreed')))
      .when(advance('co-design'))
      .thenThrows(GateNotMet, ['no problem definition agreed']);
  });

  it('cannot leave define without a desired effect', () => {
    given(...without(defineDone(), isType('DesiredEffectDefined')))
      .when(advance('co-design'))
      .thenThrows(GateNotMet, ['no desired effect defined']);
  });

  it('cannot leave define before the intent is stated', () => {
    given(...without(defineDone(), isType('IntentStated')))
      .when(advance('co-design'))
      .thenThrows(GateNotMet, ['no intent stated']);
  });

  it('names every unmet condition at once', () => {
    given(...historyIn('define'))
      .when(advance('co-design'))
      .thenThrows(GateNotMet, ['no problem definition agreed', 'no desired effect defined', 'no intent stated']);
  });
});

describe('the gate out of co-design', () => {
  it('opens to pilot when every partner owns a block, every effect has a KPI and everyone signed the covenant', () => {
    given(...coDesignDone())
      .when(advance('pilot'))
      .then(advanced('co-design', 'pilot'));
  });

  it('cannot start the pilot while Police owns no building block', () => {
    given(...without(coDesignDone(), (e) => e.type === 'BuildingBlockAdded' && e.data.partnerId === police.partnerId))
      .when(advance('pilot'))
      .thenThrows(GateNotMet, ['Police owns no building block']);
  });

  it('cannot start the pilot while a desired effect has no KPI', () => {
    given(
      ...defineDone(),
      desiredEffectDefined({ id: 'e-2', description: 'Schools signal earlier' }),
      advanced('define', 'co-design'),
      buildingBlockAdded(municipality),
      buildingBlockAdded(police),
      kpiDefined('k-1', 'e-1'),
      covenantDrafted(1),
      covenantSigned(municipality, 1),
      covenantSigned(police, 1),
    )
      .when(advance('pilot'))
      .thenThrows(GateNotMet, ["desired effect 'Schools signal earlier' has no KPI"]);
  });

  it('cannot start the pilot before a covenant is drafted', () => {
    given(...without(coDesignDone(), (e) => e.type === 'CovenantVersionDrafted' || e.type === 'CovenantSigned'))
      .when(advance('pilot'))
      .thenThrows(GateNotMet, ['no covenant drafted']);
  });

  it('cannot start the pilot while Police has not signed the covenant', () => {
    given(...without(coDesignDone(), (e) => e.type === 'CovenantSigned' && e.data.partnerId === police.partnerId))
      .when(advance('pilot'))
      .thenThrows(GateNotMet, ['the covenant (version 1) is not signed by Police']);
  });

  it('needs fresh signatures from every partner after a new covenant version', () => {
    given(...coDesignDone(), covenantDrafted(2), covenantSigned(municipality, 2))
      .when(advance('pilot'))
      .thenThrows(GateNotMet, ['the covenant (version 2) is not signed by Police']);
  });

  it('names every unmet condition at once', () => {
    given(...historyIn('co-design'), joined(youthCare), covenantDrafted(1), covenantSigned(police, 1))
      .when(advance('pilot'))
      .thenThrows(GateNotMet, [
        'Municipality owns no building block',
        'Police owns no building block',
        'Youth Care owns no building block',
        "desired effect 'Fewer young people radicalise' has no KPI",
        'the covenant (version 1) is not signed by Municipality, Youth Care',
      ]);
  });

  it('asks nothing more of a partner that left', () => {
    given(...coDesignDone(), joined(youthCare), left(youthCare))
      .when(advance('pilot'))
      .then(advanced('co-design', 'pilot'));
  });

  it('does not count a KPI whose owner left: nobody is left to report it', () => {
    given(...coDesignDone(), left(police))
      .when(advance('pilot'))
      .thenThrows(GateNotMet, [
        "desired effect 'Fewer young people radicalise' has no KPI owned by an active partner: 'Signals handled within two weeks' is owned by Police, which left",
      ]);
  });

  it('is satisfied again once an active partner owns a KPI for that effect', () => {
    given(...coDesignDone(), left(police), kpiDefined('k-2', EFFECT.id, municipality))
      .when(advance('pilot'))
      .then(advanced('co-design', 'pilot'));
  });

  it('asks a partner that left and rejoined to sign the current covenant again', () => {
    given(...coDesignDone(), left(police), joined(police))
      .when(advance('pilot'))
      .thenThrows(GateNotMet, ['the covenant (version 1) is not signed by Police']);
  });
});

describe('the gate out of pilot', () => {
  it('opens to integrate after a successful pilot', () => {
    given(...pilotDone())
      .when(advance('integrate'))
      .then(advanced('pilot', 'integrate'));
  });

  it('cannot integrate before a pilot has started', () => {
    given(...historyIn('pilot'))
      .when(advance('integrate'))
      .thenThrows(GateNotMet, ['no pilot started']);
  });

  it('cannot integrate before the pilot is evaluated', () => {
    given(...historyIn('pilot'), pilotStarted())
      .when(advance('integrate'))
      .thenThrows(GateNotMet, ['the pilot has not been evaluated']);
  });

  it('cannot integrate after an unsuccessful pilot', () => {
    given(...historyIn('pilot'), pilotStarted(), pilotEvaluated('unsuccessful'))
      .when(advance('integrate'))
      .thenThrows(GateNotMet, ['the pilot was evaluated unsuccessful: return to co-design and run a new pilot']);
  });

  it('needs every partner to sign a covenant version drafted during the pilot', () => {
    given(...pilotDone(), covenantDrafted(2), covenantSigned(police, 2))
      .when(advance('integrate'))
      .thenThrows(GateNotMet, ['the covenant (version 2) is not signed by Municipality']);
  });
});

describe('the gate out of integrate', () => {
  it('opens to re-legitimise when every wave is completed and an ambassador is appointed', () => {
    given(...integrateDone())
      .when(advance('re-legitimise'))
      .then(advanced('integrate', 're-legitimise'));
  });

  it('cannot re-legitimise while a planned roll-out wave is not completed', () => {
    given(...integrateDone(), wavePlanned('w-2', [municipality, police]))
      .when(advance('re-legitimise'))
      .thenThrows(GateNotMet, ['the roll-out wave planned for 2026-01-05 (Municipality, Police) is not completed']);
  });

  it('cannot re-legitimise without an ambassador', () => {
    given(...without(integrateDone(), isType('AmbassadorAppointed')))
      .when(advance('re-legitimise'))
      .thenThrows(GateNotMet, ['no ambassador appointed']);
  });

  it('does not count an ambassador whose partner left', () => {
    given(...historyIn('integrate'), joined(youthCare), buildingBlockAdded(youthCare), ambassadorAppointed(youthCare), left(youthCare))
      .when(advance('re-legitimise'))
      .thenThrows(GateNotMet, ['no ambassador of an active partner: every ambassador appointed so far belongs to a partner that left']);
  });

  it('names every unmet condition at once', () => {
    given(...historyIn('integrate'), wavePlanned('w-1', [police]), joined(youthCare))
      .when(advance('re-legitimise'))
      .thenThrows(GateNotMet, [
        'the roll-out wave planned for 2026-01-05 (Police) is not completed',
        'no ambassador appointed',
        'the covenant (version 1) is not signed by Youth Care',
      ]);
  });

  it('no longer waits for a roll-out wave whose partners all left', () => {
    given(...integrateDone(), joined(youthCare), covenantSigned(youthCare, 1), wavePlanned('w-2', [youthCare]), left(youthCare))
      .when(advance('re-legitimise'))
      .then(advanced('integrate', 're-legitimise'));
  });

  it('still waits for a wave that one of its partners left, naming the partners that stayed', () => {
    given(...integrateDone(), joined(youthCare), covenantSigned(youthCare, 1), wavePlanned('w-2', [police, youthCare]), left(youthCare))
      .when(advance('re-legitimise'))
      .thenThrows(GateNotMet, ['the roll-out wave planned for 2026-01-05 (Police) is not completed']);
  });

  it('waits for that wave again when its partner rejoins', () => {
    given(...integrateDone(), joined(youthCare), wavePlanned('w-2', [youthCare]), left(youthCare), joined(youthCare), covenantSigned(youthCare, 1))
      .when(advance('re-legitimise'))
      .thenThrows(GateNotMet, ['the roll-out wave planned for 2026-01-05 (Youth Care) is not completed']);
  });

  it('counts completed waves as done', () => {
    given(...historyIn('integrate'), wavePlanned(), waveCompleted(), ambassadorAppointed())
      .when(advance('re-legitimise'))
      .then(advanced('integrate', 're-legitimise'));
  });
});

describe('advancing', () => {
  it('never skips a phase', () => {
    given(...exploreDone())
      .when(advance('co-design'))
      .thenThrows(RuleViolated, 'cannot advance from explore to co-design: phases never skip; the next phase is define');
  });

  it('has nowhere to go after re-legitimise: only a dissolve verdict ends the network', () => {
    given(...historyIn('re-legitimise'))
      .when(advance('dissolved'))
      .thenThrows(RuleViolated, 're-legitimise is the last phase');
  });

  it('says in its message which phase it could not reach and why', () => {
    const error = given(...historyIn('define'))
      .when(advance('co-design'))
      .thenThrows(GateNotMet);
    expect(error.message).toBe('cannot advance to co-design: no problem definition agreed; no desired effect defined; no intent stated');
    expect(error.phase).toBe('define');
    expect(error.to).toBe('co-design');
  });
});

describe('gate readiness for the portfolio', () => {
  it('reads the unmet conditions from the state alone, the same lines a refused advance gives', () => {
    expect(unmetConditions(stateOf([...historyIn('define'), problemDefinitionAgreed(), intentStated()]))).toEqual([
      { code: 'no-desired-effect', params: {}, text: 'no desired effect defined' },
    ]);
    expect(unmetConditions(stateOf(defineDone()))).toEqual([]);
  });

  it('shows nothing to meet in re-legitimise and after dissolving', () => {
    expect(unmetConditions(stateOf(historyIn('re-legitimise')))).toEqual([]);
    expect(unmetConditions(stateOf(historyIn('dissolved')))).toEqual([]);
  });

  it('says each unmet part also as a code with what it names, for a client in another language', () => {
    const state = stateOf([...historyIn('co-design'), joined(youthCare), covenantDrafted(1), covenantSigned(police, 1)]);
    expect(unmetConditions(state).map(({ code, params }) => ({ code, params }))).toEqual([
      { code: 'no-building-block', params: { partner: 'Municipality' } },
      { code: 'no-building-block', params: { partner: 'Police' } },
      { code: 'no-building-block', params: { partner: 'Youth Care' } },
      { code: 'effect-without-kpi', params: { effect: 'Fewer young people radicalise' } },
      { code: 'covenant-unsigned', params: { version: 1, partners: ['Municipality', 'Youth Care'] } },
    ]);
  });

  it('knows where each gate leads', () => {
    expect(gateFor('explore').to).toBe('define');
    expect(gateFor('integrate').to).toBe('re-legitimise');
    expect(gateFor('re-legitimise').to).toBeNull();
    expect(gateFor('co-design').conditions).toHaveLength(3);
  });

  it('lists every condition of the gate as a checklist, met or not, with the lines an advance would refuse with', () => {
    const explore = without(exploreDone(), isType('SharedPictureAgreed'));
    const state = stateOf(explore);
    const checklist = gateFor('explore').checklist(state);
    expect(checklist.map((c) => [c.rule, c.met])).toEqual([
      ['at-least-two-active-partners', true],
      ['every-partner-shared-a-perspective', true],
      ['every-partner-confirmed-urgency', true],
      ['shared-picture-agreed', false],
    ]);
    expect(checklist.flatMap((c) => c.unmet)).toEqual(unmetConditions(state));
  });

  it('keeps each condition in one place: the pilot, integrate and co-design gates share the covenant check', () => {
    const covenantCheck = gateFor('co-design').conditions[2];
    expect(gateFor('pilot').conditions).toContain(covenantCheck);
    expect(gateFor('integrate').conditions).toContain(covenantCheck);
  });
});
