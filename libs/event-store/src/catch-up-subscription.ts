import type { StoredEvent, SubscribeOptions, Subscription } from './event-store.port';

export interface CatchUpSource {
  readAll(afterPosition: number, limit: number): Promise<StoredEvent[]>;
  /** Resolves when new events may be there: a local append, a notification, or a poll tick. */
  waitForChange(): Promise<void>;
}

/**
 * Reads pages after the last delivered position until a page comes back short, then waits for a
 * change and reads again. Correct as long as the source's readAll never shows a position before
 * every earlier position is visible (each adapter guarantees that for its store).
 */
export const catchUpSubscription = (source: CatchUpSource, afterPosition: number, options: SubscribeOptions = {}, pageSize = 500): Subscription => {
  let closed = false;
  let markClosed!: () => void;
  const closedPromise = new Promise<void>((resolve) => (markClosed = resolve));
  let position = afterPosition;
  let caughtUp = false;

  async function* run(): AsyncGenerator<StoredEvent> {
    while (!closed) {
      const page = await source.readAll(position, pageSize);
      for (const event of page) {
        if (closed) return;
        position = event.position;
        yield event;
      }
      if (page.length < pageSize) {
        if (!caughtUp) {
          caughtUp = true;
          options.onCaughtUp?.(position);
        }
        if (closed) return;
        await Promise.race([source.waitForChange(), closedPromise]);
      }
    }
  }

  const iterator = run();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close() {
      closed = true;
      markClosed();
      return Promise.resolve();
    },
  };
};
