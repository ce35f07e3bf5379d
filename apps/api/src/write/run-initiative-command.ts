import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Counter } from 'prom-client';
import { DuplicateEventId, type StoredEvent, WrongExpectedRevision } from '../../../../libs/event-store/src';
import {
  authorize, decide, DomainError, Forbidden, type Initiative, type InitiativeCommand, InitiativeNotFound, isVisible,
} from '../../../../libs/initiative/src';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { Problem } from '../http/problem';
import { CommandMetrics } from '../metrics/command-metrics';
import type { CommandAnswer } from './command-answer';
import { actorMetadata, toAppend } from './event-envelope';
import { IdSource } from './id-source';
import { IdempotencyStore } from './idempotency.store';
import { InitiativeRepository, type LoadedInitiative } from './initiative.repository';
import type { RequestContext } from './request-context';
import { Clock } from './clock';
import { domainProblem } from './domain-problem';
import { KeyedMutex } from './keyed-mutex';

export interface BuildTools {
  /** the initiative's id (a new one for StartInitiative) */
  initiativeId: string;
  now: string;
  /** a new id for what the command creates */
  newId: () => string;
  state: Initiative | null;
  /** the stream as loaded, for commands that freeze a view of it (a review's KPI evidence) */
  events: StoredEvent[];
}

/**
 * One initiative command through the write side: load → decide → append with the loaded revision.
 * `build` turns the HTTP request into the domain command once the state is known.
 */
export interface RunInitiativeCommandInput {
  /** the domain command's name, for metrics */
  label: InitiativeCommand['type'];
  /** null for StartInitiative: the id is handed out here */
  initiativeId: string | null;
  build: (tools: BuildTools) => InitiativeCommand;
  ctx: RequestContext;
  /** which id, if any, the answer reports: a string as `id`, a number as `version` */
  answerId?: (command: InitiativeCommand) => string | number | undefined;
  /** HTTP status of a success: 201 when something was created */
  status?: number;
  /** for events that a saga causes: the event that caused them */
  causationId?: string;
}

export type CommandResult = { status: number; body: CommandAnswer };

export class RunInitiativeCommand extends Command<CommandResult> {
  constructor(readonly input: RunInitiativeCommandInput) {
    super();
  }
}

/** Re-load and decide again this many times after a revision conflict, then answer 409. */
export const RETRIES = 3;

/**
 * The pause before retry n (1-based). The first retry goes at once: the loser has only to read the
 * few events that beat it, and the other instance's next command (which never pauses) must load
 * the whole stream, so an immediate retry usually wins the next round. Pausing would hand that
 * round to the other instance and lose again. Later retries spread out a little, so that several
 * losers of one round do not meet again in lockstep.
 */
const backoffMs = (retry: number): number => (retry <= 1 ? 0 : Math.random() * 2 ** retry);

/** How long a command queued behind another on the same initiative lets a retrying writer elsewhere go first (see KeyedMutex). */
const QUEUE_GAP_MS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const answerFields = (id: string | number | undefined): { id?: string; version?: number } =>
  id === undefined ? {} : typeof id === 'number' ? { version: id } : { id };

@CommandHandler(RunInitiativeCommand)
export class RunInitiativeCommandHandler implements ICommandHandler<RunInitiativeCommand> {
  private readonly queue = new KeyedMutex(QUEUE_GAP_MS);
  private readonly conflicts: Counter<'command' | 'resolution'>;

  constructor(
    private readonly repository: InitiativeRepository,
    private readonly idempotency: IdempotencyStore,
    private readonly clock: Clock,
    private readonly metrics: CommandMetrics,
    registry: MetricsRegistry,
  ) {
    this.conflicts = new Counter({
      name: 'regie_command_conflicts_total',
      help: 'Appends refused for a stale revision, by how the command went on: retried, own-events (an earlier copy of it had landed), stale (412), refused (409)',
      labelNames: ['command', 'resolution'] as const,
      registers: [registry.registry],
    });
  }

  async execute({ input }: RunInitiativeCommand): Promise<CommandResult> {
    const remembered = await this.idempotency.recall(input.ctx);
    if (remembered) return remembered as CommandResult;
    const run = () => this.run(input);
    const answer = await this.metrics.observe(input.label, () => (input.initiativeId === null ? run() : this.queue.run(input.initiativeId, run)));
    await this.idempotency.remember(input.ctx, answer);
    return answer;
  }

