import { ROLES, authorize, authorizePartnerRegistration, isVisible, type Actor } from './access.policy';
import { Forbidden, InitiativeNotFound } from './domain-errors';
import type { InitiativeCommand, StartInitiative } from './initiative.commands';
import { initialState } from './initiative.state';
import { base, historyIn, joined, kpiDefined, left, municipality, police, stateOf, wavePlanned, youthCare } from './testing/fixtures';
import { SAMPLES } from './testing/sample-commands';

// Police owns KPI k-1 and takes part in wave w-1; Municipality owns k-2 and is alone in w-2.
const history = [...historyIn('integrate'), kpiDefined('k-2', 'e-1', municipality), wavePlanned('w-1', [police]), wavePlanned('w-2', [municipality])];
const state = stateOf(history);

const actor = (roles: Actor['roles'], partner?: string, sub = 'sg-1'): Actor => ({ sub, roles, partner });
const admin = actor(['admin']);
const regisseurPm = actor(['programme-manager'], municipality.partnerId);
const policePm = actor(['programme-manager'], police.partnerId);
const policeMember = actor(['partner-member'], police.partnerId);
const policeSteering = actor(['steering-group'], police.partnerId);
const policeAnalyst = actor(['analyst'], police.partnerId);

type Outcome = 'allowed' | 'forbidden' | 'not found';
function outcomeOf(command: InitiativeCommand, who: Actor, on = state): Outcome {
  try {
    authorize(command, on, who);
    return 'allowed';
  } catch (error) {
    if (error instanceof Forbidden) return 'forbidden';
    if (error instanceof InitiativeNotFound) return 'not found';
    throw error;
  }
}

const ALL = Object.values(SAMPLES) as InitiativeCommand[];
const MEMBER = new Set([
  'SharePerspective',
  'ConfirmUrgency',
  'AddBuildingBlock',
  'CommitContribution',
  'SignCovenant',
  'RecordPilotCase',
  'RecordLesson',
  'RecordMeasurement',
  'CompleteRolloutWave',
  'AppointAmbassador',
]);
const STEERING = new Set(['ScheduleReview', 'ConcludeReview']);
/** Verdicts are the steering group's; erasing free text is an admin's, when the covenant lets it go. */
const ADMIN_OR_STEERING_ONLY = new Set(['ConcludeReview', 'EraseFreeText']);

describe('who may give which command', () => {
  it.each(ALL.map((c) => [c.type, c] as const))('an admin may %s', (_, command) => {
    expect(outcomeOf(command, admin)).toBe('allowed');
  });

  it.each(ALL.map((c) => [c.type, c] as const))("the regisseur's programme manager: %s", (type, command) => {
    expect(outcomeOf(command, regisseurPm)).toBe(ADMIN_OR_STEERING_ONLY.has(type) ? 'forbidden' : 'allowed');
  });

  it.each(ALL.map((c) => [c.type, c] as const))('a programme manager of another partner in the initiative may not %s', (_, command) => {
    expect(outcomeOf(command, policePm)).toBe('forbidden');
  });

  it.each(ALL.map((c) => [c.type, c] as const))('a partner member, for their own partner: %s', (type, command) => {
    expect(outcomeOf(command, policeMember)).toBe(MEMBER.has(type) ? 'allowed' : 'forbidden');
  });

  it.each(ALL.map((c) => [c.type, c] as const))('a steering-group member: %s', (type, command) => {
    expect(outcomeOf(command, policeSteering)).toBe(STEERING.has(type) ? 'allowed' : 'forbidden');
  });

  it.each(ALL.map((c) => [c.type, c] as const))('an analyst reads but may not %s', (_, command) => {
    expect(outcomeOf(command, policeAnalyst)).toBe('forbidden');
  });

  it.each(ALL.map((c) => [c.type, c] as const))('someone whose partner does not take part gets "not found" for %s', (_, command) => {
    expect(outcomeOf(command, actor(['programme-manager', 'partner-member', 'steering-group'], youthCare.partnerId))).toBe('not found');
  });
});

describe('partner members act only for their own partner', () => {
  it("may not share another partner's perspective", () => {
    expect(() => authorize({ ...SAMPLES.SharePerspective, partnerId: municipality.partnerId }, state, policeMember)).toThrow(
      new Forbidden(
        "cannot share perspective in 'Preventing radicalisation': a partner member of Police cannot act for Municipality: members act only for their own partner",
      ),
    );
  });

  it('may not sign the covenant for another partner', () => {
    expect(outcomeOf({ ...SAMPLES.SignCovenant, partnerId: municipality.partnerId }, policeMember)).toBe('forbidden');
  });

  it('reports only KPIs their partner owns', () => {
    expect(outcomeOf({ ...SAMPLES.RecordMeasurement, kpiId: 'k-2' }, policeMember)).toBe('forbidden');
    expect(() => authorize({ ...SAMPLES.RecordMeasurement, kpiId: 'k-2' }, state, policeMember)).toThrow(
      "KPI 'k-2' is owned by Municipality: partner members report only the KPIs their partner owns",
    );
  });

  it('reports in the name of their own partner only', () => {
    expect(outcomeOf({ ...SAMPLES.RecordMeasurement, partnerId: municipality.partnerId }, policeMember)).toBe('forbidden');
  });

  it('completes only roll-out waves that include their partner', () => {
    expect(outcomeOf({ ...SAMPLES.CompleteRolloutWave, waveId: 'w-2' }, policeMember)).toBe('forbidden');
  });

  it('records only pilot cases their partner worked on', () => {
    expect(outcomeOf({ ...SAMPLES.RecordPilotCase, partnerIds: [municipality.partnerId] }, policeMember)).toBe('forbidden');
  });

  it('leaves an unknown KPI or wave to the decider, which names it', () => {
    expect(outcomeOf({ ...SAMPLES.RecordMeasurement, kpiId: 'k-404' }, policeMember)).toBe('allowed');
    expect(outcomeOf({ ...SAMPLES.CompleteRolloutWave, waveId: 'w-404' }, policeMember)).toBe('allowed');
  });
});

