import { SqliteEventStore, sqliteFile } from '../../libs/event-store/src';
import { ALL_PROJECTIONS, ProjectionHost, ProjectionTables } from '../../libs/projections/src';
import { createReadStore, type OpenedReadStore } from '../../libs/read-store/src';
import { ChildScript } from '../support/child-process';
import { tempDir } from '../support/temp-dir';
import { generateLog } from './support/log-generator';

const EVENTS = 20_000;

/** Every projection's live documents, parsed, with the live checkpoint. */
async function snapshot(readStore: OpenedReadStore): Promise<Record<string, { checkpoint: number; docs: Record<string, unknown> }>> {
  const tables = new ProjectionTables(readStore);
  const out: Record<string, { checkpoint: number; docs: Record<string, unknown> }> = {};
  for (const row of (await tables.generations()).filter((r) => r.state === 'live')) {
    const docs = await tables.dump(row.name, row.generation);
    out[row.name] = { checkpoint: row.checkpoint, docs: Object.fromEntries([...docs].map(([id, body]) => [id, JSON.parse(body)])) };
  }
  return out;
}

describe('exactly once: a runner killed mid-batch resumes without counting an event twice or losing one', () => {
  const dir = tempDir('regie-exactly-once-');
  const clean = tempDir('regie-clean-replay-');
  let last = 0;

  beforeAll(async () => {
    const store = SqliteEventStore.open(sqliteFile(dir.path));
    ({ lastPosition: last } = await generateLog(store, { initiatives: 20, events: EVENTS, chunk: 100 }));
    await store.close();
  }, 120_000);
  afterAll(() => {
    dir.remove();
    clean.remove();
  });

  const run = (delayMs: number) =>
    new ChildScript('test/projections/support/runner-child.ts', { DATA_DIR: dir.path, REGIE_TEST_TX_DELAY_MS: String(delayMs), REGIE_TEST_BATCH: '200' });

  const committed = (child: ChildScript) => {
    const lines = child.lines.filter((l) => l.startsWith('committed '));
    return lines.length ? Number(lines[lines.length - 1].split(' ')[1]) : 0;
  };

  it(`SIGKILL twice while folding ${EVENTS.toLocaleString('en')} events, then a restart: every document equals a clean replay's`, async () => {
    expect(last).toBe(EVENTS);
    const kills: number[] = [];
    for (const at of [3_000, 9_000]) {
      const child = run(15);
      await child.waitFor((l) => l.startsWith('committed ') && Number(l.split(' ')[1]) >= at, 60_000);
      child.process.kill('SIGKILL');
      await child.exited();
      kills.push(committed(child));
      expect(child.lines.some((l) => l.startsWith('caught-up'))).toBe(false);
    }
    // What the kills left behind: every projection's checkpoint at or past the last acknowledged commit.
    const between = await createReadStore({ kind: 'sqlite', dataDir: dir.path });
    const left = await snapshot(between);
    await between.close();
    for (const [name, { checkpoint }] of Object.entries(left)) expect({ name, checkpoint: checkpoint >= kills[1] }).toEqual({ name, checkpoint: true });

    const resumed = run(0);
    await resumed.waitFor((l) => l.startsWith('caught-up'), 120_000);
    expect(await resumed.exited()).toBe(0);
    // It resumed where the last kill left it (nothing was counted from 0 again). The line reports the
    // lowest checkpoint over the groups, so the first commit of one group may leave it where it was.
    const firstCommit = Number(resumed.lines.find((l) => l.startsWith('committed '))!.split(' ')[1]);
    expect(firstCommit).toBeGreaterThanOrEqual(kills[1]);

    const readStore = await createReadStore({ kind: 'sqlite', dataDir: dir.path });
    const afterKills = await snapshot(readStore);
    await readStore.close();

    // The clean replay: the same log, a read store of its own, never interrupted.
    const store = SqliteEventStore.open(sqliteFile(dir.path));
    const cleanStore = await createReadStore({ kind: 'sqlite', dataDir: clean.path });
    const host = new ProjectionHost({ store, readStore: cleanStore, projections: [...ALL_PROJECTIONS] });
    await host.start();
    expect(await host.waitFor(host.names(), last, 60_000)).toBe(true);
    await host.stop();
    const replayed = await snapshot(cleanStore);
    await cleanStore.close();
    await store.close();

    expect(Object.keys(afterKills).sort()).toEqual(ALL_PROJECTIONS.map((p) => p.name).sort());
    for (const name of Object.keys(replayed)) {
      expect({ name, checkpoint: afterKills[name].checkpoint }).toEqual({ name, checkpoint: last });
      expect(Object.keys(afterKills[name].docs).length).toBe(Object.keys(replayed[name].docs).length);
      for (const [id, doc] of Object.entries(replayed[name].docs)) {
        // Counting an event twice shows: a correction counted twice, a contribution listed twice …
        if (JSON.stringify(afterKills[name].docs[id]) !== JSON.stringify(doc)) expect({ name, id, doc: afterKills[name].docs[id] }).toEqual({ name, id, doc });
      }
    }
  }, 240_000);
});
