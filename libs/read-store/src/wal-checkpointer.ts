import { Worker } from 'node:worker_threads';

/**
 * The thread's whole program, plain JavaScript so that it starts as fast under ts-node as built:
 * its own connection to the file, a PASSIVE checkpoint every `everyMs` (it never waits for a reader
 * or the writer), and one more before it closes.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Another process holds a lock a checkpoint needs: the next turn tries again.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/** How often the thread checkpoints: at a thousand commands a second the WAL grows by some megabytes meanwhile. */
const EVERY_MS = 250;

/**
 * Checkpoints a WAL database on a thread of its own, so that the connection serving requests never
 * does. With SQLite's automatic checkpoint, the commit that took the WAL past a thousand pages
 * copied them into the database and synced it, on the event loop: live projection batches of 20–28
 * ms under a full command load, most of it in COMMIT, and every read waiting behind them.
 *
 * `onStopped` runs if the thread fails or exits before `stop()`: the caller then checkpoints itself again.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private stopping = false;

  constructor(file: string, onStopped: (error?: Error) => void, everyMs = EVERY_MS) {
    this.worker = new Worker(PROGRAM, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3'), everyMs } });
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
