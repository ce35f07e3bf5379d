import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/**
 * The thread's whole program, plain JavaScript so that it starts as fast under ts-node as built:
 * its own connection to the file, a PASSIVE checkpoint every `everyMs` (it never waits for a reader
 * or the writer), and one more before it closes.
 *
 * A PASSIVE checkpoint copies the frames that were in the WAL when it began. Beside a writer that
 * never pauses, new ones have come by then, and SQLite starts the WAL over only once every frame
 * is back in the database: under 50 connections of commands the file grew for as long as the load
 * lasted (81 MB after 15 s; SQLite's own checkpoint keeps a WAL near 4 MB), and a growing file
 * syncs slower.
 * Past `restartAtFrames`, a RESTART checkpoint closes that gap: it waits up to `restartWaitMs` for
 * the writer's transaction to end, holds the next one back while it copies what the last PASSIVE
 * left (a few hundred milliseconds' worth), and lets the next transaction start the WAL over.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const restart = () => {
  db.pragma('busy_timeout = ' + workerData.restartWaitMs);
  try {
    db.pragma('wal_checkpoint(RESTART)');
  } finally {
    db.pragma('busy_timeout = 0');
  }
};
const checkpoint = () => {
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (log < workerData.restartAtFrames) return;
    if (workerData.ownerRestarts) parentPort.postMessage('restart');
    else restart();
  } catch {
    // Another process holds a lock a checkpoint needs: the next turn tries again.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') return checkpoint();
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/**
 * How often the thread checkpoints. Each turn copies what came since the last and syncs read.db,
 * on the disk the log's own syncs wait on: smaller, more frequent copies leave fewer appends
 * waiting behind one. At 1,000,000 events, one connection of commands (a measurement rewrites
 * some 40 KB of documents), the command p99 was 12.6–14.0 ms with 250 ms, 10.9–11.3 with 100 and
 * 9.9–10.4 with 50; 50 connections of commands, and KPI reads beside them, the same within noise.
 */
const EVERY_MS = 50;

/** SQLite's own default, back in force if the checkpoint thread stops. */
const AUTOCHECKPOINT_PAGES = 1000;

/** About 16 MB of WAL at 4 KB pages: four of SQLite's automatic checkpoints. */
const RESTART_AT_FRAMES = 4 * AUTOCHECKPOINT_PAGES;

/** Longer than a writer's transaction usually lasts, short enough that the next turn tries again soon. */
const RESTART_WAIT_MS = 100;

/**
 * Checkpoints a WAL database on a thread of its own, so that the connection serving requests never
 * does. With SQLite's automatic checkpoint, the commit that took the WAL past a thousand pages
 * copied them into the database and synced it, on the event loop: live projection batches of 20–28
 * ms under a full command load, most of it in COMMIT, and every read waiting behind them.
 *
 * `onStopped` runs if the thread fails or exits before `stop()`: the caller then checkpoints itself again.
 *
 * With `ownerRestarts`, past `restartAtFrames` the thread asks the owner of the write connection to
 * finish the checkpoint itself, between two of its transactions, instead of a RESTART. Beside a
 * writer whose transactions come back to back (the event log's under 50 connections) a RESTART
 * seldom got in: the WAL grew to 37–72 MB of 80 MB written; finished by the owner, 23–24 MB, and
 * the RESTART tried first as well, 32–54 MB (its wait held the writer back).
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private stopping = false;

  constructor(file: string, onStopped: (error?: Error) => void, options: { everyMs?: number; ownerRestarts?: () => void } = {}) {
    const { everyMs = EVERY_MS, ownerRestarts } = options;
    this.worker = new Worker(PROGRAM, {
      eval: true,
      // Plain JavaScript: started from a thread running under ts-node (the event store's writer
      // thread in tests and benches), it would otherwise inherit `-r ts-node/register` and load
      // TypeScript's compiler first (863 ms before it came online here).
      execArgv: [],
      workerData: {
        file,
        driver: require.resolve('better-sqlite3'),
        everyMs,
        restartAtFrames: RESTART_AT_FRAMES,
        restartWaitMs: RESTART_WAIT_MS,
        ownerRestarts: ownerRestarts !== undefined,
      },
    });
    if (ownerRestarts) this.worker.on('message', ownerRestarts);
    // A process that is done with everything else need not wait for the checkpointer.
    this.worker.unref();
    this.worker.on('error', (error) => {
      if (!this.stopping) onStopped(error);
    });
    this.exited = new Promise((resolve) =>
      this.worker.on('exit', () => {
        if (!this.stopping) onStopped();
        resolve();
      }),
    );
  }

  /** A checkpoint now, rather than at the next turn. */
  nudge(): void {
    if (!this.stopping) this.worker.postMessage('checkpoint');
  }

  /** A last checkpoint, then the thread ends. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    // Until it is gone: a process with nothing else left to do would otherwise end mid-await.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}

/**
 * Turns SQLite's automatic checkpoint off for `db` and checkpoints its file from a thread of its
 * own; should that thread stop, the automatic one is back. With `ownerRestarts`, `db` finishes a
 * checkpoint itself when the WAL has grown long (see WalCheckpointer), from its thread's event
 * loop, so between its transactions.
 */
export const checkpointOnThread = (db: Database.Database, options: { ownerRestarts?: boolean; everyMs?: number } = {}): WalCheckpointer => {
  db.pragma('wal_autocheckpoint = 0');
  return new WalCheckpointer(
    db.name,
    () => {
      if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    },
    {
      everyMs: options.everyMs,
      ownerRestarts: options.ownerRestarts
        ? () => {
            if (!db.open || db.inTransaction) return;
            // Between two of its own transactions nothing new comes, so this copies the frames the
            // thread could not (few: it just passed), and the next transaction starts the WAL over.
            // It never waits: a lock held elsewhere leaves it to the thread's next turn.
            const wait = db.pragma('busy_timeout', { simple: true }) as number;
            db.pragma('busy_timeout = 0');
            try {
              db.pragma('wal_checkpoint(PASSIVE)');
            } catch {
              // SQLITE_BUSY: the thread asks again.
            } finally {
              db.pragma(`busy_timeout = ${wait}`);
            }
          }
        : undefined,
    },
  );
};
