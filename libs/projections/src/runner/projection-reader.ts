import type { ProjectionTables, ViewRow } from './projection-tables';
import { ReuseDistance } from './reuse-distance';

/**
 * JSON text the parsed documents kept may stand for. Their objects weigh four to five times that:
 * at a million events 24 MiB kept some 85 MB more resident after a warm start (409 against 325 MB),
 * and a larger old generation lengthened the collector's pauses in the KPI dashboard's tail.
 */
const CACHE_BYTES = 8 * 1024 * 1024;

interface Parsed {
  body: string;
  doc: unknown;
  /** read since eviction last passed it over */
  used: boolean;
}

/**
 * What queries read: the live generation's documents, with the position that generation had
 * seen, from one statement (so the two always belong together, even across a swap).
 *
 * Parsing is what a list query spends its time on, and most documents have not changed since the
 * last query: a document whose stored text is the same as last time is answered with the object
 * parsed then. Callers therefore get shared objects and must treat them as read-only. The least
 * recently read (near enough: see evict) go first once the kept text passes CACHE_BYTES: at a
 * million events one KPI dashboard is some 70 KB, and keeping every one would hold hundreds of MB.
 *
 * A document is kept from its second read on, and only when it is read again soon (ReuseDistance):
 * dashboards read in turn across a thousand initiatives were each kept, copied by the collector
 * and dropped unread, and that copying (13 ms a collection, ten a second) was the KPI dashboard's
 * p99 at a million events.
 */
export class ProjectionReader {
  private readonly parsed = new Map<string, Parsed>();
  private bytes = 0;
  private readonly reuse = new ReuseDistance(CACHE_BYTES);

  constructor(private readonly tables: ProjectionTables) {}

  async document<D>(name: string, id: string): Promise<{ position: number; doc: D | null }> {
    const { position, body } = await this.tables.liveDocument(name, id);
    return { position, doc: body === null ? null : this.parse<D>(name, id, body) };
  }

  async documents<D>(name: string, idPrefix = ''): Promise<{ position: number; docs: D[] }> {
    const { position, rows } = await this.tables.liveDocumentRows(name, idPrefix);
    return { position, docs: rows.map((r) => this.parse<D>(name, r.id, r.body)) };
  }

  /** The document `root` and its family (see Projection.familyOf), as they stood together. */
  async family<D>(name: string, root: string): Promise<{ position: number; root: D | null; members: D[] }> {
    const { position, rows } = await this.tables.liveFamily(name, root);
    let doc: D | null = null;
    const members: D[] = [];
    for (const r of rows) {
      if (r.id === root) doc = this.parse<D>(name, r.id, r.body);
      else members.push(this.parse<D>(name, r.id, r.body));
    }
    return { position, root: doc, members };
  }

  /**
   * The document `root` and the rendered views of its family (see Projection.render), as they
   * stood together, with the version of the generation they come from (one that did not render
   * has no views). The views are not kept: they are text to send, and a dashboard read in turn
   * across a thousand initiatives would only churn them.
   */
  async familyViews<D>(name: string, root: string): Promise<{ position: number; version: number; root: D | null; views: ViewRow[] }> {
    const read = await this.tables.liveFamilyViews(name, root);
    return { ...read, root: read.root === null ? null : this.parse<D>(name, root, read.root) };
  }

  /** One page of a list (see Projection.listing): its documents' summaries in order, the sort key of the last, and whether more follow. */
  async page<S>(
    name: string,
    list: string,
    after: string,
    limit: number,
  ): Promise<{ position: number; summaries: Array<{ summary: S; sort: string }>; more: boolean }> {
    const { position, rows, more } = await this.tables.livePage(name, list, after, limit);
    return { position, more, summaries: rows.map((r) => ({ summary: this.parse<S>(`${name}\u0000summary`, r.id, r.body), sort: r.sort })) };
  }

  private parse<D>(name: string, id: string, body: string): D {
    const key = `${name}\u0000${id}`;
    const cached = this.parsed.get(key);
    const near = this.reuse.use(key, body.length);
    // A hit writes nothing into the cache: not the row's new copy of the text, not a move to the
    // end of the Map. Those writes put young objects into tables in the old generation, and the
    // tables their churn left behind kept each page's rows alive until the next full collection:
    // at a million events every young-generation collection promoted some 3 MB of dead rows and
    // took 4-5 ms, ten times a second while the portfolio was read.
    if (cached !== undefined && cached.body === body) {
      cached.used = true;
      return cached.doc as D;
    }
    const doc = JSON.parse(body) as D;
    if (cached !== undefined) {
      this.parsed.delete(key);
      this.bytes -= cached.body.length;
    } else if (!near) return doc;
    this.parsed.set(key, { body, doc, used: false });
    this.bytes += body.length;
    this.evict();
    return doc;
  }

  /** Oldest first, but one read since it was last passed over gets a second chance at the end (the clock algorithm: LRU without a write per hit). */
  private evict(): void {
    for (const [key, entry] of this.parsed) {
      if (this.bytes <= CACHE_BYTES) break;
      this.parsed.delete(key);
      if (entry.used) {
        entry.used = false;
        this.parsed.set(key, entry);
      } else this.bytes -= entry.body.length;
    }
  }
}
