import { performance } from 'node:perf_hooks';

/**
 * Cuts long synchronous work into slices: `pause()` hands the event loop back once `sliceMs` has
 * passed since the last time, and costs nothing before. A request that arrives while a projection
 * batch is folded or written then waits for one slice, not for the whole batch (under a full
 * command load a live batch took 20–80 ms, and a KPI read's p99 was that).
 *
 * The pause is a turn of setImmediate: the event loop polls for I/O first, so requests that are
 * ready get in.
 */
export class TurnSlices {
  private since = performance.now();

  constructor(private readonly sliceMs: number) {}

  async pause(): Promise<void> {
    if (performance.now() - this.since < this.sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}
