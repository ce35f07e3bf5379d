import { performance } from 'node:perf_hooks';

/**
 * Cuts long synchronous work into slices: once `due`, the caller awaits `next()`, which hands the
 * event loop back. A request that arrives while a projection batch is folded or written then waits
 * for one slice, not for the whole batch (under a full command load a live batch took 20–80 ms,
 * and a KPI read's p99 was that).
 *
 * `due` is a clock read and no await, so asking it at every event of a million-event catch-up
 * costs a fraction of a second. The pause is a turn of setImmediate: the event loop polls for I/O
 * first, so requests that are ready get in.
 */
export class TurnSlices {
  private since = performance.now();

  constructor(private readonly sliceMs: number) {}

  get due(): boolean {
    return performance.now() - this.since >= this.sliceMs;
  }

  async next(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}
