import type { StoredEvent, Subscription } from '../../../event-store/src';

const IDLE = Symbol('idle');
const nextTurn = () => new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)));

/**
 * Groups a live subscription into batches: everything the subscription can hand over without
 * waiting for the store (up to `max`), so a burst of appends becomes one transaction and a single
 * append is written at once.
 */
export async function* batchesOf(subscription: Subscription, max: number): AsyncGenerator<StoredEvent[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<StoredEvent>> | null = null;
  for (;;) {
    const first: IteratorResult<StoredEvent> = await (pending ?? iterator.next());
    pending = null;
    if (first.done) return;
    const batch = [first.value];
    while (batch.length < max) {
      const next = iterator.next();
      const r = await Promise.race([next, nextTurn()]);
      if (r === IDLE) {
        pending = next;
        break;
      }
      if (r.done) {
        yield batch;
        return;
      }
      batch.push(r.value);
    }
    yield batch;
  }
}
