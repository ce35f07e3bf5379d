import type { RegieEvent } from '../../../../events';
import type { EventStore, EventToFold, Subscription } from '../../../event-store/src';
import { foldTargets, isProcessManager, toRegieEvent, type DocumentListing, type ProcessManager, type Projection } from '../projection';
import { AskedAsWritten } from './asked-as-written';
import { batchesOf } from './batches';
import { DocumentSizes } from './document-sizes';
import { ReuseDistance } from './reuse-distance';
import { StreamOwners } from './stream-owners';
import { readsByStream, streamPagesUpTo } from './stream-pages';
import { claimedStreams, notTakenBy, type ShareSide, type StreamShare } from './stream-share';
import { TurnSlices } from './turn-slices';
import { CheckpointConflict, type GenerationBatch, type ProjectionTables } from './projection-tables';

/** One generation of one projection that a group feeds. */
export interface GroupMember {
  projection: Projection<unknown>;
  generation: number;
  /** the generation's committed checkpoint when the group takes it on */
  checkpoint: number;
  /**
   * A process manager's commands are dispatched only for events after this position (asked
   * afresh at each event that calls for commands): a saga rebuilt for a new version replays the
   * log to rebuild its memory, but what the old generation already dispatched is not asked again.
   */
  dispatchAfter?: () => number;
}

export interface GroupCommit {
  /** per member: its generation and new checkpoint */
  members: Array<{ name: string; generation: number; checkpoint: number }>;
  /** events in the batch */
  events: number;
  /** true once the group has read everything that was in the store and follows it live */
  live: boolean;
}

export interface GroupOptions {
  /** events per readAll page while catching up (default 1,000) */
  pageSize?: number;
  /**
   * While catching up, write once this many events are folded … (default 500,000). A write costs
   * what the changed documents weigh, however many events changed them: big catch-up batches
   * are what makes a rebuild cheap (a million events over a thousand initiatives change the whole
   * read model, some 120 MB of JSON, in every batch: 250,000 a batch took a cold catch-up 2-3 s
   * longer). A crash loses at most one batch of work, never correctness.
   */
  maxBatchEvents?: number;
  /** … or this much time has passed (default 10,000 ms); live batches are written at once */
  maxBatchMs?: number;
  /**
   * Catch members up from nothing stream by stream when their projections allow it
   * (`oneStreamPerDocument`; by default on every store but EventStoreDB).
   */
  byStream?: boolean;
  /** Stream by stream, write once this many events are folded (default 20,000; a stream is never split) */
  byStreamBatchEvents?: number;
  /** documents kept in memory per member between batches (default 20,000) */
  cacheLimit?: number;
  /**
   * While following the store: the JSON the documents kept in memory may stand for, over all
   * members (default 48 MiB), the least recently changed going first. A catch-up keeps every
   * document it touches (it would read them back on the next batch); once live, only what recent
   * events touched needs to stay.
   */
  cacheBytes?: number;
  /** commands a process manager asked for in a batch, dispatched before the batch commits */
  dispatch?: (name: string, commands: unknown[]) => Promise<void>;
  onCommit?: (commit: GroupCommit) => void;
  /** after every page folded while catching up: the position folded so far (not yet committed) */
  onProgress?: (position: number, events: number) => void;
  /** once, when the group has caught up with the store and turns to following it */
  onLive?: () => void;
  /** stop once caught up with the store instead of following it (a catch-up on another thread) */
  untilCaughtUp?: boolean;
  /**
   * Once live, take the next batch this long after the last (default 0: at once), unless someone
   * waits to read a position (`hurry`). For a thread that follows the log beside the API.
   */
  liveGapMs?: number;
  /**
   * A member's reducer (or a saga's react) threw on an event: the group has let that member go at
   * its last committed checkpoint and goes on feeding the others.
   */
  onMemberFailed?: (name: string, error: ProjectionFailed | DispatchFailed) => void;
  /**
   * A cold catch-up shared with another thread by stream (stream-share.ts): this group's pass
   * stream by stream folds its side's streams only, for its own members and for the other thread's
   * (`helping`), whose documents it writes at checkpoint 0 and then reports by `done`. Its own
   * members commit their checkpoints once `helped` says the other side's streams are written for
   * them (or, when they will not be, after folding those streams too).
   */
  sharing?: {
    share: StreamShare;
    /** which side of the share this group's pass is (claimedStreams) */
    side: ShareSide;
    helping: GroupMember[];
    done: (result: HelpResult) => void;
    helped: Promise<HelpResult>;
    /** before `done`: the commands the other side's sagas ask for over streams this side has written, batch by batch */
    ask?: (effects: HelpResult['effects']) => void;
    /** what the other side asks for this side's sagas as it goes (its `ask`): listened to once this side's pass begins, which hears what came before too */
    asked?: (listener: (effects: HelpResult['effects']) => void) => void;
  };
}

