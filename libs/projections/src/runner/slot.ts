import type { Projection } from '../projection';
import type { ProjectionGroup } from './projection-group';
import type { GenerationRow } from './projection-tables';

/** What feeds a live generation: a group in this thread, or a catch-up on another (CatchUpThread). */
export interface Feeder {
  /** Stops feeding it after the batch in flight; resolves with its last committed checkpoint. */
  detach(name: string): Promise<number>;
}

export type SlotKind = 'projection' | 'saga';

/** A generation this process builds beside the live one. */
export interface Build {
  generation: number;
  version: number;
  /** the group that builds it here; null while a catch-up thread builds it */
  group: ProjectionGroup | null;
  checkpoint: number;
  /** folded so far, committed or not: what the progress shows */
  folded: number;
  startedAt: number;
  swapping: boolean;
}

/** One registered projection or saga, and what this process knows of its generations and feeds. */
export interface Slot {
  def: Projection<unknown>;
  kind: SlotKind;
  dispatch?: (commands: unknown[]) => Promise<void>;
  /** the live generation (checkpoint as far as this process knows) */
  live: GenerationRow | null;
  /** what feeds the live generation in this process */
  feeder: Feeder | null;
  build: Build | null;
  error: string | null;
  /** when the failures that `error` reports began (ms); a commit clears both */
  failingSince: number | null;
  /** the transactions written for the live generation while it followed the log, and the events in them (since this process started) */
  followed: { transactions: number; events: number };
}
