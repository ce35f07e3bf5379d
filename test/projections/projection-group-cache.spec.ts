import { ProjectionGroup, ProjectionTables, type Projection } from '../../libs/projections/src';
import { partnerStores } from './support/partner-stores';

// One document per partner that counts its events and carries some weight, so a small byte budget
// holds only a few of them: a document dropped from memory and read back must count on exactly.
interface Counted {
  events: number;
  ballast: string;
}
const counter: Projection<Counted> = {
  name: 'counter',
  version: 1,
  documentIds: (event) => (event.type === 'PartnerRegistered' ? [event.data.partnerId] : []),
  reduce: (doc) => ({ events: (doc?.events ?? 0) + 1, ballast: 'x'.repeat(1000) }),
};

describe('the projection group keeps what it holds in memory within its byte budget once live', () => {
  const stores = partnerStores('regie-group-cache-');

  it('drops the least recently changed documents, reads them back when events reach them, and counts every event once', async () => {
    const { store, readStore, register } = stores;
    const partners = Array.from({ length: 40 }, (_, i) => `p-${String(i).padStart(2, '0')}`);
    for (const p of partners) await register(p);
    const tables = new ProjectionTables(readStore);
    await tables.ensureSchema();
    const generation = await tables.createGeneration('counter', 1, 'live', null);
    const budget = 8 * 1024;
    let live = false;
    const group = new ProjectionGroup(store, tables, [{ projection: counter, generation: generation.generation, checkpoint: 0 }], {
      cacheBytes: budget,
      onLive: () => (live = true),
    });
    const running = group.run();
    try {
      while (!live) await new Promise((resolve) => setTimeout(resolve, 20));
      // Every partner again, twice, while following: each document is dropped and read back.
      let last = 0;
      for (let round = 0; round < 2; round++) for (const p of partners) last = await register(p);
      await group.waitForMember('counter', last);
      expect(group.heldBytes).toBeGreaterThan(0);
      expect(group.heldBytes).toBeLessThanOrEqual(budget);
      const stored = await tables.dump('counter', generation.generation);
      expect(stored.size).toBe(partners.length);
      for (const p of partners) expect((JSON.parse(stored.get(p)!) as Counted).events).toBe(3);
    } finally {
      await group.stop();
      await running.catch(() => undefined);
    }
  });
});
