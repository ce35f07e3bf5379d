import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppendResult, EventStore, EventToAppend, StoredEvent } from '../../../../libs/event-store/src';
import { evolve, initialState, type InitiativeState } from '../../../../libs/initiative/src';
import { PROJECTIONS, ProjectionTables, type PortfolioDoc } from '../../../../libs/projections/src';
import type { OpenedReadStore } from '../../../../libs/read-store/src';
import type { InitiativeEvent } from '../../../../events';
import type { Environment } from '../config/environment';
import { InjectEventStore } from '../store/event-store.provider';
import { InjectReadStore } from '../store/read-store.provider';
import { toDomain } from './event-envelope';
import { StateCache, type CachedState } from './state-cache';

export const initiativeStream = (id: string): string => `initiative-${id}`;

export interface LoadedInitiative {
  state: InitiativeState;
  /** the stream's last revision, -1 when the initiative does not exist */
  revision: number;
  /** the events read to get here: the whole stream from `load`, only those after the cached state from `catchUp`, none from a cache hit */
  events: StoredEvent[];
  /**
   * Taken from the cache without asking the store: exact as of `revision`, but another writer (a
   * second instance, the CLI) may have appended since. Good enough to decide on, since the append
   * is checked against `revision`; not to refuse on (see InitiativeCommandLoop).
   */
  unread?: boolean;
}

/** Folds an initiative's stream (or the part of it after `from`) into its state. */
export const fold = (events: StoredEvent[], from: InitiativeState = initialState): InitiativeState =>
  events.reduce((state, e) => evolve(state, toDomain(e) as InitiativeEvent), from);

@Injectable()
export class InitiativeRepository {
  private readonly cache: StateCache;
  private readonly tables: ProjectionTables;

  constructor(
    @InjectEventStore() private readonly store: EventStore,
    @InjectReadStore() readStore: OpenedReadStore,
    config: ConfigService<Environment, true>,
  ) {
    this.cache = new StateCache(config.get('STATE_CACHE_SIZE', { infer: true }));
    this.tables = new ProjectionTables(readStore);
  }

  /** The whole stream (up to `toRevision`), folded: for views that show the events themselves. */
  async load(id: string, toRevision?: number): Promise<LoadedInitiative> {
    const events = await this.store.readStream(initiativeStream(id), toRevision === undefined ? {} : { toRevision });
    const loaded = { state: fold(events), revision: events.length ? events[events.length - 1].revision : -1, events };
    if (toRevision === undefined) this.remember(id, loaded);
    return loaded;
  }

  /** The initiative now, as the store has it: from the cached state (or the portfolio's copy) and the events after it. */
  async current(id: string): Promise<LoadedInitiative> {
    const start = await this.forCommand(id);
    return start.unread ? this.catchUp(id, start) : start;
  }

  /**
   * The initiative for a command: the cached state as it is, without a read (`unread`); else the
   * portfolio's copy of it with the events after it read from the store; the whole stream only
   * when neither has it. `events` holds only what was read (see InitiativeCommandLoop on keyed
   * retries).
   */
  async forCommand(id: string): Promise<LoadedInitiative> {
    const cached = this.cache.get(id);
    if (cached) return { ...cached, events: [], unread: true };
    const copy = await this.portfolioCopy(id);
    if (!copy) return this.load(id);
    this.cache.set(id, copy);
    return this.catchUp(id, { ...copy, events: [] });
  }

  /**
   * The portfolio's document holds the state exactly as this repository folds it (the projection
   * runs the decider's evolve over the same upcast events; its golden test holds any change to that
   * fold to a new version) and the stream revision it reached. After a restart, or past the cache's
   * capacity, that spares a command reading a long stream from the start. It is only a starting
   * point: the events after its revision are read from the store, which stays the truth.
   */
  private async portfolioCopy(id: string): Promise<CachedState | undefined> {
    try {
      const { body } = await this.tables.liveDocument(PROJECTIONS.portfolio.name, id);
      if (body === null) return undefined;
      const doc = JSON.parse(body) as Partial<PortfolioDoc>;
      return doc.state && typeof doc.revision === 'number' ? { state: doc.state, revision: doc.revision } : undefined;
    } catch {
      // The read store locked or gone: the log alone is enough.
      return undefined;
    }
  }

  /** The initiative as loaded, moved on by the events appended since (`events` then holds only those). */
  async catchUp(id: string, loaded: LoadedInitiative): Promise<LoadedInitiative> {
    const newer = await this.store.readStream(initiativeStream(id), { fromRevision: loaded.revision + 1 });
    if (newer.length === 0) return { ...loaded, events: [], unread: false };
    const caught = { state: fold(newer, loaded.state), revision: newer[newer.length - 1].revision, events: newer };
    this.remember(id, caught);
    return caught;
  }

  /** The events one command appended to the initiative's stream, wherever they lie in it. */
  commandEvents(id: string, commandId: string): Promise<StoredEvent[]> {
    return this.store.readStream(initiativeStream(id), { commandId });
  }

  append(id: string, events: EventToAppend[], expectedRevision: number): Promise<AppendResult> {
    return this.store.append(initiativeStream(id), events, expectedRevision === -1 ? 'no-stream' : expectedRevision);
  }

  /**
   * After a command's append: the state it decided on, moved on by the events it appended, is the
   * stream's state at the revision the store gave, so the next command on the initiative starts
   * there without a read. Folding the decided events equals folding them as stored: the catalogue's
   * current schema needs no upcasting, and sealed text is opened to what was sealed.
   */
  appended(id: string, from: LoadedInitiative, events: InitiativeEvent[], result: AppendResult): void {
    // A retried append that had landed elsewhere in the stream answers that place: fold nothing onto `from`.
    if (result.revision !== from.revision + events.length) return;
    this.cache.set(id, { state: events.reduce(evolve, from.state), revision: result.revision });
  }

  private remember(id: string, loaded: LoadedInitiative): void {
    // An initiative that does not exist (yet) is not worth a place.
    if (loaded.revision >= 0) this.cache.set(id, { state: loaded.state, revision: loaded.revision });
  }
}
