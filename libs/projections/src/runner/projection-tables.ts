import type { ReadStore, SqlRunner } from '../../../read-store/src';
import { familyPrefix, type DocumentListing, type RenderedDocument } from '../projection';
import type { TurnSlices } from './turn-slices';

/**
 * The read store's projection tables.
 *
 * projection_generations: one row per generation of a projection's documents. Exactly one is
 * `live` (queries read it); a rebuild or a new version writes a `building` one beside it, which
 * replaces the live one in a single transaction once it has caught up. `checkpoint` is the last
 * global position whose event the generation's documents include.
 *
 * projection_documents: the documents, as JSON, per (projection, generation, id).
 *
 * projection_lists: for projections read page by page, which lists each document is in and where
 * (its sort key), so a page is an index range scan; projection_summaries: what such a page shows of
 * each document (Projection.listing's summary), so a page does not read whole documents.
 *
 * projection_views: for projections that render their documents (Projection.render), each
 * document as queries send it, written with the document.
 *
 * A batch of documents and the new checkpoint are written in one transaction, and the checkpoint
 * is only moved from the value the writer started from (compare-and-set): so an event is counted
 * exactly once even when a process dies mid-batch, and two writers feeding one generation (two
 * API instances, an API and the CLI) cannot both count the same events.
 */
export type GenerationState = 'live' | 'building' | 'retired';

export interface GenerationRow {
  name: string;
  generation: number;
  version: number;
  state: GenerationState;
  checkpoint: number;
  owner: string | null;
  createdAt: string;
  /** last commit (or claim) by the generation's writer */
  heartbeatAt: string;
}

/** A batch for one generation: its documents (null deletes) and the checkpoint move. */
export interface GenerationBatch {
  name: string;
  generation: number;
  from: number;
  to: number;
  /**
   * the documents (null deletes), serialized one at a time as they are written: a catch-up batch
   * touches every document, and their JSON all at once would weigh as much as the read model
   */
  documents: Map<string, unknown>;
  /** told the size of each document's JSON as it is written */
  written?: (id: string, bytes: number) => void;
  /** new listings of documents whose lists or sort changed (null: listed nowhere any more) */
  listings?: Map<string, Pick<DocumentListing, 'sort' | 'lists'> | null>;
  /** new summaries (JSON) of listed documents whose summary changed (null deletes) */
  summaries?: Map<string, string | null>;
  /** renders each written document for projection_views (Projection.render) */
  render?: (doc: unknown, id: string) => RenderedDocument | null;
}

/** A rendered document as a query reads it (see Projection.render): its meta parsed, its body the JSON text as stored. */
export interface ViewRow {
  id: string;
  meta: unknown;
  body: string;
}

/** One page of a list: the summaries of its documents in order and whether more follow. */
export interface ListPage {
  position: number;
  rows: Array<{ id: string; body: string; sort: string }>;
  more: boolean;
}

export class CheckpointConflict extends Error {
  override readonly name = 'CheckpointConflict';
  constructor(
    readonly projection: string,
    readonly generation: number,
    readonly expected: number,
  ) {
    super(
      `projection ${projection} generation ${generation} is no longer at position ${expected} (or no longer fed): another writer moved it, or it was retired`,
    );
  }
}

interface RawGenerationRow {
  name: string;
  generation: number | string;
  version: number | string;
  state: GenerationState;
  checkpoint: number | string;
  owner: string | null;
  created_at: string;
  heartbeat_at: string;
}

const toRow = (r: RawGenerationRow): GenerationRow => ({
  name: r.name,
  generation: Number(r.generation),
  version: Number(r.version),
  state: r.state,
  checkpoint: Number(r.checkpoint),
  owner: r.owner,
  createdAt: r.created_at,
  heartbeatAt: r.heartbeat_at,
});

const CHUNK = 100;

/** pg_advisory_xact_lock key for schema and generation changes (a constant no one else uses). */
const POSTGRES_LOCK_KEY = 7_406_512_201;

export class ProjectionTables {
  constructor(readonly db: ReadStore) {}

