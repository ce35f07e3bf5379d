import type { CommandBus } from '@nestjs/cqrs';
import type { Actor, Role } from '../../../../libs/auth/src';
import type { Initiative, InitiativeCommand, InitiativeCommandType, StartInitiative } from '../../../../libs/initiative/src';
import type { ReturnPhase, Verdict } from '../../../../events';
import { Problem } from '../../../api/src/http/problem';
import { concludeReviewRoute } from '../../../api/src/initiatives/reviews/conclude-review';
import { InitiativeCommands } from '../../../api/src/initiatives/shared/initiative-commands';
import type { ManualClock } from '../../../api/src/write/clock';
import { RegisterPartnerCommand } from '../../../api/src/write/register-partner.command';
import type { RequestContext } from '../../../api/src/write/request-context';
import { type CommandResult, RunInitiativeCommand } from '../../../api/src/write/run-initiative-command';
import type { Calendar } from './calendar';
import type { Organisation } from './organisations';

/**
 * The little language the storylines are written in:
 *
 *   await on('2025-02-03');
 *   await as(pm).do(network, 'Advance', { to: 'define' });
 *
 * Every command goes through the real write side (`RunInitiativeCommand` on the CommandBus): the
 * same authorisation, gates, privacy screen and hash chain as a request over HTTP. A refusal
 * stops the demo with the domain's own words, because it means the storyline is wrong.
 */

/** The commands that create something, and the field that carries the new thing's id. */
const CREATES = {
  DefineDesiredEffect: 'effectId',
  AddBuildingBlock: 'blockId',
  CommitContribution: 'contributionId',
  DefineKpi: 'kpiId',
  RecordPilotCase: 'caseId',
  RecordLesson: 'lessonId',
  PlanRolloutWave: 'waveId',
  ScheduleReview: 'reviewId',
} as const satisfies Partial<Record<InitiativeCommandType, string>>;
type Creates = typeof CREATES;

/** What the runner fills in: the initiative, the time, names from the registry, ids. */
type Filled = 'type' | 'initiativeId' | 'now' | 'partnerName';
type CommandOf<T extends InitiativeCommandType> = Extract<InitiativeCommand, { type: T }>;
export type Input<T extends Exclude<InitiativeCommandType, 'StartInitiative' | 'ConcludeReview'>> = Omit<
  CommandOf<T>,
  Filled | (T extends keyof Creates ? Creates[T] : never)
>;

/** Dates and periods in commands are written in the storyline calendar and moved with it. */
const DATE_FIELDS = ['startsOn', 'endsOn', 'targetDate', 'dueOn', 'plannedStart'] as const;

export interface Network {
  id: string;
  title: string;
}

export interface Acting {
  /** adds an organisation to the partner registry (admins and programme managers) */
  register(organisation: Organisation): Promise<string>;
  start(input: { title: string; problemArea: string; regisseur: Organisation; competence: string }): Promise<Network>;
  /** one initiative command; answers the id of what it created, if anything */
  do<T extends Exclude<InitiativeCommandType, 'StartInitiative' | 'ConcludeReview'>>(network: Network, type: T, input: Input<T>): Promise<string>;
  /** a steering-group verdict, in the name of the acting member, with the KPI evidence of that moment */
  conclude(network: Network, reviewId: string, verdict: Verdict, rationale: string, returnTo?: ReturnPhase): Promise<void>;
}

export interface Scene {
  /** waits until the storyline's next moment (storyline calendar; time of day in UTC) */
  on(date: string, time?: string): Promise<void>;
  as(actor: Actor): Acting;
  /** the registry id of an organisation registered earlier */
  idOf(organisation: Organisation): string;
  /** the initiative as its events make it now: to see what the app itself did (a saga's review) */
  stateOf(network: Network): Promise<Initiative>;
  programmeManager(organisation: Organisation): Actor;
  member(organisation: Organisation): Actor;
  steeringGroup(organisation: Organisation): Actor;
  admin: Actor;
}

export class StorylineRefused extends Error {
  override readonly name = 'StorylineRefused';
}

/** Shared by the storylines: one registry of organisations and one count of what was written. */
export class DemoWorld {
  readonly registry = new Map<string, { id: string; name: string }>();
  /** everyone who acted in the story, by subject: the web app's "sign in as" list */
  readonly people = new Map<string, Actor>();
  commands = 0;
  lastPosition = 0;
  /** measurements were recorded that the app may react to (the KPI saga's early review) */
  measured = false;

  constructor(
    readonly commandBus: CommandBus,
    readonly clock: ManualClock,
    readonly calendar: Calendar,
    readonly progress: (world: DemoWorld) => void,
    readonly load: (initiativeId: string) => Promise<Initiative>,
    /** resolves once the app's own reactions to everything up to `position` are written */
    readonly reactionsTo: (position: number) => Promise<void> = () => Promise.resolve(),
  ) {}

  nameOf(partnerId: string): string {
    for (const entry of this.registry.values()) if (entry.id === partnerId) return entry.name;
    throw new StorylineRefused(`partner id ${partnerId} is not one the demo registered`);
  }
}

const actor = (prefix: string, role: Role, world: DemoWorld, organisation: Organisation): Actor => ({
  sub: `${prefix}-${organisation.code}-1`,
  roles: [role],
  partner: idIn(world, organisation),
});

function idIn(world: DemoWorld, organisation: Organisation): string {
  const entry = world.registry.get(organisation.name);
  if (!entry) throw new StorylineRefused(`${organisation.name} is not registered yet: register it before it takes part`);
  return entry.id;
}

/** A small deterministic generator, so two runs spread their commands over the day alike. */
function minutesBetweenCommands(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return 2 + Math.floor(unit * 8);
  };
}