describe('verdicts', () => {
  it('are given by the steering group, not by the programme manager', () => {
    expect(() => authorize(SAMPLES.ConcludeReview, state, regisseurPm)).toThrow('verdicts are given by the steering group');
  });

  it('are recorded in the name of who gives them', () => {
    expect(outcomeOf({ ...SAMPLES.ConcludeReview, decidedBy: { sub: 'someone-else', partner: police.partnerId } }, policeSteering)).toBe('forbidden');
    expect(outcomeOf({ ...SAMPLES.ConcludeReview, decidedBy: { sub: 'sg-1', partner: municipality.partnerId } }, policeSteering)).toBe('forbidden');
  });
});

describe('starting an initiative', () => {
  const start: StartInitiative = {
    type: 'StartInitiative',
    ...base,
    title: 't',
    problemArea: 'p',
    regisseurPartnerId: municipality.partnerId,
    regisseurPartnerName: municipality.name,
  };

  it('is for a programme manager of the regisseur partner', () => {
    expect(outcomeOf(start, regisseurPm, initialState as never)).toBe('allowed');
    expect(() => authorize(start, initialState, regisseurPm)).not.toThrow();
  });

  it('is not for a programme manager of another partner, nor for a partner member', () => {
    expect(() => authorize(start, initialState, policePm)).toThrow(Forbidden);
    expect(() => authorize(start, initialState, actor(['partner-member'], municipality.partnerId))).toThrow(Forbidden);
  });

  it('is open to admins for any partner', () => {
    expect(() => authorize(start, initialState, admin)).not.toThrow();
  });
});

describe('who sees an initiative', () => {
  it('admins see every initiative', () => {
    expect(isVisible(state, admin)).toBe(true);
  });

  it('partners that take part see it, whatever their role', () => {
    for (const roles of [['partner-member'], ['analyst'], ['steering-group'], ['programme-manager']] as const) {
      expect(isVisible(state, actor(roles, police.partnerId))).toBe(true);
    }
  });

  it('others do not, and a command from them answers "not found" so ids do not leak', () => {
    expect(isVisible(state, actor(['analyst'], youthCare.partnerId))).toBe(false);
    expect(isVisible(state, actor(['analyst']))).toBe(false);
    expect(() => authorize(SAMPLES.RecordLesson, state, actor(['partner-member'], youthCare.partnerId))).toThrow(InitiativeNotFound);
  });

  it('a partner that left no longer sees it', () => {
    const after = stateOf([...history, left(police)]);
    expect(isVisible(after, policeMember)).toBe(false);
    expect(outcomeOf(SAMPLES.RecordLesson, policeMember, after)).toBe('not found');
  });

  it('nobody but an admin sees an initiative that was never started', () => {
    expect(isVisible(initialState, regisseurPm)).toBe(false);
    expect(isVisible(initialState, admin)).toBe(true);
    expect(() => authorize(SAMPLES.RecordLesson, initialState, regisseurPm)).toThrow(InitiativeNotFound);
  });
});

describe('roles', () => {
  it('are the five the tokens carry', () => {
    expect(ROLES).toEqual(['admin', 'programme-manager', 'partner-member', 'steering-group', 'analyst']);
  });

  it('add up: an analyst who is also a partner member may act as a member', () => {
    expect(outcomeOf(SAMPLES.SharePerspective, actor(['analyst', 'partner-member'], police.partnerId))).toBe('allowed');
  });

  it('an unknown role grants nothing', () => {
    expect(outcomeOf(SAMPLES.RecordLesson, actor(['superuser' as never], police.partnerId))).toBe('forbidden');
    expect(outcomeOf(SAMPLES.RecordLesson, actor([], police.partnerId))).toBe('forbidden');
  });

  it('a programme manager of any partner that joined as regisseur directs the initiative', () => {
    const coDirected = stateOf([...history, joined(youthCare, 'regisseur')]);
    expect(outcomeOf(SAMPLES.AgreeSharedPicture, actor(['programme-manager'], youthCare.partnerId), coDirected)).toBe('allowed');
  });

  it('partners are registered by admins and programme managers', () => {
    expect(() => authorizePartnerRegistration(admin)).not.toThrow();
    expect(() => authorizePartnerRegistration(policePm)).not.toThrow();
    expect(() => authorizePartnerRegistration(policeMember)).toThrow(Forbidden);
    expect(() => authorizePartnerRegistration(policeAnalyst)).toThrow('partners are registered by admins and programme managers');
  });
});
