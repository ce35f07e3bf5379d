import type { Projection } from '../projection';
import type { GenerationRow, ProjectionTables } from './projection-tables';

/**
 * A generation's life beside the live one: created empty as `building`, fed from position 0 by a
 * group, swapped in once it has caught up, and then the generation it replaced is dropped. The
 * API's host and the CLI's offline rebuild both go through here, so that they agree on what
 * becomes of the old documents.
 */

/** A fresh, empty generation at position 0 that `owner` builds and heartbeats. */
export const beginBuild = (tables: ProjectionTables, projection: Projection<unknown>, owner: string): Promise<GenerationRow> =>
  tables.createGeneration(projection.name, projection.version, 'building', owner);

/** Drops a build nobody will finish (its writer stopped, or another version replaced it). */
export const abandonBuild = (tables: ProjectionTables, row: Pick<GenerationRow, 'name' | 'generation'>): Promise<void> => tables.drop(row.name, row.generation);

export type SwapOutcome =
  /** live now; `retired` settles once the generations it replaced are dropped */
  | { swapped: true; retired: Promise<void> }
  /** the live generation is still ahead (fed elsewhere): try again after the next commit */
  | { swapped: false; gone: false }
  /** the build was dropped (or swapped in) by another process: stop building it */
  | { swapped: false; gone: true };

/**
 * Swaps a caught-up build in, in one transaction that retires the live generation only when it
 * has not seen more (so what readers see never goes back), then drops what was retired.
 */
export async function swapIn(tables: ProjectionTables, name: string, generation: number): Promise<SwapOutcome> {
  if (await tables.swap(name, generation)) return { swapped: true, retired: dropRetired(tables, name) };
  const still = (await tables.generations(name)).find((r) => r.generation === generation);
  return still && still.state === 'building' ? { swapped: false, gone: false } : { swapped: false, gone: true };
}

/**
 * The one retirement rule: after a swap, every retired generation of the projection is dropped,
 * not only the one the swapper believed was live. Both are safe, since a retired generation is
 * read by nobody (queries read the live one in a single statement, so one in flight keeps its
 * snapshot) and written by nobody (a commit to it is refused). Only this rule is complete: the
 * live generation a process remembers may be stale (a swap made by the CLI or another instance),
 * and a swapper may die between its swap and its drop; dropping only "the old one I knew" left
 * those documents in the read store for good, because nothing else ever deletes a retired one.
 */
export async function dropRetired(tables: ProjectionTables, name: string): Promise<void> {
  for (const r of await tables.generations(name)) {
    if (r.state === 'retired') await tables.drop(name, r.generation);
  }
}
