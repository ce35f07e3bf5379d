interface Waiter {
  names: string[];
  position: number;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

/** How often a waiting reader looks at the committed checkpoints (another process may commit them). */
const POLL_MS = 25;

/**
 * Read-your-writes: a query that names a position (`?minPosition=`) waits until the projections it
 * reads have seen it, or gives up after a timeout and is answered as stale.
 *
 * What this process commits wakes waiters at once (`wake`). Another process may feed the
 * generation (another instance holding the lease, the CLI after a swap), so while anyone waits,
 * `refresh` is asked every few milliseconds to read the committed checkpoints; nobody waiting,
 * no polling.
 */
export class ReadYourWrites {
  private waiters: Waiter[] = [];
  private poller: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    /** the position the live generation of this projection has seen, as this process knows it */
    private readonly seen: (name: string) => number,
    /** reads the committed checkpoints and calls `wake` */
    private readonly refresh: () => Promise<void>,
    /** asks whoever feeds the projections not to wait out a gap before their next batch */
    private readonly hurry: () => void = () => undefined,
  ) {}

  reached(names: readonly string[], position: number): boolean {
    return names.every((n) => this.seen(n) >= position);
  }

  /** Resolves true once every named projection has seen `position`, false after `timeoutMs`. */
  wait(names: string[], position: number, timeoutMs: number): Promise<boolean> {
    if (this.reached(names, position)) return Promise.resolve(true);
    if (this.closed || timeoutMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        names,
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(this.reached(names, position));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
      this.hurry();
      this.pollWhileWaiting();
    });
  }

  /** Answers every waiter whose projections have now seen its position. */
  wake(): void {
    if (!this.waiters.length) return;
    this.waiters = this.waiters.filter((w) => {
      if (!this.reached(w.names, w.position)) return true;
      clearTimeout(w.timer);
      w.resolve(true);
      return false;
    });
  }

  /**
   * At the start of a shutdown: no more polling and no new waits. Who waits already may still be
   * answered by the last batches the groups write while they stop; `release` answers the rest.
   */
  close(): void {
    this.closed = true;
    this.stopPolling();
  }

  /** Answers everyone still waiting: not reached (their reads go out marked stale). */
  release(): void {
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
  }

  private stopPolling(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }

  private pollWhileWaiting(): void {
    if (this.poller || this.closed) return;
    this.poller = setInterval(() => {
      if (!this.waiters.length || this.closed) {
        this.stopPolling();
        return;
      }
      void this.refresh().catch(() => undefined);
    }, POLL_MS);
    this.poller.unref();
  }
}
