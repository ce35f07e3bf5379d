import { useEffect, useState } from 'preact/hooks';

/** A value that components can follow: the app's few pieces of shared state (language, session, URL). */
export interface Store<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: (value: T) => void): () => void;
}

export const createStore = <T>(initial: T): Store<T> => {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of [...listeners]) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};

/** Re-renders the component whenever the store changes. */
export const useStore = <T>(store: Store<T>): T => {
  const value = store.get();
  const [, setTick] = useState(0);
  useEffect(() => {
    // A change between render and subscription (a child's effect navigating, say) is not missed.
    if (!Object.is(store.get(), value)) setTick((n) => n + 1);
    return store.subscribe(() => setTick((n) => n + 1));
  }, [store]);
  return value;
};
