import { inspect } from 'node:util';
import type { EventStore } from '../../../event-store/src';
import type { AsyncMutex } from '../../../read-store/src';
import { swapIn } from './build-and-swap';
import type { CatchUpMember, CatchUpRun, CatchUpThread } from './catch-up-thread';
import type { RunnerLogger } from './host-options';
import { ProjectionGroup, type DispatchFailed, type GroupCommit, type GroupMember, type GroupOptions, type ProjectionFailed } from './projection-group';
import { CheckpointConflict, type GenerationRow, type ProjectionTables } from './projection-tables';
import type { StreamShare } from './stream-share';
import type { Feeder, Slot } from './slot';

/**
 * What a failure says: an error's message (also of an error from another realm, such as a native
 * driver's error under a test runner's VM, which is no `instanceof Error` there), a string as it is,
 * anything else inspected.
 */
const failureText = (error: unknown): string => {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : inspect(error);
};

export interface SlotGroupsDeps {
  store: EventStore;
  tables: ProjectionTables;
  owner: string;
  group?: Omit<GroupOptions, 'dispatch' | 'onCommit' | 'onLive' | 'onMemberFailed'>;
  slots: ReadonlyMap<string, Slot>;
  /** the host's: swaps, reconciling and rebuild requests take turns */
  mutex: AsyncMutex;
  logger: RunnerLogger;
  stopped: () => boolean;
  /** after a commit or a swap: wake readers waiting for a position, move the metrics */
  notify: () => void;
  /** a group stopped: look at the generation table again after this many ms */
  reconcileSoon: (ms: number) => void;
  retryMs: number;
}

/**
 * The groups that feed and build the slots in this process: starts them, follows their commits,
 * and swaps a build in once its group has caught up with the store.
 */
export class SlotGroups {
  private readonly running = new Set<ProjectionGroup>();
  private readonly threads = new Set<CatchUpRun>();
  /** a catch-up thread handed projections back: join the live groups once they all follow the store */
  private rejoin = false;
  /** a thread following the store failed: from then on this process feeds its projections here */
  followFailed = false;

  constructor(private readonly deps: SlotGroupsDeps) {}

  /**
   * Feeds the slots' live generations, from their checkpoints, in one pass over the log; with
   * `helping`, that pass also folds a share of the streams for a catch-up thread's (catchUpElsewhere).
   */
  feed(slots: Slot[], helping?: { slots: Slot[]; share: StreamShare; run: CatchUpRun }): void {
    const group = this.group(
      slots.map((s) => ({ slot: s, member: liveMember(s) })),
      helping && {
        share: helping.share,
        side: 'api',
        helping: helping.slots.map(liveMember),
        done: (result) => helping.run.helped(result),
        helped: helping.run.help,
        asked: (listener) => helping.run.asked(listener),
      },
    );
    for (const s of slots) s.feeder = group;
    this.launch(group);
  }

  /**
   * Builds the given generations on another thread, in one pass over the log, up to its head; from
   * the checkpoints it committed there they are built on here (build), which swaps them in. A thread
   * that fails leaves the generations to reconciling, which takes them over from those checkpoints.
   */
  buildElsewhere(items: Array<{ slot: Slot; row: GenerationRow }>, thread: CatchUpThread): void {
    const committed = new Map(items.map(({ row }) => [row.name, row.checkpoint]));
    const startedAt = Date.now();
    for (const { slot, row } of items) {
      slot.build = {
        generation: row.generation,
        version: row.version,
        group: null,
        checkpoint: row.checkpoint,
        folded: row.checkpoint,
        startedAt,
        swapping: false,
      };
      this.deps.logger.log(
        `projection ${slot.def.name}: building generation ${row.generation} (version ${row.version}) on a second thread from position ${row.checkpoint}`,
      );
    }
    const mine = () => items.filter(({ slot, row }) => slot.build?.generation === row.generation && slot.build.group === null);
    const run = thread.start(
      items.map(({ row }) => ({ name: row.name, generation: row.generation, checkpoint: row.checkpoint })),
      {
        onCommit: (commit) => {
          for (const m of commit.members) {
            committed.set(m.name, m.checkpoint);
            const build = this.deps.slots.get(m.name)?.build;
            if (build?.generation === m.generation) build.folded = m.checkpoint;
          }
          this.committed(null, commit);
        },
        onMemberFailed: (name, message) => {
          const slot = this.deps.slots.get(name);
          if (!slot || !mine().some((i) => i.slot === slot)) return;
          slot.build = null;
          this.failing(slot, message);
          this.deps.logger.error(`projection ${message}; its build goes on here shortly from its checkpoint`);
          if (!this.deps.stopped()) this.deps.reconcileSoon(this.deps.retryMs);
        },
      },
    );
    this.threads.add(run);
    const ended = (caughtUp: boolean, error?: unknown) => {
      this.threads.delete(run);
      const left = mine();
      for (const { slot } of left) slot.build = null;
      if (this.deps.stopped()) return;
      if (caughtUp) {
        this.deps.logger.log(
          `projections ${left.map(({ slot }) => slot.def.name).join(', ')}: built on the second thread in ${Date.now() - startedAt} ms; building on here`,
        );
        if (left.length) this.build(left.map(({ slot, row }) => ({ slot, row: { ...row, checkpoint: committed.get(row.name)! } })));
        return;
      }
      if (error) {
        for (const { slot } of left) {
          this.failing(slot, failureText(error));
        }
        this.deps.logger.error(`the build of ${left.map(({ slot }) => slot.def.name).join(', ')} on the second thread stopped; it goes on here shortly`, error);
      }
      // Reconciling finds the generations abandoned by this process and takes them over.
      this.deps.reconcileSoon(error ? this.deps.retryMs : 0);
    };
    run.done.then(
      (caughtUp) => ended(caughtUp),
      (error: unknown) => ended(false, error),
    );
  }

