import { parentPort, workerData } from 'node:worker_threads';
import { openSealedEventStore } from '../../../../libs/data-keys/src';
import { ALL_PROJECTIONS, catchUpMembers, CheckpointConflict, kpiOffTrackSaga, type HelpResult } from '../../../../libs/projections/src';
import { createReadStore } from '../../../../libs/read-store/src';
import { zeroingDeletes } from '../store/zeroing-deletes';
import type { CatchUpMessage, CatchUpWorkerData, HelpedMessage, HurryMessage } from './catch-up-protocol';

// The catch-up thread (catch-up-thread.ts starts it): its own connections to both stores, the
// same projection definitions as the API, and a pass that ends at the head of the log (or, to
// follow the store, goes on until the API stops the thread).
const post = (message: CatchUpMessage) => parentPort!.postMessage(message);

/** Resolves with what the API's pass says of the share's streams; listens only until then (a listener keeps a thread alive). */
const helped = (): Promise<HelpResult> =>
  new Promise((resolve) => {
    const listener = (m: HelpedMessage | HurryMessage) => {
      if (m.type !== 'helped') return;
      parentPort!.off('message', listener);
      resolve(m.result);
    };
    parentPort!.on('message', listener);
  });

async function catchUp({ eventStore, readStore: readConfig, members, follow, followGapMs = 0, share, helping = [] }: CatchUpWorkerData): Promise<void> {
  const sharing = share && {
    share,
    helping,
    done: (result: HelpResult) => post({ type: 'helped', result }),
    helped: helped(),
    ask: (effects: HelpResult['effects']) => post({ type: 'asked', effects }),
  };
  const store = await openSealedEventStore({ ...eventStore, readOnly: true });
  try {
    const readStore = await zeroingDeletes(await createReadStore(readConfig));
    try {
      await catchUpMembers({
        store,
        readStore,
        // The saga only ever helps here (its commands go through the API's command bus).
        projections: [...ALL_PROJECTIONS, kpiOffTrackSaga],
        members,
        follow,
        sharing,
        // While following, one batch per gap, not per command: at one connection of commands each
        // command was otherwise a batch of its own (a page read of the log, a transaction, the
        // dashboards and the portfolio written, a commit message to the API) for one event. A
        // reader that waits for its own write (`?minPosition=`) hurries the batch (HurryMessage).
        group: follow ? { liveGapMs: followGapMs } : undefined,
        // Listened for only while following: a port with a listener keeps a thread alive.
        onHurry: follow ? (hurry) => parentPort!.on('message', (m: HurryMessage) => m.type === 'hurry' && hurry()) : undefined,
        events: {
          onCommit: (commit) => post({ type: 'commit', commit }),
          onMemberFailed: (name, message) => post({ type: 'member-failed', name, message }),
        },
      });
    } finally {
      await readStore.close();
    }
  } finally {
    await store.close();
  }
}

catchUp(workerData as CatchUpWorkerData).then(
  () => post({ type: 'done' }),
  (error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    const conflict = e instanceof CheckpointConflict ? { projection: e.projection, generation: e.generation, expected: e.expected } : undefined;
    post({ type: 'error', message: e.message, stack: e.stack, conflict });
  },
);
