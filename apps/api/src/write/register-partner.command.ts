import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '../../../../libs/event-store/src';
import { decidePartner, DomainError, initialPartnerState } from '../../../../libs/initiative/src';
import type { PartnerKind } from '../../../../events';
import { CommandMetrics } from '../metrics/command-metrics';
import { InjectEventStore } from '../store/event-store.provider';
import { Clock } from './clock';
import { domainProblem } from './domain-problem';
import { actorMetadata, toAppend } from './event-envelope';
import { IdSource } from './id-source';
import { IdempotencyStore } from './idempotency.store';
import { partnerStream } from './partner.repository';
import type { CommandResult } from './run-initiative-command';
import type { RequestContext } from './request-context';

export class RegisterPartnerCommand extends Command<CommandResult> {
  constructor(readonly name: string, readonly kind: PartnerKind, readonly ctx: RequestContext) {
    super();
  }
}

@CommandHandler(RegisterPartnerCommand)
export class RegisterPartnerHandler implements ICommandHandler<RegisterPartnerCommand> {
  constructor(
    @InjectEventStore() private readonly store: EventStore,
    private readonly idempotency: IdempotencyStore,
    private readonly clock: Clock,
    private readonly metrics: CommandMetrics,
  ) {}

  async execute({ name, kind, ctx }: RegisterPartnerCommand): Promise<CommandResult> {
    const remembered = await this.idempotency.recall(ctx);
    if (remembered) return remembered as CommandResult;
    const answer = await this.metrics.observe('RegisterPartner', async () => {
      const ids = IdSource.for(ctx);
      const commandId = ids.next();
      const partnerId = ids.next();
      let events;
      try {
        events = decidePartner({ type: 'RegisterPartner', partnerId, name, kind, now: this.clock.now().toISOString() }, initialPartnerState);
      } catch (error) {
        throw error instanceof DomainError ? domainProblem(error) : error;
      }
      const base = { actor: actorMetadata(ctx.actor), correlationId: ctx.correlationId, causationId: commandId, command: 'RegisterPartner', commandId };
      // A new id per partner, so 'no-stream' holds unless this very request is being retried — and then the store answers the first result.
      const result = await this.store.append(partnerStream(partnerId), events.map((e) => toAppend(e, ids.next(), base)), 'no-stream');
      return { status: 201, body: { id: partnerId, revision: result.revision, position: result.position } };
    });
    await this.idempotency.remember(ctx, answer);
    return answer;
  }
}