  /** Builds the given generations beside the live ones, in one pass over the log. */
  build(items: Array<{ slot: Slot; row: GenerationRow }>): void {
    const group = this.group(
      items.map(({ slot, row }) => ({
        slot,
        member: {
          projection: slot.def,
          generation: row.generation,
          checkpoint: row.checkpoint,
          ...(slot.kind === 'saga' && { dispatchAfter: dispatchedUpTo(slot) }),
        },
      })),
    );
    for (const { slot, row } of items) {
      slot.build = {
        generation: row.generation,
        version: row.version,
        group,
        checkpoint: row.checkpoint,
        folded: row.checkpoint,
        startedAt: Date.now(),
        swapping: false,
      };
      this.deps.logger.log(`projection ${slot.def.name}: building generation ${row.generation} (version ${row.version}) from position ${row.checkpoint}`);
    }
    this.launch(group);
  }

  /**
   * Catches the slots' live generations up on another thread, in one pass over the log. Once there
   * (or when the thread fails) they are left unfed, and reconciling feeds them here from the
   * checkpoint the thread committed. With `follow` the thread goes on feeding them until it is
   * stopped (detaching one of them stops it: reconciling sends the others to a new one).
   */
  catchUpElsewhere(slots: Slot[], thread: CatchUpThread, follow = false, sharing?: { share: StreamShare; helping: Slot[] }): CatchUpRun {
    const members: CatchUpMember[] = slots.map((s) => ({ name: s.def.name, generation: s.live!.generation, checkpoint: s.live!.checkpoint }));
    const feeder: Feeder = {
      detach: async (name) => {
        await run.stop();
        return this.deps.slots.get(name)?.live?.checkpoint ?? -1;
      },
    };
    for (const s of slots) s.feeder = feeder;
    const started = Date.now();
    this.deps.logger.log(
      `projections ${members.map((m) => m.name).join(', ')}: ${follow ? 'fed' : 'catching up'} on a second thread from position ${Math.min(...members.map((m) => m.checkpoint))}` +
        (sharing ? `, the streams up to ${sharing.share.head} shared with the pass of ${sharing.helping.map((s) => s.def.name).join(', ')} here` : ''),
    );
    const run = thread.start(
      members,
      {
        onCommit: (commit) => this.committed(null, commit),
        onMemberFailed: (name, message) => {
          const slot = this.deps.slots.get(name);
          if (slot?.feeder !== feeder) return;
          slot.feeder = null;
          this.failing(slot, message);
          this.deps.logger.error(`projection ${message}; it is fed again shortly from its checkpoint`);
          if (!this.deps.stopped()) this.deps.reconcileSoon(this.deps.retryMs);
        },
      },
      {
        follow,
        share: sharing?.share,
        helping: sharing?.helping.map((s) => ({ name: s.def.name, generation: s.live!.generation, checkpoint: s.live!.checkpoint })),
      },
    );
    this.threads.add(run);
    const ended = (caughtUp: boolean, error?: unknown) => {
      this.threads.delete(run);
      if (follow && error && !(error instanceof CheckpointConflict) && !this.deps.stopped()) {
        // Not again: a thread that fails while following would fail again, and here they run anyway.
        this.followFailed = true;
        this.deps.logger.error(`the thread feeding ${members.map((m) => m.name).join(', ')} stopped; from now on they are fed on the main thread`, error);
      }
      const mine = slots.filter((s) => s.feeder === feeder);
      if (caughtUp && mine.length) {
        const at = Math.min(...mine.map((s) => s.live?.checkpoint ?? 0));
        this.deps.logger.log(
          `projections ${mine.map((s) => s.def.name).join(', ')}: caught up on the second thread to position ${at} in ${Date.now() - started} ms`,
        );
      }
      this.ended(feeder, error);
      // From here this thread feeds them, from the checkpoints the other one committed.
      if (caughtUp) this.rejoin = true;
      if (!error && !this.deps.stopped()) this.deps.reconcileSoon(0);
    };
    run.done.then(
      (caughtUp) => ended(caughtUp),
      (error: unknown) => ended(false, error),
    );
    return run;
  }

