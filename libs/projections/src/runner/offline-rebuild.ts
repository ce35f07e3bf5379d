import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../../event-store/src';
import type { ReadStore } from '../../../read-store/src';
import type { Projection } from '../projection';
import { abandonBuild, beginBuild, swapIn } from './build-and-swap';
import { ProjectionGroup, type GroupMember, type GroupOptions } from './projection-group';
import { readsByStream } from './stream-pages';
import { shareUpToHead } from './stream-share';
import type { CatchUpPolicy, CatchUpRun } from './catch-up-thread';
import { ProjectionTables, type GenerationRow } from './projection-tables';

export interface OfflineRebuildProgress {
  /** the position folded so far (written at the next commit) */
  checkpoint: number;
  lastPosition: number;
  /** events folded since the start */
  events: number;
  live: boolean;
}

export interface OfflineRebuildResult {
  name: string;
  generation: number;
  position: number;
  /** built (up to the head the thread saw) on the second thread */
  threaded: boolean;
  /** up to the head both saw, folded by both threads, each over the streams it took (stream-share.ts) */
  shared: boolean;
}

/**
 * Rebuilds projections from a process of its own (the CLI): builds fresh generations from
 * position 0 beside the live ones, in one pass over the log, and swaps each in once it has caught
 * up with the live one. A running API keeps answering from the old generation meanwhile and
 * starts feeding the new one when it notices the swap.
 *
 * With a `thread`, the projections it names are built there, in a pass of their own on the second
 * core, while this thread builds the others; once the thread has reached the head, this one takes
 * them on from the checkpoints it committed, follows the log with them and swaps them in. With
 * `shareStreams` the two passes share the log stream by stream up to its head instead.
 */
