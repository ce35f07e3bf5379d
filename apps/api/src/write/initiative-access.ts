import { Injectable } from '@nestjs/common';
import { authorize, isVisible } from '../../../../libs/initiative/src';
import { Clock } from './clock';
import { type NotAllowed, type NotFound, refusalOf } from './command-outcome';
import { IdSource } from './id-source';
import { InitiativeRepository } from './initiative.repository';
import type { InitiativeCommandInput } from './run-initiative-command';

/**
 * Would the write side let this actor give this command on the initiative as it is now? Asked
 * before an Idempotency-Key's record is handed out: the record is scoped to subject, partner and
 * route, but roles and membership change, and a caller the command would refuse must not learn
 * what it answered (the revision of an initiative hidden from it). The checks InitiativeCommandLoop
 * makes before deciding, in its order and with its ids; If-Match is left out, as a replay answers
 * what the command did then, whatever the revision is now.
 */
@Injectable()
export class InitiativeAccess {
  constructor(
    private readonly repository: InitiativeRepository,
    private readonly clock: Clock,
  ) {}

  async refusal(command: InitiativeCommandInput): Promise<NotFound | NotAllowed | null> {
    const { ctx } = command;
    const ids = IdSource.for(ctx);
    ids.next(); // the command's own id: what `build` hands out next is then what it handed out in the loop
    const initiativeId = command.initiativeId ?? ids.next();
    // The whole stream: only replays get here, and `build` may freeze a view of it (a review's evidence).
    const { state, events } = await this.repository.load(initiativeId);
    if (command.initiativeId !== null && (!state.started || !isVisible(state, ctx.actor))) {
      return { kind: 'not-found', initiativeId: command.initiativeId, error: null };
    }
    const domainCommand = command.build({
      initiativeId,
      now: this.clock.now().toISOString(),
      newId: () => ids.next(),
      state: state.started ? state : null,
      events,
    });
    try {
      authorize(domainCommand, state, ctx.actor);
      return null;
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal && refusal.kind !== 'refused') return refusal;
      throw error;
    }
  }
}
