import { SqliteEventStore, sqliteFile } from '../../libs/event-store/src';
import { kpiDashboardHistory, ProjectionGroup, ProjectionTables, type ProjectionStatus } from '../../libs/projections/src';
import { createReadStore } from '../../libs/read-store/src';
import { Regie } from '../support/initiative-fixtures';
import { tempDir } from '../support/temp-dir';
import { startTestApp, type TestApp } from '../support/test-app';
import { generateLog } from './support/log-generator';

// An upgrade from the version that kept one whole dashboard document per initiative: until the
// new generation (a document per KPI) has caught up and is swapped in, the old one answers. The
// dashboard must then be what the new one answers after the swap, never an error.
describe('the KPI dashboard while an upgrade rebuilds it as a family of documents', () => {
  const dir = tempDir('regie-kpi-upgrade-');
  let t: TestApp | null = null;

  beforeAll(async () => {
    const store = SqliteEventStore.open(sqliteFile(dir.path));
    const { lastPosition } = await generateLog(store, { initiatives: 20, events: 50_000, seed: 17 });
    // The read store as the version before left it: its live kpi-dashboard generation is version 2.
    const readStore = await createReadStore({ kind: 'sqlite', dataDir: dir.path });
    const tables = new ProjectionTables(readStore);
    await tables.ensureSchema();
    const generation = await tables.createGeneration(kpiDashboardHistory.name, kpiDashboardHistory.version, 'live', null);
    await new ProjectionGroup(store, tables, [{ projection: kpiDashboardHistory, generation: generation.generation, checkpoint: 0 }], {
      untilCaughtUp: true,
    }).run();
    expect((await tables.dump(kpiDashboardHistory.name, generation.generation)).size).toBe(20);
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
    for (let n = 0; (await liveVersion()) === 2; n = (n + 1) % 20) {
      const answer = await dashboard(n);
      expect(answer.status).toBe(200);
      // Served by the old generation only if it was still the live one after the answer, too.
      if ((await liveVersion()) === 2) duringRebuild.set(n, answer.body);
    }
    expect(duringRebuild.size).toBeGreaterThan(0);
    for (const [n, body] of duringRebuild) expect((await dashboard(n)).body).toEqual(body);
  }, 120_000);
});
