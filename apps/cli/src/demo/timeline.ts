import type { ManualClock } from '../../../api/src/write/clock';

/**
 * Runs several storylines side by side in domain time. Each storyline is plain sequential code
 * that says `await on(date)` before it acts; the timeline always lets the storyline with the
 * earliest next moment go first and sets the clock to that moment. The result is one log whose
 * events are in time order across all initiatives, as if the three networks had really run in
 * parallel for two years — which is what as-of queries and the portfolio expect.
 */
export class Timeline {
  private readonly waiting: Array<{ at: number; storyline: number; resolve: () => void }> = [];
  private running = 0;
  private failed: ((error: unknown) => void) | null = null;

  constructor(private readonly clock: ManualClock) {}

  /** Resolves when every storyline has finished; rejects with the first storyline that fails. */
  run(storylines: Array<(waitUntil: (at: Date) => Promise<void>) => Promise<void>>): Promise<void> {
    return new Promise((resolve, reject) => {
      let left = storylines.length;
      this.failed = reject;
      this.running = storylines.length;
      storylines.forEach((storyline, index) => {
        const waitUntil = (at: Date) => this.wait(index, at.getTime());
        storyline(waitUntil).then(
          () => {
            this.running--;
            if (--left === 0) resolve();
            else this.dispatch();
          },
          (error: unknown) => {
            // The other storylines stay parked; the demo stops here.
            this.failed = null;
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes the storyline's own rejection on unchanged
            reject(error);
          },
        );
      });
    });
  }

  private wait(storyline: number, at: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push({ at, storyline, resolve });
      this.running--;
      this.dispatch();
    });
  }

  /** Once every storyline is parked, wake the earliest (ties: in the order the storylines were given). */
  private dispatch(): void {
    if (this.running > 0 || !this.waiting.length || !this.failed) return;
    this.waiting.sort((a, b) => a.at - b.at || a.storyline - b.storyline);
    const next = this.waiting.shift()!;
    // The clock never goes back, so the log's occurredAt never does either.
    if (next.at > this.clock.now().getTime()) this.clock.set(new Date(next.at));
    this.running++;
    next.resolve();
  }
}
