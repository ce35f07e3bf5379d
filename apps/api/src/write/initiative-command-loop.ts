import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DuplicateEventId, type StoredEvent, WrongExpectedRevision } from '../../../../libs/event-store/src';
import { authorize, decide, isVisible } from '../../../../libs/initiative/src';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { Clock } from './clock';
import { type Appended, type CommandOutcome, type Conflict, type PreconditionFailed, refusalOf } from './command-outcome';
import { actorMetadata, toAppend } from './event-envelope';
import { IdSource } from './id-source';
import { InitiativeRepository, type LoadedInitiative } from './initiative.repository';
import { KeyedMutex } from './keyed-mutex';
import type { InitiativeCommandInput } from './run-initiative-command';

/**
 * Re-load and decide again this many times after a revision conflict, then give up (a Conflict).
 * Three left about 1 in 70 commands refused when two instances raced on four initiatives on a busy
 * 2-core machine; each retry costs only the few events that won, so five cost little more.
 */
export const RETRIES = 5;

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

/** The stream for `build`, only for a command that said it needs it: any other would get a part of it without noticing. */
const historyFor = (command: InitiativeCommandInput, history: StoredEvent[]): StoredEvent[] => {
  if (command.needsHistory) return history;
  return new Proxy(history, {
    get: () => {
      throw new Error(`${command.label} reads the stream's events in build but does not declare needsHistory`);
    },
  });
};

/** Every event of the stream was read to get this state (none were skipped by starting from a cached one). */
const readWhole = (initiative: LoadedInitiative): boolean => initiative.revision < 0 || initiative.events[0]?.revision === 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const answerFields = (id: string | number | undefined): { id?: string; version?: number } =>
  id === undefined ? {} : typeof id === 'number' ? { version: id } : { id };

type StoreConflict = WrongExpectedRevision | DuplicateEventId;

/**
 * The write side of every initiative command: idempotent replay, catch-up after a conflict, the
 * visibility and If-Match checks, authorisation, decide, metadata and append, retried a few times
 * when another writer got in first. It says what happened as a CommandOutcome and throws only
 * what is no outcome (the store down, a bug, an error of the caller's `build`).
 */
@Injectable()
export class InitiativeCommandLoop {
  private readonly queue = new KeyedMutex(QUEUE_GAP_MS);
  private readonly conflicts: Counter<'command' | 'resolution'>;

  constructor(
    private readonly repository: InitiativeRepository,
    private readonly clock: Clock,
    registry: MetricsRegistry,
  ) {
    this.conflicts = new Counter({
      name: 'regie_command_conflicts_total',
      help: 'Appends refused for a stale revision, by how the command went on: retried, own-events (an earlier copy of it had landed), stale (412), refused (409)',
      labelNames: ['command', 'resolution'] as const,
      registers: [registry.registry],
    });
  }

  run(command: InitiativeCommandInput): Promise<CommandOutcome> {
    const attempts = () => this.attempts(command);
    return command.initiativeId === null ? attempts() : this.queue.run(command.initiativeId, attempts);
  }

