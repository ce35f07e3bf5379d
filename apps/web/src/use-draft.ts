import { useEffect, useState } from 'preact/hooks';

/**
 * Form input that survives a lost connection, an expired token and a sign-in in between: it is
 * kept in session storage under `key` until the form succeeds and clears it.
 */
export const useDraft = <T extends Record<string, string>>(key: string, initial: T): [T, (patch: Partial<T>) => void, () => void] => {
  const storageKey = `regie.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      return { ...initial, ...(JSON.parse(sessionStorage.getItem(storageKey) ?? '{}') as Partial<T>) };
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    sessionStorage.setItem(storageKey, JSON.stringify(value));
  }, [storageKey, value]);
  const update = (patch: Partial<T>) => setValue((v) => ({ ...v, ...patch }));
  const clear = () => {
    sessionStorage.removeItem(storageKey);
    setValue(initial);
  };
  return [value, update, clear];
};
