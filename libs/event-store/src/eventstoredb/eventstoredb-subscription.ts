import type { AllStreamResolvedEvent, AllStreamSubscription, Position, ReadPosition } from '@eventstore/db-client';
import { EventStoreUnavailable } from '../errors';
import type { StoredEvent, SubscribeOptions, Subscription } from '../event-store.port';
import { toClientPosition, toPortError, toPortPosition, toStoredEvent } from './eventstoredb-mapping';

export type FeedItem =
  | { kind: 'event'; resolved: AllStreamResolvedEvent }
  | { kind: 'caughtUp' }
  /** the server has looked through $all up to here (filtered subscriptions): no user event before it is still to come */
  | { kind: 'checkpoint'; position: number };

/**
 * The client's catch-up subscription (a Readable of resolved events that also emits `caughtUp`) as an
 * ordered pull queue in which `caughtUp` sits exactly after the last event delivered before it.
 *
 * Why not just listen to 'caughtUp': the client emits it while transforming the server's CaughtUp
 * message, when earlier events may still wait in the Readable's buffer. So at that moment the marker's
 * place is "after every event received so far plus every event still buffered" (readableLength counts
 * objects in object mode). Checkpoints (`checkpoint()`, from the filter's checkpointReached) arrive the same
 * way and are placed the same way. Pausing the source when the queue is long keeps memory bounded during a
 * large catch-up; the gRPC stream then applies back-pressure to the server.
 */
