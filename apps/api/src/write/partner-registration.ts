import { Injectable } from '@nestjs/common';
import type { EventStore } from '../../../../libs/event-store/src';
import { decidePartner, DomainError, initialPartnerState } from '../../../../libs/initiative/src';
import type { PartnerKind } from '../../../../events';
import { InjectEventStore } from '../store/event-store.provider';
import { Clock } from './clock';
import type { PartnerOutcome } from './command-outcome';
import { actorMetadata, toAppend } from './event-envelope';
import { IdSource } from './id-source';
import { partnerStream } from './partner.repository';
import type { RequestContext } from './request-context';

/** The partner registry's write side: decide and append, saying what happened as data. */
@Injectable()
export class PartnerRegistration {
  constructor(
    @InjectEventStore() private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async register(name: string, kind: PartnerKind, ctx: RequestContext): Promise<PartnerOutcome> {
    const ids = IdSource.for(ctx);
    const commandId = ids.next();
    const partnerId = ids.next();
    let events;
    try {
      events = decidePartner({ type: 'RegisterPartner', partnerId, name, kind, now: this.clock.now().toISOString() }, initialPartnerState);
    } catch (error) {
      if (error instanceof DomainError) return { kind: 'refused', error };
      throw error;
    }
    const base = { actor: actorMetadata(ctx.actor), correlationId: ctx.correlationId, causationId: commandId, command: 'RegisterPartner', commandId };
    // A new id per partner, so 'no-stream' holds unless this very request is being retried — and then the store answers the first result.
    const result = await this.store.append(
      partnerStream(partnerId),
      events.map((e) => toAppend(e, ids.next(), base)),
      'no-stream',
    );
    return { kind: 'appended', id: partnerId, revision: result.revision, position: result.position };
  }
}
