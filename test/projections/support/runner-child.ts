/**
 * The projection runner in a process of its own, on DATA_DIR's SQLite event and read stores, for
 * the exactly-once test: prints "committed <position>" after every batch and "caught-up
 * <position>" once every projection has seen the store's last event, then exits. Each read-store
 * transaction lingers REGIE_TEST_TX_DELAY_MS before it commits, so a SIGKILL from the test lands
 * inside one more often than not.
 */
import { SqliteEventStore, sqliteFile } from '../../../libs/event-store/src';
import { ALL_PROJECTIONS, ProjectionHost } from '../../../libs/projections/src';
import { createReadStore, type SqlRunner } from '../../../libs/read-store/src';

const main = async () => {
  const dataDir = process.env.DATA_DIR!;
  const delay = Number(process.env.REGIE_TEST_TX_DELAY_MS ?? 0);
  const batch = Number(process.env.REGIE_TEST_BATCH ?? 200);
  const store = SqliteEventStore.open(sqliteFile(dataDir));
  const readStore = await createReadStore({ kind: 'sqlite', dataDir });
  const transaction = readStore.transaction.bind(readStore);
  readStore.transaction = <T>(fn: (tx: SqlRunner) => Promise<T>) =>
    transaction(async (tx) => {
      const result = await fn(tx);
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      return result;
    });
  const last = await store.lastPosition();
  const host = new ProjectionHost({
    store,
    readStore,
    projections: [...ALL_PROJECTIONS],
    group: { pageSize: batch, maxBatchEvents: batch, maxBatchMs: 60_000 },
    reconcileMs: 60_000,
  });
  let done = false;
  host.onCommit(() => {
    const lowest = Math.min(...host.checkpoints().map((c) => c.checkpoint));
    process.stdout.write(`committed ${lowest}\n`);
    if (lowest >= last && !done) {
      done = true;
      process.stdout.write(`caught-up ${lowest}\n`);
      void host
        .stop()
        .then(() => readStore.close())
        .then(() => store.close())
        .then(() => process.exit(0));
    }
  });
  await host.start();
  process.stdout.write('started\n');
};

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? (error.stack ?? error) : error) + '\n');
  process.exit(1);
});
