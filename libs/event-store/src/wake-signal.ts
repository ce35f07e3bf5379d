/**
 * Wakes waiting subscribers when this process appended, and otherwise after `pollMs`, so that
 * appends from other processes or instances are seen too.
 */
export class WakeSignal {
  private waiters = new Set<() => void>();

  notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  wait(pollMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      this.waiters.add(done);
    });
  }
}
