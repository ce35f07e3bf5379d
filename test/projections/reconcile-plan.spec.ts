import { planReconcile, type ReconcileContext, type SlotView } from '../../libs/projections/src/runner/reconcile-plan';
import type { GenerationRow } from '../../libs/projections/src/runner/projection-tables';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const ctx: ReconcileContext = { owner: 'me', now: NOW, staleBuildMs: 30_000, leasing: false };
const row = (generation: number, over: Partial<GenerationRow> = {}): GenerationRow => ({
  name: 'portfolio',
  generation,
  version: 2,
  state: 'live',
  checkpoint: 100,
  owner: null,
  createdAt: ago(60_000),
  heartbeatAt: ago(1_000),
  ...over,
});
const slot = (over: Partial<SlotView> = {}): SlotView => ({
  name: 'portfolio',
  version: 2,
  kind: 'projection',
  live: { generation: 1, checkpoint: 100 },
  feeding: true,
  building: null,
  ...over,
});

describe('reconciling a projection with the generation table', () => {
  it('a live generation of this version that nobody here feeds is fed; one fed already is left alone', () => {
    expect(planReconcile(slot({ live: null, feeding: false }), [row(1)], ctx)).toMatchObject({ follow: true, feed: 'start', buildVersion: false });
    expect(planReconcile(slot(), [row(1)], ctx)).toMatchObject({ follow: false, feed: 'none', drop: [], claim: [] });
  });

  it('a generation swapped in elsewhere is followed, and fed here', () => {
    expect(planReconcile(slot(), [row(1, { state: 'retired' }), row(2)], ctx)).toMatchObject({ follow: true, feed: 'start', live: { generation: 2 } });
  });

  it('instances sharing a read store ask for the lease each time: holding it is what lets one feed', () => {
    expect(planReconcile(slot(), [row(1)], { ...ctx, leasing: true }).feed).toBe('lease');
  });

  it('an outdated live generation is not fed; the new version is built beside it unless someone builds it already', () => {
    const old = row(1, { version: 1 });
    expect(planReconcile(slot({ feeding: false }), [old], ctx)).toMatchObject({ feed: 'none', buildVersion: true });
    const elsewhere = row(2, { state: 'building', owner: 'cli' });
    expect(planReconcile(slot({ feeding: false }), [old, elsewhere], ctx)).toMatchObject({ buildVersion: false, drop: [], claim: [] });
  });

  it('an abandoned build of this version is taken over, an abandoned one of another version dropped', () => {
    const old = row(1, { version: 1 });
    const quiet = row(2, { state: 'building', owner: 'cli', heartbeatAt: ago(60_000) });
    const stale = row(3, { state: 'building', version: 1, owner: 'cli', heartbeatAt: ago(60_000) });
    const plan = planReconcile(slot({ feeding: false }), [old, quiet, stale], ctx);
    expect(plan.claim.map((r) => r.generation)).toEqual([2]);
    expect(plan.drop.map((r) => r.generation)).toEqual([3]);
    expect(plan.buildVersion).toBe(true); // only if the claim fails
  });

  it('a build of this process that it lost track of counts as abandoned; one it still builds does not', () => {
    const mine = row(2, { state: 'building', owner: 'me' });
    expect(planReconcile(slot(), [row(1), mine], ctx).claim).toEqual([mine]);
    expect(planReconcile(slot({ building: 2 }), [row(1), mine], ctx)).toMatchObject({ claim: [], drop: [] });
  });

  it('while this process builds, abandoned builds beside it are dropped, not taken over', () => {
    const quiet = row(3, { state: 'building', owner: 'cli', heartbeatAt: ago(60_000) });
    expect(planReconcile(slot({ building: 2 }), [row(1), row(2, { state: 'building', owner: 'me' }), quiet], ctx)).toMatchObject({ claim: [], drop: [quiet] });
  });
});
