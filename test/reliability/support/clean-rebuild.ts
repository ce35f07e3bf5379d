import { openSealedEventStore } from '../../../libs/data-keys/src';
import { ALL_PROJECTIONS, ProjectionHost, ProjectionTables } from '../../../libs/projections/src';
import { createReadStore, type OpenedReadStore } from '../../../libs/read-store/src';
import { tempDir } from '../../support/temp-dir';

export type ProjectionDocuments = Record<string, { checkpoint: number; docs: Record<string, string> }>;

/** Every projection's live documents (as stored) with the live checkpoint. */
export const liveDocuments = async (readStore: OpenedReadStore): Promise<ProjectionDocuments> => {
  const tables = new ProjectionTables(readStore);
  const out: ProjectionDocuments = {};
  for (const row of (await tables.generations()).filter((r) => r.state === 'live')) {
    out[row.name] = { checkpoint: row.checkpoint, docs: Object.fromEntries(await tables.dump(row.name, row.generation)) };
  }
  return out;
};

/** The live documents of DATA_DIR's read store (no process may be feeding it). */
export const documentsIn = async (dataDir: string): Promise<ProjectionDocuments> => {
  const readStore = await createReadStore({ kind: 'sqlite', dataDir });
  try {
    return await liveDocuments(readStore);
  } finally {
    await readStore.close();
  }
};

/**
 * What every projection holds after a clean replay of DATA_DIR's log into a read store of its own,
 * never interrupted; read as the app reads it (free text opened with DATA_DIR's data keys).
 */
export const cleanRebuild = async (dataDir: string): Promise<ProjectionDocuments> => {
  const clean = tempDir('regie-clean-rebuild-');
  const store = await openSealedEventStore({ kind: 'sqlite', dataDir });
  const readStore = await createReadStore({ kind: 'sqlite', dataDir: clean.path });
  try {
    const host = new ProjectionHost({ store, readStore, projections: [...ALL_PROJECTIONS] });
    await host.start();
    const last = await store.lastPosition();
    if (!(await host.waitFor(host.names(), last, 120_000))) throw new Error('the clean rebuild did not catch up in 120 s');
    await host.stop();
    return await liveDocuments(readStore);
  } finally {
    await readStore.close();
    await store.close();
    clean.remove();
  }
};

/**
 * Documents that differ, are missing or are extra, per projection; also a checkpoint that differs.
 * The KPI saga is left out: the app feeds it, a clean rebuild here has no command bus to feed it with.
 */
export const differences = (actual: ProjectionDocuments, expected: ProjectionDocuments): string[] => {
  const out: string[] = [];
  for (const name of ALL_PROJECTIONS.map((p) => p.name)) {
    const a = actual[name];
    const e = expected[name];
    if (!a || !e) {
      out.push(`${name}: ${a ? 'not in the rebuild' : 'missing'}`);
      continue;
    }
    if (a.checkpoint !== e.checkpoint) out.push(`${name}: checkpoint ${a.checkpoint}, rebuilt ${e.checkpoint}`);
    for (const id of new Set([...Object.keys(a.docs), ...Object.keys(e.docs)])) {
      if (a.docs[id] !== e.docs[id]) out.push(`${name}/${id}`);
    }
  }
  return out;
};
