import { useState } from 'preact/hooks';

/**
 * A user's action against the API: busy while it runs, its error (shown beside the form, whose
 * input stays) until the next attempt.
 */
export const useAction = () => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<void>, event?: Event): Promise<void> => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
};
