import { SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';
import { zeroingDeletes } from '../../../api/src/store/read-store.provider';
import { openSealedEventStore } from '../../../../libs/data-keys/src';
import { eventStoreConfigFromEnv } from '../../../../libs/event-store/src';
import { ALL_PROJECTIONS, rebuildOffline } from '../../../../libs/projections/src';
import { createReadStore, readStoreConfigFromEnv } from '../../../../libs/read-store/src';
import { THREADED_PROJECTIONS, WorkerCatchUpThread } from '../../../api/src/projections/catch-up-thread';
import type { CliCommand } from './cli-command';

const names = () => ALL_PROJECTIONS.map((p) => p.name);

/**
 * Builds a fresh generation of a projection (or of all, in one pass over the log) from position
 * 0 beside the live one and swaps it in once it has caught up. Works with the API running (it
 * keeps answering from the old generation and feeds the new one once it notices the swap) or
 * stopped. The bar goes to stderr; stdout gets one line per projection swapped in.
 */
export const rebuildCommand: CliCommand = {
  summary: `rebuild a projection beside the live one and swap it in: rebuild <${[...names(), 'all'].join('|')}> [--page 1000]`,
  async run(args) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { page: { type: 'string' } } });
    const name = positionals[0];
    const projections = name === 'all' ? [...ALL_PROJECTIONS] : ALL_PROJECTIONS.filter((p) => p.name === name);
    if (!name || !projections.length) {
      process.stderr.write(`${name ? `there is no projection '${name}'` : 'name the projection to rebuild'}: rebuild <${[...names(), 'all'].join('|')}>\n`);
      return 2;
    }
    const pageSize = values.page === undefined ? undefined : Number(values.page);
    if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0)) throw new Error('--page takes a whole number of events, e.g. 1000');

    // Through the sealing store, like the app: read models and past views get text, or the erased marker.
    const eventStoreConfig = { ...eventStoreConfigFromEnv(), dataKeySecret: process.env.DATA_KEY_SECRET || undefined };
    const readStoreConfig = readStoreConfigFromEnv();
    const store = await openSealedEventStore(eventStoreConfig);
    const readStore = await zeroingDeletes(await createReadStore(readStoreConfig));
    // On the embedded stores a rebuild of several projections uses the second core, as the API's cold start does.
    const embedded = eventStoreConfig.kind === 'sqlite' && readStoreConfig.kind === 'sqlite';
    const thread = embedded
      ? {
          thread: new WorkerCatchUpThread({ eventStore: eventStoreConfig, readStore: readStoreConfig }),
          projections: THREADED_PROJECTIONS,
          shareStreams: true,
        }
      : undefined;
    const bar = new SingleBar({
      stream: process.stderr,
      format: `rebuilding ${name} [{bar}] {percentage}% | {value}/{total} | {rate} events/s | ETA {eta_formatted}`,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      etaBuffer: 20,
      fps: 5,
    });
    const started = process.hrtime.bigint();
    try {
      bar.start(Math.max(1, await store.lastPosition()), 0, { rate: 0 });
      const results = await rebuildOffline({
        store,
        readStore,
        projections,
        group: pageSize ? { pageSize } : undefined,
        thread,
        onProgress: (p) => {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          bar.setTotal(Math.max(1, p.lastPosition));
          bar.update(p.checkpoint, { rate: seconds > 0 ? Math.round(p.events / seconds) : 0 });
        },
      });
      bar.stop();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const r of results)
        process.stdout.write(
          `rebuilt ${r.name}: generation ${r.generation} live at position ${r.position}${r.threaded ? ' (built on a second thread)' : ''}\n`,
        );
      const shared = results.some((r) => r.shared) ? ', the log shared stream by stream between two threads' : '';
      process.stderr.write(`done in ${seconds.toFixed(1)} s${shared}\n`);
      return 0;
    } finally {
      bar.stop();
      await readStore.close();
      await store.close();
    }
  },
};
