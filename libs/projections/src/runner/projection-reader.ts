import type { ProjectionTables } from './projection-tables';

/**
 * What queries read: the live generation's documents, with the position that generation had
 * seen, from one statement (so the two always belong together, even across a swap).
 */
export class ProjectionReader {
  constructor(private readonly tables: ProjectionTables) {}

  async document<D>(name: string, id: string): Promise<{ position: number; doc: D | null }> {
    const { position, body } = await this.tables.liveDocument(name, id);
    return { position, doc: body === null ? null : (JSON.parse(body) as D) };
  }

  async documents<D>(name: string, idPrefix = ''): Promise<{ position: number; docs: D[] }> {
    const { position, bodies } = await this.tables.liveDocuments(name, idPrefix);
    return { position, docs: bodies.map((b) => JSON.parse(b) as D) };
  }
}