export async function rebuildOffline(options: {
  store: EventStore;
  readStore: ReadStore;
  projections: ReadonlyArray<Projection<unknown>>;
  group?: Omit<GroupOptions, 'onCommit' | 'onLive' | 'dispatch'>;
  onProgress?: (progress: OfflineRebuildProgress) => void;
  /** how often to retry a swap while the live generation is ahead (default 250 ms) */
  retryMs?: number;
  thread?: Pick<CatchUpPolicy, 'thread' | 'projections' | 'shareStreams'>;
}): Promise<OfflineRebuildResult[]> {
  const { store, readStore, projections } = options;
  const tables = new ProjectionTables(readStore);
  await tables.ensureSchema();
  // Every generation starts from nothing: folded stream by stream, two passes can share the
  // streams (stream-share.ts), each folding every projection over the streams it takes, so each
  // event is read and opened once, as at the API's cold start. Listed before any generation is
  // begun, so that a store that fails here leaves none behind.
  const threaded = projections.filter((p) => options.thread?.projections.includes(p.name)).length;
  const sharable =
    threaded > 0 && threaded < projections.length && options.thread?.shareStreams && readsByStream(store, options.group?.byStream)
      ? await shareUpToHead(store)
      : undefined;
  const owner = `rebuild-${randomUUID()}`;
  const rows: GenerationRow[] = [];
  for (const p of projections) rows.push(await beginBuild(tables, p, owner));
  const pending = new Map(rows.map((r) => [r.name, r]));
  const results: OfflineRebuildResult[] = [];
  let events = 0;
  let lastPosition = await store.lastPosition();
  let swapping = false;
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  /** the group that builds each generation in this thread */
  const feeding = new Map<string, ProjectionGroup>();
  const groups: ProjectionGroup[] = [];

  const trySwaps = async () => {
    if (swapping) return;
    swapping = true;
    try {
      for (const [name, row] of [...pending]) {
        const group = feeding.get(name);
        if (!group?.isLive) continue;
        const outcome = await swapIn(tables, name, row.generation);
        if (outcome.swapped) {
          pending.delete(name);
          results.push({
            name,
            generation: row.generation,
            position: group.checkpointOf(name) ?? 0,
            threaded: elsewhere.includes(row),
            shared: share !== undefined,
          });
          await outcome.retired;
          // From here on the API feeds it (it notices the swap); two writers would only collide.
          void group.detach(name);
          await tables.release(owner);
        } else if (outcome.gone) {
          fail(new Error(`generation ${row.generation} of ${name} was dropped by another process before it could be swapped in`));
          return;
        } else {
          await tables.heartbeat(name, row.generation);
        }
      }
      if (!pending.size) finish();
    } finally {
      swapping = false;
    }
  };

  const memberOf = (row: GenerationRow, checkpoint: number): GroupMember => ({
    projection: projections.find((p) => p.name === row.name)!,
    generation: row.generation,
    checkpoint,
  });

  /** Builds these generations here from their checkpoints; the first group reports the progress. */
  let over = false;
  const build = (members: Array<{ row: GenerationRow; checkpoint: number }>, sharing?: GroupOptions['sharing']): void => {
    if (over) return;
    const reports = groups.length === 0;
    const group = new ProjectionGroup(
      store,
      tables,
      members.map(({ row, checkpoint }) => memberOf(row, checkpoint)),
      {
        ...options.group,
        sharing,
        onProgress: (position, n) => {
          if (!reports) return;
          events += n;
          if (position > lastPosition) lastPosition = position;
          options.onProgress?.({ checkpoint: position, lastPosition, events, live: false });
        },
        onCommit: (commit) => {
          if (reports) {
            if (commit.live) events += commit.events;
            const checkpoint = Math.min(...commit.members.map((m) => m.checkpoint));
            if (checkpoint > lastPosition) lastPosition = checkpoint;
            options.onProgress?.({ checkpoint, lastPosition, events, live: commit.live });
          }
          if (commit.live) void trySwaps();
        },
        onLive: () => void trySwaps(),
      },
    );
    for (const { row } of members) feeding.set(row.name, group);
    groups.push(group);
    group.run().then(
      () => {
        const left = members.filter(({ row }) => pending.has(row.name) && feeding.get(row.name) === group);
        if (left.length) fail(new Error(`the rebuild stopped before ${left.map(({ row }) => row.name).join(', ')} could be swapped in`));
      },
      (error: Error) => fail(error),
    );
  };

  const aside = options.thread ? rows.filter((r) => options.thread!.projections.includes(r.name)) : [];
  // A pass of its own pays only beside another one.
  const elsewhere = aside.length && aside.length < rows.length ? aside : [];
  const here = rows.filter((r) => !elsewhere.includes(r));
  const share = elsewhere.length ? sharable : undefined;
  let thread: CatchUpRun | null = null;
  if (elsewhere.length) {
    const committed = new Map(elsewhere.map((r) => [r.name, 0]));
    const starting = (r: GenerationRow) => ({ name: r.name, generation: r.generation, checkpoint: 0 });
    thread = options.thread!.thread.start(
      elsewhere.map(starting),
      {
        onCommit: (commit) => commit.members.forEach((m) => committed.set(m.name, m.checkpoint)),
        onMemberFailed: (_name, message) => fail(new Error(message)),
      },
      share && { share, helping: here.map(starting) },
    );
    thread.done.then(
      (caughtUp) => caughtUp && build(elsewhere.map((row) => ({ row, checkpoint: committed.get(row.name)! }))),
      (error: Error) => fail(error),
    );
  }
  const run = thread;
  build(
    here.map((row) => ({ row, checkpoint: 0 })),
    share && run
      ? {
          share,
          side: 'api',
          helping: elsewhere.map((row) => memberOf(row, 0)),
          done: (result) => run.helped(result),
          helped: run.help,
          asked: (listener) => run.asked(listener),
        }
      : undefined,
  );

  const refresh = setInterval(() => {
    void store.lastPosition().then((p) => (lastPosition = p));
    void trySwaps();
  }, options.retryMs ?? 250);
  try {
    await finished;
  } finally {
    over = true;
    clearInterval(refresh);
    await thread?.stop();
    await Promise.all(groups.map((g) => g.stop()));
    for (const row of pending.values()) await abandonBuild(tables, row).catch(() => undefined);
  }
  return results;
}
