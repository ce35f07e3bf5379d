import type { InitiativeState } from '../../../../libs/initiative/src';

export interface CachedState {
  state: InitiativeState;
  /** the stream's revision the state is folded up to */
  revision: number;
}

/**
 * Folded initiative states, least recently used out first, each exact at its revision (folded from
 * the store, or moved on by this process's own append). A command decides on a hit without reading
 * the store; the store stays the truth all the same: its append is checked against the cached
 * revision, so one that another writer overtook fails and goes again from what the store holds, and
 * a refusal is given only once the store has confirmed the state (InitiativeCommandLoop).
 */
export class StateCache {
  private readonly entries = new Map<string, CachedState>();

  constructor(private readonly capacity: number) {}

  get(id: string): CachedState | undefined {
    const entry = this.entries.get(id);
    if (entry) {
      // Map keeps insertion order: re-inserting marks it as the most recently used.
      this.entries.delete(id);
      this.entries.set(id, entry);
    }
    return entry;
  }

  set(id: string, entry: CachedState): void {
    if (this.capacity === 0) return;
    const known = this.entries.get(id);
    if (known && known.revision > entry.revision) return;
    this.entries.delete(id);
    this.entries.set(id, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
