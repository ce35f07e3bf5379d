import { beginBuild, swapIn } from '../../libs/projections/src/runner/build-and-swap';
import { ProjectionTables } from '../../libs/projections/src';
import { createReadStore, type OpenedReadStore } from '../../libs/read-store/src';
import { tempDir } from '../support/temp-dir';

const portfolio = { name: 'portfolio', version: 1, documentIds: () => [], reduce: () => null };

describe('swapping a rebuilt generation in', () => {
  let dir: ReturnType<typeof tempDir>;
  let readStore: OpenedReadStore;
  let tables: ProjectionTables;
  beforeEach(async () => {
    dir = tempDir('regie-swap-');
    readStore = await createReadStore({ kind: 'sqlite', dataDir: dir.path });
    tables = new ProjectionTables(readStore);
    await tables.ensureSchema();
  });
  afterEach(async () => {
    await readStore.close();
    dir.remove();
  });

  const doc = (generation: number, to: number) => tables.commit([{ name: 'portfolio', generation, from: 0, to, documents: new Map([['a', { generation }]]) }]);

  it('drops every retired generation, also one a swapper that died left behind', async () => {
    await tables.createGeneration('portfolio', 1, 'live', null);
    await doc(1, 10);
    const second = await beginBuild(tables, portfolio, 'cli');
    await doc(second.generation, 10);
    expect(await tables.swap('portfolio', second.generation)).toBe(true); // and then the swapper died: generation 1 stays retired
    const third = await beginBuild(tables, portfolio, 'host');
    await doc(third.generation, 10);

    const outcome = await swapIn(tables, 'portfolio', third.generation);
    expect(outcome.swapped).toBe(true);
    if (outcome.swapped) await outcome.retired;
    expect((await tables.generations('portfolio')).map((g) => [g.generation, g.state])).toEqual([[3, 'live']]);
    expect(await tables.dump('portfolio', 1)).toEqual(new Map());
    expect(await tables.dump('portfolio', 2)).toEqual(new Map());
  });

  it('a build behind the live generation waits; one dropped elsewhere is given up', async () => {
    await tables.createGeneration('portfolio', 1, 'live', null);
    await doc(1, 10);
    const build = await beginBuild(tables, portfolio, 'host');
    expect(await swapIn(tables, 'portfolio', build.generation)).toEqual({ swapped: false, gone: false });
    await tables.drop('portfolio', build.generation);
    expect(await swapIn(tables, 'portfolio', build.generation)).toEqual({ swapped: false, gone: true });
  });
});