/** What one side of a shared catch-up tells the other: its documents are written, and the saga commands their events call for. */
export interface HelpResult {
  written: boolean;
  /** per process manager helped: the commands its events asked for, for the owner to dispatch */
  effects: Record<string, unknown[]>;
}

/** What a projection's reducer threw, with the event it threw on. */
export class ProjectionFailed extends Error {
  override readonly name = 'ProjectionFailed';
  constructor(
    readonly projection: string,
    readonly event: EventToFold,
    override readonly cause: unknown,
  ) {
    super(`${projection} failed at position ${event.position} (${event.type} in ${event.stream}): ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * The longest a batch folds or writes before it hands the event loop back (TurnSlices): a request
 * that arrives meanwhile waits about this long, not for the whole batch.
 */
const SLICE_MS = 2;

/**
 * Once live, a group of process managers only (the KPI saga, on the main thread while the other
 * projections follow the log on their own thread) takes its next batch this long after the last:
 * nobody reads a saga's documents, and its commands may come a moment later. At one connection
 * of commands each event was otherwise a batch of its own on the event loop: a page read, a
 * transaction and a checkpoint per command.
 */
const SAGA_BATCH_GAP_MS = 50;

/** How many catch-up batches a process manager's commands may wait for the head of the log (ProjectionGroup.flush). */
const DEFERRED_BATCHES = 4;

/** What a process manager's dispatch threw: its commands are asked for again when it is fed again. */
export class DispatchFailed extends Error {
  override readonly name = 'DispatchFailed';
  constructor(
    readonly projection: string,
    override readonly cause: unknown,
  ) {
    super(`${projection}: its commands failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

interface Member extends GroupMember {
  /** last position folded in memory (≥ checkpoint) */
  processed: number;
  cache: Map<string, unknown>;
  /** the JSON size of each cached document, as last read or written */
  sizes: DocumentSizes;
  /** the cache knows every document of the generation (it started empty and nothing was dropped) */
  complete: boolean;
  /** document by key; null deletes it */
  dirty: Map<string, unknown>;
  /** the listing last committed per document (its lists and sort, its summary: each as JSON), for projections read in pages: unchanged ones are not rewritten */
  listed: Map<string, { lists: string; summary: string }>;
  effects: unknown[];
  /** the member as a process manager, when it is one */
  saga: ProcessManager<unknown, unknown> | null;
}

const memberOf = (m: GroupMember): Member => ({
  ...m,
  processed: m.checkpoint,
  cache: new Map(),
  sizes: new DocumentSizes(),
  complete: m.checkpoint === 0,
  dirty: new Map(),
  listed: new Map(),
  effects: [],
  saga: isProcessManager(m.projection) ? m.projection : null,
});

/** A member that starts from nothing and may fold the log stream by stream (catchUpByStream). */
const foldsByStream = (m: GroupMember): boolean => m.checkpoint === 0 && m.projection.oneStreamPerDocument === true;

/** What a batch writes of a member's listings (see ProjectionGroup.listingsOf). */
interface MemberListings {
  listings: Map<string, Pick<DocumentListing, 'sort' | 'lists'> | null>;
  summaries: Map<string, string | null>;
  keys: Map<string, { lists: string; summary: string }>;
}

/**
 * Feeds one or more projection generations from the event store: pages of readAll after the
 * lowest checkpoint until caught up, then the store's live subscription. Each member skips events
 * it has already counted. The documents a batch changed stay in memory and are written, with
 * every member's new checkpoint, in one read-store transaction: a batch counts entirely or not at
 * all. Reading once for several projections is what makes a full rebuild cheap.
 */
export class ProjectionGroup {
  private readonly members: Member[];
  private readonly pageSize: number;
  private readonly maxBatchEvents: number;
  private readonly maxBatchMs: number;
  private readonly cacheLimit: number;
  private readonly cacheBytes: number;
  private stopping = false;
  private subscription: Subscription | null = null;
  private busy = false;
  private pendingEvents = 0;
  private detachQueue: Array<{ name: string; resolve: (checkpoint: number) => void }> = [];
  private memberWaiters: Array<{ name: string; position: number; resolve: () => void }> = [];
  private started = false;
  private liveNow = false;
  private runPromise: Promise<void> | null = null;
  private endGap: (() => void) | null = null;
  private hurried = false;
  private readonly reuse: ReuseDistance;
  /** what this group folds for another thread's generations (`helping`) until it has told it */
  private helpers: Member[] | null;
  private readonly stopSignal: Promise<void>;
  private signalStop!: () => void;
  /** while a shared catch-up folds (catchUpByStream): the saga commands asked for as their streams are written */
  private asking: AskedAsWritten | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly tables: ProjectionTables,
    members: GroupMember[],
    private readonly options: GroupOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 1000;
    this.maxBatchEvents = options.maxBatchEvents ?? 500_000;
    this.maxBatchMs = options.maxBatchMs ?? 10000;
    this.cacheLimit = options.cacheLimit ?? 20_000;
    this.cacheBytes = options.cacheBytes ?? 48 * 1024 * 1024;
    this.reuse = new ReuseDistance(this.cacheBytes);
    this.members = members.map(memberOf);
    this.helpers = options.sharing ? options.sharing.helping.filter(foldsByStream).map(memberOf) : null;
    this.stopSignal = new Promise((resolve) => (this.signalStop = resolve));
  }

  get names(): string[] {
    return this.members.map((m) => m.projection.name);
  }

  get isLive(): boolean {
    return this.liveNow;
  }

  feeds(name: string, generation: number): boolean {
    return this.members.some((m) => m.projection.name === name && m.generation === generation);
  }

  /** The JSON the documents kept in memory stand for, over all members. */
  get heldBytes(): number {
    return this.members.reduce((sum, m) => sum + m.sizes.total, 0);
  }

  checkpointOf(name: string): number | null {
    return this.members.find((m) => m.projection.name === name)?.checkpoint ?? null;
  }

  /** Runs until stopped; rejects when a batch cannot be read, folded or written. */
  run(): Promise<void> {
    if (!this.runPromise) {
      this.started = true;
      this.runPromise = this.loop();
    }
    return this.runPromise;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.signalStop();
    this.endGap?.();
    await this.subscription?.close();
    if (this.runPromise) await this.runPromise.catch(() => undefined);
  }

  /**
   * Stops feeding one member after the batch in flight is written; resolves with its final
   * checkpoint. Its generation's checkpoint no longer moves (so a swap can compare against it).
   */
  detach(name: string): Promise<number> {
    if (!this.busy || !this.started) return Promise.resolve(this.remove(name));
    return new Promise((resolve) => this.detachQueue.push({ name, resolve }));
  }

  /** Resolves when the member has committed `position` (or left the group). */
  waitForMember(name: string, position: number): Promise<void> {
    const member = this.members.find((m) => m.projection.name === name);
    if (!member || member.checkpoint >= position || this.stopping) return Promise.resolve();
    return new Promise((resolve) => this.memberWaiters.push({ name, position, resolve }));
  }

  private remove(name: string): number {
    const i = this.members.findIndex((m) => m.projection.name === name);
    if (i < 0) return -1;
    const [member] = this.members.splice(i, 1);
    this.wakeMemberWaiters();
    if (!this.members.length) {
      this.stopping = true;
      void this.subscription?.close();
    }
    return member.checkpoint;
  }

  /**
   * A reader waits for a position: the next live batch is taken now, not after the gap. The event
   * it waits for is already in the store (a command answered with its position).
   */
  hurry(): void {
    // Nobody reads a saga's documents: its gap stays.
    if (this.members.every((m) => m.saga)) return;
    if (this.endGap) this.endGap();
    else this.hurried = true;
  }

  /** Waits `ms`, or until stopped or hurried. */
  private gap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.endGap?.(), ms);
      this.endGap = () => {
        clearTimeout(timer);
        this.endGap = null;
        resolve();
      };
    });
  }

  private lowest(): number {
    return Math.min(...this.members.map((m) => m.processed));
  }

  private async loop(): Promise<void> {
    try {
      await this.catchUpByStream();
      let lastFlush = Date.now();
      // Catching up: big pages, one write per many thousand events.
      while (!this.stopping && this.members.length) {
        const page = await this.store.readAllToFold(this.lowest(), this.pageSize);
        this.busy = true;
        await this.fold(page);
        if (page.length) this.options.onProgress?.(page[page.length - 1].position, page.length);
        const short = page.length < this.pageSize;
        if (short || this.pendingEvents >= this.maxBatchEvents || Date.now() - lastFlush >= this.maxBatchMs) {
          await this.flush(false, !short);
          lastFlush = Date.now();
        }
        this.busy = false;
        this.handleDetaches();
        if (short) break;
        // Reading and folding never wait on I/O with an embedded store: let requests in between
        // pages, so the API keeps answering while a projection catches up or rebuilds.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (this.stopping || !this.members.length || this.options.untilCaughtUp) {
        await this.flush(false, true);
        return;
      }
      this.liveNow = true;
      this.options.onLive?.();
      // Following: each burst the subscription hands over is one transaction.
      this.subscription = this.store.subscribe(this.lowest());
      for await (const batch of batchesOf(this.subscription, this.maxBatchEvents)) {
        this.busy = true;
        await this.fold(batch);
        await this.flush(true);
        this.busy = false;
        this.handleDetaches();
        if (this.stopping) break;
        const gapMs = this.members.every((m) => m.saga) ? SAGA_BATCH_GAP_MS : (this.options.liveGapMs ?? 0);
        if (gapMs > 0 && !this.hurried) await this.gap(gapMs);
        this.hurried = false;
      }
    } finally {
      this.busy = false;
      this.stopping = true;
      this.finishHelping(false);
      await this.subscription?.close();
      for (const d of this.detachQueue.splice(0)) d.resolve(this.remove(d.name));
      this.wakeMemberWaiters(true);
    }
  }

  private handleDetaches(): void {
    for (const d of this.detachQueue.splice(0)) d.resolve(this.remove(d.name));
  }

  /** Folds the events into the members' documents in memory. */
  private async fold(events: EventToFold[]): Promise<void> {
    if (!events.length) return;
    const domain: RegieEvent[] = events.map(toRegieEvent);
    const slices = new TurnSlices(SLICE_MS);
    await this.preload(events, domain, slices);
    // A member let go on the way leaves this.members; the page goes on with the ones still in it.
    let members = this.members.slice();
    for (let i = 0; i < events.length; i++) {
      if (slices.due) await slices.next();
      const stored = events[i];
      const event = domain[i];
      if (members.length !== this.members.length) members = members.filter((m) => this.members.includes(m));
      for (const m of members) {
        if (stored.position <= m.processed) continue;
        try {
          this.foldOne(m, event, stored);
        } catch (error) {
          this.letGo(m, new ProjectionFailed(m.projection.name, stored, error));
        }
      }
    }
    this.pendingEvents += events.length;
  }

  /** Folds the event into the member's documents in memory; returns the ids it was folded into. */
  private foldOne(m: Member, event: RegieEvent, stored: EventToFold): readonly string[] {
    m.processed = stored.position;
    // preload put every document of a family the event reaches in the cache.
    const targets = foldTargets(m.projection, event, stored, () => m.cache.keys());
    for (const id of targets) {
      const before = m.cache.get(id);
      const after = m.projection.reduce(before === null ? undefined : before, event, stored, id);
      if (m.saga) {
        const effects = m.saga.react(before ?? undefined, after, event, stored);
        if (effects.length && stored.position > (m.dispatchAfter?.() ?? 0)) m.effects.push(...effects);
      }
      if (after === before || (after === null && (before === null || before === undefined))) continue;
      // Re-inserted, so the cache's order is the order of last change (trim drops from the front).
      // Only trimming while live reads that order: a catch-up spares itself a million deletes.
      if (this.liveNow) m.cache.delete(id);
      m.cache.set(id, after);
      m.dirty.set(id, after);
    }
    return targets;
  }

  /**
   * Members starting from nothing whose documents each belong to one stream catch up to the head
   * of the log stream by stream: each document still sees its events in their order, and once a
   * stream is folded its documents are written and leave memory. In log order a catch-up of an
   * interleaved log holds the whole read model until the end (at a million events some 120 MB of
   * JSON, and heaps several times that).
   *
   * Their checkpoint stays at 0 until the last stream is written: a query may meet documents
   * already further on, never further back. A crash on the way costs folding again from the start,
   * never an event counted twice: no document is read back, each is folded afresh from its
   * stream's first event (and a document deleted on the way is deleted again, since it existed on
   * the way). A saga's commands wait for the end, as they wait for the head in log order; sharing
   * the streams with another thread, where every projection folds stream by stream on one side or
   * the other, they are asked for as their streams are written (AskedAsWritten). Events appended
   * meanwhile are left to the pass in log order that follows.
   */
  private async catchUpByStream(): Promise<void> {
    const cold = this.members.filter(foldsByStream);
    if (!(cold.length || this.helpers?.length) || !readsByStream(this.store, this.options.byStream)) return;
    const sharing = this.options.sharing;
    const head = sharing?.share.head ?? (await this.store.lastPosition());
    if (head === 0) return;
    const helpers = this.helpers ?? [];
    const listed = sharing ? sharing.share.streams : await this.store.listStreams();
    const total = listed.reduce((n, s) => n + s.revision + 1, 0);
    const remaining = () => cold.filter((m) => this.members.includes(m));
    if (sharing && this.options.dispatch) {
      this.asking = new AskedAsWritten(this.options.dispatch);
      // Listened to only now: the run holds what the other side asked before (CatchUpRun.asked).
      sharing.asked?.((effects) => this.askFor(effects));
    }
    try {
      const streams = sharing ? claimedStreams(sharing.share, sharing.side) : listed;
      if (!(await this.foldStreams(head, streams, total, [...cold, ...helpers], cold))) return;
      if (this.helpers) {
        await this.writeHelped(0);
        this.finishHelping(true);
      }
      if (sharing && cold.length) {
        const helped = await Promise.race([sharing.helped, this.stopSignal.then(() => null)]);
        if (!helped || this.stopping) return;
        // The other side stopped short: its streams are folded here after all (their documents folded afresh, and overwritten).
        if (!helped.written && !(await this.foldStreams(head, notTakenBy(sharing.share, sharing.side), total, remaining(), cold))) return;
        if (helped.written) for (const m of remaining()) m.effects.push(...(helped.effects[m.projection.name] ?? []));
      }
      await this.settleAsked(remaining);
    } finally {
      // Whatever ends the pass, no command asked is still on its way when it returns.
      await this.asking?.settled();
      this.asking = null;
    }
    if (this.stopping || !remaining().length) return;
    for (const m of remaining()) {
      m.processed = head;
      m.complete = false;
    }
    this.busy = true;
    await this.flush(false);
    this.busy = false;
    this.handleDetaches();
  }

  /**
   * One pass over these streams up to `head` (taken as the pass goes, when shared), each folded
   * into `folders` (the group's own cold members that are still in it, and helpers), documents
   * written every byStreamBatchEvents; what is left unwritten is counted in pendingEvents for the
   * final flush. `total` is the events of every stream, for progress. False when the pass stopped
   * on the way.
   */
  private async foldStreams(
    head: number,
    streams: Iterable<{ stream: string; revision: number }>,
    total: number,
    folders: Member[],
    cold: Member[],
  ): Promise<boolean> {
    const batchEvents = this.options.byStreamBatchEvents ?? 20_000;
    const owners = new StreamOwners();
    const slices = new TurnSlices(SLICE_MS);
    const present = (m: Member) => this.members.includes(m) || (this.helpers?.includes(m) ?? false);
    const remaining = () => cold.filter((m) => this.members.includes(m));
    let pending = 0;
    let folded = 0;
    for await (const { stream, events, endOfStream } of streamPagesUpTo(this.store, streams, head)) {
      if (this.stopping || !(remaining().length || this.helpers?.length)) return false;
      owners.enter(stream);
      await this.foldStreamPage(folders.filter(present), events, owners, slices);
      pending += events.length;
      folded += events.length;
      if (events.length) this.options.onProgress?.(Math.floor((head * folded) / total), events.length);
      if (endOfStream && pending >= batchEvents) {
        await this.writeByStream(remaining(), pending);
        pending = 0;
      }
    }
    if (this.stopping) return false;
    this.pendingEvents += pending;
    return true;
  }

  /** Folds events of one stream into the members' documents in memory; the checkpoints stay where they are. */
  private async foldStreamPage(members: Member[], events: EventToFold[], owners: StreamOwners, slices: TurnSlices): Promise<void> {
    for (const stored of events) {
      if (slices.due) await slices.next();
      const event = toRegieEvent(stored);
      for (const m of members) {
        const helper = this.helpers?.includes(m) ?? false;
        if (!helper && !this.members.includes(m)) continue;
        try {
          owners.claim(m.projection.name, this.foldOne(m, event, stored));
        } catch (error) {
          // A helper's failure is the owner's to meet: it folds those streams itself.
          if (helper) this.finishHelping(false);
          else this.letGo(m, new ProjectionFailed(m.projection.name, stored, error));
        }
        // Nothing is committed past 0 before the end, whatever stops the pass.
        m.processed = m.checkpoint;
      }
    }
  }

  /**
   * A stream-by-stream batch: its documents, the checkpoint still at 0, and the streams' documents
   * out of memory. Sharing, the sagas' commands from these streams are then asked for (AskedAsWritten):
   * every projection's documents of these streams are written by now, on one side or the other.
   */
  private async writeByStream(members: Member[], events: number): Promise<void> {
    await this.writeHelped(events);
    if (members.length) {
      // commit() forgets a saga's commands: they are asked for once the last stream is folded, or (sharing) below.
      const held = members.map((m) => m.effects);
      this.busy = true;
      await this.commit(members, false, events);
      this.busy = false;
      members.forEach((m, i) => {
        m.effects = held[i];
        m.cache.clear();
        m.sizes.clear();
      });
      this.handleDetaches();
    }
    if (this.asking) {
      for (const m of members) this.asking.ask(m.projection.name, m.effects.splice(0));
    }
    const ask = this.options.sharing?.ask;
    if (ask && this.helpers) {
      const effects = Object.fromEntries(this.helpers.filter((m) => m.effects.length).map((m) => [m.projection.name, m.effects.splice(0)]));
      if (Object.keys(effects).length) ask(effects);
    }
  }

  /** The other side's sagas' commands, for this side's members that are still in the group. */
  private askFor(effects: HelpResult['effects']): void {
    const asking = this.asking;
    // Only a pass that was stopped ends before the other side's last word: its sagas' checkpoints
    // stayed at 0, so whoever feeds them next asks for these commands again.
    if (!asking) return;
    for (const m of this.members) {
      const commands = effects[m.projection.name];
      if (commands) asking.ask(m.projection.name, commands);
    }
  }

  /** Once the commands asked while folding are in: a saga whose commands failed leaves, as in flush. */
  private async settleAsked(remaining: () => Member[]): Promise<void> {
    if (!this.asking) return;
    for (const [name, error] of await this.asking.settled()) {
      const m = remaining().find((r) => r.projection.name === name);
      if (!m) continue;
      if (this.members.length === 1) throw error;
      this.letGo(m, new DispatchFailed(name, error));
    }
  }

  /**
   * The documents folded for another thread's generations (`sharing`), at checkpoint 0 and in a
   * transaction of their own: a checkpoint their owner moved meanwhile (it stopped waiting, or
   * another start caught them up) ends the helping, never this group. A saga's commands are kept
   * for its owner to dispatch.
   */
  private async writeHelped(events: number): Promise<void> {
    const helpers = this.helpers;
    if (!helpers?.length) return;
    const held = helpers.map((m) => m.effects);
    this.busy = true;
    try {
      await this.commit(helpers, false, events, false);
    } catch (error) {
      if (!(error instanceof CheckpointConflict)) throw error;
      this.finishHelping(false);
    } finally {
      this.busy = false;
    }
    helpers.forEach((m, i) => {
      m.effects = held[i];
      m.cache.clear();
      m.sizes.clear();
    });
  }

  /** Tells the owner of the helped generations how it went, once, and folds nothing more for them. */
  private finishHelping(written: boolean): void {
    const helpers = this.helpers;
    if (!helpers) return;
    this.helpers = null;
    const effects = written ? Object.fromEntries(helpers.filter((m) => m.effects.length).map((m) => [m.projection.name, m.effects])) : {};
    this.options.sharing!.done({ written, effects });
  }

  /**
   * One member's bug must not stop the others: its uncommitted work is dropped (its documents may
   * be half-reduced), it leaves the group at its committed checkpoint, and the host feeds it again
   * later from there.
   */
  private letGo(m: Member, failure: ProjectionFailed | DispatchFailed): void {
    m.dirty.clear();
    m.cache.clear();
    m.effects = [];
    this.remove(m.projection.name);
    this.options.onMemberFailed?.(m.projection.name, failure);
  }

  /** Reads the documents the events will touch that are not in memory yet. */
  private async preload(events: EventToFold[], domain: RegieEvent[], slices: TurnSlices): Promise<void> {
    for (const m of this.members) {
      if (m.complete) {
        continue;
      }
      const missing = new Set<string>();
      const families = new Set<string>();
      for (let i = 0; i < events.length; i++) {
        if (events[i].position <= m.processed) continue;
        for (const id of m.projection.documentIds(domain[i], events[i])) if (!m.cache.has(id)) missing.add(id);
        const root = m.projection.familyOf?.(domain[i], events[i]);
        if (root) families.add(root);
      }
      for (const root of families) await this.preloadFamily(m, root);
      if (!missing.size) continue;
      const found = await this.tables.load(m.projection.name, m.generation, [...missing]);
      for (const id of missing) {
        if (slices.due) await slices.next();
        const body = found.get(id);
        m.cache.set(id, body === undefined ? null : JSON.parse(body));
        if (body !== undefined) m.sizes.set(id, body.length);
      }
    }
  }

  /** Every stored document of the family that is not in memory yet (documents in memory are newer). */
  private async preloadFamily(m: Member, root: string): Promise<void> {
    for (const [id, body] of await this.tables.loadFamily(m.projection.name, m.generation, root)) {
      if (m.cache.has(id)) continue;
      m.cache.set(id, JSON.parse(body));
      m.sizes.set(id, body.length);
    }
  }

  /**
   * Writes every member's batch. A process manager's commands are dispatched first, and its
   * checkpoint moves only once they are in (at least once; they are idempotent). The members
   * without commands are written before that, in one transaction: a command starts from the
   * portfolio's copy of its initiative (InitiativeRepository), which is then as far as the batch,
   * so it reads a few events of its stream instead of all of them.
   *
   * While catching up (`holdCommands`), a process manager with commands to ask for is not written
   * at all, for up to DEFERRED_BATCHES batches: its commands wait until the projections have
   * reached the head of the log, where the portfolio's copy spares each command its stream. A
   * crash meanwhile costs the saga that much folding again, never a command (they are asked for
   * again, and are idempotent).
   */
  private async flush(live: boolean, holdCommands = false): Promise<void> {
    const moving = this.members.filter((m) => m.processed > m.checkpoint);
    let events = this.pendingEvents;
    this.pendingEvents = 0;
    const hasCommands = (m: Member) => this.options.dispatch !== undefined && m.effects.length > 0;
    const held = (m: Member) => holdCommands && m.processed - m.checkpoint < DEFERRED_BATCHES * this.maxBatchEvents;
    const asking = moving.filter((m) => hasCommands(m) && !held(m));
    const rest = moving.filter((m) => !hasCommands(m));
    if (rest.length) {
      await this.commit(rest, live, events);
      events = 0;
    }
    const asked: Member[] = [];
    for (const m of asking) {
      try {
        await this.options.dispatch!(m.projection.name, m.effects);
        asked.push(m);
      } catch (error) {
        // A saga whose commands fail holds up neither the projections it shares the pass with nor
        // another saga: it leaves at its checkpoint, and is fed (and asks) again from there later.
        if (this.members.length === 1) throw error;
        this.letGo(m, new DispatchFailed(m.projection.name, error));
      }
    }
    if (asked.length) await this.commit(asked, live, events);
    if (live) this.trim();
  }

  /** One transaction: these members' documents, listings and checkpoints. */
  private async commit(members: Member[], live: boolean, events: number, notify = true): Promise<void> {
    const slices = new TurnSlices(SLICE_MS);
    const listed: MemberListings[] = [];
    for (const m of members) listed.push(await this.listingsOf(m, slices));
    const batches: GenerationBatch[] = members.map((m, i) => ({
      name: m.projection.name,
      generation: m.generation,
      from: m.checkpoint,
      to: m.processed,
      documents: m.dirty,
      written: (id: string, bytes: number) => m.sizes.set(id, bytes),
      listings: listed[i].listings,
      summaries: listed[i].summaries,
      render: m.projection.render?.bind(m.projection),
    }));
    await this.tables.commit(batches, slices);
    members.forEach((m, i) => {
      if (m.listed.size > this.cacheLimit) m.listed.clear();
      for (const [id, key] of listed[i].keys) m.listed.set(id, key);
    });
    // Following the store with more documents than the cache holds: a document the batch changed
    // stays only if it was changed recently before (ReuseDistance); the others would be dropped
    // before their next event anyway.
    const pressed = live && this.heldBytes > this.cacheBytes;
    for (const m of members) {
      m.checkpoint = m.processed;
      for (const [id, doc] of m.dirty) {
        if (doc === null) m.sizes.delete(id);
        else if (live && !this.reuse.use(`${m.projection.name}\u0000${id}`, m.sizes.get(id)) && pressed) {
          m.cache.delete(id);
          m.sizes.delete(id);
          m.complete = false;
        }
      }
      m.dirty.clear();
      m.effects = [];
      if (m.cache.size > this.cacheLimit) {
        m.cache.clear();
        m.sizes.clear();
        m.complete = false;
      }
    }
    if (!notify) return;
    this.wakeMemberWaiters();
    this.options.onCommit?.({
      members: members.map((m) => ({ name: m.projection.name, generation: m.generation, checkpoint: m.checkpoint })),
      events,
      live,
    });
  }

  /** Drops the least recently changed documents until what stays is within cacheBytes (nothing is dirty after a flush). */
  private trim(): void {
    if (this.heldBytes <= this.cacheBytes) return;
    // The heaviest member gives up its documents first: at scale that is the KPI dashboards.
    for (const m of [...this.members].sort((a, b) => b.sizes.total - a.sizes.total)) {
      for (const id of m.cache.keys()) {
        if (this.heldBytes <= this.cacheBytes) return;
        m.cache.delete(id);
        m.sizes.delete(id);
        m.complete = false;
      }
    }
  }

  /**
   * The listings and summaries of the member's dirty documents that differ from what was committed
   * last: apart, since a summary changes far more often (every attainment) than where it is listed.
   */
  private async listingsOf(m: Member, slices: TurnSlices): Promise<MemberListings> {
    const listings = new Map<string, Pick<DocumentListing, 'sort' | 'lists'> | null>();
    const summaries = new Map<string, string | null>();
    const keys = new Map<string, { lists: string; summary: string }>();
    const listing = m.projection.listing?.bind(m.projection);
    if (!listing) return { listings, summaries, keys };
    for (const [id, doc] of m.dirty) {
      if (slices.due) await slices.next();
      const next = doc === null ? null : listing(doc);
      const key = { lists: next === null ? 'null' : JSON.stringify([next.sort, next.lists]), summary: next === null ? 'null' : JSON.stringify(next.summary) };
      const last = m.listed.get(id);
      if (last?.lists !== key.lists) listings.set(id, next && { sort: next.sort, lists: next.lists });
      if (last?.summary !== key.summary) summaries.set(id, next === null ? null : key.summary);
      keys.set(id, key);
    }
    return { listings, summaries, keys };
  }

  private wakeMemberWaiters(all = false): void {
    this.memberWaiters = this.memberWaiters.filter((w) => {
      const m = this.members.find((x) => x.projection.name === w.name);
      if (all || !m || m.checkpoint >= w.position) {
        w.resolve();
        return false;
      }
      return true;
    });
  }
}
