import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../../event-store/src';
import type { ReadStore } from '../../../read-store/src';
import type { Projection } from '../projection';
import { abandonBuild, beginBuild, swapIn } from './build-and-swap';
import { ProjectionGroup, type GroupOptions } from './projection-group';
import { ProjectionTables } from './projection-tables';

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
}

/**
 * Rebuilds projections from a process of its own (the CLI): builds fresh generations from
 * position 0 beside the live ones, in one pass over the log, and swaps each in once it has caught
 * up with the live one. A running API keeps answering from the old generation meanwhile and
 * starts feeding the new one when it notices the swap.
 */
export async function rebuildOffline(options: {
  store: EventStore;
  readStore: ReadStore;
  projections: ReadonlyArray<Projection<unknown>>;
  group?: Omit<GroupOptions, 'onCommit' | 'onLive' | 'dispatch'>;
  onProgress?: (progress: OfflineRebuildProgress) => void;
  /** how often to retry a swap while the live generation is ahead (default 250 ms) */
  retryMs?: number;
}): Promise<OfflineRebuildResult[]> {
  const { store, readStore, projections } = options;
  const tables = new ProjectionTables(readStore);
  await tables.ensureSchema();
  const owner = `rebuild-${randomUUID()}`;
  const rows = [];
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

  const trySwaps = async () => {
    if (swapping || !group.isLive) return;
    swapping = true;
    try {
      for (const [name, row] of [...pending]) {
        const outcome = await swapIn(tables, name, row.generation);
        if (outcome.swapped) {
          pending.delete(name);
          results.push({ name, generation: row.generation, position: group.checkpointOf(name) ?? 0 });
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

  const group = new ProjectionGroup(
    store,
    tables,
    rows.map((r) => ({
      projection: projections.find((p) => p.name === r.name)!,
      generation: r.generation,
      checkpoint: 0,
    })),
    {
      ...options.group,
      onProgress: (position, n) => {
        events += n;
        if (position > lastPosition) lastPosition = position;
        options.onProgress?.({ checkpoint: position, lastPosition, events, live: false });
      },
      onCommit: (commit) => {
        if (commit.live) events += commit.events;
        const checkpoint = Math.min(...commit.members.map((m) => m.checkpoint));
        if (checkpoint > lastPosition) lastPosition = checkpoint;
        options.onProgress?.({ checkpoint, lastPosition, events, live: commit.live });
        if (commit.live) void trySwaps();
      },
      onLive: () => void trySwaps(),
    },
  );
  const refresh = setInterval(() => {
    void store.lastPosition().then((p) => (lastPosition = p));
    void trySwaps();
  }, options.retryMs ?? 250);
  const running = group.run();
  try {
    await Promise.race([
      finished,
      running.then(() => {
        if (pending.size) throw new Error(`the rebuild stopped before ${[...pending.keys()].join(', ')} could be swapped in`);
      }),
    ]);
  } finally {
    clearInterval(refresh);
    await group.stop();
    for (const row of pending.values()) await abandonBuild(tables, row).catch(() => undefined);
  }
  await running;
  return results;
}
