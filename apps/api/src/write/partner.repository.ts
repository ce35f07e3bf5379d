import { Injectable } from '@nestjs/common';
import type { EventStore } from '../../../../libs/event-store/src';
import type { PartnerRegistered } from '../../../../events';
import { InjectEventStore } from '../store/event-store.provider';
import { toDomain } from './event-envelope';

export const partnerStream = (id: string): string => `partner-${id}`;

export interface RegisteredPartner {
  id: string;
  name: string;
  kind: string;
}

/** The partner registry's write side: one stream per partner organisation. */
@Injectable()
export class PartnerRepository {
  constructor(@InjectEventStore() private readonly store: EventStore) {}

  async find(id: string): Promise<RegisteredPartner | null> {
    const [first] = await this.store.readStream(partnerStream(id), { toRevision: 0 });
    if (!first) return null;
    const { data } = toDomain(first) as PartnerRegistered;
    return { id: data.partnerId, name: data.name, kind: data.kind };
  }
}
