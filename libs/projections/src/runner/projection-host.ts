import { randomUUID } from 'node:crypto';
import { AsyncMutex } from '../../../read-store/src';
import type { Projection } from '../projection';
import { beginBuild } from './build-and-swap';
import { quiet, type ProjectionHostOptions, type RunnerLogger, type SagaBinding } from './host-options';
import { projectionStatus, type ProjectionStatus } from './projection-status';
import { ProjectionTables, type GenerationRow } from './projection-tables';
import { ReadYourWrites } from './read-your-writes';
import { reconcileSlots } from './reconcile-step';
import type { Slot, SlotKind } from './slot';
import { SlotGroups } from './slot-groups';
import { shareUpToHead, type StreamShare } from './stream-share';

export type { ProjectionHostOptions, RunnerLogger, SagaBinding } from './host-options';

export class UnknownProjection extends Error {
  override readonly name = 'UnknownProjection';
}

export class NotRebuildable extends Error {
  override readonly name = 'NotRebuildable';
}

/**
 * Runs every projection and saga of the app: feeds their live generations, builds new ones
 * (rebuild on request, or a new version at start-up) beside them and swaps them in when caught
 * up, and lets queries wait until the projections have seen a position. `C`, the commands the
 * sagas ask for, is inferred from the bindings, so each binding's `dispatch` is typed by its saga.
 */
