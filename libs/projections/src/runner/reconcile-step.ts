import { abandonBuild, beginBuild } from './build-and-swap';
import type { GenerationRow, ProjectionTables } from './projection-tables';
import { planReconcile, withoutLive, type ReconcileContext, type SlotPlan, type SlotView } from './reconcile-plan';
import type { Slot } from './slot';

export interface ReconcileDeps {
  tables: ProjectionTables;
  owner: string;
  leasing: boolean;
  leaseMs: number;
  staleBuildMs: number;
  log: (message: string) => void;
}

/** The groups reconciling calls for; the host starts them. */
export interface ReconcileStarts {
  /** live generations to feed here */
  feed: Slot[];
  /** new versions to build beside their live generation */
  build: Array<{ slot: Slot; row: GenerationRow }>;
  /** abandoned builds this process took over */
  adopted: Array<{ slot: Slot; row: GenerationRow }>;
}

export const viewOf = (slot: Slot): SlotView => ({
  name: slot.def.name,
  version: slot.def.version,
  kind: slot.kind,
  live: slot.live,
  feeding: slot.feeder !== null,
  building: slot.build?.generation ?? null,
});

/** One round: read the generation table, plan each slot, carry the plans out. */
export async function reconcileSlots(slots: readonly Slot[], deps: ReconcileDeps): Promise<ReconcileStarts> {
  const rows = await deps.tables.generations();
  for (const name of withoutLive(
    slots.map((s) => s.def.name),
    rows,
  )) {
    const slot = slots.find((s) => s.def.name === name)!;
    rows.push(await deps.tables.createGeneration(name, slot.def.version, 'live', null));
  }
  const ctx: ReconcileContext = { owner: deps.owner, now: Date.now(), staleBuildMs: deps.staleBuildMs, leasing: deps.leasing };
  const starts: ReconcileStarts = { feed: [], build: [], adopted: [] };
  for (const slot of slots) {
    const done = await carryOut(planReconcile(viewOf(slot), rows, ctx), slot, deps);
    if (done.feed) starts.feed.push(slot);
    if (done.build) starts.build.push({ slot, row: done.build });
    if (done.adopted) starts.adopted.push({ slot, row: done.adopted });
  }
  return starts;
}

/** Carries one slot's plan out: the table calls it needs, and the slot's new state. */
async function carryOut(
  plan: SlotPlan,
  slot: Slot,
  deps: ReconcileDeps,
): Promise<{ feed: boolean; build: GenerationRow | null; adopted: GenerationRow | null }> {
  const { name } = slot.def;
  if (plan.follow) {
    if (slot.live) deps.log(`projection ${name}: generation ${plan.live.generation} was swapped in elsewhere`);
    await stopFeeding(slot);
    slot.live = { ...plan.live };
  } else if (slot.live && plan.live.checkpoint > slot.live.checkpoint) {
    slot.live.checkpoint = plan.live.checkpoint;
  }

  let feed = plan.feed === 'start';
  if (plan.feed === 'lease') {
    const held = await deps.tables.lease(name, plan.live.generation, deps.owner, deps.leaseMs);
    // Another instance holds it now (this one went quiet too long): its checkpoints are read instead.
    if (!held) await stopFeeding(slot);
    feed = held && !slot.feeder;
  }

  for (const row of plan.drop) await abandonBuild(deps.tables, row);
  let adopted: GenerationRow | null = null;
  for (const row of plan.claim) {
    if (adopted) await abandonBuild(deps.tables, row);
    else if (await deps.tables.claim(row, deps.owner)) adopted = row;
  }

  let build: GenerationRow | null = null;
  if (plan.buildVersion && !adopted) {
    deps.log(`projection ${name}: version ${slot.def.version} replaces version ${plan.live.version}; building it beside the live one`);
    build = await beginBuild(deps.tables, slot.def, deps.owner);
  }
  return { feed, build, adopted };
}

async function stopFeeding(slot: Slot): Promise<void> {
  if (!slot.feeder) return;
  await slot.feeder.detach(slot.def.name);
  slot.feeder = null;
}
