/**
 * SQLite answers SQLITE_BUSY (or SQLITE_LOCKED) when another connection or process holds the lock
 * a statement needs: a backup, a `sqlite3` shell, the CLI rebuilding a projection. better-sqlite3
 * would wait for it synchronously (busy_timeout), freezing the event loop and every request with
 * it; the read store waits here instead, asynchronously, and gives up after a budget so that the
 * caller can answer 503 and let the client retry.
 */
export const isLockError = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};

export interface LockRetryOptions {
  /** how long to keep trying before the lock error is thrown */
  budgetMs: number;
  /** a short label for the error message: which database was locked */
  what: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it does not fail on a lock, pausing between tries (5 ms, doubling up to
 * 250 ms). `attempt` must hold nothing while it is not running (the read store's connection mutex
 * is taken inside it), so that reads and other writes go on during the pauses.
 */
export const retryWhileLocked = async <T>(attempt: () => Promise<T>, options: LockRetryOptions): Promise<T> => {
  const deadline = Date.now() + options.budgetMs;
  for (let pause = 5; ; pause = Math.min(250, pause * 2)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isLockError(error)) throw error;
      const left = deadline - Date.now();
      if (left <= 0) {
        (error as Error).message = `${options.what} is locked by another connection or process (waited ${options.budgetMs} ms): ${(error as Error).message}`;
        throw error;
      }
      await sleep(Math.min(pause, left));
    }
  }
};