export class ProjectionHost<C = unknown> {
  readonly tables: ProjectionTables;
  readonly owner = `host-${randomUUID()}`;
  private readonly slots = new Map<string, Slot>();
  private readonly mutex = new AsyncMutex();
  private readonly logger: RunnerLogger;
  private readonly waiting: ReadYourWrites;
  private readonly groups: SlotGroups;
  private commitListeners: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: ProjectionHostOptions<C>) {
    this.tables = new ProjectionTables(options.readStore);
    this.logger = options.logger ?? quiet;
    this.waiting = new ReadYourWrites(
      (name) => this.position(name),
      () => this.refreshCheckpoints(),
      () => this.groups.hurry(),
    );
    this.groups = new SlotGroups({
      store: options.store,
      tables: this.tables,
      owner: this.owner,
      group: options.group,
      slots: this.slots,
      mutex: this.mutex,
      logger: this.logger,
      stopped: () => this.stopped,
      notify: () => this.notify(),
      reconcileSoon: (ms) => this.reconcileSoon(ms),
      retryMs: options.retryMs ?? 2000,
    });
    for (const def of options.projections) this.addSlot(def, 'projection');
    for (const binding of options.sagas ?? []) {
      const erased: SagaBinding = binding;
      this.addSlot(binding.saga, 'saga', (commands) => erased.dispatch(commands));
    }
  }

  private addSlot(def: Projection<unknown>, kind: SlotKind, dispatch?: Slot['dispatch']): void {
    if (this.slots.has(def.name)) throw new Error(`two projections are named '${def.name}'`);
    this.slots.set(def.name, {
      def,
      kind,
      dispatch,
      live: null,
      feeder: null,
      build: null,
      error: null,
      failingSince: null,
      followed: { transactions: 0, events: 0 },
    });
  }

  /** Creates the tables and starts feeding; catching up runs in the background. */
  async start(): Promise<void> {
    await this.tables.ensureSchema();
    await this.reconcile();
    this.timer = setInterval(() => this.reconcileSoon(0), this.options.reconcileMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.waiting.close();
    await this.groups.stop();
    await this.mutex.run(() => Promise.resolve());
    if (this.leasing) await this.tables.release(this.owner).catch(() => undefined);
    this.waiting.release();
  }

  names(kind?: SlotKind): string[] {
    return [...this.slots.values()].filter((s) => !kind || s.kind === kind).map((s) => s.def.name);
  }

  has(name: string): boolean {
    return this.slots.has(name);
  }

  /** The position the live generation of this projection has seen. */
  position(name: string): number {
    return this.slot(name).live?.checkpoint ?? 0;
  }

  /** Resolves true once every named projection has seen `position`, false after `timeoutMs`. */
  waitFor(names: string | string[], position: number, timeoutMs: number): Promise<boolean> {
    const list = Array.isArray(names) ? names : [names];
    list.forEach((n) => this.slot(n));
    return this.waiting.wait(list, position, timeoutMs);
  }

  /** Called after every commit of every generation (for metrics). */
  onCommit(listener: () => void): void {
    this.commitListeners.push(listener);
  }

  /** Live checkpoints as this process knows them, without touching the database, and what following the log has written. */
  checkpoints(): Array<{ name: string; kind: SlotKind; checkpoint: number; followed: Slot['followed'] }> {
    return [...this.slots.values()].map((s) => ({ name: s.def.name, kind: s.kind, checkpoint: s.live?.checkpoint ?? 0, followed: { ...s.followed } }));
  }

  /**
   * Starts building a fresh generation of each named projection from position 0, in one pass over
   * the log, beside the live ones; each is swapped in once it has caught up. Returns at once.
   */
  async rebuild(names: string | string[]): Promise<Array<{ name: string; generation: number; started: boolean }>> {
    const list = Array.isArray(names) ? names : [names];
    for (const name of list) {
      if (this.slot(name).kind === 'saga') {
        throw new NotRebuildable(`'${name}' is a saga: replaying it would ask for its commands again; it is not rebuilt`);
      }
    }
    return this.mutex.run(async () => {
      const answers: Array<{ name: string; generation: number; started: boolean }> = [];
      const fresh: Array<{ slot: Slot; row: GenerationRow }> = [];
      for (const slot of list.map((name) => this.slot(name))) {
        const row = slot.build ? null : await beginBuild(this.tables, slot.def, this.owner);
        if (row) fresh.push({ slot, row });
        answers.push({ name: slot.def.name, generation: row?.generation ?? slot.build!.generation, started: row !== null });
      }
      if (fresh.length) await this.startBuilds(fresh);
      return answers;
    });
  }

  /** Every projection and saga as GET /api/projections shows it. */
  async status(): Promise<ProjectionStatus[]> {
    // What each projection has seen is taken before the store's last position, never after: a saga
    // commits its checkpoint only once its commands' events are stored, so a last position read
    // later includes them, and "lag 0 everywhere" in one answer means nothing is under way. (Read
    // concurrently on PostgreSQL, the position could predate a saga's append that the checkpoints
    // already reflect.)
    const seen = [...this.slots.values()].map((slot) => ({
      ...slot,
      live: slot.live && { ...slot.live },
      build: slot.build && { ...slot.build },
    }));
    const rows = await this.tables.generations();
    const lastPosition = await this.options.store.lastPosition();
    const context = { rows, lastPosition, now: Date.now(), staleBuildMs: this.options.staleBuildMs ?? 30_000 };
    return seen.map((slot) => projectionStatus(slot, context));
  }

  /** Brings this process in line with the generation table (reconcile-plan.ts says how). */
  reconcile(): Promise<void> {
    return this.mutex.run(async () => {
      if (this.stopped) return;
      const starts = await reconcileSlots([...this.slots.values()], {
        tables: this.tables,
        owner: this.owner,
        leasing: this.leasing,
        leaseMs: this.options.leaseMs ?? 10_000,
        staleBuildMs: this.options.staleBuildMs ?? 30_000,
        log: (m) => this.logger.log(m),
      });
      if (this.stopped) return;
      // Projections and sagas share one pass over the log: reading and opening a million events
      // once instead of twice. A saga whose commands fail leaves the pass (ProjectionGroup.flush)
      // and is fed again on its own.
      const elsewhere = await this.catchingUpElsewhere(starts.feed);
      const here = starts.feed.filter((s) => !elsewhere.includes(s));
      const share = await this.shareOf(elsewhere, here);
      if (this.stopped) return;
      // Sharing, each side folds its half for every member of the other that starts from nothing:
      // the thread for all of `here` (the saga), or a member left here would miss half its streams.
      const run = elsewhere.length
        ? this.groups.catchUpElsewhere(elsewhere, this.options.catchUp!.thread, this.following, share && { share, helping: here })
        : null;
      if (here.length) this.groups.feed(here, share && run ? { slots: elsewhere, share, run } : undefined);
      if (starts.build.length) await this.startBuilds(starts.build);
      for (const adopted of starts.adopted) this.groups.build([adopted]);
      this.notify();
    });
  }

  // -------------------------------------------------------------------------------------------

  private get leasing(): boolean {
    return this.options.readStore.dialect === 'postgres';
  }

  /** The policy's thread feeds its projections for good (until it fails). */
  private get following(): boolean {
    return !!this.options.catchUp?.follow && !this.groups.followFailed;
  }

  /** The slots to feed that the catch-up policy sends to another thread. */
  private async catchingUpElsewhere(slots: Slot[]): Promise<Slot[]> {
    const items = slots.map((slot) => ({ slot, checkpoint: slot.live?.checkpoint ?? 0 }));
    if (!this.following) return (await this.farBehind(items)).map(({ slot }) => slot);
    const { projections, followWhenNear = [], minEvents } = this.options.catchUp!;
    // Followed however far behind, or (followWhenNear) only from near the log: one look at the head for both.
    const lagging = await this.lagging(items, [...projections, ...followWhenNear]);
    // From nothing, a pass here helps them (shareOf): the thread is then no longer the longer pass.
    const helped = (checkpoint: number) => this.options.catchUp!.shareStreams === true && checkpoint === 0;
    return lagging.filter(({ slot, lag, checkpoint }) => projections.includes(slot.def.name) || lag < minEvents || helped(checkpoint)).map(({ slot }) => slot);
  }

  /**
   * A share of the streams for this thread's pass to fold for the catch-up thread's projections
   * (stream-share.ts): when both start from nothing and fold stream by stream, with the head both
   * passes fold to.
   */
  private async shareOf(elsewhere: Slot[], here: Slot[]): Promise<StreamShare | undefined> {
    const cold = (s: Slot) => (s.live?.checkpoint ?? 0) === 0 && s.def.oneStreamPerDocument === true;
    if (!this.options.catchUp?.shareStreams || !this.following || !here.some(cold) || !elsewhere.some(cold)) return undefined;
    return shareUpToHead(this.options.store);
  }

  /**
   * Builds from far behind (a rebuild from 0, a new version) go to the catch-up thread, the others
   * are built here. While a thread follows the log they are all built here: a third thread would
   * add its heap and its allocator's memory to the main thread's and the follower's, which at a
   * million events took the peak resident set of a dashboard rebuild past 400 MB (docs/operations.md).
   */
  private async startBuilds(items: Array<{ slot: Slot; row: GenerationRow }>): Promise<void> {
    const elsewhere = this.following ? [] : await this.farBehind(items.map((item) => ({ ...item, checkpoint: item.row.checkpoint })));
    const here = items.filter((item) => !elsewhere.some((e) => e.slot === item.slot));
    if (this.stopped) return;
    if (elsewhere.length) this.groups.buildElsewhere(elsewhere, this.options.catchUp!.thread);
    if (here.length) this.groups.build(here);
  }

  /** What the catch-up policy sends to another thread: its projections, far enough behind the log, and never under a lease. */
  private async farBehind<T extends { slot: Slot; checkpoint: number }>(items: T[], minEvents = this.options.catchUp?.minEvents ?? 0): Promise<T[]> {
    return (await this.lagging(items, this.options.catchUp?.projections ?? [])).filter(({ lag }) => lag >= minEvents);
  }

  /** Of `items`, the projections `names` holds, with how far each lags the log; none under a lease or without a catch-up policy. */
  private async lagging<T extends { slot: Slot; checkpoint: number }>(items: T[], names: readonly string[]): Promise<Array<T & { lag: number }>> {
    if (!this.options.catchUp || this.leasing) return [];
    const candidates = items.filter(({ slot }) => slot.kind === 'projection' && names.includes(slot.def.name));
    if (!candidates.length) return [];
    const head = await this.options.store.lastPosition();
    return candidates.map((item) => ({ ...item, lag: head - item.checkpoint }));
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new UnknownProjection(`there is no projection '${name}'; there are ${[...this.slots.keys()].join(', ')}`);
    return slot;
  }

  private reconcileSoon(ms: number): void {
    const run = () => void this.reconcile().catch((e) => this.logger.error('projection reconcile failed', e));
    if (ms <= 0) run();
    else setTimeout(run, ms).unref();
  }

  /** Another process may feed the live generation: take the checkpoints it committed. */
  private async refreshCheckpoints(): Promise<void> {
    for (const r of await this.tables.generations()) {
      const slot = this.slots.get(r.name);
      if (r.state === 'live' && slot?.live?.generation === r.generation && r.checkpoint > slot.live.checkpoint) slot.live.checkpoint = r.checkpoint;
    }
    this.notify();
  }

  private notify(): void {
    this.waiting.wake();
    for (const l of this.commitListeners) l();
  }
}
