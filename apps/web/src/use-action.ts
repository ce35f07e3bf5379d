import { useState } from 'preact/hooks';

/**
 * A user's action against the API: busy while it runs, its error (shown beside the form, whose
 * input stays) until the next attempt.
 */
export const useAction = () => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Returns nothing to wait for: an event handler drops what it returns, and the failure is kept in `error`.
  const run = (action: () => Promise<void>, event?: Event): void => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    void action()
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return { busy, error, run };
};
