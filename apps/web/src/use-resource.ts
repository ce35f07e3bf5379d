import { useCallback, useEffect, useState } from 'preact/hooks';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads what `load` fetches whenever `key` changes; a newer load wins over a slower older one. */
export const useResource = <T>(load: () => Promise<T>, key: string): Resource<T> => {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean; key: string }>({ loading: true, key });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true, error: undefined, key }));
    load().then(
      (data) => current && setState({ data, loading: false, key }),
      (error) => current && setState({ error, loading: false, key }),
    );
    return () => {
      current = false;
    };
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.key === key ? state.data : undefined, error: state.error, loading: state.loading, reload };
};