  /** A reader waits for a position: every group and thread that waits out a gap takes its next batch now. */
  hurry(): void {
    for (const g of this.running) g.hurry();
    for (const t of this.threads) t.hurry();
  }

  /** Stops every group after the batch in flight, and every catch-up thread. */
  async stop(): Promise<void> {
    await Promise.all([...[...this.running].map((g) => g.stop()), ...[...this.threads].map((t) => t.stop())]);
  }

  private group(parts: Array<{ slot: Slot; member: GroupMember }>, sharing?: GroupOptions['sharing']): ProjectionGroup {
    const dispatchers = new Map(parts.flatMap(({ slot }) => (slot.dispatch ? [[slot.def.name, slot.dispatch] as const] : [])));
    const group: ProjectionGroup = new ProjectionGroup(
      this.deps.store,
      this.deps.tables,
      parts.map((p) => p.member),
      {
        ...this.deps.group,
        sharing,
        dispatch: dispatchers.size ? async (name, commands) => dispatchers.get(name)?.(commands) : undefined,
        onCommit: (commit) => this.committed(group, commit),
        onLive: () => this.turnedLive(group),
        onMemberFailed: (name, failure) => this.memberFailed(group, name, failure),
        onProgress: (position) => {
          for (const slot of this.deps.slots.values()) if (slot.build?.group === group) slot.build.folded = position;
        },
      },
    );
    return group;
  }

  private launch(group: ProjectionGroup): void {
    this.running.add(group);
    group.run().then(
      () => this.ended(group),
      (error: unknown) => this.ended(group, error),
    );
  }

  private ended(group: Feeder, error?: unknown): void {
    if (group instanceof ProjectionGroup) this.running.delete(group);
    const names: string[] = [];
    for (const slot of this.deps.slots.values()) {
      const mine = slot.feeder === group || slot.build?.group === group;
      if (!mine) continue;
      names.push(slot.def.name);
      if (slot.feeder === group) slot.feeder = null;
      if (slot.build?.group === group) slot.build = null;
      // Another writer moving a checkpoint is how instances meet, not a failure to report.
      if (error && !(error instanceof CheckpointConflict)) {
        this.failing(slot, failureText(error));
      }
    }
    if (error && !this.deps.stopped()) {
      // Another writer moved a checkpoint (a swap by the CLI, a second instance): look again at
      // once. Anything else (the store, a reducer) gets a pause before the next attempt.
      const conflict = error instanceof CheckpointConflict;
      if (conflict) this.deps.logger.log(error.message);
      else this.deps.logger.error(`projections ${names.join(', ')} stopped; feeding them again shortly`, error);
      this.deps.reconcileSoon(conflict ? 50 : this.deps.retryMs);
    }
  }

  /** What GET /api/projections shows: the failure, and since when its feeding has failed (a commit clears both). */
  private failing(slot: Slot, message: string): void {
    slot.error = message;
    slot.failingSince ??= Date.now();
  }

  private memberFailed(group: ProjectionGroup, name: string, failure: ProjectionFailed | DispatchFailed): void {
    const slot = this.deps.slots.get(name);
    if (!slot) return;
    if (slot.feeder === group) slot.feeder = null;
    if (slot.build?.group === group) slot.build = null;
    this.failing(slot, failure.message);
    this.deps.logger.error(`projection ${failure.message}; the others go on, ${name} is fed again shortly from its checkpoint`, failure.cause);
    if (!this.deps.stopped()) this.deps.reconcileSoon(this.deps.retryMs);
  }

