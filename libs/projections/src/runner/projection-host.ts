import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../../event-store/src';
import { AsyncMutex, type ReadStore } from '../../../read-store/src';
import type { ProcessManager, Projection } from '../projection';
import { ProjectionGroup, type GroupCommit, type GroupOptions } from './projection-group';
import { CheckpointConflict, ProjectionTables, type GenerationRow } from './projection-tables';

export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

const quiet: RunnerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** A saga and how its commands reach the write side. */
export interface SagaBinding<C = any> {
  saga: ProcessManager<any, C>;
  dispatch: (commands: C[]) => Promise<void>;
}

export interface ProjectionHostOptions {
  store: EventStore;
  readStore: ReadStore;
  projections: Projection<any>[];
  sagas?: SagaBinding[];
  group?: Omit<GroupOptions, 'dispatch' | 'onCommit' | 'onLive'>;
  /** how often to look for generations swapped, fed or abandoned elsewhere (default 1,000 ms) */
  reconcileMs?: number;
  /** a build no writer touched for this long is taken over or dropped (default 30 s) */
  staleBuildMs?: number;
  /** wait before feeding again after a failed batch (default 2,000 ms) */
  retryMs?: number;
  /**
   * Several instances on one PostgreSQL read store: one feeds each live generation (a lease in
   * the generation table), the others read the checkpoints it commits. A lease whose holder has
   * not been heard of for this long is taken over (default 10 s). SQLite serves one process: no lease.
   */
  leaseMs?: number;
  logger?: RunnerLogger;
}

export interface RebuildProgress {
  generation: number;
  version: number;
  checkpoint: number;
  /** 0..1 of the store's current last position */
  progress: number;
  eventsPerSecond: number | null;
  etaSeconds: number | null;
  startedAt: string;
  /** 'here' when this process builds it, 'elsewhere' for another process (the CLI, another instance) */
  builtBy: 'here' | 'elsewhere';
}

export interface ProjectionStatus {
  name: string;
  kind: 'projection' | 'saga';
  version: number;
  state: 'live' | 'rebuilding';
  /** the generation queries read, and what it has seen */
  generation: number | null;
  liveVersion: number | null;
  checkpoint: number;
  lastPosition: number;
  /** events in the store the live generation has not seen yet */
  lag: number;
  rebuild: RebuildProgress | null;
  error: string | null;
}

interface Build {
  generation: number;
  version: number;
  group: ProjectionGroup;
  checkpoint: number;
  /** folded so far, committed or not: what the progress shows */
  folded: number;
  startedAt: number;
  swapping: boolean;
}

interface Slot {
  def: Projection<any>;
  kind: 'projection' | 'saga';
  dispatch?: (commands: any[]) => Promise<void>;
  /** the live generation (checkpoint as far as this process knows) */
  live: GenerationRow | null;
  /** the group that feeds the live generation in this process */
  feeder: ProjectionGroup | null;
  build: Build | null;
  error: string | null;
}

export class UnknownProjection extends Error {
  override readonly name = 'UnknownProjection';
}

export class NotRebuildable extends Error {
  override readonly name = 'NotRebuildable';
}

/**
 * Runs every projection and saga of the app: feeds their live generations, builds new ones
 * (rebuild on request, or a new version at start-up) beside them and swaps them in when caught
 * up, and lets queries wait until the projections have seen a position.
 */
