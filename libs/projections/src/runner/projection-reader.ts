import type { ProjectionTables } from './projection-tables';

const CACHE_LIMIT = 20_000;

/**
 * What queries read: the live generation's documents, with the position that generation had
 * seen, from one statement (so the two always belong together, even across a swap).
 *
 * Parsing is what a list query spends its time on, and most documents have not changed since the
 * last query: a document whose stored text is the same as last time is answered with the object
 * parsed then. Callers therefore get shared objects and must treat them as read-only.
 */
export class ProjectionReader {
  private readonly parsed = new Map<string, { body: string; doc: unknown }>();

  constructor(private readonly tables: ProjectionTables) {}

  async document<D>(name: string, id: string): Promise<{ position: number; doc: D | null }> {
    const { position, body } = await this.tables.liveDocument(name, id);
    return { position, doc: body === null ? null : this.parse<D>(name, id, body) };
  }

  async documents<D>(name: string, idPrefix = ''): Promise<{ position: number; docs: D[] }> {
    const { position, rows } = await this.tables.liveDocumentRows(name, idPrefix);
    return { position, docs: rows.map((r) => this.parse<D>(name, r.id, r.body)) };
  }

  /** One page of a list (see Projection.listing): its documents in order, the sort key of the last, and whether more follow. */
  async page<D>(name: string, list: string, after: string, limit: number): Promise<{ position: number; docs: Array<{ doc: D; sort: string }>; more: boolean }> {
    const { position, rows, more } = await this.tables.livePage(name, list, after, limit);
    return { position, more, docs: rows.map((r) => ({ doc: this.parse<D>(name, r.id, r.body), sort: r.sort })) };
  }

  private parse<D>(name: string, id: string, body: string): D {
    const key = `${name}\u0000${id}`;
    const cached = this.parsed.get(key);
    if (cached && cached.body === body) return cached.doc as D;
    const doc = JSON.parse(body) as D;
    if (this.parsed.size >= CACHE_LIMIT) this.parsed.clear();
    this.parsed.set(key, { body, doc });
    return doc;
  }
}
