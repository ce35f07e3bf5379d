import { Injectable } from '@nestjs/common';
import type { AppendResult, EventStore, EventToAppend, StoredEvent } from '../../../../libs/event-store/src';
import { evolve, initialState, type InitiativeState } from '../../../../libs/initiative/src';
import type { InitiativeEvent } from '../../../../events';
import { InjectEventStore } from '../store/event-store.provider';
import { toDomain } from './event-envelope';

export const initiativeStream = (id: string): string => `initiative-${id}`;

export interface LoadedInitiative {
  state: InitiativeState;
  /** the stream's last revision, -1 when the initiative does not exist */
  revision: number;
  events: StoredEvent[];
}

/** Folds an initiative's stream (or the part of it after `from`) into its state. */
export const fold = (events: StoredEvent[], from: InitiativeState = initialState): InitiativeState =>
  events.reduce((state, e) => evolve(state, toDomain(e) as InitiativeEvent), from);

@Injectable()
export class InitiativeRepository {
  constructor(@InjectEventStore() private readonly store: EventStore) {}

  async load(id: string, toRevision?: number): Promise<LoadedInitiative> {
    const events = await this.store.readStream(initiativeStream(id), toRevision === undefined ? {} : { toRevision });
    return { state: fold(events), revision: events.length ? events[events.length - 1].revision : -1, events };
  }

  /** The initiative as loaded, moved on by the events appended since: after a conflict only those are read. */
  async catchUp(id: string, loaded: LoadedInitiative): Promise<LoadedInitiative> {
    const newer = await this.store.readStream(initiativeStream(id), { fromRevision: loaded.revision + 1 });
    if (newer.length === 0) return loaded;
    return { state: fold(newer, loaded.state), revision: newer[newer.length - 1].revision, events: [...loaded.events, ...newer] };
  }

  append(id: string, events: EventToAppend[], expectedRevision: number): Promise<AppendResult> {
    return this.store.append(initiativeStream(id), events, expectedRevision === -1 ? 'no-stream' : expectedRevision);
  }
}