  private committed(group: ProjectionGroup | null, commit: GroupCommit): void {
    for (const m of commit.members) {
      const slot = this.deps.slots.get(m.name);
      if (!slot) continue;
      slot.error = null;
      slot.failingSince = null;
      if (slot.live && slot.live.generation === m.generation) {
        slot.live.checkpoint = Math.max(slot.live.checkpoint, m.checkpoint);
        if (commit.live && commit.events) {
          slot.followed.transactions++;
          slot.followed.events += commit.events;
        }
      } else if (slot.build && slot.build.generation === m.generation) slot.build.checkpoint = m.checkpoint;
    }
    this.deps.notify();
    if (group?.isLive) this.turnedLive(group);
  }

  private turnedLive(group: ProjectionGroup): void {
    for (const slot of this.deps.slots.values()) {
      if (slot.build?.group === group && !slot.build.swapping) void this.trySwap(slot);
    }
    if (this.rejoin) void this.rejoinLiveGroups();
  }

  /**
   * After a catch-up thread handed its projections back, they are fed here by a group of their
   * own. Once every group feeding live generations follows the store, they become one again: each
   * new event read and opened once, and one cache budget (two groups kept twice the documents: at a
   * million events that was 250 MB more resident).
   */
  private async rejoinLiveGroups(): Promise<void> {
    const feeders = new Set([...this.deps.slots.values()].flatMap((s) => (s.feeder instanceof ProjectionGroup ? [s.feeder] : [])));
    if (this.threads.size || [...feeders].some((g) => !g.isLive)) return;
    this.rejoin = false;
    if (feeders.size < 2) return;
    const names: string[] = [];
    await this.deps.mutex.run(async () => {
      for (const slot of this.deps.slots.values()) {
        if (!(slot.feeder instanceof ProjectionGroup) || !feeders.has(slot.feeder)) continue;
        await slot.feeder.detach(slot.def.name);
        slot.feeder = null;
        names.push(slot.def.name);
      }
    });
    this.deps.logger.log(`projections ${names.join(', ')}: following the log in one pass again`);
    if (!this.deps.stopped()) this.deps.reconcileSoon(0);
  }

  /** The build has caught up: stop the old feeder here, let the build pass it, swap in one transaction. */
  private async trySwap(slot: Slot): Promise<void> {
    const build = slot.build;
    const group = build?.group;
    if (!build || !group || build.swapping) return;
    build.swapping = true;
    try {
      await this.deps.mutex.run(async () => {
        if (this.deps.stopped() || slot.build !== build) return;
        const name = slot.def.name;
        if (slot.feeder && slot.feeder !== group) {
          await slot.feeder.detach(name);
          slot.feeder = null;
        }
        await group.waitForMember(name, slot.live?.checkpoint ?? 0);
        const outcome = await swapIn(this.deps.tables, name, build.generation);
        if (!outcome.swapped) {
          if (outcome.gone) {
            this.deps.logger.warn(`projection ${name}: generation ${build.generation} was dropped elsewhere; abandoning the build`);
            await group.detach(name);
            slot.build = null;
          }
          return; // the live generation is still ahead (fed elsewhere): the next commit tries again
        }
        slot.live = {
          name,
          generation: build.generation,
          version: build.version,
          state: 'live',
          checkpoint: build.checkpoint,
          owner: this.deps.owner,
          createdAt: new Date(build.startedAt).toISOString(),
          heartbeatAt: new Date().toISOString(),
        };
        slot.feeder = group;
        slot.build = null;
        this.deps.logger.log(`projection ${name}: generation ${build.generation} (version ${build.version}) is live at position ${build.checkpoint}`);
        outcome.retired.catch((e) => this.deps.logger.error(`dropping the retired generations of ${name} failed`, e));
        this.deps.notify();
      });
    } finally {
      build.swapping = false;
    }
  }
}

const liveMember = (s: Slot): GroupMember => ({ projection: s.def, generation: s.live!.generation, checkpoint: s.live!.checkpoint });

/**
 * What the saga's live generation has dispatched: its checkpoint, which may still move while
 * the new version builds (an instance of the old version feeding it). A build of a new version
 * dispatches only past it, and goes on dispatching live once swapped in; a saga whose live
 * generation was lost altogether (a wiped read store) starts from 0 and relies on idempotent
 * commands, as on a first start.
 */
function dispatchedUpTo(slot: Slot): () => number {
  const old = slot.live?.generation ?? null;
  let floor = slot.live?.checkpoint ?? 0;
  return () => {
    if (slot.live && slot.live.generation === old) floor = Math.max(floor, slot.live.checkpoint);
    return floor;
  };
}
