import type { EventStore } from '../../../event-store/src';
import type { ReadStore } from '../../../read-store/src';
import type { Projection } from '../projection';
import { ProjectionGroup, type GroupCommit, type GroupOptions, type HelpResult } from './projection-group';
import { ProjectionTables } from './projection-tables';
import type { StreamShare } from './stream-share';

/** A live generation handed to another thread to catch up, from its committed checkpoint. */
export interface CatchUpMember {
  name: string;
  generation: number;
  checkpoint: number;
}

export interface CatchUpEvents {
  /** a batch the thread committed: the host moves its checkpoints and wakes waiting readers */
  onCommit(commit: GroupCommit): void;
  /** a member's reducer threw: the thread goes on without it, the host feeds it again itself */
  onMemberFailed(name: string, message: string): void;
}

export interface CatchUpRun {
  /** true once the members have reached the head of the store, false when stopped first; rejects when the thread failed */
  done: Promise<boolean>;
  /** stops the thread; what it committed stays, the rest is folded again by whoever feeds next */
  stop(): Promise<void>;
  /** a reader waits for a position: a thread that follows the store takes its next batch now (ProjectionGroup.hurry) */
  hurry(): void;
  /** started with a `share`: tells the thread whether this thread's pass wrote its members' documents over this side's streams */
  helped(result: HelpResult): void;
  /** started with a `share`: what the thread says of the `helping` members over its streams (not written, when it ends first) */
  help: Promise<HelpResult>;
  /**
   * started with a `share`: the commands the `helping` sagas ask for over streams the thread has
   * written, as it goes (before `help`); what it asked before a listener was set is handed to that listener first
   */
  asked(listener: (effects: HelpResult['effects']) => void): void;
}

/**
 * Catches live generations up on another thread. A cold start at a million events is bound by one
 * core (reading, opening and folding the log, writing documents); the projections that do not
 * share documents with a saga's commands catch up beside the others on the second core, each pass
 * reading the log for itself. Once there, the host feeds them again on its own thread, unless the
 * thread is to `follow` the store: then it goes on feeding them there until stopped.
 */
export interface CatchUpThread {
  /**
   * With `share` (stream-share.ts), the thread's pass folds only the thread's side of the streams,
   * for its members and for `helping` (this thread's, those starting from nothing); its members
   * commit their checkpoints once told, by `helped`, that this thread folded the other side.
   */
  start(members: CatchUpMember[], events: CatchUpEvents, options?: { follow?: boolean; share?: StreamShare; helping?: CatchUpMember[] }): CatchUpRun;
}

export interface CatchUpPolicy {
  thread: CatchUpThread;
  /** the projections that may catch up on the thread (never a saga: its commands go through this thread's command bus) */
  projections: readonly string[];
  /** only when they lag the store by at least this many events (spawning a thread costs some 50 ms and a heap) */
  minEvents: number;
  /**
   * Feed those projections on the thread for good, however far behind: every command's events are
   * then folded and written beside the event loop, not on it. Builds (a rebuild, a new version)
   * are then made on the main thread, however far behind: a third heap is what they would cost.
   */
  follow?: boolean;
  /**
   * With `follow`: projections the thread also feeds, but only from a start less than `minEvents`
   * behind the log. Further behind they catch up on the main thread, in one pass with the sagas
   * whose commands start from their documents (the portfolio), and stay there until the next start.
   */
  followWhenNear?: readonly string[];
  /**
   * With `follow`: when the thread's projections start from nothing and this thread starts a pass
   * stream by stream of its own (the KPI saga's), the two passes share the streams, each taking the
   * next few as it is ready for more and folding them for every projection and the saga
   * (stream-share.ts), and followWhenNear's go to the thread however far behind. The log is read
   * once for them instead of once per thread.
   */
  shareStreams?: boolean;
}

/**
 * The thread's side: folds the members from their checkpoints to the head of the store, in one pass,
 * committing batches as the host would, and returns when there; with `follow`, goes on following
 * the store until its members are gone.
 */
export async function catchUpMembers(options: {
  store: EventStore;
  readStore: ReadStore;
  projections: ReadonlyArray<Projection<unknown>>;
  members: CatchUpMember[];
  events: CatchUpEvents;
  follow?: boolean;
  group?: Omit<GroupOptions, 'dispatch' | 'onCommit' | 'onLive' | 'onMemberFailed' | 'untilCaughtUp' | 'sharing'>;
  /** hands over the group's `hurry`, for the host's readers that wait for a position */
  onHurry?: (hurry: () => void) => void;
  /** the thread's side of a shared catch-up (ProjectionGroup's `sharing`) */
  sharing?: {
    share: StreamShare;
    helping: CatchUpMember[];
    done: (result: HelpResult) => void;
    helped: Promise<HelpResult>;
    ask: (effects: HelpResult['effects']) => void;
  };
}): Promise<void> {
  const byName = new Map(options.projections.map((p) => [p.name, p]));
  const memberOf = (m: CatchUpMember) => {
    const projection = byName.get(m.name);
    if (!projection) throw new Error(`there is no projection '${m.name}' to catch up`);
    return { projection, generation: m.generation, checkpoint: m.checkpoint };
  };
  const members = options.members.map(memberOf);
  const sharing = options.sharing && { ...options.sharing, side: 'thread' as const, helping: options.sharing.helping.map(memberOf) };
  const group = new ProjectionGroup(options.store, new ProjectionTables(options.readStore), members, {
    ...options.group,
    untilCaughtUp: !options.follow,
    sharing,
    onCommit: (commit) => options.events.onCommit(commit),
    onMemberFailed: (name, failure) => options.events.onMemberFailed(name, failure.message),
  });
  options.onHurry?.(() => group.hurry());
  await group.run();
}
