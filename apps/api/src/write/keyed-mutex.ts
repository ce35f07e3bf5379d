const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One holder per key at a time, in arrival order. Commands on one initiative queue inside this
 * instance instead of racing each other to the store and burning their conflict retries; the
 * retries are left for writers in other instances.
 *
 * `gapMs`: a holder that had to queue starts that long after the one before it finished. The one
 * before has just appended; if it beat a writer in another instance, that writer is re-reading and
 * retrying right now, and without the gap this instance's next command would race it again, with
 * even odds, round after round. With the gap the retry wins, so conflicts end at the first retry.
 * An instance that is not busy with the key (nothing queued) starts at once.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly gapMs = 0) {}

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = (previous ?? Promise.resolve()).then(() => mine);
    this.tails.set(key, tail);
    if (previous) {
      await previous;
      if (this.gapMs > 0) await sleep(this.gapMs);
    }
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