/** A scene for one storyline: `waitUntil` parks it on the shared timeline. */
export function sceneFor(world: DemoWorld, storyline: string, seed: number, waitUntil: (at: Date) => Promise<void>): Scene {
  const { calendar, clock, commandBus } = world;
  const nextGap = minutesBetweenCommands(seed);
  const reviewCommands = new InitiativeCommands(commandBus);
  let lastAsked = '';
  let correlation = 0;

  const context = (who: Actor): RequestContext => ({
    actor: who,
    correlationId: `demo-${storyline}-${++correlation}`,
    fingerprint: `demo ${storyline} ${correlation}`,
  });

  /** after each command the clock moves on a few minutes: people do one thing at a time */
  const afterCommand = (result: CommandResult) => {
    world.commands++;
    world.lastPosition = Math.max(world.lastPosition, result.body.position);
    clock.set(new Date(clock.now().getTime() + nextGap() * 60_000));
    world.progress(world);
  };

  const refused = (who: Actor, what: string, error: unknown): never => {
    const day = clock.now().toISOString().slice(0, 16).replace('T', ' ');
    if (error instanceof Problem) {
      // The detail names every unmet condition already, in the domain's own words.
      throw new StorylineRefused(`${storyline}, ${day}: ${who.sub} could not ${what} (${error.getStatus()}): ${error.body.detail}`);
    }
    throw error;
  };

  const shifted = <C extends Record<string, unknown>>(command: C): C => {
    const out: Record<string, unknown> = { ...command };
    for (const field of DATE_FIELDS) if (typeof out[field] === 'string') out[field] = calendar.date(out[field]);
    if (typeof out.period === 'string') out.period = calendar.period(out.period);
    if (typeof out.caseRef === 'string') out.caseRef = calendar.caseRef(out.caseRef);
    return out as C;
  };

  const as = (who: Actor): Acting => {
    world.people.set(who.sub, who);
    return acting(who);
  };

  const acting = (who: Actor): Acting => ({
    async register(organisation) {
      let result: CommandResult;
      try {
        result = await commandBus.execute(new RegisterPartnerCommand(organisation.name, organisation.kind, context(who)));
      } catch (error) {
        return refused(who, `register ${organisation.name}`, error);
      }
      const id = result.body.id!;
      world.registry.set(organisation.name, { id, name: organisation.name });
      afterCommand(result);
      return id;
    },

    async start({ title, problemArea, regisseur, competence }) {
      const regisseurId = idIn(world, regisseur);
      let result: CommandResult;
      try {
        result = await commandBus.execute(
          new RunInitiativeCommand({
            label: 'StartInitiative',
            initiativeId: null,
            ctx: context(who),
            status: 201,
            build: ({ initiativeId, now }): StartInitiative => ({
              type: 'StartInitiative',
              initiativeId,
              now,
              title,
              problemArea,
              regisseurPartnerId: regisseurId,
              regisseurPartnerName: regisseur.name,
              regisseurCompetence: competence,
            }),
            answerId: (command) => command.initiativeId,
          }),
        );
      } catch (error) {
        return refused(who, `start '${title}'`, error);
      }
      afterCommand(result);
      return { id: result.body.id!, title };
    },

    async do(network, type, input) {
      const createdField = (CREATES as Record<string, string>)[type];
      let result: CommandResult;
      try {
        result = await commandBus.execute(
          new RunInitiativeCommand({
            label: type,
            initiativeId: network.id,
            ctx: context(who),
            build: ({ initiativeId, now, newId }) => {
              const command: Record<string, unknown> = { ...shifted(input as Record<string, unknown>), type, initiativeId, now };
              if (createdField) command[createdField] = newId();
              if (type === 'JoinPartner') command.partnerName = world.nameOf(command.partnerId as string);
              return command as unknown as InitiativeCommand;
            },
            answerId: (command) => (createdField ? (command as unknown as Record<string, string>)[createdField] : undefined),
          }),
        );
      } catch (error) {
        return refused(who, `${type} in '${network.title}'`, error);
      }
      afterCommand(result);
      if (type === 'RecordMeasurement') world.measured = true;
      return result.body.id ?? '';
    },

    async conclude(network, reviewId, verdict, rationale, returnTo) {
      let result: CommandResult;
      try {
        // The route POST …/reviews/:reviewId/verdict runs, evidence freezing included.
        result = await reviewCommands.execute(
          concludeReviewRoute({
            initiativeId: network.id,
            reviewId,
            verdict,
            rationale,
            ...(returnTo && { returnTo }),
            ctx: context(who),
          }),
        );
      } catch (error) {
        return refused(who, `conclude review ${reviewId} of '${network.title}'`, error);
      }
      afterCommand(result);
    },
  });

  return {
    async on(date, time = '09:00') {
      if (date < lastAsked) throw new StorylineRefused(`${storyline}: ${date} lies before ${lastAsked}; a storyline never goes back in time`);
      lastAsked = date;
      // Before time moves on, the app reacts to the measurements just reported (an early review
      // when a KPI is off track twice), on the same day, as it would have live.
      if (world.measured) {
        world.measured = false;
        await world.reactionsTo(world.lastPosition);
      }
      await waitUntil(calendar.instant(date, time));
    },
    as,
    idOf: (organisation) => idIn(world, organisation),
    stateOf: (network) => world.load(network.id),
    programmeManager: (organisation) => actor('pm', 'programme-manager', world, organisation),
    member: (organisation) => actor('member', 'partner-member', world, organisation),
    steeringGroup: (organisation) => actor('sg', 'steering-group', world, organisation),
    admin: { sub: 'admin-regie-1', roles: ['admin'] },
  };
}
