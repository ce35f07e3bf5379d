import { ProjectionGroup, ProjectionReader, ProjectionTables, type Projection } from '../../libs/projections/src';
import { createReadStore } from '../../libs/read-store/src';
import { freshDatabase, testDatabaseUrl } from '../support/postgres-server';
import { partnerStores } from './support/partner-stores';

// Partners registered as "<group>.<name>" make documents "<group>/<name>"; registering
// "<group>.stamp" names no document but stamps every one of the group's family. Each document
// carries some weight, so a small byte budget drops most of them from memory once live: a stamp
// must still reach them, read back from the read store.
interface Member {
  registrations: number;
  stamps: number;
  ballast: string;
}
const [groupOf, nameOf] = [(partnerId: string) => partnerId.split('.')[0], (partnerId: string) => partnerId.split('.')[1]];
const families: Projection<Member> = {
  name: 'families',
  version: 1,
  documentIds: (event) =>
    event.type === 'PartnerRegistered' && nameOf(event.data.partnerId) !== 'stamp' ? [`${groupOf(event.data.partnerId)}/${nameOf(event.data.partnerId)}`] : [],
  familyOf: (event) => (event.type === 'PartnerRegistered' && nameOf(event.data.partnerId) === 'stamp' ? groupOf(event.data.partnerId) : null),
  reduce: (doc, event) => {
    const stamp = event.type === 'PartnerRegistered' && nameOf(event.data.partnerId) === 'stamp';
    if (!doc && stamp) return null;
    return { registrations: (doc?.registrations ?? 0) + (stamp ? 0 : 1), stamps: (doc?.stamps ?? 0) + (stamp ? 1 : 0), ballast: 'x'.repeat(1000) };
  },
};

describe.each(['sqlite', 'postgres'] as const)('a family of documents on the %s read store', (kind) => {
  // The event store is SQLite either way; only the read store changes.
  const stores = partnerStores(
    'regie-families-',
    kind === 'sqlite' ? undefined : async () => createReadStore({ kind: 'postgres', databaseUrl: await freshDatabase(testDatabaseUrl()) }),
  );

  it('an event for the family reaches every member, in memory or not, and no document outside it; the reader reads the family as one', async () => {
    const { store, readStore, register } = stores;
    const members = Array.from({ length: 30 }, (_, i) => `g.m${String(i).padStart(2, '0')}`);
    // Ids that sort next to the family's ('g-x/…', 'g0/…') or differ only in case ('G/…') are not in it.
    const outsiders = ['g-x.a', 'g0.a', 'G.a', 'h.a'];
    for (const p of [...members, ...outsiders]) await register(p);
    const tables = new ProjectionTables(readStore);
    await tables.ensureSchema();
    const generation = await tables.createGeneration('families', 1, 'live', null);
    let live = false;
    const group = new ProjectionGroup(store, tables, [{ projection: families, generation: generation.generation, checkpoint: 0 }], {
      cacheBytes: 8 * 1024,
      onLive: () => (live = true),
    });
    const running = group.run();
    try {
      while (!live) await new Promise((resolve) => setTimeout(resolve, 20));
      // Every member once more while live: most of them leave memory again.
      for (const p of members) await register(p);
      await group.waitForMember('families', await register('g.stamp'));
      expect(group.heldBytes).toBeLessThanOrEqual(8 * 1024);
      await group.waitForMember('families', await register('g.stamp'));

      const stored = await tables.dump('families', generation.generation);
      const doc = (id: string) => JSON.parse(stored.get(id)!) as Member;
      for (const p of members) expect(doc(`g/${nameOf(p)}`)).toMatchObject({ registrations: 2, stamps: 2 });
      for (const p of outsiders) expect(doc(`${groupOf(p)}/a`)).toMatchObject({ registrations: 1, stamps: 0 });
      expect(stored.has('g/stamp')).toBe(false);

      const family = await new ProjectionReader(tables).family<Member>('families', 'g');
      expect(family.root).toBeNull();
      expect(family.members).toHaveLength(members.length);
      expect(family.members.every((m) => m.stamps === 2)).toBe(true);
    } finally {
      await group.stop();
      await running.catch(() => undefined);
    }
  });
});