  private async run(command: RunInitiativeCommandInput): Promise<CommandResult> {
    const { ctx } = command;
    const keyed = ctx.idempotencyKey !== undefined;
    let loaded = null as { id: string; initiative: LoadedInitiative } | null;
    let conflict: WrongExpectedRevision | DuplicateEventId | null = null;
    for (let attempt = 1; ; attempt++) {
      // Fresh ids per attempt: derived ones come out the same, so a retry after a crash repeats the same events.
      const ids = IdSource.for(ctx);
      const commandId = ids.next();
      const initiativeId = command.initiativeId ?? ids.next();
      loaded = { id: initiativeId, initiative: loaded?.id === initiativeId ? await this.repository.catchUp(initiativeId, loaded.initiative) : await this.repository.load(initiativeId) };
      const current = loaded.initiative;
      // Also after a conflict: a copy of this command sent to another instance (the same key) may be what beat it.
      const earlier = keyed ? this.answerFromLog(current, commandId, initiativeId, command) : null;
      if (earlier) {
        if (conflict) this.conflicts.inc({ command: command.label, resolution: 'own-events' });
        return earlier;
      }
      if (conflict && keyed) this.giveUpOrRetry(command, conflict, attempt);

      const state = current.state.started ? current.state : null;
      if (command.initiativeId !== null && (!state || !isVisible(state, ctx.actor))) {
        throw new Problem(404, 'not-found', `initiative '${command.initiativeId}' does not exist or is not visible to you`);
      }
      if (ctx.ifMatch !== undefined && ctx.ifMatch !== current.revision) {
        throw new Problem(412, 'stale-revision', `the initiative is at revision ${current.revision}, not ${ctx.ifMatch}: reload it and decide again`);
      }
      const domainCommand = command.build({ initiativeId, now: this.clock.now().toISOString(), newId: () => ids.next(), state, events: current.events });
      let events;
      try {
        authorize(domainCommand, current.state, ctx.actor);
        events = decide(domainCommand, current.state);
      } catch (error) {
        throw this.toProblem(error);
      }
      const created = answerFields(command.answerId?.(domainCommand));
      // `created` rides along in the metadata so that a retry after a crash can answer it again.
      const base = { actor: actorMetadata(ctx.actor), correlationId: ctx.correlationId, causationId: command.causationId ?? commandId, command: domainCommand.type, commandId, ...(Object.keys(created).length ? { created } : {}) };
      try {
        const result = await this.repository.append(initiativeId, events.map((e) => toAppend(e, ids.next(), base)), current.revision);
        return { status: command.status ?? 200, body: { ...created, revision: result.revision, position: result.position } };
      } catch (error) {
        // Derived event ids already stored elsewhere: only an earlier copy of this very command can have put them there.
        if (!(error instanceof WrongExpectedRevision) && !(keyed && error instanceof DuplicateEventId)) throw error;
        conflict = error;
        // Without a key nothing in the log can be this command's own: decide now rather than after another read.
        if (!keyed) this.giveUpOrRetry(command, conflict, attempt + 1);
        await sleep(backoffMs(attempt));
      }
    }
  }

  /** After a refused append: 412 when the client pinned the revision, 409 when the retries are used up, else count the retry. */
  private giveUpOrRetry(command: RunInitiativeCommandInput, conflict: WrongExpectedRevision | DuplicateEventId, attempt: number): void {
    const label = command.label;
    if (conflict instanceof DuplicateEventId) throw conflict;
    if (command.ctx.ifMatch !== undefined) {
      this.conflicts.inc({ command: label, resolution: 'stale' });
      throw new Problem(412, 'stale-revision', `the initiative moved on to revision ${conflict.actual} while this command ran; reload it and decide again`);
    }
    if (attempt > RETRIES + 1) {
      this.conflicts.inc({ command: label, resolution: 'refused' });
      throw new Problem(409, 'write-conflict', `the initiative kept changing while this command ran (${RETRIES} retries); try again`);
    }
    this.conflicts.inc({ command: label, resolution: 'retried' });
  }

  /** After a crash between append and answer, a retry with the same key finds its own events in the log. */
  private answerFromLog(loaded: LoadedInitiative, commandId: string, initiativeId: string, command: RunInitiativeCommandInput): CommandResult | null {
    const own = loaded.events.filter((e) => e.metadata.commandId === commandId);
    if (!own.length) return null;
    const last = own[own.length - 1];
    const created = (last.metadata.created as { id?: string; version?: number } | undefined) ?? (command.initiativeId === null ? { id: initiativeId } : {});
    return { status: command.status ?? 200, body: { ...created, revision: last.revision, position: last.position } };
  }

  private toProblem(error: unknown): unknown {
    if (error instanceof Forbidden) return new Problem(403, 'forbidden', error.message);
    if (error instanceof InitiativeNotFound) return new Problem(404, 'not-found', error.message);
    if (error instanceof DomainError) return domainProblem(error);
    return error;
  }
}