export class SubscriptionFeed {
  private readonly queue: FeedItem[] = [];
  private received = 0;
  private markerAt: number | null = null;
  private markerPlaced = false;
  private readonly checkpoints: Array<{ at: number; position: number }> = [];
  private failure: { error: unknown } | null = null;
  private ended = false;
  private closedByUs = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly highWater = 512,
  ) {
    source.on('data', (resolved: AllStreamResolvedEvent) => {
      this.received += 1;
      this.queue.push({ kind: 'event', resolved });
      this.placeMarker();
      this.placeCheckpoints();
      if (this.queue.length >= this.highWater) source.pause();
      this.notify();
    });
    source.on('caughtUp', () => {
      if (this.markerPlaced || this.markerAt !== null) return;
      this.markerAt = this.received + source.readableLength;
      this.placeMarker();
      this.notify();
    });
    source.on('error', (error: unknown) => {
      this.failure = { error };
      this.notify();
    });
    source.on('end', () => {
      this.ended = true;
      this.notify();
    });
  }

  /** The next item in order; null once the feed has ended or been closed; throws the source's error. */
  async next(): Promise<FeedItem | null> {
    for (;;) {
      if (this.closedByUs) return null;
      const item = this.queue.shift();
      if (item) {
        if (this.source.isPaused() && this.queue.length <= this.highWater / 2) this.source.resume();
        return item;
      }
      if (this.failure) throw this.failure.error;
      if (this.ended) return null;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** A checkpoint the server sent: it belongs after every event received or still buffered so far. */
  checkpoint(position: number): void {
    this.checkpoints.push({ at: this.received + this.source.readableLength, position });
    this.placeCheckpoints();
    this.notify();
  }

  async close(): Promise<void> {
    this.closedByUs = true;
    this.notify();
    await this.source.unsubscribe().catch(() => undefined);
  }

  private placeMarker(): void {
    if (this.markerAt !== null && this.received >= this.markerAt) {
      this.queue.push({ kind: 'caughtUp' });
      this.markerAt = null;
      this.markerPlaced = true;
    }
  }

  private placeCheckpoints(): void {
    while (this.checkpoints.length && this.received >= this.checkpoints[0].at) {
      this.queue.push({ kind: 'checkpoint', position: this.checkpoints.shift()!.position });
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

export interface ResubscribePolicy {
  /** for messages: the server, without credentials */
  target: string;
  /** how many times in a row a dropped connection is re-subscribed before the iteration fails */
  maxReconnects: number;
  backoffMs: (attempt: number) => number;
}

export const defaultResubscribePolicy = (target: string): ResubscribePolicy => ({
  target,
  maxReconnects: 5,
  backoffMs: (attempt) => Math.min(250 * 2 ** (attempt - 1), 5000),
});

/**
 * The port's Subscription over subscribeToAll: from `afterPosition` (exclusive), user events only, in $all
 * order. onCaughtUp is called once, with the last delivered position, as soon as either the consumer has
 * been given everything stored when the subscription started (`catchUpTarget`, the head of $all read
 * first) or the server said it caught up (EventStoreDB 23.10+) — whichever comes first. The first keeps
 * the signal from being postponed while concurrent writers keep the server in catch-up, and works with
 * servers that never send the second. When the connection drops, it re-subscribes from the later of the
 * last delivered position and the last checkpoint the consumer has passed (so nothing is skipped or
 * repeated, and a subscription whose filter skipped a long run of other events does not scan it again)
 * up to `maxReconnects` times in a row, then the iteration throws EventStoreUnavailable. `open` (which
 * wires `checkpointReached` into the filter) and `catchUpTarget` are the only contact with the client.
 */
export const adaptSubscription = (
  open: (from: ReadPosition, checkpointReached: (position: Position) => void) => AllStreamSubscription,
  catchUpTarget: () => Promise<number>,
  afterPosition: number,
  options: SubscribeOptions,
  policy: ResubscribePolicy,
): Subscription => {
  toClientPosition(afterPosition); // validates before anything starts
  let closed = false;
  let feed: SubscriptionFeed | null = null;
  let markClosed!: () => void;
  const closedSignal = new Promise<void>((resolve) => (markClosed = resolve));

  async function* run(): AsyncGenerator<StoredEvent> {
    let position = afterPosition;
    /** the last checkpoint the consumer has passed: everything before it has been delivered */
    let checkpoint = afterPosition;
    let caughtUp = false;
    let failures = 0;
    let target: number;
    try {
      target = await catchUpTarget();
    } catch (error) {
      throw toPortError(error, { operation: 'read the end of $all', target: policy.target });
    }
    const signalCaughtUp = () => {
      if (caughtUp) return;
      caughtUp = true;
      options.onCaughtUp?.(position);
    };
    while (!closed) {
      let onCheckpoint = (_position: Position): void => undefined;
      const current = new SubscriptionFeed(open(toClientPosition(Math.max(position, checkpoint)), (p) => onCheckpoint(p)));
      onCheckpoint = (p) => current.checkpoint(toPortPosition(p, 'a checkpoint'));
      feed = current;
      try {
        for (;;) {
          if (Math.max(position, checkpoint) >= target) signalCaughtUp();
          const item = await current.next();
          if (closed) return;
          if (!item) throw new EventStoreUnavailable(`EventStoreDB at ${policy.target} ended the subscription`);
          if (item.kind === 'caughtUp') {
            signalCaughtUp();
            continue;
          }
          if (item.kind === 'checkpoint') {
            failures = 0;
            checkpoint = Math.max(checkpoint, item.position);
            continue;
          }
          failures = 0;
          const event = toStoredEvent(item.resolved);
          if (!event || event.position <= position) continue;
          position = event.position;
          yield event;
          if (closed) return;
        }
      } catch (error) {
        if (closed) return;
        const mapped = toPortError(error, { operation: `subscription to $all after ${Math.max(position, checkpoint)}`, target: policy.target });
        if (!(mapped instanceof EventStoreUnavailable) || failures >= policy.maxReconnects) throw mapped;
        failures += 1;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, policy.backoffMs(failures)))), closedSignal]);
        clearTimeout(timer);
      } finally {
        await current.close();
      }
    }
  }

  const iterator = run();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      if (closed) return;
      closed = true;
      markClosed();
      await feed?.close();
    },
  };
};
