import { foldDocument, INITIATIVE_STREAM_PREFIX } from '../../apps/api/src/history/history-views';
import { NO_SNAPSHOTS, ReadStoreSnapshots } from '../../apps/api/src/history/snapshots';
import { SNAPSHOT_EVERY } from '../../apps/api/src/history/stream-fold';
import type { EventStore, StoredEvent } from '../../libs/event-store/src';
import { kpiDashboardHistory, kpiDashboardOf } from '../../libs/projections/src';
import type { OpenedReadStore } from '../../libs/read-store/src';
import { generateLog } from '../projections/support/log-generator';
import { e2eStores, openAppStores } from '../support/e2e-store';
import { bodyOf, expectStatus, Regie } from '../support/initiative-fixtures';
import { tempDir } from '../support/temp-dir';
import { startTestApp, type TestApp } from '../support/test-app';
import { seeded, settle } from './support/clocked-app';

/**
 * Two initiatives of about 1,300 events each (a realistic log written through the store's
 * batched append: the method's phases, then mostly KPI measurements with corrections, target
 * revisions, reviews). Snapshots only ever save time: whatever they hold, the answer is the one a
 * fold from zero gives.
 */
describe('snapshots: as-of folds resume from them and answer what a fold from zero answers', () => {
  const dir = tempDir('regie-snapshots-');
  let t: TestApp;
  let regie: Regie;
  let events: EventStore;
  let read: OpenedReadStore;
  let snapshots: ReadStoreSnapshots;
  let ids: string[];
  let stream: StoredEvent[];
  const id = () => ids[0];

  beforeAll(async () => {
    // The log is written before the app starts: its KPI saga would otherwise append early reviews
    // to the streams the generator is writing (on PostgreSQL the same DATA_DIR names the same database).
    const { databaseUrl } = await e2eStores({ DATA_DIR: dir.path });
    ({ events, read } = await openAppStores({ dataDir: dir.path, databaseUrl }));
    await generateLog(events, { initiatives: 2, events: 2_650, seed: 7 });
    t = await startTestApp({ DATA_DIR: dir.path });
    regie = new Regie(t);
    await settle(regie, 60_000);
    ids = (await events.listStreams()).filter((s) => s.stream.startsWith(INITIATIVE_STREAM_PREFIX)).map((s) => s.stream.slice(INITIATIVE_STREAM_PREFIX.length));
    stream = await events.readStream(`${INITIATIVE_STREAM_PREFIX}${id()}`);
    snapshots = new ReadStoreSnapshots(read);
  }, 120_000);

  afterAll(async () => {
    await read?.close();
    await events?.close();
    await t?.close();
    dir.remove();
  });

  const admin = () => regie.admin();
  const get = async (path: string): Promise<unknown> => bodyOf<unknown>(await expectStatus(regie.send('get', path, { token: await admin() }), 200));
  const clear = () => read.execute('DELETE FROM snapshots');
  const moments = () => {
    const random = seeded(11);
    const picks = Array.from({ length: 10 }, () => stream[Math.floor(random() * stream.length)].data.occurredAt as string);
    return [stream[0].data.occurredAt as string, ...picks, stream[stream.length - 1].data.occurredAt as string];
  };
  const views = (asOf: string) => {
    const q = `asOf=${encodeURIComponent(asOf)}`;
    return {
      kpis: `/api/initiatives/${id()}/kpis?${q}`,
      whatIf: `/api/initiatives/${id()}/kpis?${q}&tolerance=0.05&riskTolerance=0.15`,
      reviews: `/api/initiatives/${id()}/reviews?${q}`,
      state: `/api/initiatives/${id()}?${q}`,
      portfolio: `/api/initiatives?${q}`,
      csv: `/api/initiatives/${id()}/kpis.csv?${q}`,
    };
  };
  const answers = async (asOf: string, fromZero: boolean) => {
    const out: Record<string, unknown> = {};
    for (const [name, path] of Object.entries(views(asOf))) {
      if (fromZero) await clear();
      const res = await expectStatus(regie.send('get', path, { token: await admin() }), 200);
      out[name] = name === 'csv' ? res.text : res.body;
    }
    return out;
  };

  it('the generated initiatives have more than 1,000 events each', () => {
    expect(ids).toHaveLength(2);
    expect(stream.length).toBeGreaterThan(1_000);
  });

  it(`a fold leaves a snapshot every ${SNAPSHOT_EVERY} events; the next one resumes from the nearest and folds fewer than ${SNAPSHOT_EVERY}`, async () => {
    await clear();
    const late = stream[stream.length - 3].data.occurredAt as string;
    await get(views(late).kpis);
    const stored = await read.query<{ revision: number }>("SELECT revision FROM snapshots WHERE kind = 'kpi-dashboard' AND stream = ? ORDER BY revision", [
      `${INITIATIVE_STREAM_PREFIX}${id()}`,
    ]);
    expect(stored.map((r) => Number(r.revision))).toEqual(
      Array.from({ length: Math.floor(stream.length / SNAPSHOT_EVERY) }, (_, i) => (i + 1) * SNAPSHOT_EVERY - 1),
    );

    const source = { store: events, snapshots };
    const asOf = stream[1_100].data.occurredAt as string;
    const at = { ms: Date.parse(asOf), iso: new Date(asOf).toISOString(), text: asOf };
    const resumed = await foldDocument(source, kpiDashboardHistory, id(), { asOf: at });
    expect(resumed.fromSnapshot).toBe(999);
    expect(resumed.folded).toBeLessThan(SNAPSHOT_EVERY);
    const fromZero = await foldDocument({ store: events, snapshots: NO_SNAPSHOTS }, kpiDashboardHistory, id(), { asOf: at });
    expect(fromZero.fromSnapshot).toBe(-1);
    expect(resumed.state).toEqual(fromZero.state);
    expect(resumed.revision).toBe(fromZero.revision);
  });

  it('with snapshots, every as-of view equals the same view folded from zero (the snapshot rows deleted before each request)', async () => {
    for (const asOf of moments()) {
      await answers(asOf, false); // leaves snapshots behind
      const withSnapshots = await answers(asOf, false);
      expect(Number((await read.query<{ n: number }>('SELECT COUNT(*) AS n FROM snapshots'))[0].n)).toBeGreaterThan(0);
      const fromZero = await answers(asOf, true);
      expect({ asOf, ...withSnapshots }).toEqual({ asOf, ...fromZero });
      // and the dashboard is the library's own fold of the events up to then
      const upTo = stream.filter((e) => Date.parse(e.data.occurredAt as string) <= Date.parse(asOf));
      expect(withSnapshots.kpis).toEqual(kpiDashboardOf(upTo));
    }
  });

  it('as of the last event, the views answer what the live projections answer', async () => {
    const last = stream[stream.length - 1].data.occurredAt as string;
    const later = (await events.readStream(`${INITIATIVE_STREAM_PREFIX}${ids[1]}`)).at(-1)!.data.occurredAt as string;
    const asOf = last > later ? last : later;
    expect(await get(views(asOf).kpis)).toEqual(await get(`/api/initiatives/${id()}/kpis`));
    expect(await get(views(asOf).state)).toEqual(await get(`/api/initiatives/${id()}`));
  });

  it('snapshots of another schema (an older projection version) are never resumed from', async () => {
    await clear();
    const asOf = stream[1_200].data.occurredAt as string;
    const expected = await get(views(asOf).kpis);
    await clear();
    await snapshots.save('kpi-dashboard', String(kpiDashboardHistory.version + 41), `${INITIATIVE_STREAM_PREFIX}${id()}`, {
      revision: 999,
      occurredAt: new Date(0).toISOString(),
      state: { initiativeId: 'garbage' },
    });
    expect(await get(views(asOf).kpis)).toEqual(expected);
  });
});
