import { BACKWARDS, END, type EventStoreDBClient, NotLeaderError, type StreamingRead } from '@eventstore/db-client';
import { EventStoreUnavailable } from '../errors';
import { toPortError, type ErrorContext } from './eventstoredb-mapping';

/** The part of the official client this adapter uses (the real client, or a stand-in in unit tests). */
export type EventStoreDbClientLike = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

/**
 * Every request to the server goes through here, so that each has a deadline: an unreachable or silent
 * server gives EventStoreUnavailable, never a hang, and the client's errors become the port's.
 */
export class EventStoreDbCalls {
  private closed = false;

  constructor(
    readonly client: EventStoreDbClientLike,
    readonly target: string,
    readonly deadlineMs: number,
  ) {}

  close(): void {
    this.closed = true;
  }

  assertOpen(): void {
    if (this.closed) throw new Error('this EventStoreDB event store has been closed');
  }

  /** Reads one event from the end of $all: whether the server answers within the time. */
  async probe(timeoutMs: number, operation: string): Promise<void> {
    await this.drain(operation, this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }), () => false, timeoutMs);
  }

  /** A single request with a deadline; a leader change is retried once (the client reconnects to the new leader). */
  async call<T>(operation: string, request: () => Promise<T>, context: Partial<ErrorContext> = {}): Promise<T> {
    this.assertOpen();
    for (let attempt = 1; ; attempt++) {
      const pending = request();
      pending.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new EventStoreUnavailable(
                `EventStoreDB at ${this.target} did not answer within ${this.deadlineMs} ms (${operation}); ` +
                  'if this was an append, it may or may not have been stored: retrying it with the same event ids is safe',
              ),
            ),
          this.deadlineMs + 1_000,
        );
      });
      try {
        return await Promise.race([pending, timeout]);
      } catch (error) {
        if (error instanceof NotLeaderError && attempt === 1) continue;
        throw toPortError(error, { operation, target: this.target, ...context });
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /**
   * Consumes a streaming read, calling `visit` for each item until it returns false. Fails with
   * EventStoreUnavailable when the server says nothing for `idleMs` (a long read that keeps answering may
   * take as long as it needs); other errors are mapped to the port's (StreamNotFoundError passes through).
   */
  async drain<E>(operation: string, read: StreamingRead<E>, visit: (item: E) => boolean | void, idleMs = this.deadlineMs): Promise<void> {
    this.assertOpen();
    let timer: NodeJS.Timeout | undefined;
    let rejectIdle!: (error: Error) => void;
    const idle = new Promise<never>((_, reject) => (rejectIdle = reject));
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => rejectIdle(new EventStoreUnavailable(`EventStoreDB at ${this.target} did not answer within ${idleMs} ms (${operation})`)),
        idleMs,
      );
    };
    let exhausted = false;
    const consume = (async () => {
      arm();
      for await (const item of read) {
        arm();
        if (visit(item) === false) return;
      }
      exhausted = true;
    })();
    consume.catch(() => undefined);
    try {
      await Promise.race([consume, idle]);
    } catch (error) {
      throw toPortError(error, { operation, target: this.target });
    } finally {
      clearTimeout(timer);
      // leaving early (enough items, an error, the idle deadline) must also end the gRPC call:
      // destroying the client's Readable does not cancel the call underneath it
      if (!exhausted) {
        await read.cancel().catch(() => undefined);
        read.destroy();
      }
    }
  }
}
