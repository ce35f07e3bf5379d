import type { Histogram } from 'prom-client';
import type { EventStore } from '../../../../libs/event-store/src';

/**
 * Times every append of this store instance into `histogram`, refused ones included (a conflict
 * costs a round trip too). Patched on the instance itself rather than wrapped in a proxy, so the
 * store keeps its class, its other methods and `this` exactly as the adapters expect.
 */
export function timeAppends(store: EventStore, histogram: Histogram<'store'>, label: string): EventStore {
  const append = store.append.bind(store);
  store.append = async (...args) => {
    const end = histogram.startTimer({ store: label });
    try {
      return await append(...args);
    } finally {
      end();
    }
  };
  return store;
}