  /**
   * On PostgreSQL several instances share these tables: CREATE TABLE IF NOT EXISTS run at the same
   * moment can fail, and two instances could hand out the same generation number. An advisory
   * lock held for the transaction serializes those few statements. (SQLite's BEGIN IMMEDIATE
   * already lets one writer in at a time.)
   */
  private async exclusive<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      if (this.db.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(?::bigint)', [POSTGRES_LOCK_KEY]);
      return fn(tx);
    });
  }

  async ensureSchema(): Promise<void> {
    const withoutRowid = this.db.dialect === 'sqlite' ? ' WITHOUT ROWID' : '';
    await this.exclusive(async (tx) => {
      await tx.execute(`CREATE TABLE IF NOT EXISTS projection_generations (
        name TEXT NOT NULL, generation INTEGER NOT NULL, version INTEGER NOT NULL, state TEXT NOT NULL,
        checkpoint BIGINT NOT NULL, owner TEXT, created_at TEXT NOT NULL, heartbeat_at TEXT NOT NULL,
        PRIMARY KEY (name, generation))`);
      await tx.execute(`CREATE TABLE IF NOT EXISTS projection_documents (
        name TEXT NOT NULL, generation INTEGER NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (name, generation, id))${withoutRowid}`);
      // Byte order on both dialects (PostgreSQL would otherwise sort by the database's locale).
      const bytes = this.db.dialect === 'postgres' ? ' COLLATE "C"' : '';
      await tx.execute(`CREATE TABLE IF NOT EXISTS projection_lists (
        name TEXT NOT NULL, generation INTEGER NOT NULL, list TEXT NOT NULL, sort TEXT${bytes} NOT NULL, id TEXT NOT NULL,
        PRIMARY KEY (name, generation, list, sort, id))${withoutRowid}`);
      await tx.execute('CREATE INDEX IF NOT EXISTS projection_lists_by_document ON projection_lists (name, generation, id)');
      await tx.execute(`CREATE TABLE IF NOT EXISTS projection_summaries (
        name TEXT NOT NULL, generation INTEGER NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (name, generation, id))${withoutRowid}`);
      // With rowids on SQLite: its rows are tens of KB, and WITHOUT ROWID suits small rows only.
      await tx.execute(`CREATE TABLE IF NOT EXISTS projection_views (
        name TEXT NOT NULL, generation INTEGER NOT NULL, id TEXT NOT NULL, meta TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (name, generation, id))`);
    });
  }

  async generations(name?: string): Promise<GenerationRow[]> {
    const rows =
      name === undefined
        ? await this.db.query<RawGenerationRow>('SELECT * FROM projection_generations ORDER BY name, generation')
        : await this.db.query<RawGenerationRow>('SELECT * FROM projection_generations WHERE name = ? ORDER BY generation', [name]);
    return rows.map(toRow);
  }

  /** A new, empty generation at position 0. */
  async createGeneration(name: string, version: number, state: 'live' | 'building', owner: string | null): Promise<GenerationRow> {
    const now = new Date().toISOString();
    return this.exclusive(async (tx) => {
      if (state === 'live') {
        const [live] = await tx.query<RawGenerationRow>("SELECT * FROM projection_generations WHERE name = ? AND state = 'live'", [name]);
        if (live) return toRow(live);
      }
      const [{ g }] = await tx.query<{ g: number | string | null }>('SELECT MAX(generation) AS g FROM projection_generations WHERE name = ?', [name]);
      const generation = Number(g ?? 0) + 1;
      await tx.execute(
        'INSERT INTO projection_generations (name, generation, version, state, checkpoint, owner, created_at, heartbeat_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)',
        [name, generation, version, state, owner, now, now],
      );
      return { name, generation, version, state, checkpoint: 0, owner, createdAt: now, heartbeatAt: now };
    });
  }

  /** Takes over a building generation whose writer went quiet; false when someone else was quicker. */
  async claim(row: GenerationRow, owner: string): Promise<boolean> {
    const changed = await this.db.execute(
      "UPDATE projection_generations SET owner = ?, heartbeat_at = ? WHERE name = ? AND generation = ? AND state = 'building' AND heartbeat_at = ?",
      [owner, new Date().toISOString(), row.name, row.generation, row.heartbeatAt],
    );
    return changed === 1;
  }

  /**
   * The right to feed a live generation, for instances sharing one read store: taken when nobody
   * holds it, or its holder went quiet for `staleMs`; kept by heartbeats. Only an optimisation —
   * the checkpoint compare-and-set keeps two writers correct — but it spares the double work and
   * the duplicate saga commands.
   */
  async lease(name: string, generation: number, owner: string, staleMs: number): Promise<boolean> {
    const now = new Date();
    const changed = await this.db.execute(
      `UPDATE projection_generations SET owner = ?, heartbeat_at = ?
       WHERE name = ? AND generation = ? AND state = 'live' AND (owner IS NULL OR owner = ? OR heartbeat_at < ?)`,
      [owner, now.toISOString(), name, generation, owner, new Date(now.getTime() - staleMs).toISOString()],
    );
    return changed === 1;
  }

  /** Gives up every lease of this owner (a clean stop), so another instance takes over at once. */
  async release(owner: string): Promise<void> {
    await this.db.execute("UPDATE projection_generations SET owner = NULL WHERE owner = ? AND state = 'live'", [owner]);
  }

  async heartbeat(name: string, generation: number): Promise<void> {
    await this.db.execute('UPDATE projection_generations SET heartbeat_at = ? WHERE name = ? AND generation = ?', [new Date().toISOString(), name, generation]);
  }

  /** Documents of one generation by id; missing ones are absent from the map. */
  async load(name: string, generation: number, ids: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      // Fixed statement shapes (a full chunk, or one id at a time) keep the prepared-statement cache small.
      const parts = chunk.length === CHUNK ? [chunk] : chunk.map((id) => [id]);
      for (const part of parts) {
        const rows = await this.db.query<{ id: string; body: string }>(
          `SELECT id, body FROM projection_documents WHERE name = ? AND generation = ? AND id IN (${part.map(() => '?').join(', ')})`,
          [name, generation, ...part],
        );
        for (const r of rows) found.set(r.id, r.body);
      }
    }
    return found;
  }

  /** The documents of one generation in a family (see Projection.familyOf), by id. */
  async loadFamily(name: string, generation: number, root: string): Promise<Map<string, string>> {
    const family = this.familyCondition(root, false);
    const rows = await this.db.query<{ id: string; body: string }>(
      `SELECT d.id AS id, d.body AS body FROM projection_documents d WHERE d.name = ? AND d.generation = ? AND ${family.sql}`,
      [name, generation, ...family.params],
    );
    return new Map(rows.filter((r) => family.holds(r.id)).map((r) => [r.id, r.body]));
  }

  /**
   * Which ids are in `root`'s family (and, `withRoot`, the root itself): an index range on SQLite,
   * whose text compares byte by byte; a LIKE on PostgreSQL, whose column compares by the
   * database's collation. Either may take a few ids too many (SQLite's range also holds
   * '<root>-…'; SQLite's LIKE would ignore case), so `holds` says which rows really belong.
   */
  private familyCondition(root: string, withRoot: boolean): { sql: string; params: string[]; holds: (id: string) => boolean } {
    const prefix = familyPrefix(root);
    const holds = (id: string) => id.startsWith(prefix) || (withRoot && id === root);
    if (this.db.dialect === 'postgres') {
      const pattern = `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
      return { sql: withRoot ? "(d.id = ? OR d.id LIKE ? ESCAPE '\\')" : "d.id LIKE ? ESCAPE '\\'", params: withRoot ? [root, pattern] : [pattern], holds };
    }
    // Every id in the family sorts from '<root>/' up to, not including, '<root>0' ('0' follows '/').
    return { sql: 'd.id >= ? AND d.id < ?', params: [withRoot ? root : prefix, `${root}0`], holds };
  }

  /**
   * One transaction: every generation's documents and its checkpoint move. Throws
   * CheckpointConflict (and writes nothing) when a checkpoint is no longer where the batch began.
   * With `slices`, the transaction hands the event loop back between rows (queries `read` beside it).
   */
  async commit(batches: GenerationBatch[], slices?: TurnSlices): Promise<void> {
    const now = new Date().toISOString();
    await this.db.transaction(async (tx) => {
      for (const b of batches) {
        const moved = await tx.execute(
          "UPDATE projection_generations SET checkpoint = ?, heartbeat_at = ? WHERE name = ? AND generation = ? AND checkpoint = ? AND state <> 'retired'",
          [b.to, now, b.name, b.generation, b.from],
        );
        if (moved !== 1) throw new CheckpointConflict(b.name, b.generation, b.from);
        await this.writeDocuments(tx, b, slices);
        if (b.listings?.size) await this.writeListings(tx, b, slices);
        if (b.summaries?.size) await this.writeSummaries(tx, b, slices);
      }
    });
  }

  private async writeListings(tx: SqlRunner, b: GenerationBatch, slices?: TurnSlices): Promise<void> {
    for (const [id, listing] of b.listings ?? []) {
      if (slices?.due) await slices.next();
      await this.deleteRow(tx, 'projection_lists', b, id);
      for (const list of listing?.lists ?? []) {
        await tx.execute('INSERT INTO projection_lists (name, generation, list, sort, id) VALUES (?, ?, ?, ?, ?)', [
          b.name,
          b.generation,
          list,
          listing!.sort,
          id,
        ]);
      }
    }
  }

  private async writeSummaries(tx: SqlRunner, b: GenerationBatch, slices?: TurnSlices): Promise<void> {
    const upserts: Array<[string, string]> = [];
    for (const [id, body] of b.summaries ?? []) {
      if (body !== null) upserts.push([id, body]);
      else await this.deleteRow(tx, 'projection_summaries', b, id);
    }
    await this.upsert(tx, 'projection_summaries', ['body'], upserts.length, slices, (k) => [b.name, b.generation, ...upserts[k]]);
  }

  private async writeDocuments(tx: SqlRunner, b: GenerationBatch, slices?: TurnSlices): Promise<void> {
    const upserts: string[] = [];
    for (const [id, doc] of b.documents) {
      if (doc !== null) upserts.push(id);
      else {
        await this.deleteRow(tx, 'projection_documents', b, id);
        if (b.render) await this.deleteRow(tx, 'projection_views', b, id);
      }
    }
    await this.upsert(tx, 'projection_documents', ['body'], upserts.length, slices, (k) => {
      const id = upserts[k];
      const body = JSON.stringify(b.documents.get(id));
      b.written?.(id, body.length);
      return [b.name, b.generation, id, body];
    });
    if (!b.render) return;
    const views: Array<{ id: string; view: RenderedDocument }> = [];
    const unrendered: string[] = [];
    for (const id of upserts) {
      const view = b.render(b.documents.get(id), id);
      if (view) views.push({ id, view });
      else unrendered.push(id);
    }
    for (const id of unrendered) await this.deleteRow(tx, 'projection_views', b, id);
    await this.upsert(tx, 'projection_views', ['meta', 'body'], views.length, slices, (k) => [
      b.name,
      b.generation,
      views[k].id,
      JSON.stringify(views[k].view.meta),
      views[k].view.body,
    ]);
  }

  /** Deletes the batch's generation's rows of `id` from one of its tables. */
  private async deleteRow(tx: SqlRunner, table: string, b: GenerationBatch, id: string): Promise<void> {
    await tx.execute(`DELETE FROM ${table} WHERE name = ? AND generation = ? AND id = ?`, [b.name, b.generation, id]);
  }

  /** Upserts `count` rows of (name, generation, id, ...columns), the values of row k from rowOf(k). */
  private async upsert(tx: SqlRunner, table: string, columns: string[], count: number, slices: TurnSlices | undefined, rowOf: (k: number) => unknown[]) {
    const tuple = `(${Array.from({ length: 3 + columns.length }, () => '?').join(', ')})`;
    const statement = (rows: number) =>
      `INSERT INTO ${table} (name, generation, id, ${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')} ON CONFLICT (name, generation, id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`;
    let k = 0;
    if (this.db.dialect === 'postgres') {
      // A round trip per row is what costs on a server: send full chunks in one statement.
      const many = statement(CHUNK);
      for (; k + CHUNK <= count; k += CHUNK) {
        const values: unknown[] = [];
        for (let j = k; j < k + CHUNK; j++) values.push(...rowOf(j));
        await tx.execute(many, values);
      }
    }
    const single = statement(1);
    for (; k < count; k++) {
      if (slices?.due) await slices.next();
      await tx.execute(single, rowOf(k));
    }
  }

  /**
   * Swaps a caught-up building generation in: in one transaction the live one is retired, but
   * only when it has not seen more than the new one (so what readers see never goes back), and
   * the new one becomes live. False when the live one is still ahead.
   */
  async swap(name: string, generation: number): Promise<boolean> {
    return this.exclusive(async (tx) => {
      const [candidate] = await tx.query<RawGenerationRow>("SELECT * FROM projection_generations WHERE name = ? AND generation = ? AND state = 'building'", [
        name,
        generation,
      ]);
      if (!candidate) return false;
      const checkpoint = Number(candidate.checkpoint);
      const [live] = await tx.query<RawGenerationRow>("SELECT * FROM projection_generations WHERE name = ? AND state = 'live'", [name]);
      if (live) {
        // Conditional, so a batch the live writer commits meanwhile cannot slip past the check.
        const retired = await tx.execute(
          "UPDATE projection_generations SET state = 'retired' WHERE name = ? AND generation = ? AND state = 'live' AND checkpoint <= ?",
          [name, Number(live.generation), checkpoint],
        );
        if (retired !== 1) return false;
      }
      await tx.execute("UPDATE projection_generations SET state = 'live', heartbeat_at = ? WHERE name = ? AND generation = ? AND state = 'building'", [
        new Date().toISOString(),
        name,
        generation,
      ]);
      return true;
    });
  }

  /** Drops a generation and its documents (a retired one, or an abandoned build). */
  async drop(name: string, generation: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute("DELETE FROM projection_generations WHERE name = ? AND generation = ? AND state <> 'live'", [name, generation]);
      for (const table of ['projection_documents', 'projection_lists', 'projection_summaries', 'projection_views']) {
        await tx.execute(
          `DELETE FROM ${table} WHERE name = ? AND generation = ? AND NOT EXISTS (SELECT 1 FROM projection_generations g WHERE g.name = ? AND g.generation = ?)`,
          [name, generation, name, generation],
        );
      }
    });
  }

  // ----- reads for queries: one statement each, so the documents and the position they answer
  // with come from the same snapshot, even while a swap happens; `read`, so they never wait for
  // a batch being written -----

  /** The live generation's document (null when absent) and checkpoint. */
  async liveDocument(name: string, id: string): Promise<{ position: number; body: string | null }> {
    const rows = await this.db.read<{ checkpoint: number | string; body: string | null }>(
      `SELECT g.checkpoint AS checkpoint, d.body AS body FROM projection_generations g
       LEFT JOIN projection_documents d ON d.name = g.name AND d.generation = g.generation AND d.id = ?
       WHERE g.name = ? AND g.state = 'live'`,
      [id, name],
    );
    if (!rows.length) return { position: 0, body: null };
    return { position: Number(rows[0].checkpoint), body: rows[0].body };
  }

  /** Every live document (whose id starts with `prefix`, when given) and the checkpoint. */
  async liveDocuments(name: string, prefix = ''): Promise<{ position: number; bodies: string[] }> {
    const { position, rows } = await this.liveDocumentRows(name, prefix);
    return { position, bodies: rows.map((r) => r.body) };
  }

  async liveDocumentRows(name: string, prefix = ''): Promise<{ position: number; rows: Array<{ id: string; body: string }> }> {
    return this.liveRows(name, 'd.id LIKE ?', [`${prefix}%`]);
  }

  /** The live document `root` and its family (see Projection.familyOf), with the position the generation had seen, from one statement. */
  async liveFamily(name: string, root: string): Promise<{ position: number; rows: Array<{ id: string; body: string }> }> {
    const family = this.familyCondition(root, true);
    return this.liveRows(name, family.sql, family.params, family.holds);
  }

  /**
   * The live document `root` and the rendered views of its family (see Projection.render), from
   * one statement, with the position and version of the generation they come from: a generation
   * of a version that did not render has no views.
   */
  async liveFamilyViews(name: string, root: string): Promise<{ position: number; version: number; root: string | null; views: ViewRow[] }> {
    const family = this.familyCondition(root, false);
    // LEFT JOINs both: that keeps the live generation the outer loop on SQLite (with a JOIN it
    // scanned every generation's views by name). The root and the views in columns of their own.
    const rows = await this.db.read<{
      checkpoint: number | string;
      version: number | string;
      id: string | null;
      doc: string | null;
      meta: string | null;
      view: string | null;
    }>(
      `SELECT g.checkpoint AS checkpoint, g.version AS version, d.id AS id, d.body AS doc, NULL AS meta, NULL AS view FROM projection_generations g
       LEFT JOIN projection_documents d ON d.name = g.name AND d.generation = g.generation AND d.id = ?
       WHERE g.name = ? AND g.state = 'live'
       UNION ALL
       SELECT g.checkpoint AS checkpoint, g.version AS version, d.id AS id, NULL AS doc, d.meta AS meta, d.body AS view FROM projection_generations g
       LEFT JOIN projection_views d ON d.name = g.name AND d.generation = g.generation AND ${family.sql}
       WHERE g.name = ? AND g.state = 'live'`,
      [root, name, ...family.params, name],
    );
    if (!rows.length) return { position: 0, version: 0, root: null, views: [] };
    const views: ViewRow[] = [];
    let doc: string | null = null;
    for (const r of rows) {
      if (r.doc !== null) doc = r.doc;
      else if (r.id !== null && r.meta !== null && r.view !== null && family.holds(r.id)) views.push({ id: r.id, meta: JSON.parse(r.meta), body: r.view });
    }
    return { position: Number(rows[0].checkpoint), version: Number(rows[0].version), root: doc, views };
  }

  /** The live generation's documents that `condition` (on `d`) selects and `holds` keeps, in id order, with its checkpoint. */
  private async liveRows(
    name: string,
    condition: string,
    params: unknown[],
    holds: (id: string) => boolean = () => true,
  ): Promise<{ position: number; rows: Array<{ id: string; body: string }> }> {
    const rows = await this.db.read<{ checkpoint: number | string; id: string | null; body: string | null }>(
      `SELECT g.checkpoint AS checkpoint, d.id AS id, d.body AS body FROM projection_generations g
       LEFT JOIN projection_documents d ON d.name = g.name AND d.generation = g.generation AND ${condition}
       WHERE g.name = ? AND g.state = 'live' ORDER BY d.id`,
      [...params, name],
    );
    if (!rows.length) return { position: 0, rows: [] };
    return {
      position: Number(rows[0].checkpoint),
      rows: rows.flatMap((r) => (r.body === null || r.id === null || !holds(r.id) ? [] : [{ id: r.id, body: r.body }])),
    };
  }

  /**
   * Up to `limit` summaries of the live documents of one list, in sort order, after the sort key
   * `after` (from the start when empty), and whether more follow.
   */
  async livePage(name: string, list: string, after: string, limit: number): Promise<ListPage> {
    // The page's ids first (an index range that stops at the limit), then only their summaries: a
    // join ordered and limited as a whole would read every summary of the list before the limit.
    const rows = await this.db.read<{ checkpoint: number | string; id: string | null; body: string | null; sort: string | null }>(
      `SELECT g.checkpoint AS checkpoint, d.id AS id, d.body AS body, l.sort AS sort FROM projection_generations g
       LEFT JOIN (
         SELECT p.id AS id, p.sort AS sort FROM projection_lists p
         WHERE p.name = ? AND p.generation = (SELECT generation FROM projection_generations WHERE name = ? AND state = 'live') AND p.list = ? AND p.sort > ?
         ORDER BY p.sort LIMIT ?
       ) l ON 1 = 1
       LEFT JOIN projection_summaries d ON d.name = g.name AND d.generation = g.generation AND d.id = l.id
       WHERE g.name = ? AND g.state = 'live' ORDER BY l.sort`,
      [name, name, list, after, limit + 1, name],
    );
    if (!rows.length) return { position: 0, rows: [], more: false };
    const found = rows.flatMap((r) => (r.body === null || r.id === null || r.sort === null ? [] : [{ id: r.id, body: r.body, sort: r.sort }]));
    return { position: Number(rows[0].checkpoint), rows: found.slice(0, limit), more: found.length > limit };
  }

  /** Every document of a generation with its id, for tests and tooling. */
  async dump(name: string, generation: number): Promise<Map<string, string>> {
    const rows = await this.db.query<{ id: string; body: string }>('SELECT id, body FROM projection_documents WHERE name = ? AND generation = ? ORDER BY id', [
      name,
      generation,
    ]);
    return new Map(rows.map((r) => [r.id, r.body]));
  }
}