export class ProjectionHost {
  readonly tables: ProjectionTables;
  readonly owner = `host-${randomUUID()}`;
  private readonly slots = new Map<string, Slot>();
  private readonly groups = new Set<ProjectionGroup>();
  private readonly mutex = new AsyncMutex();
  private readonly logger: RunnerLogger;
  private waiters: Array<{ names: string[]; position: number; resolve: (ok: boolean) => void; timer: NodeJS.Timeout }> = [];
  private commitListeners: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: ProjectionHostOptions) {
    this.tables = new ProjectionTables(options.readStore);
    this.logger = options.logger ?? quiet;
    for (const def of options.projections) this.addSlot(def, 'projection');
    for (const binding of options.sagas ?? []) this.addSlot(binding.saga, 'saga', binding.dispatch);
  }

  private addSlot(def: Projection<any>, kind: Slot['kind'], dispatch?: Slot['dispatch']): void {
    if (this.slots.has(def.name)) throw new Error(`two projections are named '${def.name}'`);
    this.slots.set(def.name, { def, kind, dispatch, live: null, feeder: null, build: null, error: null });
  }

  /** Creates the tables and starts feeding; catching up runs in the background. */
  async start(): Promise<void> {
    await this.tables.ensureSchema();
    await this.reconcile();
    const every = this.options.reconcileMs ?? 1000;
    this.timer = setInterval(() => void this.reconcile().catch((e) => this.logger.error('projection reconcile failed', e)), every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.poller) clearInterval(this.poller);
    await Promise.all([...this.groups].map((g) => g.stop()));
    await this.mutex.run(async () => undefined);
    if (this.leasing) await this.tables.release(this.owner).catch(() => undefined);
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
  }

  names(kind?: Slot['kind']): string[] {
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
    if (this.reached(list, position)) return Promise.resolve(true);
    if (this.stopped || timeoutMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = {
        names: list, position, resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(this.reached(list, position));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
      this.pollWhileWaiting();
    });
  }

  /**
   * Another process may feed the generation (another instance holding the lease, the CLI after
   * a swap): while someone waits, look at the committed checkpoints every few milliseconds.
   */
  private pollWhileWaiting(): void {
    if (this.poller || this.stopped) return;
    this.poller = setInterval(() => {
      if (!this.waiters.length || this.stopped) {
        clearInterval(this.poller!);
        this.poller = null;
        return;
      }
      void this.tables.generations().then((rows) => {
        for (const r of rows) {
          const slot = this.slots.get(r.name);
          if (r.state === 'live' && slot?.live?.generation === r.generation && r.checkpoint > slot.live.checkpoint) slot.live.checkpoint = r.checkpoint;
        }
        this.notify();
      }, () => undefined);
    }, 25);
    this.poller.unref();
  }

  private get leasing(): boolean {
    return this.options.readStore.dialect === 'postgres';
  }

  /** Called after every commit of any generation (for metrics). */
  onCommit(listener: () => void): void {
    this.commitListeners.push(listener);
  }

  /** Live checkpoints as this process knows them, without touching the database. */
  checkpoints(): Array<{ name: string; kind: Slot['kind']; checkpoint: number }> {
    return [...this.slots.values()].map((s) => ({ name: s.def.name, kind: s.kind, checkpoint: s.live?.checkpoint ?? 0 }));
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
      for (const name of list) {
        const slot = this.slot(name);
        if (slot.build) {
          answers.push({ name, generation: slot.build.generation, started: false });
          continue;
        }
        const row = await this.tables.createGeneration(name, slot.def.version, 'building', this.owner);
        fresh.push({ slot, row });
        answers.push({ name, generation: row.generation, started: true });
      }
      if (fresh.length) this.startBuild(fresh);
      return answers;
    });
  }

  /** Every projection (not the sagas) as GET /api/projections shows it. */
  async status(): Promise<ProjectionStatus[]> {
    const [rows, lastPosition] = await Promise.all([this.tables.generations(), this.options.store.lastPosition()]);
    const staleMs = this.options.staleBuildMs ?? 30_000;
    return [...this.slots.values()].map((slot) => {
      const name = slot.def.name;
      const live = slot.live;
      const checkpoint = Math.max(live?.checkpoint ?? 0, rows.find((r) => r.name === name && r.state === 'live')?.checkpoint ?? 0);
      let rebuild: RebuildProgress | null = null;
      if (slot.build) {
        const b = slot.build;
        const seconds = (Date.now() - b.startedAt) / 1000;
        const done = Math.max(b.folded, b.checkpoint);
        const rate = seconds > 0.5 && done > 0 ? done / seconds : null;
        rebuild = {
          generation: b.generation, version: b.version, checkpoint: b.checkpoint,
          progress: lastPosition ? Math.min(1, done / lastPosition) : 1,
          eventsPerSecond: rate === null ? null : Math.round(rate),
          etaSeconds: rate ? Math.max(0, Math.round((lastPosition - done) / rate)) : null,
          startedAt: new Date(b.startedAt).toISOString(), builtBy: 'here',
        };
      } else {
        const foreign = rows.find((r) => r.name === name && r.state === 'building' && Date.now() - Date.parse(r.heartbeatAt) < staleMs);
        if (foreign) {
          rebuild = {
            generation: foreign.generation, version: foreign.version, checkpoint: foreign.checkpoint,
            progress: lastPosition ? Math.min(1, foreign.checkpoint / lastPosition) : 1,
            eventsPerSecond: null, etaSeconds: null, startedAt: foreign.createdAt, builtBy: 'elsewhere',
          };
        }
      }
      const outdated = live !== null && live.version !== slot.def.version;
      return {
        name, kind: slot.kind, version: slot.def.version,
        state: rebuild || outdated ? 'rebuilding' : 'live',
        generation: live?.generation ?? null, liveVersion: live?.version ?? null,
        checkpoint, lastPosition, lag: Math.max(0, lastPosition - checkpoint),
        rebuild, error: slot.error,
      };
    });
  }

  // -------------------------------------------------------------------------------------------

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new UnknownProjection(`there is no projection '${name}'; there are ${[...this.slots.keys()].join(', ')}`);
    return slot;
  }

  private reached(names: string[], position: number): boolean {
    return names.every((n) => (this.slots.get(n)?.live?.checkpoint ?? 0) >= position);
  }

  private notify(): void {
    if (this.waiters.length) {
      this.waiters = this.waiters.filter((w) => {
        if (!this.reached(w.names, w.position)) return true;
        clearTimeout(w.timer);
        w.resolve(true);
        return false;
      });
    }
    for (const l of this.commitListeners) l();
  }

  /**
   * Brings this process in line with the generation table: feeds live generations of the current
   * version nobody here feeds (first start, after a failure, after a swap made elsewhere), builds
   * a new version beside an outdated live one, takes over abandoned builds.
   */
  reconcile(): Promise<void> {
    return this.mutex.run(async () => {
      if (this.stopped) return;
      const rows = await this.tables.generations();
      const staleMs = this.options.staleBuildMs ?? 30_000;
      const feedProjections: Slot[] = [];
      const feedSagas: Slot[] = [];
      const fresh: Array<{ slot: Slot; row: GenerationRow }> = [];
      const adopted: Array<{ slot: Slot; row: GenerationRow }> = [];
      for (const slot of this.slots.values()) {
        const { name, version } = slot.def;
        const mine = rows.filter((r) => r.name === name);
        let live = mine.find((r) => r.state === 'live');
        if (!live) {
          // The very first start: the live generation builds from 0 (there is nothing older to show).
          live = await this.tables.createGeneration(name, version, 'live', null);
        }
        if (!slot.live || slot.live.generation !== live.generation) {
          if (slot.live) this.logger.log(`projection ${name}: generation ${live.generation} was swapped in elsewhere`);
          if (slot.feeder) {
            await slot.feeder.detach(name);
            slot.feeder = null;
          }
          slot.live = { ...live };
        } else if (live.checkpoint > slot.live.checkpoint) {
          slot.live.checkpoint = live.checkpoint;
        }
        const feedable = live.version === version && !(slot.build && slot.build.generation === live.generation);
        if (feedable && this.leasing) {
          const leaseMs = this.options.leaseMs ?? 10_000;
          const held = await this.tables.lease(name, live.generation, this.owner, leaseMs);
          if (!held && slot.feeder) {
            // Another instance holds it now (we went quiet too long): its checkpoints are read instead.
            await slot.feeder.detach(name);
            slot.feeder = null;
          }
          if (held && !slot.feeder) (slot.kind === 'saga' ? feedSagas : feedProjections).push(slot);
        } else if (feedable && !slot.feeder) {
          (slot.kind === 'saga' ? feedSagas : feedProjections).push(slot);
        }
        let building = false;
        for (const b of mine.filter((r) => r.state === 'building')) {
          if (slot.build?.generation === b.generation) {
            building = true;
            continue;
          }
          const abandoned = b.owner === this.owner || Date.now() - Date.parse(b.heartbeatAt) > staleMs;
          if (!abandoned) {
            building = building || b.version === version;
            continue;
          }
          if (b.version !== version || slot.build || building) {
            await this.tables.drop(name, b.generation);
          } else if (await this.tables.claim(b, this.owner)) {
            adopted.push({ slot, row: b });
            building = true;
          }
        }
        if (live.version !== version && !building && !slot.build) {
          this.logger.log(`projection ${name}: version ${version} replaces version ${live.version}; building it beside the live one`);
          fresh.push({ slot, row: await this.tables.createGeneration(name, version, 'building', this.owner) });
        }
      }
      if (this.stopped) return;
      if (feedProjections.length) this.startFeeding(feedProjections);
      for (const saga of feedSagas) this.startFeeding([saga]);
      if (fresh.length) this.startBuild(fresh);
      for (const a of adopted) this.startBuild([a]);
      this.notify();
    });
  }

  private groupOptions(group: () => ProjectionGroup, dispatchers?: Map<string, (c: any[]) => Promise<void>>): GroupOptions {
    return {
      ...this.options.group,
      dispatch: dispatchers ? async (name, commands) => dispatchers.get(name)?.(commands) : undefined,
      onCommit: (commit) => this.committed(group(), commit),
      onLive: () => this.turnedLive(group()),
      onProgress: (position) => {
        for (const slot of this.slots.values()) if (slot.build?.group === group()) slot.build.folded = position;
      },
    };
  }

  private launch(group: ProjectionGroup, onEnd: (error?: unknown) => void): void {
    this.groups.add(group);
    group.run().then(
      () => {
        this.groups.delete(group);
        onEnd();
      },
      (error) => {
        this.groups.delete(group);
        onEnd(error);
      },
    );
  }

  private startFeeding(slots: Slot[]): void {
    const dispatchers = new Map(slots.filter((s) => s.dispatch).map((s) => [s.def.name, s.dispatch!]));
    let group!: ProjectionGroup;
    group = new ProjectionGroup(
      this.options.store, this.tables,
      slots.map((s) => ({ projection: s.def, generation: s.live!.generation, checkpoint: s.live!.checkpoint })),
      this.groupOptions(() => group, dispatchers.size ? dispatchers : undefined),
    );
    for (const s of slots) s.feeder = group;
    this.launch(group, (error) => this.ended(group, error));
  }

  private startBuild(items: Array<{ slot: Slot; row: GenerationRow }>): void {
    const dispatchers = new Map(items.filter(({ slot }) => slot.dispatch).map(({ slot }) => [slot.def.name, slot.dispatch!]));
    let group!: ProjectionGroup;
    group = new ProjectionGroup(
      this.options.store, this.tables,
      items.map(({ slot, row }) => ({
        projection: slot.def, generation: row.generation, checkpoint: row.checkpoint,
        ...(slot.kind === 'saga' && { dispatchAfter: this.dispatchedUpTo(slot) }),
      })),
      this.groupOptions(() => group, dispatchers.size ? dispatchers : undefined),
    );
    for (const { slot, row } of items) {
      slot.build = { generation: row.generation, version: row.version, group, checkpoint: row.checkpoint, folded: row.checkpoint, startedAt: Date.now(), swapping: false };
      this.logger.log(`projection ${slot.def.name}: building generation ${row.generation} (version ${row.version}) from position ${row.checkpoint}`);
    }
    this.launch(group, (error) => this.ended(group, error));
  }

  /**
   * What the saga's live generation has dispatched: its checkpoint, which may still move while
   * the new version builds (an instance of the old version feeding it). A build of a new version
   * dispatches only past it, and goes on dispatching live once swapped in; a saga whose live
   * generation was lost altogether (a wiped read store) starts from 0 and relies on idempotent
   * commands, as on a first start.
   */
  private dispatchedUpTo(slot: Slot): () => number {
    const old = slot.live?.generation ?? null;
    let floor = slot.live?.checkpoint ?? 0;
    return () => {
      if (slot.live && slot.live.generation === old) floor = Math.max(floor, slot.live.checkpoint);
      return floor;
    };
  }

  private ended(group: ProjectionGroup, error?: unknown): void {
    for (const slot of this.slots.values()) {
      const mine = slot.feeder === group || slot.build?.group === group;
      if (!mine) continue;
      if (slot.feeder === group) slot.feeder = null;
      if (slot.build?.group === group) slot.build = null;
      // Another writer moving a checkpoint is how instances meet, not a failure to report.
      if (error && !(error instanceof CheckpointConflict)) slot.error = error instanceof Error ? error.message : String(error);
    }
    if (error && !this.stopped) {
      // Another writer moved a checkpoint (a swap by the CLI, a second instance): look again at
      // once. Anything else (the store, a reducer) gets a pause before the next attempt.
      const conflict = error instanceof CheckpointConflict;
      if (conflict) this.logger.log(error.message);
      else this.logger.error(`projections ${group.names.join(', ')} stopped; feeding them again shortly`, error);
      setTimeout(() => void this.reconcile().catch((e) => this.logger.error('projection reconcile failed', e)), conflict ? 50 : this.options.retryMs ?? 2000).unref();
    }
  }

  private committed(group: ProjectionGroup, commit: GroupCommit): void {
    for (const m of commit.members) {
      const slot = this.slots.get(m.name);
      if (!slot) continue;
      slot.error = null;
      if (slot.live && slot.live.generation === m.generation) slot.live.checkpoint = Math.max(slot.live.checkpoint, m.checkpoint);
      else if (slot.build && slot.build.generation === m.generation) slot.build.checkpoint = m.checkpoint;
    }
    this.notify();
    if (group.isLive) this.turnedLive(group);
  }

  private turnedLive(group: ProjectionGroup): void {
    for (const slot of this.slots.values()) {
      if (slot.build?.group === group && !slot.build.swapping) void this.trySwap(slot);
    }
  }

  /** The build has caught up: stop the old feeder here, let the build pass it, swap in one transaction. */
  private async trySwap(slot: Slot): Promise<void> {
    const build = slot.build;
    if (!build || build.swapping) return;
    build.swapping = true;
    try {
      await this.mutex.run(async () => {
        if (this.stopped || slot.build !== build) return;
        const name = slot.def.name;
        if (slot.feeder && slot.feeder !== build.group) {
          await slot.feeder.detach(name);
          slot.feeder = null;
        }
        await build.group.waitForMember(name, slot.live?.checkpoint ?? 0);
        const old = slot.live;
        if (!(await this.tables.swap(name, build.generation))) {
          const still = (await this.tables.generations(name)).find((r) => r.generation === build.generation);
          if (!still || still.state !== 'building') {
            this.logger.warn(`projection ${name}: generation ${build.generation} was dropped elsewhere; abandoning the build`);
            await build.group.detach(name);
            slot.build = null;
          }
          return; // the live generation is still ahead (fed elsewhere): the next commit tries again
        }
        slot.live = {
          name, generation: build.generation, version: build.version, state: 'live', checkpoint: build.checkpoint,
          owner: this.owner, createdAt: new Date(build.startedAt).toISOString(), heartbeatAt: new Date().toISOString(),
        };
        slot.feeder = build.group;
        slot.build = null;
        this.logger.log(`projection ${name}: generation ${build.generation} (version ${build.version}) is live at position ${build.checkpoint}`);
        if (old) void this.tables.drop(name, old.generation).catch((e) => this.logger.error(`dropping ${name} generation ${old.generation} failed`, e));
        this.notify();
      });
    } finally {
      build.swapping = false;
    }
  }
}