  private async attempts(command: InitiativeCommandInput): Promise<CommandOutcome> {
    const { ctx } = command;
    const keyed = ctx.idempotencyKey !== undefined;
    let loaded = null as { id: string; initiative: LoadedInitiative; history: StoredEvent[] } | null;
    let conflict: StoreConflict | null = null;
    for (let attempt = 1; ; attempt++) {
      // Fresh ids per attempt: derived ones come out the same, so a retry after a crash repeats the same events.
      const ids = IdSource.for(ctx);
      const commandId = ids.next();
      const initiativeId = command.initiativeId ?? ids.next();
      loaded = await this.read(command, initiativeId, loaded, conflict);
      const current = loaded.initiative;
      // A keyed command that started from a cached state (or the portfolio's copy) has read only the
      // stream after it, and an earlier copy of this very command may lie before: its answer is what
      // a retry must give. So before it refuses, it asks the store for the command's own events
      // (reading the stream whole instead doubled a cold start at a million events without read.db,
      // where every request of the replaying KPI saga takes this path).
      const earlierOrElse = async <T>(refusal: T): Promise<T | Appended> => {
        if (!keyed || readWhole(current)) return refusal;
        const own = await this.repository.commandEvents(initiativeId, commandId);
        return this.answerFromLog(own, commandId, initiativeId, command) ?? refusal;
      };
      const state = current.state.started ? current.state : null;
      // Before any replay: a caller who no longer sees the initiative learns nothing of it, not even its own earlier answer.
      if (command.initiativeId !== null && (!state || !isVisible(state, ctx.actor))) {
        // Unread, the cached state may predate another writer's append: refuse only on what the store says (the next attempt reads it).
        if (current.unread) continue;
        return { kind: 'not-found', initiativeId: command.initiativeId, error: null };
      }
      // Also after a conflict: a copy of this command sent to another instance (the same key) may be what beat it.
      const earlier = keyed ? this.answerFromLog(current.events, commandId, initiativeId, command) : null;
      if (earlier) {
        if (conflict) this.conflicts.inc({ command: command.label, resolution: 'own-events' });
        return earlier;
      }
      const gaveUp = conflict && keyed ? this.giveUpOrRetry(command, conflict, attempt) : null;
      if (gaveUp) return gaveUp;

      if (ctx.ifMatch !== undefined && ctx.ifMatch !== current.revision) {
        if (current.unread) continue;
        return earlierOrElse<PreconditionFailed>({ kind: 'precondition-failed', ifMatch: ctx.ifMatch, revision: current.revision, movedWhileRunning: false });
      }
      const domainCommand = command.build({
        initiativeId,
        now: this.clock.now().toISOString(),
        newId: () => ids.next(),
        state,
        events: historyFor(command, loaded.history),
      });
      let events;
      try {
        authorize(domainCommand, current.state, ctx.actor);
        events = decide(domainCommand, current.state);
      } catch (error) {
        const refusal = refusalOf(error);
        if (refusal && current.unread) continue;
        if (refusal) return earlierOrElse(refusal);
        throw error;
      }
      const created = answerFields(command.answerId?.(domainCommand));
      // `created` rides along in the metadata so that a retry after a crash can answer it again.
      const base = {
        actor: actorMetadata(ctx.actor),
        correlationId: ctx.correlationId,
        causationId: command.causationId ?? commandId,
        command: domainCommand.type,
        commandId,
        ...(Object.keys(created).length ? { created } : {}),
      };
      try {
        const result = await this.repository.append(
          initiativeId,
          events.map((e) => toAppend(e, ids.next(), base)),
          current.revision,
        );
        this.repository.appended(initiativeId, current, events, result);
        return { kind: 'appended', ...created, revision: result.revision, position: result.position };
      } catch (error) {
        // Derived event ids already stored elsewhere: only an earlier copy of this very command can have put them there.
        if (!(error instanceof WrongExpectedRevision) && !(keyed && error instanceof DuplicateEventId)) throw error;
        conflict = error;
        // Without a key nothing in the log can be this command's own: decide now rather than after another read.
        const lost = keyed ? null : this.giveUpOrRetry(command, conflict, attempt + 1);
        if (lost) return lost;
        await sleep(backoffMs(attempt));
      }
    }
  }

  /**
   * The initiative for an attempt. The first starts from the cached state, unread; a retry reads
   * only the events after the state it had (those that won, or none: an attempt that would have
   * refused or answered 404 or 412 from an unread state goes again once the store has confirmed
   * it). After DuplicateEventId the command's own events may lie anywhere in the stream, before the
   * cached state too, so the whole stream is read to find them. A command that freezes a view of
   * the stream (a review's evidence) reads it whole and keeps it.
   */
  private async read(
    command: InitiativeCommandInput,
    id: string,
    before: { id: string; initiative: LoadedInitiative; history: StoredEvent[] } | null,
    conflict: StoreConflict | null,
  ) {
    if (before?.id === id && !(conflict instanceof DuplicateEventId)) {
      const initiative = await this.repository.catchUp(id, before.initiative);
      return { id, initiative, history: command.needsHistory ? [...before.history, ...initiative.events] : [] };
    }
    const initiative = command.needsHistory || conflict ? await this.repository.load(id) : await this.repository.forCommand(id);
    return { id, initiative, history: command.needsHistory ? initiative.events : [] };
  }

  /** After a refused append: stale when the client pinned the revision, a conflict when the retries are used up, else null (retry). */
  private giveUpOrRetry(command: InitiativeCommandInput, conflict: StoreConflict, attempt: number): PreconditionFailed | Conflict | null {
    const label = command.label;
    // Derived ids stored elsewhere and none of this command's own events in the log: no outcome explains that.
    if (conflict instanceof DuplicateEventId) throw conflict;
    if (command.ctx.ifMatch !== undefined) {
      this.conflicts.inc({ command: label, resolution: 'stale' });
      return { kind: 'precondition-failed', ifMatch: command.ctx.ifMatch, revision: conflict.actual, movedWhileRunning: true };
    }
    if (attempt > RETRIES + 1) {
      this.conflicts.inc({ command: label, resolution: 'refused' });
      return { kind: 'conflict', retries: RETRIES };
    }
    this.conflicts.inc({ command: label, resolution: 'retried' });
    return null;
  }

  /** After a crash between append and answer, a retry with the same key finds its own events in the log. */
  private answerFromLog(events: StoredEvent[], commandId: string, initiativeId: string, command: InitiativeCommandInput): Appended | null {
    const own = events.filter((e) => e.metadata.commandId === commandId);
    if (!own.length) return null;
    const last = own[own.length - 1];
    const created = (last.metadata.created as { id?: string; version?: number } | undefined) ?? (command.initiativeId === null ? { id: initiativeId } : {});
    return { kind: 'appended', ...created, revision: last.revision, position: last.position };
  }
}
