import { ProjectionTables, TurnSlices } from '../../libs/projections/src';
import { createReadStore, type OpenedReadStore } from '../../libs/read-store/src';
import { tempDir } from '../support/temp-dir';

// A query must never wait for a projection batch being written: under a full command load the
// live batches were what a KPI read's p99 waited for.
describe('queries beside a projection batch being written', () => {
  let dir: ReturnType<typeof tempDir>;
  let readStore: OpenedReadStore;
  let tables: ProjectionTables;
  let generation: number;
  beforeEach(async () => {
    dir = tempDir('regie-reads-beside-');
    readStore = await createReadStore({ kind: 'sqlite', dataDir: dir.path });
    tables = new ProjectionTables(readStore);
    await tables.ensureSchema();
    ({ generation } = await tables.createGeneration('counter', 1, 'live', null));
    await tables.commit([{ name: 'counter', generation, from: 0, to: 1, documents: new Map([['a', { n: 1 }]]) }]);
  });
  afterEach(async () => {
    await readStore.close();
    dir.remove();
  });

  const bigBatch = (): Map<string, unknown> => {
    const documents = new Map<string, unknown>([['a', { n: 2 }]]);
    for (let i = 0; i < 3000; i++) documents.set(`d-${i}`, { n: i, ballast: 'x'.repeat(200) });
    return documents;
  };

  it('are answered with the last committed documents and position while the batch is still open, then with the batch', async () => {
    let committed = false;
    const commit = tables.commit([{ name: 'counter', generation, from: 1, to: 2, documents: bigBatch() }], new TurnSlices(0)).then(() => (committed = true));
    await new Promise((resolve) => setImmediate(resolve));

    const during = await tables.liveDocument('counter', 'a');
    expect(committed).toBe(false);
    expect(during).toEqual({ position: 1, body: JSON.stringify({ n: 1 }) });
    const listed = await tables.liveDocumentRows('counter');
    expect(listed.position).toBe(1);
    expect(listed.rows.map((r) => r.id)).toEqual(['a']);

    await commit;
    expect(await tables.liveDocument('counter', 'a')).toEqual({ position: 2, body: JSON.stringify({ n: 2 }) });
    expect((await tables.liveDocumentRows('counter')).rows).toHaveLength(3001);
  });

  it('never see part of a batch, however many turns it takes', async () => {
    let committed = false;
    const commit = tables.commit([{ name: 'counter', generation, from: 1, to: 2, documents: bigBatch() }], new TurnSlices(0)).then(() => (committed = true));
    let turnsWhileOpen = 0;
    while (!committed) {
      const { position, rows } = await tables.liveDocumentRows('counter');
      expect(rows.length).toBe(position === 1 ? 1 : 3001);
      if (position === 1) turnsWhileOpen++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await commit;
    // The batch took several turns, and the reads in between saw none of it.
    expect(turnsWhileOpen).toBeGreaterThan(2);
  });
});
