import type { EventStore } from '../../../event-store/src';
import type { ReadStore } from '../../../read-store/src';
import type { ProcessManager, Projection } from '../projection';
import type { CatchUpPolicy } from './catch-up-thread';
import type { GroupOptions } from './projection-group';

export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const quiet: RunnerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A saga and how its commands reach the write side. `dispatch` is a method so that a binding of
 * whatever command type can be kept beside the others: the host only ever hands a saga's own
 * commands back to its own binding.
 */
export interface SagaBinding<C = unknown> {
  saga: ProcessManager<unknown, C>;
  dispatch(commands: C[]): Promise<void>;
}

export interface ProjectionHostOptions<C = unknown> {
  store: EventStore;
  readStore: ReadStore;
  projections: ReadonlyArray<Projection<unknown>>;
  sagas?: ReadonlyArray<SagaBinding<C>>;
  group?: Omit<GroupOptions, 'dispatch' | 'onCommit' | 'onLive'>;
  /** how often to look for generations swapped, fed or abandoned elsewhere (default 1,000 ms) */
  reconcileMs?: number;
  /** a build no writer touched for this long is taken over or dropped (default 30 s) */
  staleBuildMs?: number;
  /** wait before feeding again after a failed batch (default 2,000 ms) */
  retryMs?: number;
  /**
   * Several instances on one PostgreSQL read store: one feeds each live generation (a lease in
   * the generation table), the others read the checkpoints it commits. A lease whose holder has
   * not been heard of for this long is taken over (default 10 s). SQLite serves one process: no lease.
   */
  leaseMs?: number;
  /** which projections may catch up on another thread, and from how far behind (off when absent) */
  catchUp?: CatchUpPolicy;
  logger?: RunnerLogger;
}
