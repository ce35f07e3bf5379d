import type { GenerationRow } from './projection-tables';
import type { SlotKind } from './slot';

/** What reconciling needs to know of a slot in this process. */
export interface SlotView {
  name: string;
  version: number;
  kind: SlotKind;
  /** the live generation as this process knows it */
  live: { generation: number; checkpoint: number } | null;
  /** a group here feeds the live generation */
  feeding: boolean;
  /** the generation a group here builds, or null */
  building: number | null;
}

export interface ReconcileContext {
  /** this process's name in the generation table */
  owner: string;
  now: number;
  /** a build whose writer was quiet this long is taken over or dropped */
  staleBuildMs: number;
  /** several instances share the read store: one feeds each live generation, by lease */
  leasing: boolean;
}

/** What to do about one slot, decided from the generation table alone. */
export interface SlotPlan {
  slot: SlotView;
  /** the table's live generation */
  live: GenerationRow;
  /** it is not the one this process followed: stop feeding that one and follow this one */
  follow: boolean;
  /**
   * start: feed the live generation here; lease: feed it only while holding its lease (and stop
   * feeding once another instance holds it); none: it is fed already, or is of another version.
   */
  feed: 'start' | 'lease' | 'none';
  /** abandoned builds nobody will finish */
  drop: GenerationRow[];
  /** abandoned builds of this version, in order: take over the first that can be claimed, drop the rest */
  claim: GenerationRow[];
  /** the live generation is of another version and nobody builds this one: start building it, unless a claim succeeded */
  buildVersion: boolean;
}

/**
 * Brings a slot in line with the generation table: follow a live generation swapped in elsewhere,
 * feed live generations of the current version nobody here feeds (first start, after a failure,
 * after a swap elsewhere), build a new version beside an outdated live one, take over abandoned
 * builds. The table must hold a live generation for the slot (the very first start creates one).
 */
export function planReconcile(slot: SlotView, rows: readonly GenerationRow[], ctx: ReconcileContext): SlotPlan {
  const mine = rows.filter((r) => r.name === slot.name);
  const live = mine.find((r) => r.state === 'live');
  if (!live) throw new Error(`projection ${slot.name} has no live generation to reconcile with`);
  const follow = !slot.live || slot.live.generation !== live.generation;
  const feeding = slot.feeding && !follow;
  const feedable = live.version === slot.version && slot.building !== live.generation;
  // Under a lease, asking again each time is what keeps it (the ask is the heartbeat).
  const feed = !feedable ? 'none' : ctx.leasing ? 'lease' : feeding ? 'none' : 'start';

  const drop: GenerationRow[] = [];
  const claim: GenerationRow[] = [];
  // someone builds this version: this process, or a writer elsewhere that is still heard of
  let built = false;
  for (const b of mine.filter((r) => r.state === 'building')) {
    if (slot.building === b.generation) {
      built = true;
      continue;
    }
    const abandoned = b.owner === ctx.owner || ctx.now - Date.parse(b.heartbeatAt) > ctx.staleBuildMs;
    if (!abandoned) {
      built = built || b.version === slot.version;
      continue;
    }
    if (b.version !== slot.version || slot.building !== null || built) drop.push(b);
    else claim.push(b);
  }
  const buildVersion = live.version !== slot.version && !built && slot.building === null;
  return { slot, live, follow, feed, drop, claim, buildVersion };
}

/** Slots without a live generation: the very first start, where the live one builds from 0. */
export const withoutLive = (names: readonly string[], rows: readonly GenerationRow[]): string[] =>
  names.filter((n) => !rows.some((r) => r.name === n && r.state === 'live'));
