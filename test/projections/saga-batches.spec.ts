import { ProjectionGroup, ProjectionTables, type GroupCommit, type ProcessManager, type Projection } from '../../libs/projections/src';
import { partnerStores } from './support/partner-stores';

// One document per partner counting its events: each must be counted exactly once, batched or not.
const counting = (name: string): Projection<{ events: number }> => ({
  name,
  version: 1,
  documentIds: (event) => (event.type === 'PartnerRegistered' ? [event.data.partnerId] : []),
  reduce: (doc) => ({ events: (doc?.events ?? 0) + 1 }),
});
const saga: ProcessManager<{ events: number }> = { ...counting('saga'), react: () => [] };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a group of process managers only follows the log in batches a moment apart', () => {
  const stores = partnerStores('regie-saga-batches-');

  it('writes far fewer transactions than a projection fed the same events one command at a time, and counts each event once', async () => {
    const { store, readStore, register } = stores;
    const tables = new ProjectionTables(readStore);
    await tables.ensureSchema();
    const started = async (projection: Projection<{ events: number }>) => {
      const { generation } = await tables.createGeneration(projection.name, 1, 'live', null);
      const live: GroupCommit[] = [];
      let following = false;
      const group = new ProjectionGroup(store, tables, [{ projection, generation, checkpoint: 0 }], {
        onLive: () => (following = true),
        onCommit: (commit) => commit.live && commit.events && live.push(commit),
      });
      const running = group.run();
      while (!following) await pause(10);
      return { group, running, generation, live };
    };
    const projection = await started(counting('dashboard'));
    const manager = await started(saga);
    try {
      // One client sending commands one after another, each answered before the next.
      const partners = Array.from({ length: 30 }, (_, i) => `p-${String(i).padStart(2, '0')}`);
      let last = 0;
      for (const p of partners) {
        last = await register(p);
        await pause(2);
      }
      await projection.group.waitForMember('dashboard', last);
      await manager.group.waitForMember('saga', last);

      // The projection, read after each command, writes as the events come; the saga gathers them.
      expect(projection.live.length).toBeGreaterThanOrEqual(partners.length / 2);
      expect(manager.live.length).toBeLessThanOrEqual(projection.live.length / 2);
      expect(manager.live.reduce((sum, c) => sum + c.events, 0)).toBe(partners.length);
      for (const [name, { generation }] of [
        ['dashboard', projection],
        ['saga', manager],
      ] as const) {
        const stored = await tables.dump(name, generation);
        expect([...stored.keys()].sort()).toEqual(partners);
        for (const body of stored.values()) expect(JSON.parse(body)).toEqual({ events: 1 });
      }
    } finally {
      for (const { group, running } of [projection, manager]) {
        await group.stop();
        await running.catch(() => undefined);
      }
    }
  });
});
