import { ProjectionGroup, ProjectionReader, ProjectionTables, type Projection } from '../../libs/projections/src';
import { partnerStores } from './support/partner-stores';

// One document per partner, 100 KB each: 120 of them are more than the reader keeps parsed (8 MiB),
// so reading them over and over makes it drop and keep documents the whole time.
interface Counted {
  registrations: number;
  ballast: string;
}
const counted: Projection<Counted> = {
  name: 'counted',
  version: 1,
  documentIds: (event) => (event.type === 'PartnerRegistered' ? [event.data.partnerId] : []),
  reduce: (doc) => ({ registrations: (doc?.registrations ?? 0) + 1, ballast: 'x'.repeat(100_000) }),
};
const DOCUMENTS = 120;
const ids = Array.from({ length: DOCUMENTS }, (_, i) => `p${String(i).padStart(3, '0')}`);

describe('the projection reader keeps parsed documents', () => {
  const stores = partnerStores('regie-reader-cache-');

  it('answers every document as it is stored, through more reads than it keeps and after the documents change', async () => {
    const { store, readStore, register } = stores;
    for (const id of ids) await register(id);
    const tables = new ProjectionTables(readStore);
    await tables.ensureSchema();
    const { generation } = await tables.createGeneration('counted', 1, 'live', null);
    let live = false;
    const group = new ProjectionGroup(store, tables, [{ projection: counted, generation, checkpoint: 0 }], { onLive: () => (live = true) });
    const running = group.run();
    const reader = new ProjectionReader(tables);
    const registrations = async (order: string[]) => {
      const seen = new Map<string, number>();
      for (const id of order) seen.set(id, (await reader.document<Counted>('counted', id)).doc!.registrations);
      return seen;
    };
    try {
      while (!live) await new Promise((resolve) => setTimeout(resolve, 20));
      // A few documents read all the time between sweeps over all of them: the ones the reader keeps.
      const hot = ids.slice(0, 5);
      const rounds = (order: string[]) => Array.from({ length: 3 }, () => [...hot, ...order, ...hot]).flat();
      const before = await registrations(rounds(ids));
      expect([...before.values()].every((n) => n === 1)).toBe(true);

      // Every third document changes, hot ones among them; each read must see it.
      let last = 0;
      for (const id of ids.filter((_, i) => i % 3 === 0)) last = await register(id);
      await group.waitForMember('counted', last);
      const after = await registrations(rounds([...ids].reverse()));
      ids.forEach((id, i) => expect([id, after.get(id)]).toEqual([id, i % 3 === 0 ? 2 : 1]));

      const stored = await tables.dump('counted', generation);
      for (const id of ids) expect((await reader.document<Counted>('counted', id)).doc).toEqual(JSON.parse(stored.get(id)!));
    } finally {
      await group.stop();
      await running.catch(() => undefined);
    }
  });
});
