import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDemo } from '../../apps/cli/src/demo/demo-runner';
import { openSealedEventStore } from '../../libs/data-keys/src';
import type { StoredEvent } from '../../libs/event-store/src';
import { ALL_PROJECTIONS, kpiOffTrackSaga, ProjectionTables, rebuildOffline, type Projection } from '../../libs/projections/src';
import { createReadStore } from '../../libs/read-store/src';
import { tempDir } from '../support/temp-dir';
import { documentsFingerprint, historyFingerprint, Uuids } from './support/fingerprint';

/**
 * Golden read models: each projection (and the saga, whose documents are its memory) rebuilt over
 * the demo's two years, compared with the fingerprint committed for its version. A reducer change
 * that gives other documents must come with a version raise, or every read store built before
 * keeps documents the new code would not make (the runner rebuilds only on a new version).
 */

const GOLDEN = join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const UPDATE_COMMAND = 'UPDATE_GOLDEN=1 npx jest test/projections/golden.spec.ts --selectProjects=sqlite';
/** The demo ends just before `today`: a fixed one makes every date in it the same on each run. */
const TODAY = new Date('2026-01-15T09:00:00.000Z');

const PROJECTIONS: ReadonlyArray<Projection<unknown>> = [...ALL_PROJECTIONS, kpiOffTrackSaga];
const SOURCES: Record<string, string> = {
  'kpi-off-track-saga': 'libs/projections/src/sagas/kpi-off-track.saga.ts',
};
const sourceOf = (name: string) => SOURCES[name] ?? `libs/projections/src/definitions/${name}.projection.ts`;

interface ProjectionGolden {
  projection: string;
  version: number;
  documents: number;
  fingerprint: string;
}
interface HistoryGolden {
  today: string;
  events: number;
  fingerprint: string;
}

const fileOf = (name: string) => join(GOLDEN, `${name}.json`);
const read = <T>(name: string): T | null => (existsSync(fileOf(name)) ? (JSON.parse(readFileSync(fileOf(name), 'utf8')) as T) : null);
const write = (name: string, golden: object) => {
  mkdirSync(GOLDEN, { recursive: true });
  writeFileSync(fileOf(name), `${JSON.stringify(golden, null, 2)}\n`);
};

describe('golden read models: each projection rebuilt over the demo history gives the documents recorded for its version', () => {
  const demoDir = tempDir('regie-golden-demo-');
  const rebuildDir = tempDir('regie-golden-rebuild-');
  let history: HistoryGolden;
  const current = new Map<string, ProjectionGolden>();

  beforeAll(async () => {
    await runDemo({ dataDir: demoDir.path, today: TODAY });
    // Opened like the app reads it: the free text the demo wrote is sealed in the file.
    const store = await openSealedEventStore({ kind: 'sqlite', dataDir: demoDir.path });
    const readStore = await createReadStore({ kind: 'sqlite', dataDir: rebuildDir.path });
    try {
      const log: StoredEvent[] = await store.readAll(0, 1_000_000);
      const uuids = new Uuids(log);
      history = { today: TODAY.toISOString(), events: log.length, fingerprint: historyFingerprint(log, uuids) };
      const rebuilt = await rebuildOffline({ store, readStore, projections: PROJECTIONS });
      const tables = new ProjectionTables(readStore);
      for (const p of PROJECTIONS) {
        const { generation } = rebuilt.find((r) => r.name === p.name)!;
        const documents = await tables.dump(p.name, generation);
        current.set(p.name, { projection: p.name, version: p.version, documents: documents.size, fingerprint: documentsFingerprint(documents, uuids) });
      }
    } finally {
      await readStore.close();
      await store.close();
    }
  }, 180_000);
  afterAll(() => {
    demoDir.remove();
    rebuildDir.remove();
  });

  const historyChanged = () => read<HistoryGolden>('demo-history')?.fingerprint !== history.fingerprint;

  it('the demo history is the one the fingerprints were recorded over', () => {
    const recorded = read<HistoryGolden>('demo-history');
    if (UPDATE) {
      write('demo-history', history);
      return;
    }
    if (!recorded || recorded.fingerprint !== history.fingerprint) {
      throw new Error(
        `The demo history (${history.events} events up to ${history.today}) is not the one the projections' fingerprints were recorded over` +
          `${recorded ? ` (${recorded.events} events)` : ''}: the demo or the event catalogue changed. Every projection's fingerprint must be ` +
          `recorded again, with no version raise needed for this alone: ${UPDATE_COMMAND}`,
      );
    }
  });

  it.each(PROJECTIONS.map((p) => [p.name]))('%s', (name) => {
    const now = current.get(name)!;
    const recorded = read<ProjectionGolden>(name);
    const changed = recorded !== null && recorded.fingerprint !== now.fingerprint;
    const unraised = changed && recorded.version === now.version && !historyChanged();
    if (unraised) {
      throw new Error(
        `The documents of '${name}' rebuilt over the demo history changed, but its version is still ${now.version}. ` +
          'The runner rebuilds a projection only when its version changes, so read stores built before would keep the old documents. ' +
          `Raise the projection's version (version: ${now.version + 1} in ${sourceOf(name)}, with a comment saying what changed) ` +
          `and update the fingerprint with: ${UPDATE_COMMAND}`,
      );
    }
    if (UPDATE) {
      write(name, now);
      return;
    }
    if (!recorded) throw new Error(`No fingerprint is recorded for '${name}' (version ${now.version}); record it with: ${UPDATE_COMMAND}`);
    if (historyChanged()) throw new Error(`The demo history changed (see the test above); record the fingerprints again with: ${UPDATE_COMMAND}`);
    if (recorded.version !== now.version) {
      throw new Error(
        `'${name}' is now version ${now.version}; its fingerprint was recorded for version ${recorded.version}. ` +
          `Update the fingerprint with: ${UPDATE_COMMAND}`,
      );
    }
    expect(now).toEqual(recorded);
  });
});
