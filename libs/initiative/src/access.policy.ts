import { Forbidden, InitiativeNotFound } from './domain-errors';
import type { InitiativeCommand, InitiativeCommandType } from './initiative.commands';
import type { Initiative, InitiativePartner, InitiativeState } from './initiative.state';
import { activePartners, nameOf, namesOf } from './partners';

export const ROLES = ['admin', 'programme-manager', 'partner-member', 'steering-group', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: the token's subject, its roles and the partner organisation it acts for. */
export interface Actor {
  sub: string;
  roles: readonly Role[];
  /** admins may act without one */
  partner?: string | null;
}

/** Who takes part in an initiative, as far as seeing it goes: what a portfolio summary still carries of its state. */
export interface Partakers {
  started: true;
  partners: ReadonlyArray<Pick<InitiativePartner, 'partnerId' | 'active'>>;
}

const has = (actor: Actor, role: Role) => actor.roles.includes(role);

/** Admins: the one role that sees initiatives its partner takes no part in. */
export const seesEveryInitiative = (actor: Actor): boolean => has(actor, 'admin');

/**
 * Admins see every initiative; everyone else only those their partner organisation takes part in
 * now. A partner that left no longer sees the initiative: the covenant under which partners share
 * information covers those taking part, and the spec reads "takes part in" in the present tense.
 * What the partner did while it took part stays in the history for those who still see it.
 */
export function isVisible(state: InitiativeState | Partakers, actor: Actor): boolean {
  if (seesEveryInitiative(actor)) return true;
  if (!state.started || !actor.partner) return false;
  return activePartners(state).some((p) => p.partnerId === actor.partner);
}

const STEERING_GROUP_COMMANDS: ReadonlySet<InitiativeCommandType> = new Set<InitiativeCommandType>(['ScheduleReview', 'ConcludeReview']);

/** "ConfirmUrgency" → "confirm urgency" */
const words = (type: string) => type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

const regisseurIds = (state: Initiative) =>
  activePartners(state)
    .filter((p) => p.role === 'regisseur')
    .map((p) => p.partnerId);

/** Each role's answer: null when it allows the command, otherwise why not. */
type RoleRule = (command: InitiativeCommand, state: Initiative, actor: Actor) => string | null;

const programmeManager: RoleRule = (command, state, actor) => {
  if (command.type === 'ConcludeReview') return 'verdicts are given by the steering group';
  if (command.type === 'EraseFreeText') return 'free text is erased by admins, once the covenant lets it go';
  const regisseurs = regisseurIds(state);
  if (actor.partner && regisseurs.includes(actor.partner)) return null;
  return `this initiative is directed by programme managers of ${namesOf(state, regisseurs)}, not of ${nameOf(state, actor.partner ?? '')}`;
};

/** The commands marked "member" in api.md, each only for the member's own partner. */
const partnerMember: RoleRule = (command, state, actor) => {
  const own = actor.partner ?? '';
  const actsFor = (partnerId: string) =>
    partnerId === own ? null : `a partner member of ${nameOf(state, own)} cannot act for ${nameOf(state, partnerId)}: members act only for their own partner`;
  switch (command.type) {
    case 'RecordLesson':
      return null;
    case 'RecordPilotCase':
      return command.partnerIds.includes(own) ? null : `a partner member records only pilot cases ${nameOf(state, own)} worked on`;
    case 'RecordMeasurement': {
      const owner = state.kpis.find((k) => k.id === command.kpiId)?.ownerPartnerId;
      if (owner !== undefined && owner !== own) {
        return `KPI '${command.kpiId}' is owned by ${nameOf(state, owner)}: partner members report only the KPIs their partner owns`;
      }
      return actsFor(command.partnerId);
    }
    case 'CompleteRolloutWave': {
      const wave = state.rolloutWaves.find((w) => w.id === command.waveId);
      return !wave || wave.partnerIds.includes(own)
        ? null
        : `roll-out wave '${command.waveId}' does not include ${nameOf(state, own)}: partner members complete only their own waves`;
    }
    case 'SharePerspective':
    case 'ConfirmUrgency':
    case 'AddBuildingBlock':
    case 'CommitContribution':
    case 'SignCovenant':
    case 'AppointAmbassador':
      return actsFor(command.partnerId);
    default:
      return `partner members cannot ${words(command.type)}`;
  }
};

const steeringGroup: RoleRule = (command) =>
  STEERING_GROUP_COMMANDS.has(command.type) ? null : 'the steering group schedules reviews and gives verdicts, nothing else';

const analyst: RoleRule = () => 'analysts read, replay and export; they give no commands';

const RULES: { readonly [R in Exclude<Role, 'admin'>]: RoleRule } = {
  'programme-manager': programmeManager,
  'partner-member': partnerMember,
  'steering-group': steeringGroup,
  analyst,
};

/**
 * Throws Forbidden (403) when the actor's roles do not allow the command, and InitiativeNotFound
 * (404, so ids do not leak) when the actor may not even see the initiative. Runs before `decide`.
 */
export function authorize(command: InitiativeCommand, state: InitiativeState, actor: Actor): void {
  if (has(actor, 'admin')) return;
  if (command.type === 'StartInitiative') {
    if (has(actor, 'programme-manager') && actor.partner === command.regisseurPartnerId) return;
    throw new Forbidden(
      'an initiative is started by a programme manager of its regisseur partner: ' + 'act as programme manager for that partner, or let an admin start it',
    );
  }
  if (!isVisible(state, actor) || !state.started) throw new InitiativeNotFound(command.initiativeId);
  // A role the token names but this policy does not know grants nothing.
  const reasons = actor.roles
    .filter((role): role is Exclude<Role, 'admin'> => Object.prototype.hasOwnProperty.call(RULES, role))
    .map((role) => RULES[role](command, state, actor));
  if (!reasons.includes(null)) {
    const why = reasons.length ? reasons.join('; ') : 'the user has no role';
    throw new Forbidden(`cannot ${words(command.type)} in '${state.title}': ${why}`);
  }
  if (command.type === 'ConcludeReview' && !decidedByActor(command.decidedBy, actor)) {
    throw new Forbidden('a verdict is recorded in the name of who gives it: decidedBy must be the acting user and partner');
  }
}

const decidedByActor = (decidedBy: { sub: string; partner?: string | null } | undefined, actor: Actor) =>
  decidedBy?.sub === actor.sub && (decidedBy.partner ?? null) === (actor.partner ?? null);

/** Partners are registered by admins and programme managers. */
export function authorizePartnerRegistration(actor: Actor): void {
  if (has(actor, 'admin') || has(actor, 'programme-manager')) return;
  throw new Forbidden('partners are registered by admins and programme managers');
}
