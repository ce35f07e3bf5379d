import { SqliteEventStore, sqliteFile } from '../../libs/event-store/src';
import {
  kpiDashboardHistory,
  kpiDashboardProjection,
  ProjectionGroup,
  ProjectionTables,
  type Projection,
  type ProjectionStatus,
} from '../../libs/projections/src';
import { createReadStore } from '../../libs/read-store/src';
import { Regie } from '../support/initiative-fixtures';
import { tempDir } from '../support/temp-dir';
import { startTestApp, type TestApp } from '../support/test-app';
import { generateLog } from './support/log-generator';

// An upgrade from a version before this one: until the new generation has caught up and is
// swapped in, the old one answers. The dashboard must then be what the new one answers after the
// swap, never an error. Version 2 kept one whole dashboard document per initiative; version 3 a
// document per KPI, without the rendered views this version sends from.
const OLDER: ReadonlyArray<[string, Projection<unknown>]> = [
  ['one whole document per initiative (version 2)', kpiDashboardHistory],
  ['a document per KPI without rendered views (version 3)', { ...kpiDashboardProjection, version: 3, render: undefined }],
];

describe.each(OLDER)('the KPI dashboard while an upgrade rebuilds it from %s', (_, older) => {
  const dir = tempDir('regie-kpi-upgrade-');
  let t: TestApp | null = null;

  beforeAll(async () => {
    const store = SqliteEventStore.open(sqliteFile(dir.path));
    const { lastPosition } = await generateLog(store, { initiatives: 20, events: 50_000, seed: 17 });
    // The read store as the older version left it: its live kpi-dashboard generation is of that version.
    const readStore = await createReadStore({ kind: 'sqlite', dataDir: dir.path });
    const tables = new ProjectionTables(readStore);
    await tables.ensureSchema();
    const generation = await tables.createGeneration(older.name, older.version, 'live', null);
    await new ProjectionGroup(store, tables, [{ projection: older, generation: generation.generation, checkpoint: 0 }], {
      untilCaughtUp: true,
    }).run();
    expect((await tables.dump(older.name, generation.generation)).size).toBeGreaterThanOrEqual(20);
    expect(lastPosition).toBeGreaterThan(49_000);
    await readStore.close();
    await store.close();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    dir.remove();
  });

  it('answers every dashboard from the old generation while the new one builds, the same as after the swap', async () => {
    t = await startTestApp({ DATA_DIR: dir.path, EVENT_STORE: 'sqlite', READ_STORE: 'sqlite' });
    const regie = new Regie(t);
    const token = await regie.admin();
    const liveVersion = async () =>
      ((await regie.send('get', '/api/projections', { token })).body as ProjectionStatus[]).find((p) => p.name === 'kpi-dashboard')!.liveVersion;
    const dashboard = (n: number) => regie.send('get', `/api/initiatives/init-${String(n).padStart(5, '0')}/kpis`, { token });

    const duringRebuild = new Map<number, unknown>();
    for (let n = 0; (await liveVersion()) === older.version; n = (n + 1) % 20) {
      const answer = await dashboard(n);
      expect(answer.status).toBe(200);
      // Served by the old generation only if it was still the live one after the answer, too.
      if ((await liveVersion()) === older.version) duringRebuild.set(n, answer.body);
    }
    expect(duringRebuild.size).toBeGreaterThan(0);
    expect(await liveVersion()).toBe(kpiDashboardProjection.version);
    for (const [n, body] of duringRebuild) expect((await dashboard(n)).body).toEqual(body);
  }, 120_000);
});
